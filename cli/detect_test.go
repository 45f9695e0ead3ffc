package cli

import (
	"bufio"
	"errors"
	"strings"
	"testing"
)

func TestDetectFormat(t *testing.T) {
	t.Parallel()
	long := `{"publisher": {"name": "` + strings.Repeat("x", detectPeekBytes) + `"}, "grants": []}`
	tests := []struct {
		name    string
		path    string
		content string
		want    string
		wantErr string
	}{
		{"graphml extension", "net.GraphML", "anything", formatGraphML, ""},
		{"xml extension", "net.xml", "", formatGraphML, ""},
		{"gexf extension", "net.gexf", "<?xml?><gexf/>", "", "GEXF import is not supported"},
		{"gexf content", "-", `<?xml version="1.0"?>` + "\n<gexf xmlns=\"http://gexf.net/1.3\">", "", "GEXF import is not supported"},
		{"xml content", "-", "\n  <?xml version=\"1.0\"?><graphml/>", formatGraphML, ""},
		{"360Giving JSON", "g.json", `{"grants": [{"id": "360G-x"}]}`, formatGivingJSON, ""},
		{"360Giving JSON, grants after other keys", "-", "\ufeff" + `{"license": "CC-BY", "publisher": {"name": "Trust", "x": [1, {"grants": 2}]}, "grants": []}`, formatGivingJSON, ""},
		{"GeoJSON extension", "lad.geojson", "anything", formatBoundaries, ""},
		{"GeoJSON content", "lad.json", `{"type": "FeatureCollection", "name": "LAD", "features": []}`, formatBoundaries, ""},
		{"voicemap JSON", "m.json", `{"version": 1, "places": []}`, formatJSON, ""},
		{"other JSON object read whole", "-", `{"nodes": []}`, formatJSON, ""},
		{"JSON cut off before any known key", "-", long, "", "cannot tell 360Giving JSON from voicemap JSON"},
		{"360Giving CSV with BOM", "g.csv", "\ufeffIdentifier,Title,Amount  Awarded,Currency\nx,y,1,GBP\n", formatGivingCSV, ""},
		{"places CSV", "p.csv", "Code,Name,Parent Code,Population\nE1,A,,10\n", formatPlacesCSV, ""},
		{"Kumu elements", "k.csv", "Label,Type,Description\nAna,Person,\n", formatKumu, ""},
		{"places and Kumu", "x.csv", "Label,Code,Name\n", "", "fits both places-csv and kumu"},
		{"unknown CSV", "x.csv", "a,b,c\n1,2,3\n", "", "cannot tell the format from its header"},
		{"empty", "-", " \n", "", "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := detectFormat(tt.path, bufio.NewReaderSize(strings.NewReader(tt.content), detectPeekBytes))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, new(usageError)) {
					t.Errorf("detectFormat(%q) = %q, %v; want a usage error containing %q", tt.path, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("detectFormat(%q) = %q, %v; want %q", tt.path, got, err, tt.want)
			}
		})
	}
}
