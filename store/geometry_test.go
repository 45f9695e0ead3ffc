package store_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// The rules checked here are RFC 7946's: §3.1.1 positions [longitude,
// latitude(, altitude)], §3.1.6 linear rings (four or more positions,
// closed, exteriors counterclockwise and holes clockwise), §3.1.6/§3.1.7
// Polygon and MultiPolygon coordinates, §4 WGS84 degrees.
func TestNormalizeGeometry(t *testing.T) {
	ccw := `[[0,0],[1,0],[1,1],[0,1],[0,0]]`
	cw := `[[0,0],[0,1],[1,1],[1,0],[0,0]]`
	hole := `[[0.2,0.2],[0.2,0.8],[0.8,0.8],[0.8,0.2],[0.2,0.2]]` // clockwise
	holeCCW := `[[0.2,0.2],[0.8,0.2],[0.8,0.8],[0.2,0.8],[0.2,0.2]]`
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"space", "  \n", ""},
		{"polygon kept", `{"type":"Polygon","coordinates":[` + ccw + `]}`, `{"type":"Polygon","coordinates":[` + ccw + `]}`},
		{"clockwise exterior rewound", `{"type":"Polygon","coordinates":[` + cw + `]}`, `{"type":"Polygon","coordinates":[` + ccw + `]}`},
		{"counterclockwise hole rewound", `{"type":"Polygon","coordinates":[` + cw + `,` + holeCCW + `]}`,
			`{"type":"Polygon","coordinates":[` + ccw + `,` + hole + `]}`},
		{"members reordered, foreign and bbox dropped", `{"coordinates":[` + ccw + `],"bbox":[0,0,1,1],"title":"x","type":"Polygon"}`,
			`{"type":"Polygon","coordinates":[` + ccw + `]}`},
		{"numbers shortest", `{"type":"Polygon","coordinates":[[[0.10,0.0],[1e0,0],[1,1.000],[0,1],[0.1,0]]]}`,
			`{"type":"Polygon","coordinates":[[[0.1,0],[1,0],[1,1],[0,1],[0.1,0]]]}`},
		{"altitude dropped", `{"type":"Polygon","coordinates":[[[0,0,9],[1,0,9],[1,1,9],[0,1,9],[0,0,9]]]}`,
			`{"type":"Polygon","coordinates":[` + ccw + `]}`},
		{"multipolygon", `{"type":"MultiPolygon","coordinates":[[` + cw + `],[` + ccw + `,` + holeCCW + `]]}`,
			`{"type":"MultiPolygon","coordinates":[[` + ccw + `],[` + ccw + `,` + hole + `]]}`},
		{"antimeridian and poles in range", `{"type":"Polygon","coordinates":[[[-180,-90],[180,-90],[180,90],[-180,-90]]]}`,
			`{"type":"Polygon","coordinates":[[[-180,-90],[180,-90],[180,90],[-180,-90]]]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := store.NormalizeGeometry(tt.in)
			if err != nil {
				t.Fatalf("NormalizeGeometry(%s) error %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("NormalizeGeometry(%s) = %s, want %s", tt.in, got, tt.want)
			}
			again, err := store.NormalizeGeometry(got)
			if err != nil || again != got {
				t.Fatalf("NormalizeGeometry is not idempotent: %s gives %s (%v)", got, again, err)
			}
		})
	}
}

func TestNormalizeGeometryRefuses(t *testing.T) {
	big := `{"type":"Polygon","coordinates":[[` + strings.Repeat(`[0,0],`, store.MaxGeometryPositions) + `[0,0]]]}`
	tests := []struct {
		name, in, mention string
	}{
		{"not JSON", `POLYGON((0 0, 1 0, 1 1, 0 0))`, "not a GeoJSON geometry"},
		{"array", `[[0,0]]`, "not a GeoJSON geometry"},
		{"no type", `{"coordinates":[]}`, `no "type"`},
		{"point", `{"type":"Point","coordinates":[0,0]}`, "Polygon or MultiPolygon"},
		{"feature", `{"type":"Feature","geometry":null}`, "Polygon or MultiPolygon"},
		{"lower-case type", `{"type":"polygon","coordinates":[]}`, "Polygon or MultiPolygon"},
		{"no coordinates", `{"type":"Polygon"}`, `no "coordinates"`},
		{"no ring", `{"type":"Polygon","coordinates":[]}`, "at least one linear ring"},
		{"empty multipolygon", `{"type":"MultiPolygon","coordinates":[]}`, "at least one polygon"},
		{"three positions", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}`, "at least 4"},
		{"open ring", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`, "not closed"},
		{"no area", `{"type":"Polygon","coordinates":[[[0,0],[1,1],[2,2],[0,0]]]}`, "no area"},
		{"one number", `{"type":"Polygon","coordinates":[[[0],[1,0],[1,1],[0]]]}`, "[longitude, latitude]"},
		{"four numbers", `{"type":"Polygon","coordinates":[[[0,0,0,0],[1,0],[1,1],[0,0]]]}`, "[longitude, latitude]"},
		{"latitude out of range", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,91],[0,0]]]}`, "WGS84"},
		{"British National Grid", `{"type":"Polygon","coordinates":[[[530000,180000],[531000,180000],[531000,181000],[530000,180000]]]}`, "British National Grid"},
		{"string coordinate", `{"type":"Polygon","coordinates":[[["0","0"],[1,0],[1,1],[0,0]]]}`, "coordinates must be"},
		{"trailing text", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]} x`, "text after"},
		{"too many positions", big, "positions"},
		{"too long", strings.Repeat(" ", 10) + `{"type":"Polygon","coordinates":[[` + strings.Repeat(`[0.000000000001,0.000000000001],`, store.MaxGeometryLen/30) + `]]}`, "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := store.NormalizeGeometry(tt.in)
			if store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("NormalizeGeometry(%.60s) error %v, want %s", tt.in, err, store.EINVALID)
			}
			if msg := store.ErrorMessage(err); !strings.Contains(msg, tt.mention) {
				t.Fatalf("NormalizeGeometry(%.60s) message %q does not mention %q", tt.in, msg, tt.mention)
			}
		})
	}
}

// FuzzNormalizeGeometry checks that NormalizeGeometry never panics, fails
// only with EINVALID, and that what it accepts is canonical: valid JSON of
// a Polygon or MultiPolygon, idempotent, within the limits.
func FuzzNormalizeGeometry(f *testing.F) {
	for _, s := range []string{
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}`,
		`{"type":"MultiPolygon","coordinates":[[[[0,0],[0,1],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.5,0.1],[0.5,0.4],[0.1,0.1]]]}`,
		`{"type":"Point","coordinates":[0,0]}`, `null`, `{}`, `{"type":"Polygon","coordinates":[[[1e400,0]]]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := store.NormalizeGeometry(in)
		if err != nil {
			if store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("NormalizeGeometry(%q) code %s, want %s", in, store.ErrorCode(err), store.EINVALID)
			}
			return
		}
		if out == "" {
			if strings.TrimSpace(in) != "" {
				t.Fatalf("NormalizeGeometry(%q) = \"\" for non-empty input", in)
			}
			return
		}
		var g struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal([]byte(out), &g); err != nil || (g.Type != "Polygon" && g.Type != "MultiPolygon") {
			t.Fatalf("NormalizeGeometry(%q) = %s, not a Polygon or MultiPolygon (%v)", in, out, err)
		}
		again, err := store.NormalizeGeometry(out)
		if err != nil || again != out {
			t.Fatalf("NormalizeGeometry not idempotent on %s: %s, %v", out, again, err)
		}
		if len(out) > store.MaxGeometryLen+64 {
			t.Fatalf("canonical geometry of %d bytes", len(out))
		}
	})
}
