package boltstore

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/voicemap/voicemap/store"
)

// The versions (store.Versions) live in their own bucket: the global and
// erasure versions under keyGlobal and keyErasures, a place's under
// "place:" and its id, each 8 bytes big-endian. The embedded store has one
// process by its file lock, so nothing else reads them; they are kept in
// the file all the same, so that its server checks its cache as a server
// over a shared Neo4j does, through one code path.
var (
	bucketVersions = []byte("versions")
	keyGlobal      = []byte("global")
	keyErasures    = []byte("erasures")
)

func placeVersionKey(id string) []byte { return append([]byte("place:"), id...) }

// Above returns every stored ancestor of the stored places of ids.
func (s stored) Above(_ context.Context, ids []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		for {
			p, ok, err := s.t.place(id)
			if err != nil {
				return nil, err
			}
			if !ok || p.ParentID == "" || seen[p.ParentID] {
				break
			}
			seen[p.ParentID] = true
			out = append(out, p.ParentID)
			id = p.ParentID
		}
	}
	return out, nil
}

// Locations returns the stored place of every stored actor or forum of ids.
func (s stored) Locations(_ context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		a, ok, err := s.t.actor(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = a.PlaceID()
			continue
		}
		f, ok, err := s.t.forum(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = f.PlaceID
		}
	}
	return out, nil
}

// Ends returns the stored ends of the relationships rels and the
// participations parts.
func (s stored) Ends(_ context.Context, rels, parts []string) (map[string][2]string, error) {
	out := make(map[string][2]string, len(rels)+len(parts))
	for _, id := range rels {
		r, ok, err := s.t.rel(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = [2]string{r.FromID, r.ToID}
		}
	}
	for _, id := range parts {
		p, ok, err := s.t.part(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = [2]string{p.ActorID, p.ForumID}
		}
	}
	return out, nil
}

// bump gives the global version, the versions of places and, for an
// erasure, the erasure version one new version, in the write's
// transaction t.
func bump(t txn, places []string, erasure bool) error {
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], uint64(store.NewVersion()))
	b := t.b(bucketVersions)
	keys := [][]byte{keyGlobal}
	if erasure {
		keys = append(keys, keyErasures)
	}
	for _, p := range places {
		keys = append(keys, placeVersionKey(p))
	}
	for _, k := range keys {
		if err := b.Put(k, v[:]); err != nil {
			return fmt.Errorf("set version %q: %w", k, err)
		}
	}
	return nil
}

// touchedBump reads, in t, the places the removal of rels, parts and
// located touches, and returns the function that bumps them once the
// removal is done.
func touchedBump(ctx context.Context, t txn, rels, parts, located []string, erasure bool) (func() error, error) {
	places, err := store.TouchedByRemoval(ctx, stored{t}, rels, parts, located)
	if err != nil {
		return nil, err
	}
	return func() error { return bump(t, places, erasure) }, nil
}

// Versions returns the global and erasure versions and those of places,
// in one read transaction.
func (s *Store) Versions(ctx context.Context, places []string) (store.Versions, error) {
	vs := store.Versions{Places: make(map[string]int64, len(places))}
	err := s.view(ctx, func(t txn) error {
		b := t.b(bucketVersions)
		get := func(k []byte) int64 {
			if v := b.Get(k); len(v) == 8 {
				return int64(binary.BigEndian.Uint64(v))
			}
			return 0
		}
		vs.Global, vs.Erasures = get(keyGlobal), get(keyErasures)
		for _, p := range places {
			if v := get(placeVersionKey(p)); v != 0 {
				vs.Places[p] = v
			}
		}
		return nil
	})
	if err != nil {
		return store.Versions{}, fmt.Errorf("boltstore: versions: %w", err)
	}
	return vs, nil
}
