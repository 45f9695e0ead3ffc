package store

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// NoDay is the Since or Until of a Tie that has none (open-ended).
const NoDay int32 = math.MinInt32

// Tie is a relationship in the compact form analyses read: no id and no
// strings, so that a network of a million ties holds 32 bytes each.
type Tie struct {
	// From and To index the network's actors (Network.Actor).
	From, To int32
	// Since and Until are the relationship's dates as days since
	// 1970-01-01 (DayNumber), NoDay when open-ended.
	Since, Until int32
	Weight       float64
	// Kind indexes RelKinds.
	Kind uint8
}

// RelKind returns the tie's relationship kind.
func (t Tie) RelKind() RelKind { return RelKinds[t.Kind] }

// Dates returns the tie's dates as a relationship holds them (nil when
// open-ended).
func (t Tie) Dates() (since, until *time.Time) { return FromDayNumber(t.Since), FromDayNumber(t.Until) }

// DayNumber returns the day of t (Day) as days since 1970-01-01, NoDay for
// nil.
func DayNumber(t *time.Time) int32 {
	if t == nil {
		return NoDay
	}
	return int32(Day(*t).Unix() / 86400)
}

// FromDayNumber is the inverse of DayNumber.
func FromDayNumber(d int32) *time.Time {
	if d == NoDay {
		return nil
	}
	t := time.Unix(int64(d)*86400, 0).UTC()
	return &t
}

// TieActiveOn reports whether a tie with the day numbers since and until is
// active on the day number on, as ActiveOn does for dates; on == NoDay
// means any time.
func TieActiveOn(since, until, on int32) bool {
	return on == NoDay || ((since == NoDay || since <= on) && (until == NoDay || until >= on))
}

// RelKindIndex returns the index of k in RelKinds and whether it is one.
func RelKindIndex(k RelKind) (uint8, bool) {
	i := slices.Index(RelKinds, k)
	return uint8(max(i, 0)), i >= 0
}

// Network is a Snapshot in the form analyses read: the same places,
// people, organisations, forums and participations, but the relationships
// as Ties. The actors are the people and organisations merged in id order
// (Actor); Ties are ordered by From, then by relationship id.
type Network struct {
	Scope          Scope
	Places         []Place
	People         []Person
	Organisations  []Organisation
	Forums         []Forum
	Participations []Participation
	Ties           []Tie
	// order holds, per actor in id order, 1+i for People[i] and -1-j for
	// Organisations[j]; built by Index.
	order []int32
}

// Actors returns the number of actors.
func (n *Network) Actors() int { return len(n.People) + len(n.Organisations) }

// Index (re)builds the actor order from People and Organisations, each
// sorted by id; the stores call it once the lists are filled.
func (n *Network) Index() {
	n.order = make([]int32, 0, n.Actors())
	i, j := 0, 0
	for i < len(n.People) || j < len(n.Organisations) {
		if j == len(n.Organisations) || (i < len(n.People) && n.People[i].ID < n.Organisations[j].ID) {
			n.order = append(n.order, int32(i+1))
			i++
		} else {
			n.order = append(n.order, int32(-1-j))
			j++
		}
	}
}

// Actor returns actor k of the id order.
func (n *Network) Actor(k int) Actor {
	if o := n.order[k]; o > 0 {
		return Actor{Person: &n.People[o-1]}
	} else {
		return Actor{Organisation: &n.Organisations[-1-o]}
	}
}

// ActorID returns the id of actor k.
func (n *Network) ActorID(k int) string {
	if o := n.order[k]; o > 0 {
		return n.People[o-1].ID
	} else {
		return n.Organisations[-1-o].ID
	}
}

// NetworkOf returns the Network of a snapshot: what Store.Network returns
// for the same scope and data. It is the definition both stores are
// tested against.
func NetworkOf(s *Snapshot) (*Network, error) {
	n := &Network{Scope: s.Scope, Places: s.Places, People: s.People, Organisations: s.Organisations,
		Forums: s.Forums, Participations: s.Participations}
	n.Index()
	index := make(map[string]int32, n.Actors())
	for k := range n.order {
		index[n.ActorID(k)] = int32(k)
	}
	type tie struct {
		Tie
		id string
	}
	ties := make([]tie, 0, len(s.Relationships))
	for _, r := range s.Relationships {
		from, okF := index[r.FromID]
		to, okT := index[r.ToID]
		kind, okK := RelKindIndex(r.Kind)
		if !okF || !okT || !okK {
			return nil, fmt.Errorf("store: relationship %q of the snapshot has an end outside it or an unknown kind", r.ID)
		}
		ties = append(ties, tie{Tie{From: from, To: to, Since: DayNumber(r.Since), Until: DayNumber(r.Until), Weight: r.Weight, Kind: kind}, r.ID})
	}
	slices.SortFunc(ties, func(a, b tie) int {
		return cmp.Or(cmp.Compare(a.From, b.From), strings.Compare(a.id, b.id))
	})
	for _, t := range ties {
		n.Ties = append(n.Ties, t.Tie)
	}
	return n, nil
}
