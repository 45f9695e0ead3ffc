package service_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// exportColumns exports the scope as CSV and returns the nodes table as
// column name → actor id → cell.
func exportColumns(t *testing.T, s *service.Service, scope store.Scope) map[string]map[string]string {
	t.Helper()
	var nodes, edges bytes.Buffer
	if err := s.ExportCSV(admin(context.Background()), scope, &nodes, &edges); err != nil {
		t.Fatalf("ExportCSV: %v", err)
	}
	rows, err := csv.NewReader(&nodes).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for j, name := range rows[0] {
		out[name] = map[string]string{}
		for _, row := range rows[1:] {
			out[name][row[0]] = row[j]
		}
	}
	return out
}

// TestExportNetworkFlags checks the yes-or-no measures on reachTown (see
// reach_test.go), worked by hand: F, F2 and C have no tie (isolated); with
// no forum p1..p4 are unheard (FAR_FROM_POWER) and nobody holds a seat;
// with the forum p1..p4 hold decision seats and nobody is unheard.
func TestExportNetworkFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                     string
		deciding                 bool
		isolated, unheard, holds []string
	}{
		{"no forum", false, []string{"C", "F", "F2"}, []string{"p1", "p2", "p3", "p4"}, nil},
		{"deciding forum", true, []string{"C", "F", "F2"}, nil, []string{"p1", "p2", "p3", "p4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := exportColumns(t, reachTown(t, tt.deciding), store.Scope{})
			ids := slices.Sorted(maps.Keys(cols["Id"]))
			if len(ids) != 10 {
				t.Fatalf("exported actors %v, want 10", ids)
			}
			for _, c := range []struct {
				name string
				want []string
			}{{"isolated", tt.isolated}, {"unheard", tt.unheard}, {"decision_holder", tt.holds}} {
				var got []string
				for _, id := range ids {
					switch cols[c.name][id] {
					case "true":
						got = append(got, id)
					case "false":
					default:
						t.Errorf("%s of %s = %q, want true or false", c.name, id, cols[c.name][id])
					}
				}
				if !slices.Equal(got, c.want) {
					t.Errorf("%s actors = %v, want %v", c.name, got, c.want)
				}
			}
			// voice_score is given for community members only.
			for _, id := range ids {
				if v := cols["voice_score"][id]; v != "" && !strings.HasPrefix(id, "p") {
					t.Errorf("voice_score of %s = %q, want none", id, v)
				}
			}
			if cols["degree"]["A"] != "0.1111111111111111" { // 1 tie among 10 actors: 1/9
				t.Errorf("degree of A = %q, want 1/9", cols["degree"]["A"])
			}
		})
	}
}

func TestExportNetworkFormats(t *testing.T) {
	t.Parallel()
	s := reachTown(t, false)
	ctx := admin(context.Background())
	scope := store.Scope{PlaceID: "town"}
	for _, f := range service.ExportFormats {
		var buf bytes.Buffer
		if err := s.ExportNetwork(ctx, scope, f, &buf); err != nil {
			t.Fatalf("ExportNetwork(%s): %v", f, err)
		}
		out := buf.String()
		for name := range service.ExportMeasures() {
			if !strings.Contains(out, name) {
				t.Errorf("ExportNetwork(%s) does not declare measure %s", f, name)
			}
		}
		if strings.Contains(out, `"C"`) || strings.Contains(out, "\nC,") {
			t.Errorf("ExportNetwork(%s) of town holds C, located elsewhere", f)
		}
	}
	var nodes, edges, doc bytes.Buffer
	if err := s.ExportCSV(ctx, scope, &nodes, &edges); err != nil {
		t.Fatal(err)
	}
	if err := s.ExportNetwork(ctx, scope, service.ExportCSV, &doc); err != nil {
		t.Fatal(err)
	}
	if want := nodes.String() + "\n" + edges.String(); doc.String() != want {
		t.Errorf("ExportNetwork(CSV) = %q, want nodes, an empty line, edges: %q", doc.String(), want)
	}
}

func TestExportNetworkErrors(t *testing.T) {
	t.Parallel()
	s := reachTown(t, false)
	tests := []struct {
		name   string
		scope  store.Scope
		format service.ExportFormat
		code   string
	}{
		{"unknown format", store.Scope{}, "DOT", store.EINVALID},
		{"lower-case format", store.Scope{}, "graphml", store.EINVALID},
		{"unknown place", store.Scope{PlaceID: "nowhere"}, service.ExportGraphML, store.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := s.ExportNetwork(admin(context.Background()), tt.scope, tt.format, &buf)
			if got := store.ErrorCode(err); got != tt.code {
				t.Errorf("ExportNetwork(%+v, %q) error %v, code %q; want %q", tt.scope, tt.format, err, got, tt.code)
			}
			if buf.Len() != 0 {
				t.Errorf("ExportNetwork wrote %d bytes before failing", buf.Len())
			}
		})
	}
	if err := s.ExportCSV(admin(context.Background()), store.Scope{PlaceID: "nowhere"}, &bytes.Buffer{}, &bytes.Buffer{}); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("ExportCSV(nowhere) error %v, want ENOTFOUND", err)
	}
}
