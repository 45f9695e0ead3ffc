package graph_test

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/voicemap/voicemap/graph"
)

// TestSchemaSDL checks that the published schema is the whole schema and
// parses on its own, as client code generators read it.
func TestSchemaSDL(t *testing.T) {
	sdl := string(graph.SchemaSDL())
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: sdl})
	if err != nil {
		t.Fatalf("SchemaSDL does not parse: %v", err)
	}
	for _, f := range []string{"viewer", "unheardVoices", "networkSummary", "underservedReport"} {
		if s.Query.Fields.ForName(f) == nil {
			t.Errorf("SchemaSDL has no Query.%s", f)
		}
	}
	if !strings.Contains(sdl, "# voice.graphqls\n") {
		t.Error("SchemaSDL does not name its files")
	}
}
