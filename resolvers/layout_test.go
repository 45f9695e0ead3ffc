package resolvers_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
)

type layoutResp struct {
	NetworkLayout struct {
		Collapsed bool
		Nodes     []struct {
			ID, Community string
			X, Y          float64
			Size          int
			Actor         *struct {
				Typename string `json:"__typename"`
				ID, Name string
			}
		}
		Edges []struct {
			Source, Target string
			Weight         float64
		}
		Columns struct {
			IDs            []string `json:"ids"`
			X, Y, Weight   []float64
			Size           []int
			Community      []string
			IsActor        []bool
			Source, Target []int
		}
	}
}

// checkColumns checks that the columns carry the picture of the nodes and
// edges: entry i of each node column is node i, each edge's ends index the
// nodes it names.
func checkColumns(t *testing.T, r layoutResp) {
	t.Helper()
	l, c := r.NetworkLayout, r.NetworkLayout.Columns
	if len(c.IDs) != len(l.Nodes) || len(c.X) != len(l.Nodes) || len(c.Y) != len(l.Nodes) || len(c.Size) != len(l.Nodes) || len(c.Community) != len(l.Nodes) || len(c.IsActor) != len(l.Nodes) {
		t.Fatalf("node columns of %d nodes: %+v", len(l.Nodes), c)
	}
	for i, n := range l.Nodes {
		if c.IDs[i] != n.ID || c.X[i] != n.X || c.Y[i] != n.Y || c.Size[i] != n.Size || c.Community[i] != n.Community || c.IsActor[i] != (n.Actor != nil) {
			t.Errorf("columns entry %d = %s %v %v %d %s %v, node %+v", i, c.IDs[i], c.X[i], c.Y[i], c.Size[i], c.Community[i], c.IsActor[i], n)
		}
	}
	if len(c.Source) != len(l.Edges) || len(c.Target) != len(l.Edges) || len(c.Weight) != len(l.Edges) {
		t.Fatalf("edge columns of %d edges: %+v", len(l.Edges), c)
	}
	for j, ed := range l.Edges {
		if c.IDs[c.Source[j]] != ed.Source || c.IDs[c.Target[j]] != ed.Target || c.Weight[j] != ed.Weight {
			t.Errorf("columns edge %d = %s-%s %v, edge %+v", j, c.IDs[c.Source[j]], c.IDs[c.Target[j]], c.Weight[j], ed)
		}
	}
}

// layoutQuery is the selection a dashboard makes.
const layoutQuery = `query($place: ID, $max: Int, $expand: [ID!]) {
	networkLayout(placeId: $place, maxNodes: $max, expand: $expand) {
		collapsed
		nodes { id x y size community actor { __typename id name } }
		edges { source target weight }
	}
}`

// layoutColumnsQuery is layoutQuery with the columns, to compare them.
const layoutColumnsQuery = `query($place: ID, $max: Int, $expand: [ID!]) {
	networkLayout(placeId: $place, maxNodes: $max, expand: $expand) {
		collapsed
		nodes { id x y size community actor { __typename id name } }
		edges { source target weight }
		columns { ids x y size community isActor source target weight }
	}
}`

func TestNetworkLayoutQuery(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	var comms struct {
		Communities struct {
			Communities []struct {
				ID      string
				Size    int
				Members []struct{ ID string }
			}
		}
	}
	e.do(t, `{ communities(placeId: "town") { communities { id size members { id } } } }`, &comms)
	of := map[string]string{}
	for _, c := range comms.Communities.Communities {
		for _, m := range c.Members {
			of[m.ID] = c.ID
		}
	}

	var resp layoutResp
	e.do(t, layoutColumnsQuery, &resp, client.Var("place", "town"))
	checkColumns(t, resp)
	l := resp.NetworkLayout
	var ids []string
	for _, n := range l.Nodes {
		ids = append(ids, n.ID)
		if n.Actor == nil || n.Actor.ID != n.ID || n.Size != 1 || n.Community != of[n.ID] {
			t.Errorf("node %+v: want actor %s of size 1 in community %s", n, n.ID, of[n.ID])
		}
	}
	if want := []string{"ann", "bob", "cat", "council", "youth-club"}; l.Collapsed || !slices.Equal(ids, want) {
		t.Fatalf("networkLayout(town) = collapsed %v, nodes %v; want %v", l.Collapsed, ids, want)
	}
	weights := map[string]float64{}
	for _, ed := range l.Edges {
		weights[ed.Source+"-"+ed.Target] = ed.Weight
	}
	want := map[string]float64{"ann-bob": 1, "ann-cat": 1, "bob-youth-club": 2, "cat-council": 1}
	if len(weights) != len(want) {
		t.Errorf("edges = %v, want %v", weights, want)
	}
	for k, w := range want {
		if weights[k] != w {
			t.Errorf("edge %s weighs %v, want %v", k, weights[k], w)
		}
	}

	// Fewer nodes than actors: the communities, then one expanded.
	k := len(comms.Communities.Communities)
	e.do(t, layoutColumnsQuery, &resp, client.Var("place", "town"), client.Var("max", k))
	checkColumns(t, resp)
	l = resp.NetworkLayout
	if !l.Collapsed || len(l.Nodes) != k {
		t.Fatalf("networkLayout(maxNodes %d) = collapsed %v, %d nodes; want the %d communities", k, l.Collapsed, len(l.Nodes), k)
	}
	for i, n := range l.Nodes {
		c := comms.Communities.Communities[i]
		if n.ID != c.ID || n.Community != c.ID || n.Size != c.Size || n.Actor != nil {
			t.Errorf("community node %+v, want %s of size %d without an actor", n, c.ID, c.Size)
		}
	}
	c1 := comms.Communities.Communities[0]
	e.do(t, layoutColumnsQuery, &resp, client.Var("place", "town"), client.Var("max", 4), client.Var("expand", []string{c1.ID}))
	checkColumns(t, resp)
	var members int
	for _, n := range resp.NetworkLayout.Nodes {
		if n.Actor != nil {
			members++
			if n.Community != c1.ID {
				t.Errorf("expanded node %s is in %s, want %s", n.ID, n.Community, c1.ID)
			}
		}
	}
	if !resp.NetworkLayout.Collapsed || members != c1.Size || len(resp.NetworkLayout.Nodes) != k-1+c1.Size {
		t.Errorf("networkLayout(expand %s) = %d nodes with %d actors; want %d with %d", c1.ID, len(resp.NetworkLayout.Nodes), members, k-1+c1.Size, c1.Size)
	}
}

func TestNetworkLayoutErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	tests := []struct {
		name string
		opts []client.Option
		code string
	}{
		{"maxNodes 0", []client.Option{client.Var("max", 0)}, "BAD_USER_INPUT"},
		{"maxNodes too large", []client.Option{client.Var("max", 20_001)}, "BAD_USER_INPUT"},
		{"unknown community", []client.Option{client.Var("max", 2), client.Var("expand", []string{"c99"})}, "BAD_USER_INPUT"},
		{"unknown place", []client.Option{client.Var("place", "nowhere")}, "NOT_FOUND"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := append([]client.Option{client.Var("place", "town")}, tt.opts...)
			if tt.name == "unknown place" {
				opts = tt.opts
			}
			if errs := e.fail(t, layoutQuery, opts...); code(errs) != tt.code {
				t.Errorf("networkLayout(%s): %+v, want code %s", tt.name, errs, tt.code)
			}
		})
	}
	funder := newEnvAs(t, servicetest.MustOpenStore(t), resolvers.Options{}, auth.Principal{KeyID: "f", Role: auth.RoleFunder})
	if errs := funder.fail(t, `{ networkLayout { collapsed } }`); code(errs) != "FORBIDDEN" {
		t.Errorf("networkLayout as a funder: %+v, want FORBIDDEN", errs)
	}
}

// TestNetworkLayoutCost checks the cost function: a dashboard's selection
// at the largest maxNodes is accepted, the cost grows with maxNodes, and a
// nested connection under every node's actor is refused before anything
// runs.
func TestNetworkLayoutCost(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	var resp layoutResp
	e.do(t, layoutQuery, &resp, client.Var("place", "town"), client.Var("max", 10_000))
	heavy := `query($max: Int) { networkLayout(placeId: "town", maxNodes: $max) {
		nodes { id actor { id relationships(first: 50) { edges { node { id } } } } } } }`
	var raw map[string]any
	e.do(t, heavy, &raw, client.Var("max", 5))
	e.store.Reset()
	errs := e.fail(t, heavy, client.Var("max", 2000))
	if !strings.Contains(errs[0].Message, "complexity") {
		t.Errorf("networkLayout(maxNodes 2000) with relationships under every actor: %+v, want refused for complexity", errs)
	}
	if n := e.store.Total(); n != 0 {
		t.Errorf("the refused query made %d store calls, want 0", n)
	}
	e.do(t, layoutQuery, &resp, client.Var("place", "town"), client.Var("max", 20_000))
	// The columns are lists as long as the nodes and edges, costed once
	// (not per node): the map's picture at the largest maxNodes passes.
	e.do(t, `query { networkLayout(placeId: "town", maxNodes: 20000) { collapsed columns { ids x y size community isActor source target weight } } }`, &raw)
	// The cost grows with maxNodes: a selection of 26 fields per node
	// passes at 15,000 nodes and is refused at 20,000.
	wide := `query($max: Int) { networkLayout(placeId: "town", maxNodes: $max) { nodes { ` +
		strings.Repeat("id x y ", 8) + ` } edges { source target } } }`
	e.do(t, wide, &raw, client.Var("max", 15_000))
	if errs := e.fail(t, wide, client.Var("max", 20_000)); !strings.Contains(errs[0].Message, "complexity") {
		t.Errorf("networkLayout(maxNodes 20000) with a wide selection: %+v, want refused for complexity", errs)
	}
}

// TestNetworkLayoutAudited checks that a layout's people are audited even
// when no Person field is selected: node ids name them.
func TestNetworkLayoutAudited(t *testing.T) {
	t.Parallel()
	e, path := auditEnv(t, auth.Principal{KeyID: "ana", Role: auth.RoleAnalyst})
	var resp map[string]any
	e.do(t, `{ networkLayout(placeId: "ward") { nodes { id x y } } }`, &resp)
	recs := auditRecords(t, path)
	if len(recs) != 1 {
		t.Fatalf("%d audit records, want 1: %+v", len(recs), recs)
	}
	if r := recs[0]; r.Operation != "query networkLayout" || strings.Join(r.Subjects, ",") != hashed(t, path, "bn,zq") || r.Failed {
		t.Errorf("record = %+v, want query networkLayout about bn,zq", r)
	}
}
