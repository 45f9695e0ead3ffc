// Command export_demo writes the Millbrook demo network (package demo) in
// every export format, with computed measures, for
// scripts/interop/check_exports.py to open in NetworkX and igraph:
//
//	go run ./scripts/interop/export_demo -out DIR
//
// It writes DIR/demo.graphml, DIR/demo.gexf, DIR/demo_nodes.csv and
// DIR/demo_edges.csv, and prints to stdout a JSON summary: the numbers of
// nodes and edges and the name and type of every measure. The measures are
// computed by package analysis on the whole demo, all dates, ties
// unweighted, on the graph the service builds (one node per actor, sorted
// by id; parallel relationships folded into one tie):
//
//	betweenness, closeness, pagerank   double   analysis.Centrality
//	coreness                           int      analysis.Centrality (CORENESS)
//	community                          int      analysis.Communities, seed 1: the community's rank by size
//	isolated                           boolean  no tie at all
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "export_demo:", err)
		os.Exit(1)
	}
}

// summary is what the command prints: what the files should hold.
type summary struct {
	Nodes    int               `json:"nodes"`
	Edges    int               `json:"edges"`
	Measures map[string]string `json:"measures"` // name → GraphML attr.type
	Files    map[string]string `json:"files"`    // format → path
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export_demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "directory to write the exports to (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("-out is required")
	}
	snap, err := snapshot(demo.Network())
	if err != nil {
		return err
	}
	m, err := measures(ctx, snap)
	if err != nil {
		return err
	}
	files := map[string]string{
		"graphml": filepath.Join(*out, "demo.graphml"),
		"gexf":    filepath.Join(*out, "demo.gexf"),
		"nodes":   filepath.Join(*out, "demo_nodes.csv"),
		"edges":   filepath.Join(*out, "demo_edges.csv"),
	}
	if err := write(files["graphml"], func(w io.Writer) error { return interchange.EncodeGraphML(w, snap, m) }); err != nil {
		return err
	}
	if err := write(files["gexf"], func(w io.Writer) error { return interchange.EncodeGEXF(w, snap, m) }); err != nil {
		return err
	}
	err = write(files["nodes"], func(nodes io.Writer) error {
		return write(files["edges"], func(edges io.Writer) error { return interchange.EncodeCSV(nodes, edges, snap, m) })
	})
	if err != nil {
		return err
	}
	sum := summary{
		Nodes: len(snap.People) + len(snap.Organisations), Edges: len(snap.Relationships),
		Measures: map[string]string{}, Files: files,
	}
	for name := range m.Float {
		sum.Measures[name] = "double"
	}
	for name := range m.Int {
		sum.Measures[name] = "int"
	}
	for name := range m.Bool {
		sum.Measures[name] = "boolean"
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(sum)
}

// write creates path and hands it to encode, closing it after.
func write(path string, encode func(io.Writer) error) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return encode(f)
}

// snapshot is the snapshot a store holds of a whole batch, all dates:
// every entity in normal form, every slice sorted by id.
func snapshot(b store.Batch) (*store.Snapshot, error) {
	s := &store.Snapshot{Places: b.Places}
	for _, p := range b.People {
		p, err := store.NormalizePerson(p)
		if err != nil {
			return nil, err
		}
		s.People = append(s.People, p)
	}
	for _, o := range b.Organisations {
		o, err := store.NormalizeOrganisation(o)
		if err != nil {
			return nil, err
		}
		s.Organisations = append(s.Organisations, o)
	}
	for _, r := range b.Relationships {
		r, err := store.NormalizeRelationship(r)
		if err != nil {
			return nil, err
		}
		s.Relationships = append(s.Relationships, r)
	}
	slices.SortFunc(s.Places, func(a, b store.Place) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(s.People, func(a, b store.Person) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(s.Organisations, func(a, b store.Organisation) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(s.Relationships, func(a, b store.Relationship) int { return cmp.Compare(a.ID, b.ID) })
	return s, nil
}

// measures computes the measures listed in the command's doc.
func measures(ctx context.Context, s *store.Snapshot) (interchange.Measures, error) {
	var ids []string
	for _, p := range s.People {
		ids = append(ids, p.ID)
	}
	for _, o := range s.Organisations {
		ids = append(ids, o.ID)
	}
	slices.Sort(ids)
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		index[id] = i
	}
	edges := make([]analysis.Edge, 0, len(s.Relationships))
	degree := make([]int, len(ids))
	for _, r := range s.Relationships {
		u, v := index[r.FromID], index[r.ToID]
		edges = append(edges, analysis.Edge{U: u, V: v, Weight: r.Weight})
		degree[u]++
		degree[v]++
	}
	g, err := analysis.NewGraph(len(ids), edges)
	if err != nil {
		return interchange.Measures{}, err
	}
	m := interchange.Measures{
		Float: map[string]map[string]float64{},
		Int:   map[string]map[string]int64{"coreness": {}, "community": {}},
		Bool:  map[string]map[string]bool{"isolated": {}},
	}
	for name, measure := range map[string]analysis.Measure{"betweenness": analysis.Betweenness, "closeness": analysis.Closeness, "pagerank": analysis.PageRank} {
		vals, err := analysis.Centrality(ctx, g, measure, false)
		if err != nil {
			return interchange.Measures{}, err
		}
		m.Float[name] = map[string]float64{}
		for i, v := range vals {
			m.Float[name][ids[i]] = v
		}
	}
	core, err := analysis.Centrality(ctx, g, analysis.Coreness, false)
	if err != nil {
		return interchange.Measures{}, err
	}
	comms, err := analysis.Communities(ctx, g, 1)
	if err != nil {
		return interchange.Measures{}, err
	}
	for c, members := range comms.Communities {
		for _, i := range members {
			m.Int["community"][ids[i]] = int64(c)
		}
	}
	for i, id := range ids {
		m.Int["coreness"][id] = int64(core[i])
		m.Bool["isolated"][id] = degree[i] == 0
	}
	return m, nil
}
