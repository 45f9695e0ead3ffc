package service

import (
	"context"
	"fmt"
	"io"
	"maps"
	"strconv"
	"strings"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/voice"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

// ExportFormat names a file format of ExportNetwork (the GraphQL enum
// ExportFormat).
type ExportFormat string

// Export formats.
const (
	// ExportGraphML is GraphML with typed keys: NetworkX read_graphml,
	// igraph Graph.Read_GraphML, Gephi, Cytoscape, yEd.
	ExportGraphML ExportFormat = "GRAPHML"
	// ExportGEXF is GEXF 1.3, Gephi's own format (also NetworkX read_gexf).
	ExportGEXF ExportFormat = "GEXF"
	// ExportCSV is a nodes table and an edges table (Gephi's spreadsheet
	// import, pandas, R, spreadsheets).
	ExportCSV ExportFormat = "CSV"
)

// ExportFormats lists every export format.
var ExportFormats = []ExportFormat{ExportGraphML, ExportGEXF, ExportCSV}

// exportMeasure is one computed measure written as a node attribute.
type exportMeasure struct {
	name     string
	measure  analysis.Measure
	weighted bool
}

// exportCentralities are the centralities ExportNetwork writes, named as
// the measure in lower case with "_w" for the weighted variant where
// analysis.Centrality distinguishes one.
var exportCentralities = []exportMeasure{
	{"degree", analysis.Degree, false},
	{"weighted_degree", analysis.WeightedDegree, false},
	{"betweenness", analysis.Betweenness, false},
	{"betweenness_w", analysis.Betweenness, true},
	{"closeness", analysis.Closeness, false},
	{"closeness_w", analysis.Closeness, true},
	{"harmonic", analysis.Harmonic, false},
	{"harmonic_w", analysis.Harmonic, true},
	{"pagerank", analysis.PageRank, false},
	{"pagerank_w", analysis.PageRank, true},
	{"eigenvector", analysis.Eigenvector, false},
	{"eigenvector_w", analysis.Eigenvector, true},
}

// ExportMeasures lists the measures ExportNetwork writes as node
// attributes, name → GraphML attr.type ("double", "int", "boolean"). See
// ExportNetwork for their definitions.
func ExportMeasures() map[string]string {
	out := map[string]string{
		"coreness": "int", "community": "int",
		"isolated": "boolean", "unheard": "boolean", "decision_holder": "boolean",
		"voice_score": "double",
	}
	for _, m := range exportCentralities {
		out[m.name] = "double"
	}
	return out
}

// ExportNetwork writes the network of scope (the place with its
// descendants, every place when PlaceID is empty, as of AsOf) to w in
// format, through the encoders of package interchange, with the computed
// measures as typed node attributes. The measures are the service's own
// answers for the scope and date (the same as centrality, communities and
// unheardVoices, read from the same cache and under the same scale policy,
// so BETWEENNESS and HARMONIC are estimates on a scope ScalePolicy finds
// large):
//
//	degree           double   centrality DEGREE: deg(v)/(n-1)
//	weighted_degree  double   centrality WEIGHTED_DEGREE: Σ strengths of v's ties
//	betweenness      double   centrality BETWEENNESS, unweighted (normalised)
//	betweenness_w    double   BETWEENNESS weighted (tie length 1/strength)
//	closeness        double   centrality CLOSENESS, unweighted (wf_improved)
//	closeness_w      double   CLOSENESS weighted (tie length 1/strength)
//	harmonic         double   centrality HARMONIC, unweighted
//	harmonic_w       double   HARMONIC weighted (tie length 1/strength)
//	pagerank         double   centrality PAGERANK (α 0.85), unweighted
//	pagerank_w       double   PAGERANK weighted by strength
//	eigenvector      double   centrality EIGENVECTOR, unweighted
//	eigenvector_w    double   EIGENVECTOR weighted by strength
//	coreness         int      centrality CORENESS: the core number
//	community        int      Communities: n for community "cn" (1 the largest)
//	isolated         boolean  the actor has no tie in scope
//	unheard          boolean  UnheardVoices lists the person with unheard true
//	                          (false for everyone else, organisations included)
//	voice_score      double   UnheardVoices' score, only for the people it lists
//	                          (community members scoring above 0)
//	decision_holder  boolean  the actor holds decision power in a forum in
//	                          scope (voice.Holders: CO_PRODUCE or LEAD in a
//	                          decision-making forum)
//
// CSV writes one document: the nodes table, one empty line, then the edges
// table; ExportCSV writes them to two writers.
//
// Errors: ENOTFOUND for an unknown place, EINVALID for an unknown format or
// a scope above the caps.
func (s *Service) ExportNetwork(ctx context.Context, scope store.Scope, format ExportFormat, w io.Writer) error {
	return run0(ctx, s, "ExportNetwork", func(a *access) error {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return err
		}
		switch format {
		case ExportGraphML, ExportGEXF, ExportCSV:
		default:
			return store.Errorf(store.EINVALID, "unknown export format %q; use one of GRAPHML, GEXF, CSV", format)
		}
		snap, m, err := s.exportInput(ctx, a, scope)
		if err != nil {
			return err
		}
		a.disclosePeople(snap.People)
		switch format {
		case ExportGraphML:
			err = interchange.EncodeGraphML(w, snap, m)
		case ExportGEXF:
			err = interchange.EncodeGEXF(w, snap, m)
		default:
			var edges strings.Builder
			if err = interchange.EncodeCSV(w, &edges, snap, m); err == nil {
				if _, err = io.WriteString(w, "\n"); err == nil {
					_, err = io.WriteString(w, edges.String())
				}
			}
		}
		if err != nil {
			return fmt.Errorf("service: export %s: %w", format, err)
		}
		return nil
	})
}

// ExportCSV writes the network of scope as two CSV tables, the nodes (with
// the measures of ExportNetwork as columns) to nodes and the relationships
// to edges. Errors as ExportNetwork.
func (s *Service) ExportCSV(ctx context.Context, scope store.Scope, nodes, edges io.Writer) error {
	return run0(ctx, s, "ExportCSV", func(a *access) error {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return err
		}
		snap, m, err := s.exportInput(ctx, a, scope)
		if err != nil {
			return err
		}
		a.disclosePeople(snap.People)
		if err := interchange.EncodeCSV(nodes, edges, snap, m); err != nil {
			return fmt.Errorf("service: export CSV: %w", err)
		}
		return nil
	})
}

// exportInput returns the snapshot of scope, as the principal of a may
// see it (without the withdrawn, placeholders pseudonymised), and the
// measures of ExportNetwork for its actors.
func (s *Service) exportInput(ctx context.Context, a *access, scope store.Scope) (*store.Snapshot, interchange.Measures, error) {
	nw, err := s.network(ctx, scope)
	if err != nil {
		return nil, interchange.Measures{}, err
	}
	n := len(nw.actors)
	m := interchange.Measures{
		Float: make(map[string]map[string]float64, len(exportCentralities)+1),
		Int:   map[string]map[string]int64{"coreness": make(map[string]int64, n), "community": make(map[string]int64, n)},
		Bool: map[string]map[string]bool{
			"isolated": make(map[string]bool, n), "unheard": make(map[string]bool, n), "decision_holder": make(map[string]bool, n),
		},
	}
	for _, em := range exportCentralities {
		scores, err := s.exportScores(ctx, scope, nw, em.measure, em.weighted)
		if err != nil {
			return nil, interchange.Measures{}, err
		}
		vals := make(map[string]float64, n)
		for i, a := range nw.actors {
			vals[a.ID()] = scores[i]
		}
		m.Float[em.name] = vals
	}
	core, err := s.exportScores(ctx, scope, nw, analysis.Coreness, false)
	if err != nil {
		return nil, interchange.Measures{}, err
	}
	holders := voice.Holders(voiceInput(nw).Participations)
	for i, a := range nw.actors {
		id := a.ID()
		m.Int["coreness"][id] = int64(core[i])
		nbrs, _ := nw.graph.Neighbours(i)
		m.Bool["isolated"][id] = len(nbrs) == 0
		m.Bool["unheard"][id] = false
		m.Bool["decision_holder"][id] = holders[i]
	}

	comms, err := s.Communities(ctx, scope)
	if err != nil {
		return nil, interchange.Measures{}, err
	}
	for _, c := range comms.Communities {
		k, err := strconv.ParseInt(strings.TrimPrefix(c.ID, "c"), 10, 32)
		if err != nil {
			return nil, interchange.Measures{}, fmt.Errorf("service: export: community id %q: %w", c.ID, err)
		}
		for _, a := range c.Members {
			if _, ok := nw.index[a.ID()]; ok {
				m.Int["community"][a.ID()] = k
			}
		}
	}

	rep, err := s.voices(ctx, scope, Accuracy{})
	if err != nil {
		return nil, interchange.Measures{}, err
	}
	scoresOf := map[string]float64{}
	for _, v := range rep.voices {
		if v.Score <= 0 {
			break // most unheard first: the rest score 0
		}
		p := rep.nw.actors[v.Node].Person
		if p == nil || p.Capacity != store.CapacityCommunity {
			continue
		}
		if _, ok := nw.index[p.ID]; !ok {
			continue // written after this network was taken
		}
		scoresOf[p.ID] = v.Score
		m.Bool["unheard"][p.ID] = v.Unheard()
	}
	m.Float["voice_score"] = scoresOf
	// The export writes every relationship whole, so it reads the scope's
	// snapshot; a write since the network was read could add or remove
	// actors, so the measures keep to the snapshot's.
	snap, err := s.st.Snapshot(ctx, scope)
	if err != nil {
		return nil, interchange.Measures{}, err
	}
	if snap, err = pseudonymise(ctx, a, withoutWithdrawnSnapshot(snap)); err != nil {
		return nil, interchange.Measures{}, err
	}
	return snap, onlyActors(m, snapshotActors(snap)), nil
}

// onlyActors drops from m the values of actors not in ids.
func onlyActors(m interchange.Measures, ids map[string]bool) interchange.Measures {
	drop := func(id string) bool { return !ids[id] }
	for _, vals := range m.Float {
		maps.DeleteFunc(vals, func(id string, _ float64) bool { return drop(id) })
	}
	for _, vals := range m.Int {
		maps.DeleteFunc(vals, func(id string, _ int64) bool { return drop(id) })
	}
	for _, vals := range m.Bool {
		maps.DeleteFunc(vals, func(id string, _ bool) bool { return drop(id) })
	}
	return m
}

// snapshotActors returns the ids of the snapshot's actors.
func snapshotActors(snap *store.Snapshot) map[string]bool {
	ids := make(map[string]bool, len(snap.People)+len(snap.Organisations))
	for _, p := range snap.People {
		ids[p.ID] = true
	}
	for _, o := range snap.Organisations {
		ids[o.ID] = true
	}
	return ids
}

// exportScores returns the cached centrality m of every node of nw, in
// node order; if the cache holds another network of the scope (a write
// came between the reads), it scores nw itself.
func (s *Service) exportScores(ctx context.Context, scope store.Scope, nw *network, m analysis.Measure, weighted bool) ([]float64, error) {
	ranked, err := s.Centrality(ctx, scope, m, weighted)
	if err != nil {
		return nil, err
	}
	scores := make([]float64, len(nw.actors))
	same := len(ranked) == len(nw.actors)
	for _, r := range ranked {
		i, ok := nw.index[r.Actor.ID()]
		if !ok {
			same = false
			break
		}
		scores[i] = r.Score
	}
	if same {
		return scores, nil
	}
	ns, err := s.measureAs(ctx, nw, m, weighted, Accuracy{})
	return ns.scores, err
}
