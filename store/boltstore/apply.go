package boltstore

import (
	"bytes"
	"cmp"
	"context"

	bolt "go.etcd.io/bbolt"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// apply writes a checked batch, keeping every index in step with the
// records.
//
// It writes each bucket's keys in ascending order: bbolt keeps a node's
// keys in one sorted slice until the transaction commits, so a key put out
// of order costs a copy of the rest of the node (quadratic in a large
// import, where one node gathers every new key), while ascending keys are
// appended. So the elements of each kind are taken in id order (their
// records are then written as they come), the new "ids" entries of all
// kinds are merged, and each index's entries are ordered by their first
// id with a stable counting sort, which keeps the second id (the element's)
// ascending within it. Every index key ends in the id of the element it
// belongs to, so one element's removals never touch another's entries:
// the batch's removals are made first, then its additions.
//
// Its progress is reported to the transaction's context as "write".
func apply(ctx context.Context, t txn, b store.Batch) error {
	return applyWith(ctx, newWrites(t, nil), b)
}

// applyWith is apply through w, whose transaction w.next may replace as
// the writes go (writeBulk).
func applyWith(ctx context.Context, w *writes, b store.Batch) error {
	w.report = func(done, total int) { store.ReportProgress(ctx, "write", done, total) }
	w.total = b.Size()
	w.expect(idxChildren, len(b.Places))
	w.expect(idxActorsPlace, len(b.People)+len(b.Organisations))
	w.expect(idxRelsActor, 2*len(b.Relationships))
	w.expect(idxForumsPlace, len(b.Forums))
	w.expect(idxPartsActor, len(b.Participations))
	w.expect(idxPartsForum, len(b.Participations))
	steps := []func() error{
		func() error { w.begin(store.KindPlace, len(b.Places)); return eachByID(b.Places, placeID, w.place) },
		func() error { w.begin(store.KindPerson, len(b.People)); return eachByID(b.People, personID, w.person) },
		func() error {
			w.begin(store.KindOrganisation, len(b.Organisations))
			return eachByID(b.Organisations, orgID, w.org)
		},
		func() error {
			w.begin(store.KindRelationship, len(b.Relationships))
			return eachByID(b.Relationships, relID, w.rel)
		},
		func() error { w.begin(store.KindForum, len(b.Forums)); return eachByID(b.Forums, forumID, w.forum) },
		func() error {
			w.begin(store.KindParticipation, len(b.Participations))
			return eachByID(b.Participations, partID, w.part)
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return w.flush()
}

func compareKV(a, b kv) int { return bytes.Compare(a.k, b.k) }
func compareEntries(a, b indexEntry) int {
	return cmp.Or(strings.Compare(a.a, b.a), strings.Compare(a.b, b.b))
}

func byIDOrder[T any](id func(T) string) func(a, b T) int {
	return func(a, b T) int { return strings.Compare(id(a), id(b)) }
}

// eachByID calls fn for every element of xs in id order (xs is not
// modified).
func eachByID[T any](xs []T, id func(T) string, fn func(T) error) error {
	if !slices.IsSortedFunc(xs, byIDOrder(id)) {
		xs = slices.Clone(xs)
		slices.SortFunc(xs, byIDOrder(id))
	}
	for _, x := range xs {
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}

// kv is one key and value to put.
type kv struct{ k, v []byte }

// indexEntry is the index key "a\x00b" with its value.
type indexEntry struct {
	a, b string
	v    []byte
}

// writes gathers the index and "ids" writes of a batch, which flush makes
// in key order; records are written at once (their elements come in id
// order).
type writes struct {
	t txn
	// next, when not nil, commits w.t and begins the transaction the
	// writes go on in, once every txPuts puts and deletes (puts counts
	// them): a bulk write in several transactions (writeBulk). nil writes
	// everything in t.
	next   func() (txn, error)
	txPuts int
	puts   int
	// isNew, when not nil, reports the ids with no stored record.
	isNew func(id string) bool
	// pipe, when not nil, takes the puts and deletes to another
	// goroutine's writes (writePiped); t is then not used.
	pipe *pipe
	// keys is the rest of the block keys are cut from (key).
	keys []byte
	// ids holds the new "ids" entries of each kind, each in id order.
	ids [][]kv
	// adds and dels hold, per index bucket, the entries to add (each list
	// in the order of the second id) and the keys to delete.
	adds map[string][]indexEntry
	dels map[string][][]byte
	// done of total elements are written; report tells it.
	done, total int
	report      func(done, total int)
}

// newWrites returns the writes of a batch in t. isNew, when not nil,
// reports the ids of the batch's elements that nothing is stored under
// (store.Prepared.New), whose stored record is then not read.
func newWrites(t txn, isNew func(id string) bool) *writes {
	return &writes{t: t, isNew: isNew, adds: map[string][]indexEntry{}, dels: map[string][][]byte{}}
}

// expect makes room for n additions to the index idx.
func (w *writes) expect(idx []byte, n int) {
	w.adds[string(idx)] = make([]indexEntry, 0, n)
}

// begin starts the "ids" entries of n elements of one kind.
func (w *writes) begin(_ store.EntityKind, n int) {
	w.ids = append(w.ids, make([]kv, 0, n))
}

func (w *writes) link(idx []byte, a, b string, v []byte) {
	w.adds[string(idx)] = append(w.adds[string(idx)], indexEntry{a, b, v})
}

func (w *writes) unlink(idx []byte, a, b string) {
	w.dels[string(idx)] = append(w.dels[string(idx)], pairKey(a, b))
}

// relink moves id's index entry from oldKey (when hadOld) to newKey.
func (w *writes) relink(idx []byte, hadOld bool, oldKey, newKey, id string) {
	if hadOld && oldKey != newKey {
		w.unlink(idx, oldKey, id)
	}
	w.link(idx, newKey, id, nil)
}

// record writes an element's record now and its "ids" entry at flush.
func (w *writes) record(kind store.EntityKind, id string, data []byte) error {
	if w.done%store.ProgressEvery == 0 {
		w.report(w.done, w.total)
	}
	w.done++
	k := w.key(len(id))
	k = append(k, id...)
	w.ids[len(w.ids)-1] = append(w.ids[len(w.ids)-1], kv{k, kindTag(kind)})
	return w.put(entityBucketFor[kind], k, data)
}

// keyBlock is the size of the blocks keys are cut from.
const keyBlock = 64 << 10

// key returns an empty slice with room for n bytes, cut from a block of
// keys: bbolt keeps the keys put in a transaction until it commits, and
// one block for many of them spares an allocation each.
func (w *writes) key(n int) []byte {
	if n > keyBlock/16 {
		return make([]byte, 0, n)
	}
	if cap(w.keys)-len(w.keys) < n {
		w.keys = make([]byte, 0, keyBlock)
	}
	k := w.keys[len(w.keys) : len(w.keys) : len(w.keys)+n]
	w.keys = w.keys[:len(w.keys)+n]
	return k
}

// pairKey is pairKey(a, b) cut from a block of keys.
func (w *writes) pairKey(a, b string) []byte {
	k := w.key(len(a) + 1 + len(b))
	k = append(k, a...)
	k = append(k, 0)
	return append(k, b...)
}

// put puts k and v in bucket, in the current transaction, or hands the
// put on to the pipe's writer.
func (w *writes) put(bucket, k, v []byte) error {
	if w.pipe != nil {
		return w.pipe.add(op{bucket: bucket, k: k, v: v})
	}
	if err := w.fill(w.t.b(bucket)).Put(k, v); err != nil {
		return err
	}
	return w.step()
}

// del deletes k from bucket, in the current transaction, or hands the
// delete on to the pipe's writer.
func (w *writes) del(bucket, k []byte) error {
	if w.pipe != nil {
		return w.pipe.add(op{bucket: bucket, k: k, del: true})
	}
	if err := w.t.b(bucket).Delete(k); err != nil {
		return err
	}
	return w.step()
}

// step counts a put or delete and, in a bulk write, goes on in the next
// transaction once the current one holds txPuts.
func (w *writes) step() error {
	w.puts++
	if w.next == nil || w.puts < w.txPuts {
		return nil
	}
	w.puts = 0
	t, err := w.next()
	if err != nil {
		return err
	}
	w.t = t
	return nil
}

// replaced reads the record an element replaces with get, unless w knows
// that nothing is stored under its id.
func replaced[T any](w *writes, id string, get func(txn, string) (T, bool, error)) (T, bool, error) {
	if w.isNew != nil && w.isNew(id) {
		var none T
		return none, false, nil
	}
	if w.pipe != nil {
		return get(w.pipe.read, id)
	}
	return get(w.t, id)
}

// kindTag returns the "ids" value of a kind, shared by all its entries.
func kindTag(kind store.EntityKind) []byte { return kindTags[kind] }

var kindTags = func() map[store.EntityKind][]byte {
	m := map[store.EntityKind][]byte{}
	for k := range entityBucketFor {
		m[k] = []byte(k)
	}
	return m
}()

func (w *writes) place(p store.Place) error {
	old, ok, err := replaced(w, p.ID, txn.place)
	if err != nil {
		return err
	}
	if ok && old.ParentID != "" {
		w.unlink(idxChildren, old.ParentID, p.ID)
	}
	if p.ParentID != "" {
		w.link(idxChildren, p.ParentID, p.ID, nil)
	}
	data, err := encPlace(p)
	if err != nil {
		return err
	}
	return w.record(store.KindPlace, p.ID, data)
}

func (w *writes) person(p store.Person) error {
	old, ok, err := replaced(w, p.ID, txn.person)
	if err != nil {
		return err
	}
	w.relink(idxActorsPlace, ok, old.PlaceID, p.PlaceID, p.ID)
	data, err := encPerson(p)
	if err != nil {
		return err
	}
	return w.record(store.KindPerson, p.ID, data)
}

func (w *writes) org(o store.Organisation) error {
	old, ok, err := replaced(w, o.ID, txn.org)
	if err != nil {
		return err
	}
	w.relink(idxActorsPlace, ok, old.PlaceID, o.PlaceID, o.ID)
	data, err := encOrg(o)
	if err != nil {
		return err
	}
	return w.record(store.KindOrganisation, o.ID, data)
}

func (w *writes) forum(f store.Forum) error {
	old, ok, err := replaced(w, f.ID, txn.forum)
	if err != nil {
		return err
	}
	w.relink(idxForumsPlace, ok, old.PlaceID, f.PlaceID, f.ID)
	data, err := encForum(f)
	if err != nil {
		return err
	}
	return w.record(store.KindForum, f.ID, data)
}

// rel writes a relationship and its two index entries, the From end's
// carrying the relationship's compact form (tiecodec.go). Both entries are
// rewritten even when the ends stay, since the value changes with the
// record (and a swap of the ends moves it).
func (w *writes) rel(r store.Relationship) error {
	old, ok, err := replaced(w, r.ID, txn.rel)
	if err != nil {
		return err
	}
	if ok {
		if old.FromID != r.FromID && old.FromID != r.ToID {
			w.unlink(idxRelsActor, old.FromID, r.ID)
		}
		if old.ToID != r.FromID && old.ToID != r.ToID {
			w.unlink(idxRelsActor, old.ToID, r.ID)
		}
	}
	w.link(idxRelsActor, r.FromID, r.ID, encTie(r))
	w.link(idxRelsActor, r.ToID, r.ID, nil)
	data, err := encRel(r)
	if err != nil {
		return err
	}
	return w.record(store.KindRelationship, r.ID, data)
}

func (w *writes) part(p store.Participation) error {
	old, ok, err := replaced(w, p.ID, txn.part)
	if err != nil {
		return err
	}
	w.relink(idxPartsActor, ok, old.ActorID, p.ActorID, p.ID)
	w.relink(idxPartsForum, ok, old.ForumID, p.ForumID, p.ID)
	data, err := encPart(p)
	if err != nil {
		return err
	}
	return w.record(store.KindParticipation, p.ID, data)
}

// bulkFill is the fill of the pages a large write leaves: its keys come in
// ascending order, so pages filled near full (bbolt's default is half,
// which suits random inserts) make a smaller file whose reads touch half
// the pages.
const bulkFill = 0.95

// bulkFrom is the size of a write from which its buckets are filled to
// bulkFill.
const bulkFrom = 10_000

// fill sets a bucket's split threshold for a write of w.total elements.
func (w *writes) fill(b *bolt.Bucket) *bolt.Bucket {
	if w.total >= bulkFrom {
		b.FillPercent = bulkFill
	}
	return b
}

// flush writes the gathered "ids" entries and index changes in key order.
func (w *writes) flush() error {
	if err := mergeEach(w.ids, compareKV, func(e kv) error { return w.put(bucketIDs, e.k, e.v) }); err != nil {
		return err
	}
	w.ids = nil
	for name, keys := range w.dels {
		slices.SortFunc(keys, bytes.Compare)
		bucket := []byte(name)
		for _, k := range keys {
			if err := w.del(bucket, k); err != nil {
				return err
			}
		}
	}
	for name, entries := range w.adds {
		bucket := []byte(name)
		for _, i := range byFirst(entries) {
			e := entries[i]
			if err := w.put(bucket, w.pairKey(e.a, e.b), e.v); err != nil {
				return err
			}
		}
		delete(w.adds, name)
	}
	w.report(w.total, w.total)
	return nil
}

// mergeEach calls fn with the elements of lists, each sorted by cmp, in
// sorted order (of equal elements, those of the earlier list first),
// stopping at fn's first error. It merges the lists' heads in place, with
// no merged copy: there is one list per kind of element, a handful, and
// the copies of a pairwise merge (three of a million ids, with the
// collector's barriers) took most of a second at 100k actors / 1M ties.
func mergeEach[T any](lists [][]T, cmp func(a, b T) int, fn func(T) error) error {
	for {
		best, left := -1, 0
		for i, l := range lists {
			if len(l) == 0 {
				continue
			}
			left++
			if best < 0 || cmp(l[0], lists[best][0]) < 0 {
				best = i
			}
		}
		if best < 0 {
			return nil
		}
		if left == 1 {
			for _, e := range lists[best] {
				if err := fn(e); err != nil {
					return err
				}
			}
			return nil
		}
		if err := fn(lists[best][0]); err != nil {
			return err
		}
		lists[best] = lists[best][1:]
	}
}

// byFirst returns the order of index entries, given in ascending order of
// their second id, by their first id then second, as indices into entries:
// a stable counting sort over the distinct first ids, which looks each
// entry's first id up once and moves indices, not entries. A key "a\x00b"
// sorts as the pair (a, b), since ids hold no control characters.
func byFirst(entries []indexEntry) []int32 {
	order := make([]int32, len(entries))
	for i := range order {
		order[i] = int32(i)
	}
	if slices.IsSortedFunc(entries, compareEntries) {
		return order
	}
	// seen numbers the distinct first ids in order of appearance; rank
	// maps those numbers to their places in id order.
	seen := map[string]int32{}
	var firsts []string
	group := make([]int32, len(entries))
	for i, e := range entries {
		g, ok := seen[e.a]
		if !ok {
			g = int32(len(firsts))
			seen[e.a] = g
			firsts = append(firsts, e.a)
		}
		group[i] = g
	}
	byID := make([]int32, len(firsts))
	for i := range byID {
		byID[i] = int32(i)
	}
	slices.SortFunc(byID, func(x, y int32) int { return strings.Compare(firsts[x], firsts[y]) })
	rank := make([]int32, len(firsts))
	for r, g := range byID {
		rank[g] = int32(r)
	}
	start := make([]int32, len(firsts)+1)
	for i, g := range group {
		group[i] = rank[g]
		start[group[i]+1]++
	}
	for r := range firsts {
		start[r+1] += start[r]
	}
	for i, r := range group {
		order[start[r]] = int32(i)
		start[r]++
	}
	if !slices.IsSortedFunc(order, func(x, y int32) int { return compareEntries(entries[x], entries[y]) }) {
		// Entries not given in order of their second id (never so from
		// writes): sort them outright.
		slices.SortStableFunc(order, func(x, y int32) int { return compareEntries(entries[x], entries[y]) })
	}
	return order
}

func unlinkRel(t txn, r store.Relationship) error {
	if err := t.unlink(idxRelsActor, r.FromID, r.ID); err != nil {
		return err
	}
	return t.unlink(idxRelsActor, r.ToID, r.ID)
}
