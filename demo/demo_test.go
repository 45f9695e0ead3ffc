package demo_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/store"
)

func TestNetworkCounts(t *testing.T) {
	b := demo.Network()
	tests := []struct {
		name     string
		got      int
		min, max int
	}{
		{"places", len(b.Places), 4, 5},
		{"people", len(b.People), 140, 160},
		{"organisations", len(b.Organisations), 25, 25},
		{"forums", len(b.Forums), 6, 6},
		{"relationships", len(b.Relationships), 250, 600},
		{"participations", len(b.Participations), 40, 80},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got < tt.min || tt.got > tt.max {
				t.Errorf("Network() has %d %s, want %d to %d", tt.got, tt.name, tt.min, tt.max)
			}
		})
	}
}

func TestNetworkDeterministic(t *testing.T) {
	a, b := demo.Network(), demo.Network()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls of Network() differ")
	}
	a.People[0].Name = "changed"
	if demo.Network().People[0].Name == "changed" {
		t.Fatal("Network() shares state between calls")
	}
}

// TestNetworkValid checks every entity passes store.Normalize* unchanged,
// ids are unique across kinds, and every reference resolves in the batch.
func TestNetworkValid(t *testing.T) {
	b := demo.Network()
	kinds := map[string]store.EntityKind{}
	add := func(id string, k store.EntityKind, err error, changed bool) {
		t.Helper()
		if err != nil {
			t.Errorf("%s %q: %v", k, id, err)
		}
		if changed {
			t.Errorf("%s %q is not in normal form", k, id)
		}
		if prev, ok := kinds[id]; ok {
			t.Errorf("id %q used by %s and %s", id, prev, k)
		}
		kinds[id] = k
	}
	for _, x := range b.Places {
		y, err := store.NormalizePlace(x)
		add(x.ID, store.KindPlace, err, !reflect.DeepEqual(x, y))
	}
	for _, x := range b.People {
		y, err := store.NormalizePerson(x)
		add(x.ID, store.KindPerson, err, x.Name != y.Name || x.Capacity != y.Capacity || x.Consent != y.Consent)
	}
	for _, x := range b.Organisations {
		y, err := store.NormalizeOrganisation(x)
		add(x.ID, store.KindOrganisation, err, !reflect.DeepEqual(x, y))
	}
	for _, x := range b.Relationships {
		y, err := store.NormalizeRelationship(x)
		add(x.ID, store.KindRelationship, err, !reflect.DeepEqual(x, y))
	}
	for _, x := range b.Forums {
		_, err := store.NormalizeForum(x)
		add(x.ID, store.KindForum, err, false)
	}
	for _, x := range b.Participations {
		y, err := store.NormalizeParticipation(x)
		add(x.ID, store.KindParticipation, err, !reflect.DeepEqual(x, y))
	}
	ref := func(from, field, id string, want ...store.EntityKind) {
		t.Helper()
		if !slices.Contains(want, kinds[id]) {
			t.Errorf("%s: %s %q resolves to %q, want one of %v", from, field, id, kinds[id], want)
		}
	}
	for _, x := range b.Places {
		if x.ParentID != "" {
			ref(x.ID, "parent", x.ParentID, store.KindPlace)
		}
	}
	for _, x := range b.People {
		ref(x.ID, "place", x.PlaceID, store.KindPlace)
	}
	for _, x := range b.Organisations {
		ref(x.ID, "place", x.PlaceID, store.KindPlace)
	}
	for _, x := range b.Forums {
		ref(x.ID, "place", x.PlaceID, store.KindPlace)
	}
	for _, x := range b.Relationships {
		ref(x.ID, "from", x.FromID, store.KindPerson, store.KindOrganisation)
		ref(x.ID, "to", x.ToID, store.KindPerson, store.KindOrganisation)
	}
	for _, x := range b.Participations {
		ref(x.ID, "actor", x.ActorID, store.KindPerson, store.KindOrganisation)
		ref(x.ID, "forum", x.ForumID, store.KindForum)
	}
}

func hasGroup(p store.Person, g string) bool { return slices.Contains(p.Groups, g) }

// adjacency returns the undirected neighbours of each actor among the
// relationships active on the date (all of them when on is nil).
func adjacency(b store.Batch, on *time.Time) map[string][]string {
	adj := map[string][]string{}
	for _, r := range b.Relationships {
		if store.ActiveOn(r.Since, r.Until, on) {
			adj[r.FromID] = append(adj[r.FromID], r.ToID)
			adj[r.ToID] = append(adj[r.ToID], r.FromID)
		}
	}
	return adj
}

// reachable returns the actors reachable from start without passing
// through any actor in blocked.
func reachable(adj map[string][]string, start string, blocked map[string]bool) map[string]bool {
	seen := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range adj[v] {
			if !seen[w] && !blocked[w] {
				seen[w] = true
				queue = append(queue, w)
			}
		}
	}
	return seen
}

func day(s string) *time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return &t
}

// TestHiddenVoices checks the story the package doc tells.
func TestHiddenVoices(t *testing.T) {
	b := demo.Network()
	people := map[string]store.Person{}
	for _, p := range b.People {
		people[p.ID] = p
	}

	t.Run("young people reached only through one youth worker", func(t *testing.T) {
		for _, tt := range []struct {
			name       string
			on         *time.Time
			gatekeeper string
		}{
			{"2020", day("2020-06-01"), demo.FormerYouthWorker},
			{"2023", day("2023-06-01"), demo.YouthWorker},
		} {
			adj := adjacency(b, tt.on)
			young := 0
			for _, p := range b.People {
				if !hasGroup(p, "young person") {
					continue
				}
				young++
				for _, w := range adj[p.ID] {
					if !hasGroup(people[w], "young person") && w != tt.gatekeeper {
						t.Errorf("%s: young person %s is tied to %s, not only the youth worker", tt.name, p.ID, w)
					}
				}
				got := reachable(adj, p.ID, map[string]bool{tt.gatekeeper: true})
				for _, pro := range demo.BoardProfessionals {
					if got[pro] {
						t.Errorf("%s: young person %s reaches %s without %s", tt.name, p.ID, pro, tt.gatekeeper)
					}
				}
			}
			if young < 15 {
				t.Errorf("%d young people, want at least 15", young)
			}
			if !reachable(adj, tt.gatekeeper, nil)["p-helen-marsh"] {
				t.Errorf("%s: youth worker %s does not reach power", tt.name, tt.gatekeeper)
			}
		}
	})

	t.Run("parents consulted but never deciding", func(t *testing.T) {
		consulted := 0
		for _, x := range b.Participations {
			p, ok := people[x.ActorID]
			if !ok || !hasGroup(p, "parent") {
				continue
			}
			if x.Level.HoldsPower() {
				t.Errorf("parent %s holds %s in %s", p.ID, x.Level, x.ForumID)
			}
			if x.Level == store.LevelConsult {
				consulted++
			}
		}
		if consulted < 10 {
			t.Errorf("%d parent consultations, want at least 10", consulted)
		}
	})

	t.Run("three professionals hold most board seats", func(t *testing.T) {
		for _, on := range []*time.Time{day("2021-01-01"), day("2024-01-01")} {
			seats, theirs := 0, 0
			for _, x := range b.Participations {
				if x.ForumID == demo.PartnershipBoard && x.Level.HoldsPower() && store.ActiveOn(x.Since, x.Until, on) {
					seats++
					if slices.Contains(demo.BoardProfessionals, x.ActorID) {
						theirs++
					}
				}
			}
			if theirs != 3 || 2*theirs <= seats {
				t.Errorf("on %s the three professionals hold %d of %d decision seats, want 3 and most", on.Format(time.DateOnly), theirs, seats)
			}
		}
	})

	t.Run("isolated people", func(t *testing.T) {
		adj := adjacency(b, nil)
		isolated := 0
		for _, p := range b.People {
			if len(adj[p.ID]) == 0 {
				isolated++
			}
		}
		if isolated != demo.Isolated {
			t.Errorf("%d isolated people, want %d", isolated, demo.Isolated)
		}
	})

	t.Run("as-of dates differ and pairs have several kinds", func(t *testing.T) {
		active := func(on string) int {
			n := 0
			for _, r := range b.Relationships {
				if store.ActiveOn(r.Since, r.Until, day(on)) {
					n++
				}
			}
			return n
		}
		if a, z := active("2019-06-01"), active("2025-06-01"); a >= z || a == 0 {
			t.Errorf("active ties 2019: %d, 2025: %d; want more in 2025", a, z)
		}
		ended := 0
		kinds := map[[2]string]map[store.RelKind]bool{}
		for _, r := range b.Relationships {
			if r.Until != nil {
				ended++
			}
			k := [2]string{min(r.FromID, r.ToID), max(r.FromID, r.ToID)}
			if kinds[k] == nil {
				kinds[k] = map[store.RelKind]bool{}
			}
			kinds[k][r.Kind] = true
		}
		multi := 0
		for _, ks := range kinds {
			if len(ks) > 1 {
				multi++
			}
		}
		if ended < 20 || multi < 3 {
			t.Errorf("%d ended ties and %d multi-kind pairs, want at least 20 and 3", ended, multi)
		}
	})
}
