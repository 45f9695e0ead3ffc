package servicetest

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/store"
)

// PlaceConfig describes a generated place (GeneratePlace).
type PlaceConfig struct {
	// Actors is the number of people and organisations, at least 10.
	Actors int
	// TiesPerActor is the m of the preferential-attachment core (see
	// GeneratePlace): the place has (Actors−m)·m ties, one relationship
	// each.
	TiesPerActor int
	// Seed seeds the graph and every other draw.
	Seed int64
	// BatchSize is the most entities of one kind in one store.Batch
	// (DefaultBatchSize when 0).
	BatchSize int
}

// DefaultBatchSize is PlaceConfig.BatchSize's default.
const DefaultBatchSize = 20_000

// Generated place ids: the town holding everything, its neighbourhoods.
const (
	TownID        = "town"
	Neighbourhood = "nbhd-%03d"
)

// GroupTags are the representation groups a generated person may carry.
var GroupTags = []string{"parent", "young person", "carer", "disabled person", "older person"}

// GeneratePlace returns the batches of a generated, realistic place, in the
// order they must be imported (each refers only to entities of earlier
// batches or itself):
//
//   - a town (TownID) with one neighbourhood per 500 actors (at least 2);
//   - actors spread over the neighbourhoods: every 20th an organisation (of
//     every kind in turn), the others people, 85% community members and 15%
//     professionals, each carrying each of GroupTags with probability 0.15;
//   - (Actors−m)·m ties (m = TiesPerActor), as many as
//     analysis.BarabasiAlbert(Actors, m, Seed) has, but not all like it, as
//     a real place is not: 92% of the actors form the core, the edges of
//     analysis.BarabasiAlbert(0.92·Actors, m, Seed); 7% hang on it by one
//     tie each (to an actor drawn in proportion to its degree) and 1% have
//     no tie; the ties still missing close triangles in the core (a random
//     tie u–v and a random other neighbour w of v give the tie u–w when
//     new), as friends of friends do;
//   - one relationship per tie, strength 1..5, KNOWS or WORKS_WITH between
//     people, MEMBER_OF or EMPLOYED_BY between a person and an
//     organisation, PARTNERS_WITH between organisations;
//   - one decision-making forum (town board) per 2,000 actors (at least 2,
//     at most 12) and twice as many consultation workshops, at town level;
//   - about 1.5% of the actors holding decision seats (CO_PRODUCE or LEAD on
//     one or two boards, mostly professionals and organisations, a quarter
//     community members), 1.5% more on boards below a seat (CONSULT or
//     CO_DESIGN), and 6% of the people at workshops (INFORM or CONSULT),
//     at stages IDEA to EVALUATION.
//
// The same config always gives the same batches.
func GeneratePlace(cfg PlaceConfig) ([]store.Batch, error) {
	n, m := cfg.Actors, cfg.TiesPerActor
	if n < 10 || m < 1 || m >= n {
		return nil, fmt.Errorf("servicetest: generate place of %d actors, %d ties each: want at least 10 actors and 1 <= ties < actors", n, m)
	}
	size := cfg.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	rnd := rand.New(rand.NewPCG(uint64(cfg.Seed), 0x5ca1e))
	var out []store.Batch

	// Places.
	hoods := max(2, n/500)
	places := []store.Place{{ID: TownID, Name: "Generated town"}}
	for h := range hoods {
		pop := 1000 + rnd.IntN(9000)
		places = append(places, store.Place{ID: fmt.Sprintf(Neighbourhood, h), Name: fmt.Sprintf("Neighbourhood %d", h), ParentID: TownID, Population: &pop})
	}
	out = append(out, store.Batch{Places: places})

	// Actors.
	ids := make([]string, n)
	isOrg := make([]bool, n)
	capacity := make([]store.Capacity, n)
	kinds := []store.OrgKind{store.OrgCommunityGroup, store.OrgVoluntary, store.OrgPublicBody, store.OrgFunder, store.OrgSchool, store.OrgHealth, store.OrgResearch, store.OrgBusiness, store.OrgOther}
	var b store.Batch
	flush := func(full bool) {
		k := len(b.People) + len(b.Organisations) + len(b.Relationships) + len(b.Forums) + len(b.Participations)
		if (full && k > 0) || k >= size {
			out = append(out, b)
			b = store.Batch{}
		}
	}
	for i := range n {
		place := fmt.Sprintf(Neighbourhood, i%hoods)
		if i%20 == 7 {
			ids[i], isOrg[i] = fmt.Sprintf("o%07d", i), true
			b.Organisations = append(b.Organisations, store.Organisation{ID: ids[i], Name: "Organisation " + ids[i], Kind: kinds[(i/20)%len(kinds)], PlaceID: place})
		} else {
			ids[i] = fmt.Sprintf("p%07d", i)
			capacity[i] = store.CapacityCommunity
			if rnd.Float64() < 0.15 {
				capacity[i] = store.CapacityProfessional
			}
			var groups []string
			for _, g := range GroupTags {
				if rnd.Float64() < 0.15 {
					groups = append(groups, g)
				}
			}
			b.People = append(b.People, store.Person{ID: ids[i], Name: "Person " + ids[i], PlaceID: place, Groups: groups, Capacity: capacity[i], Consent: store.ConsentGiven})
		}
		flush(false)
	}
	flush(true)

	// Relationships.
	for k, e := range placeTies(n, m, cfg.Seed, rnd) {
		kind := store.RelKnows
		switch {
		case isOrg[e.U] && isOrg[e.V]:
			kind = store.RelPartnersWith
		case isOrg[e.U] || isOrg[e.V]:
			kind = store.RelMemberOf
			if capacity[e.U] == store.CapacityProfessional || capacity[e.V] == store.CapacityProfessional {
				kind = store.RelEmployedBy
			}
		case rnd.IntN(3) == 0:
			kind = store.RelWorksWith
		}
		b.Relationships = append(b.Relationships, store.Relationship{ID: fmt.Sprintf("r%08d", k), FromID: ids[e.U], ToID: ids[e.V], Kind: kind, Weight: float64(1 + rnd.IntN(5))})
		flush(false)
	}
	flush(true)

	// Forums and participations.
	boards := min(12, max(2, n/2000))
	for f := range boards {
		b.Forums = append(b.Forums, store.Forum{ID: fmt.Sprintf("board-%02d", f), Name: fmt.Sprintf("Board %d", f), PlaceID: TownID, DecisionMaking: true, AffectsGroups: []string{GroupTags[f%len(GroupTags)]}})
	}
	for f := range 2 * boards {
		b.Forums = append(b.Forums, store.Forum{ID: fmt.Sprintf("workshop-%02d", f), Name: fmt.Sprintf("Workshop %d", f), PlaceID: TownID})
	}
	stages := []store.Stage{store.StageIdea, store.StageDesign, store.StageDelivery, store.StageEvaluation}
	parts := 0
	participate := func(actor int, forum string, level store.Level) {
		b.Participations = append(b.Participations, store.Participation{ID: fmt.Sprintf("part%08d", parts), ActorID: ids[actor], ForumID: forum, Level: level, JoinedAtStage: stages[rnd.IntN(len(stages))]})
		parts++
	}
	for i := range n {
		x := rnd.Float64()
		switch {
		case x < 0.015 && (capacity[i] != store.CapacityCommunity || rnd.IntN(4) == 0):
			level := store.LevelCoProduce
			if rnd.IntN(4) == 0 {
				level = store.LevelLead
			}
			first := rnd.IntN(boards)
			participate(i, fmt.Sprintf("board-%02d", first), level)
			if rnd.IntN(3) == 0 {
				participate(i, fmt.Sprintf("board-%02d", (first+1)%boards), store.LevelCoProduce)
			}
		case x < 0.03:
			level := store.LevelConsult
			if rnd.IntN(2) == 0 {
				level = store.LevelCoDesign
			}
			participate(i, fmt.Sprintf("board-%02d", rnd.IntN(boards)), level)
		case x < 0.09 && !isOrg[i]:
			level := store.LevelInform
			if rnd.IntN(2) == 0 {
				level = store.LevelConsult
			}
			participate(i, fmt.Sprintf("workshop-%02d", rnd.IntN(2*boards)), level)
		}
		flush(false)
	}
	flush(true)
	return out, nil
}

// ImportPlace writes the batches of GeneratePlace(cfg) into st, one Import
// each.
func ImportPlace(ctx context.Context, st store.Store, cfg PlaceConfig) error {
	batches, err := GeneratePlace(cfg)
	if err != nil {
		return err
	}
	for i, b := range batches {
		if _, err := st.Import(ctx, b); err != nil {
			return fmt.Errorf("servicetest: import batch %d of %d: %w", i+1, len(batches), err)
		}
	}
	return nil
}

// placeTies returns the ties of GeneratePlace: a preferential-attachment
// core, pendant actors, isolated actors, and triangle-closing ties up to
// (n−m)·m in all.
func placeTies(n, m int, seed int64, rnd *rand.Rand) []analysis.Edge {
	isolated := n / 100
	pendants := n * 7 / 100
	core := n - pendants - isolated
	if core <= m {
		return analysis.BarabasiAlbert(n, m, seed)
	}
	want := (n - m) * m
	edges := analysis.BarabasiAlbert(core, m, seed)
	seen := make(map[uint64]bool, want)
	key := func(u, v int) uint64 {
		if u > v {
			u, v = v, u
		}
		return uint64(u)<<32 | uint64(v)
	}
	adj := make([][]int32, n)
	add := func(u, v int) {
		edges = append(edges, analysis.Edge{U: u, V: v, Weight: 1})
		seen[key(u, v)] = true
		adj[u] = append(adj[u], int32(v))
		adj[v] = append(adj[v], int32(u))
	}
	base := edges
	edges = make([]analysis.Edge, 0, want)
	for _, e := range base {
		add(e.U, e.V)
	}
	for p := core; p < core+pendants && len(edges) < want; p++ {
		e := edges[rnd.IntN(len(edges))] // an end of a random tie: in proportion to degree
		t := e.U
		if rnd.IntN(2) == 0 {
			t = e.V
		}
		add(p, t)
	}
	for tries := 0; len(edges) < want && tries < 100*want; tries++ {
		e := edges[rnd.IntN(len(edges))]
		u, v := e.U, e.V
		if rnd.IntN(2) == 0 {
			u, v = v, u
		}
		w := int(adj[v][rnd.IntN(len(adj[v]))])
		if w != u && u < core && w < core && !seen[key(u, w)] { // pendants keep their one tie
			add(u, w)
		}
	}
	return edges
}
