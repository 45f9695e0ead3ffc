package recommend

import "strings"

// foldKey identifies recommendations that make the same change for
// different people: an introduction to the same actor B, or an invitation
// to the same forum on behalf of the same groups, with the same After
// figures (and so the same gain).
type foldKey struct {
	kind   Kind
	target int
	groups string
	after  Figures
}

func keyOf(r Recommendation) foldKey {
	if r.Kind == Introduction {
		return foldKey{kind: r.Kind, target: r.B, after: r.After}
	}
	return foldKey{kind: r.Kind, target: r.Forum, groups: strings.Join(r.Groups, "\x00"), after: r.After}
}

// beneficiary is the person a recommendation is for: A of an introduction,
// Person of an invitation.
func beneficiary(r Recommendation) int {
	if r.Kind == Introduction {
		return r.A
	}
	return r.Person
}

// fold keeps, of each set of ranked recommendations with the same foldKey,
// the first, and lists the people the others are for in its Alternatives,
// in rank order: eighteen young people each invited to the same panel with
// the same effect are one recommendation ("invite one of them"), not
// eighteen. recs must be sorted; the result keeps their order.
func fold(recs []Recommendation) []Recommendation {
	first := make(map[foldKey]int, len(recs))
	out := recs[:0:0]
	for _, r := range recs {
		k := keyOf(r)
		if i, ok := first[k]; ok {
			out[i].Alternatives = append(out[i].Alternatives, beneficiary(r))
			continue
		}
		first[k] = len(out)
		r.Alternatives = nil
		out = append(out, r)
	}
	return out
}
