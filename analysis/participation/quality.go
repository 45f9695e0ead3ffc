package participation

import (
	"cmp"
	"slices"
	"time"
)

// LongLivedDays is the threshold of a long-lived tie: a relationship active
// for at least this many days, counted from Since to the earlier of Until
// and the as-of date. A year is the span over which the source texts speak
// of trust "built over time"; it is a documented convention, not a
// published constant.
const LongLivedDays = 365

// Mutual reports whether a relationship kind is mutual by nature, so that
// one record of it makes the tie reciprocal: KNOWS, WORKS_WITH and
// PARTNERS_WITH. The other kinds (MEMBER_OF, EMPLOYED_BY, REPRESENTS, FUNDS,
// ADVISES, REFERS_TO) and any unknown kind are directional: one actor
// funds, advises, employs or refers, the other receives.
func Mutual(kind string) bool {
	switch kind {
	case "KNOWS", "WORKS_WITH", "PARTNERS_WITH":
		return true
	}
	return false
}

// Lifespan says how long a tie has lasted against LongLivedDays.
type Lifespan string

// Lifespans.
const (
	LifespanLong    Lifespan = "LONG"
	LifespanShort   Lifespan = "SHORT"
	LifespanUnknown Lifespan = "UNKNOWN"
)

// Tie is one unordered pair of actors joined by at least one relationship,
// with the qualities of all the relationships between them.
type Tie struct {
	// A and B are the two actor ids, A < B.
	A, B string
	// Records is the number of relationships between A and B.
	Records int
	// Kinds are the distinct kinds of those relationships, sorted.
	Kinds []string
	// BothWays is true when relationships are recorded A→B and B→A;
	// MutualKind when one of them is of a Mutual kind; Reciprocal when
	// either holds.
	BothWays   bool
	MutualKind bool
	Reciprocal bool
	// Days is the longest known duration, in days, of a relationship of the
	// pair, or -1 when none has a Since date; Lifespan classifies the tie.
	Days     int
	Lifespan Lifespan
	// Multiplex is true when the pair is joined by more than one kind.
	Multiplex bool
}

// Ties groups the relationships by unordered pair of actors and classifies
// each pair, sorted by A then B. A relationship from an actor to itself is
// ignored. For a pair {A, B}:
//
//   - reciprocal: some relationship runs A→B and some B→A (of any kinds),
//     or some relationship is of a Mutual kind; otherwise one-way;
//   - lifespan: each relationship with a Since date lasts
//     d = Day(min(Until, asOf)) − Day(Since) whole days (0 if negative);
//     the pair is LONG when the largest d is at least LongLivedDays, else
//     UNKNOWN when some relationship has no Since date (it may be older
//     than recorded), else SHORT;
//   - multiplex: the relationships are of more than one distinct kind
//     (direction does not matter: A→B KNOWS and B→A KNOWS is one kind).
//
// Granovetter (1973, "The strength of weak ties") counts the amount of time
// and the reciprocal services of a tie among the components of its
// strength; Verbrugge (1979, "Multiplexity in adult friendships") measures
// multiplexity as the number of kinds of relation joining a pair.
func Ties(rels []Relationship, asOf time.Time) []Tie {
	type pairKey struct{ a, b string }
	type acc struct {
		tie         *Tie
		fwd, back   bool
		kinds       []string
		noSince     bool
		longestDays int
	}
	end := dayOf(asOf)
	pairs := make(map[pairKey]*acc)
	for _, r := range rels {
		if r.From == r.To {
			continue
		}
		k := pairKey{r.From, r.To}
		forward := true
		if k.b < k.a {
			k.a, k.b = k.b, k.a
			forward = false
		}
		p := pairs[k]
		if p == nil {
			p = &acc{tie: &Tie{A: k.a, B: k.b}, longestDays: -1}
			pairs[k] = p
		}
		p.tie.Records++
		if forward {
			p.fwd = true
		} else {
			p.back = true
		}
		if Mutual(r.Kind) {
			p.tie.MutualKind = true
		}
		p.kinds = append(p.kinds, r.Kind)
		if r.Since == nil {
			p.noSince = true
			continue
		}
		stop := end
		if r.Until != nil && dayOf(*r.Until).Before(stop) {
			stop = dayOf(*r.Until)
		}
		d := max(days(dayOf(*r.Since), stop), 0)
		p.longestDays = max(p.longestDays, d)
	}
	out := make([]Tie, 0, len(pairs))
	for _, p := range pairs {
		t := p.tie
		t.Kinds = uniq(p.kinds)
		t.BothWays = p.fwd && p.back
		t.Reciprocal = t.BothWays || t.MutualKind
		t.Multiplex = len(t.Kinds) > 1
		t.Days = p.longestDays
		switch {
		case p.longestDays >= LongLivedDays:
			t.Lifespan = LifespanLong
		case p.noSince:
			t.Lifespan = LifespanUnknown
		default:
			t.Lifespan = LifespanShort
		}
		out = append(out, *t)
	}
	slices.SortFunc(out, func(x, y Tie) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	return out
}

// QualityReport counts the ties of a scope by quality. Each count has a
// share of Ties beside it (0 when there are no ties); reciprocal and
// one-way, long, short and unknown, multiplex and single-kind each
// partition the ties.
type QualityReport struct {
	// Ties is the number of unordered pairs of actors joined by at least one
	// relationship; Records the number of relationships counted.
	Ties    int
	Records int

	Reciprocal, OneWay           int
	ReciprocalShare, OneWayShare float64
	// BothWays and MutualKind count the reciprocal ties by reason; a tie may
	// have both, so they can sum to more than Reciprocal.
	BothWays, MutualKind int

	Long, Short, Unknown                int
	LongShare, ShortShare, UnknownShare float64

	Multiplex, SingleKind           int
	MultiplexShare, SingleKindShare float64
}

// RelationshipQuality summarises Ties(rels, asOf): the unit is the tie (an
// unordered pair of actors), not the relationship record, so that a pair
// recorded twice is not counted twice and a pair recorded both ways is one
// reciprocal tie. Every share is its count divided by the number of ties.
// rels should be the relationships active on asOf in the scope; asOf bounds
// the duration of relationships with no Until date.
func RelationshipQuality(rels []Relationship, asOf time.Time) QualityReport {
	ties := Ties(rels, asOf)
	q := QualityReport{Ties: len(ties)}
	for _, t := range ties {
		q.Records += t.Records
		if t.Reciprocal {
			q.Reciprocal++
		} else {
			q.OneWay++
		}
		if t.BothWays {
			q.BothWays++
		}
		if t.MutualKind {
			q.MutualKind++
		}
		switch t.Lifespan {
		case LifespanLong:
			q.Long++
		case LifespanShort:
			q.Short++
		default:
			q.Unknown++
		}
		if t.Multiplex {
			q.Multiplex++
		} else {
			q.SingleKind++
		}
	}
	q.ReciprocalShare, q.OneWayShare = share(q.Reciprocal, q.Ties), share(q.OneWay, q.Ties)
	q.LongShare, q.ShortShare, q.UnknownShare = share(q.Long, q.Ties), share(q.Short, q.Ties), share(q.Unknown, q.Ties)
	q.MultiplexShare, q.SingleKindShare = share(q.Multiplex, q.Ties), share(q.SingleKind, q.Ties)
	return q
}

// dayOf truncates t to midnight UTC of its calendar date, as store.Day
// does.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// days returns the whole days from a to b, both at midnight UTC. It works
// on Unix seconds, which do not overflow as time.Duration does beyond 292
// years.
func days(a, b time.Time) int {
	return int((b.Unix() - a.Unix()) / 86400)
}
