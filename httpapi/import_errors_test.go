package httpapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestGraphMLEdgeToMissingNode imports, over GraphQL, a GraphML file whose
// edge names a node the file does not hold, and checks the answer: one
// BAD_USER_INPUT error whose problems give the edge and its line (not
// NOT_FOUND with a derived relationship id), and nothing written.
func TestGraphMLEdgeToMissingNode(t *testing.T) {
	t.Parallel()
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<graph edgedefault="undirected">
<node id="a"/>
<node id="b"/>
<edge source="a" target="b"/>
<edge source="a" target="zz"/>
</graph>
</graphml>`
	h, st := newTestServer(t, Options{})
	rec := postJSON(h, gqlBody(t, `mutation($d: String!) { importNetwork(format: GRAPHML, data: $d, placeId: "town") { people } }`, map[string]any{"d": doc}))
	var resp struct {
		Errors []struct {
			Message    string
			Extensions struct {
				Code     string
				Problems []string
			}
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("import = %d %s (%v)", rec.Code, rec.Body, err)
	}
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions.Code != "BAD_USER_INPUT" {
		t.Fatalf("import answered %s, want one BAD_USER_INPUT error", rec.Body)
	}
	problems := resp.Errors[0].Extensions.Problems
	if len(problems) != 1 || !strings.Contains(problems[0], `edge "a--zz" (line 7): target "zz" is not a node of this document`) {
		t.Errorf("problems = %q, want the edge with its line", problems)
	}
	if n := placeCount(t, st); n != 0 {
		t.Errorf("a refused import wrote %d places", n)
	}
}
