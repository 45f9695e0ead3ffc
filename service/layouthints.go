package service

import (
	"cmp"
	"context"
	"encoding/binary"
	"hash/fnv"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/voicemap/voicemap/analysis/layout"
	"github.com/voicemap/voicemap/store"
)

// Layout hints make layouts stable over time. Every layout computed
// leaves its positions here, per scope, kind and date, as actor ids and
// coordinates; a layout of the same scope and kind on another date (or
// after a write) starts from the hint of the nearest date, so that the
// picture changes where the network changed and nowhere else.
//
// Hints are starting points only, never an answer: a write makes the
// cached layouts stale as it does every analysis (versions.go), but not
// the hints, so the layout recomputed after a write starts from the picture
// before it. They hold no more than ids and coordinates, are never
// returned, and:
//
//   - a hint that holds a person whose consent is now withdrawn is not
//     used (the layout it came from was shaped by them), so a layout of a
//     scope with withdrawn people depends only on layouts made without
//     them;
//   - an erasure drops every hint (an erased person's id must not stay
//     in memory), on this server at once and on every other at its next
//     request or within WatchInterval (versions.go), and a layout computed
//     from data read before an erasure the service has seen since leaves
//     no hint (keepHint).
//
// At most maxHints hints, holding at most maxHintPoints positions in all
// (about 40 MB), are kept, the least recently stored or used dropped first
// (the newest is kept whatever its size).

// Kinds of layout hints.
const (
	// hintActors: every actor's position in the actor view.
	hintActors = "actors"
	// hintCommunities: every actor's community's position in the community
	// view.
	hintCommunities = "communities"
	// hintMembers: an expanded community's members' positions relative to
	// their community's position, merged over the communities expanded on
	// the date.
	hintMembers = "members"
)

// maxHints and maxHintPoints bound the hints kept.
const (
	maxHints      = 32
	maxHintPoints = 1_000_000
)

// undatedDay stands for "any time" (no asOf) in the distance between
// dates: after every real date, so that an undated layout starts from the
// latest dated one and a dated one from an undated one only when nothing
// else is there.
const undatedDay int64 = 1 << 40

// hint is the positions of one layout: ids sorted, pos[i] for ids[i],
// and, for the actor view, ties[i] the fingerprint of the actor's ties
// then (tiesFingerprint). A hint is immutable once stored.
type hint struct {
	place, kind string
	day         int64
	ids         []string
	pos         []layout.Point
	ties        []uint64
}

type layoutHints struct {
	mu      sync.Mutex
	entries []*hint // least recently stored or used first
	// erasures is the last erasure version the service saw (nil: no
	// check); a hint computed with another one is not stored (keepHint).
	erasures *atomic.Int64
}

// scopeDay returns the day number of a scope's date (undatedDay without
// one).
func scopeDay(scope store.Scope) int64 {
	if scope.AsOf == nil {
		return undatedDay
	}
	return scope.AsOf.UTC().Truncate(24*time.Hour).Unix() / 86400
}

// nearest returns the hint of place and kind whose date is nearest to day
// (the earlier of two as near), skipping hints that hold any of the
// withdrawn ids (sorted); nil when there is none.
func (h *layoutHints) nearest(place, kind string, day int64, withdrawn []string) *hint {
	h.mu.Lock()
	defer h.mu.Unlock()
	best := -1
	var bestDist int64
	for i, e := range h.entries {
		if e.place != place || e.kind != kind || holdsAnyID(e.ids, withdrawn) {
			continue
		}
		d := max(e.day-day, day-e.day)
		if best < 0 || d < bestDist || (d == bestDist && e.day < h.entries[best].day) {
			best, bestDist = i, d
		}
	}
	if best < 0 {
		return nil
	}
	e := h.entries[best]
	h.entries = append(slices.Delete(h.entries, best, best+1), e)
	return e
}

// put stores the positions of a layout of place and kind on day (with the
// ties' fingerprints, or nil), replacing the hint of the same place, kind
// and day; with merge, the positions are added to that hint's (replacing
// those of the same ids; merged hints keep no fingerprints). ids need not
// be sorted; no slice is kept.
func (h *layoutHints) put(place, kind string, day int64, ids []string, pos []layout.Point, ties []uint64, merge bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.putLocked(place, kind, day, ids, pos, ties, merge)
}

// putAt is put of a layout computed from data read with the erasure
// version erasures: nothing is stored when the service has seen another
// erasure version since (the data may hold the erased person), checked
// under the lock that clear takes.
func (h *layoutHints) putAt(erasures int64, place, kind string, day int64, ids []string, pos []layout.Point, ties []uint64, merge bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.erasures != nil && h.erasures.Load() != erasures {
		return
	}
	h.putLocked(place, kind, day, ids, pos, ties, merge)
}

// putLocked is put with h.mu held.
func (h *layoutHints) putLocked(place, kind string, day int64, ids []string, pos []layout.Point, ties []uint64, merge bool) {
	e := &hint{place: place, kind: kind, day: day}
	at := slices.IndexFunc(h.entries, func(o *hint) bool { return o.place == place && o.kind == kind && o.day == day })
	var old *hint
	if at >= 0 {
		old = h.entries[at]
		h.entries = slices.Delete(h.entries, at, at+1)
	}
	type entry struct {
		id string
		p  layout.Point
		t  uint64
	}
	all := make([]entry, 0, len(ids))
	for i, id := range ids {
		e := entry{id: id, p: pos[i]}
		if ties != nil {
			e.t = ties[i]
		}
		all = append(all, e)
	}
	slices.SortStableFunc(all, func(a, b entry) int { return cmp.Compare(a.id, b.id) })
	if merge && old != nil {
		// Merge two sorted lists; the new position wins.
		merged := make([]entry, 0, len(all)+len(old.ids))
		i, j := 0, 0
		for i < len(all) || j < len(old.ids) {
			switch {
			case j == len(old.ids) || (i < len(all) && all[i].id < old.ids[j]):
				merged = append(merged, all[i])
				i++
			case i == len(all) || old.ids[j] < all[i].id:
				merged = append(merged, entry{id: old.ids[j], p: old.pos[j]})
				j++
			default:
				merged = append(merged, all[i])
				i++
				j++
			}
		}
		all, ties = merged, nil
	}
	all = slices.CompactFunc(all, func(a, b entry) bool { return a.id == b.id })
	e.ids = make([]string, len(all))
	e.pos = make([]layout.Point, len(all))
	if ties != nil {
		e.ties = make([]uint64, len(all))
	}
	for i, x := range all {
		e.ids[i], e.pos[i] = x.id, x.p
		if ties != nil {
			e.ties[i] = x.t
		}
	}
	h.entries = append(h.entries, e)
	points := 0
	for _, o := range h.entries {
		points += len(o.ids)
	}
	drop := 0
	for drop < len(h.entries)-1 && (len(h.entries)-drop > maxHints || points > maxHintPoints) {
		points -= len(h.entries[drop].ids)
		drop++
	}
	h.entries = slices.Delete(h.entries, 0, drop)
}

// keepHint stores the positions of a layout of scope computed with ctx
// (put), unless an erasure has been seen since the versions ctx's request
// read (putAt).
func (s *Service) keepHint(ctx context.Context, scope store.Scope, kind string, ids []string, pos []layout.Point, ties []uint64, merge bool) {
	_, erasures, err := s.version(ctx, scope.PlaceID)
	if err != nil {
		return // a hint is only a starting point: go without
	}
	s.hints.putAt(erasures, scope.PlaceID, kind, scopeDay(scope), ids, pos, ties, merge)
}

// clear drops every hint.
func (h *layoutHints) clear() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = nil
}

// recalled is what a hint holds about a list of ids.
type recalled struct {
	// pos[i] is ids[i]'s position when known[i]; found counts them.
	pos   []layout.Point
	known []bool
	found int
	// same[i] reports whether ids[i]'s ties have the fingerprint ties[i]
	// passed to lookup (false without fingerprints).
	same []bool
}

// lookup returns what the hint (possibly nil) holds about the ids
// (sorted), comparing their ties' fingerprints with ties when both the
// hint and ties have them: a merge of two sorted lists.
func (e *hint) lookup(ids []string, ties []uint64) recalled {
	r := recalled{pos: make([]layout.Point, len(ids)), known: make([]bool, len(ids)), same: make([]bool, len(ids))}
	if e == nil {
		return r
	}
	j := 0
	for i, id := range ids {
		for j < len(e.ids) && e.ids[j] < id {
			j++
		}
		if j < len(e.ids) && e.ids[j] == id {
			r.pos[i], r.known[i] = e.pos[j], true
			r.same[i] = ties != nil && e.ties != nil && e.ties[j] == ties[i]
			r.found++
		}
	}
	return r
}

// tiesFingerprint returns, for every actor of the network, a 64-bit FNV-1a
// hash of its ties (each neighbour's id and the tie's strength, in id
// order): two layouts' actors with equal fingerprints have the same ties
// (up to a hash collision, which only keeps an actor still).
func tiesFingerprint(nw *network) []uint64 {
	out := make([]uint64, len(nw.actors))
	for u := range nw.actors {
		h := fnv.New64a()
		nb, w := nw.graph.Neighbours(u)
		var buf [8]byte
		for k, v := range nb {
			h.Write([]byte(nw.actors[v].ID()))
			h.Write([]byte{0})
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(w[k]))
			h.Write(buf[:])
		}
		out[u] = h.Sum64()
	}
	return out
}

// holdsAnyID reports whether the sorted ids hold any of the sorted others.
func holdsAnyID(ids, others []string) bool {
	for _, o := range others {
		if _, ok := slices.BinarySearch(ids, o); ok {
			return true
		}
	}
	return false
}
