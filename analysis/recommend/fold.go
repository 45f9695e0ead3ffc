package recommend

import (
	"slices"
	"strings"
)

// foldKey identifies recommendations that make the same change for
// different people with the same effect: an introduction to the same actor
// B, or an invitation to the same forum on behalf of the same groups, for
// people of exactly the same groups, with the same After figures and the
// same people heard (see effect).
type foldKey struct {
	kind   Kind
	target int
	groups string // the forum's groups of the person (an invitation)
	people string // every group tag of the person, sorted
	after  Figures
	effect effect
}

// keyOf returns the fold key of r.
func (b *baseline) keyOf(r Recommendation) foldKey {
	k := foldKey{kind: r.Kind, target: r.B, people: b.groupKey(beneficiary(r)), after: r.After, effect: r.effect}
	if r.Kind == Invitation {
		k.target, k.groups = r.Forum, strings.Join(r.Groups, "\x00")
	}
	return k
}

// groupKey returns the group tags of node v, sorted and without repeats,
// as one string.
func (b *baseline) groupKey(v int) string {
	tags := slices.Clone(b.in.Groups[v])
	slices.Sort(tags)
	return strings.Join(slices.Compact(tags), "\x00")
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
// eighteen. Two people are alternatives only when they carry the same
// groups (one parent cannot speak for all parents, nor a young person for
// them) and the change hears the same people whoever it is made for, so
// that doing it for any one of them has the whole effect; equal figures
// alone (two isolated residents, each heard by an introduction of their
// own) are not enough. recs must be sorted; the result keeps their order.
func (b *baseline) fold(recs []Recommendation) []Recommendation {
	first := make(map[foldKey]int, len(recs))
	out := recs[:0:0]
	for _, r := range recs {
		k := b.keyOf(r)
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

// effect is a fingerprint of the people a change affects: the people
// whose verdict (voice.Voice.Unheard) changes and the community members it
// brings within two steps of power. Each person x contributes h₁(x) and
// h₂(x), two 64-bit mixes of x and of whether they are heard or brought
// near, added modulo 2⁶⁴: a sum of hashes, so the fingerprint of a set
// does not depend on the order its members are found in and is built in
// the pass that counts them (the additive multiset hash, MSet-Add-Hash, of
// Clarke, Devadas, van Dijk, Gassend and Suh 2003, "Incremental multiset
// hash functions and their application to memory integrity checking",
// ASIACRYPT, LNCS 2894:188). Two different sets share a fingerprint only by
// a collision of 128 bits; equal sets always do.
type effect [2]uint64

// add records person x; near marks a member brought within two steps, as
// opposed to a changed verdict.
func (f *effect) add(x int32, near bool) {
	v := uint64(uint32(x)) << 1
	if near {
		v |= 1
	}
	f[0] += mix64(v ^ 0x9e3779b97f4a7c15)
	f[1] += mix64(v ^ 0xd1b54a32d192ed03)
}

// mix64 is the finaliser of SplitMix64 (Steele, Lea and Flood 2014, "Fast
// splittable pseudorandom number generators", OOPSLA): a bijection of
// 64-bit words whose output bits each depend on every input bit.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
