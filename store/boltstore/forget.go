package boltstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/voicemap/voicemap/store"
)

// bucketErasures holds the erasure records (id → record). It is created by
// the first ForgetPerson; a store without it has no erasures.
var bucketErasures = []byte("erasures")

// erasureRec is the stored form of a store.Erasure: counts and a time, no
// personal data.
type erasureRec struct {
	At             string `json:"at"`
	Relationships  int    `json:"relationships"`
	Participations int    `json:"participations"`
}

// ForgetPerson deletes the person with every relationship (either end) and
// participation they have, and records the erasure, in one transaction
// (ENOTFOUND when no person has the id, EINVALID when it is an
// organisation's). The erasure id comes from the erasures bucket's
// sequence, which compaction preserves.
//
// bbolt leaves the pages a transaction frees, old bytes and all, in the
// file for reuse, so once the deletion has committed ForgetPerson compacts
// the file (see Compact): afterwards no byte of the person's records
// remains in it. Should compaction fail, the erasure stands (it has
// committed) and is returned together with an EINTERNAL error saying so;
// Compact can then be retried.
func (s *Store) ForgetPerson(ctx context.Context, id string) (store.Erasure, error) {
	var e store.Erasure
	err := s.update(ctx, func(t txn) error {
		if k, ok := t.kind(id); !ok || k != store.KindPerson {
			if ok && k == store.KindOrganisation {
				return store.NotAPerson(id)
			}
			return store.NotFound("person", id)
		}
		a, ok, err := t.actor(id)
		if err != nil {
			return err
		}
		if !ok {
			return store.NotFound("person", id)
		}
		bumped, err := touchedBump(ctx, t, nil, nil, []string{id}, true)
		if err != nil {
			return err
		}
		e = store.Erasure{At: store.ErasureTime(time.Now())}
		if e.Relationships, e.Participations, err = removeActor(t, a); err != nil {
			return err
		}
		if err := t.del(store.KindPerson, id); err != nil {
			return err
		}
		if err := putErasure(t, &e); err != nil {
			return err
		}
		return bumped()
	})
	if err != nil {
		return store.Erasure{}, fmt.Errorf("boltstore: forget person %q: %w", id, err)
	}
	if err := s.Compact(ctx); err != nil {
		return e, store.Errorf(store.EINTERNAL, "boltstore: forget person: %s recorded, but compacting the file failed, so deleted bytes may remain in it until Compact succeeds: %v", e.ID, err)
	}
	return e, nil
}

// putErasure numbers e from the erasures bucket's sequence and stores it.
func putErasure(t txn, e *store.Erasure) error {
	b, err := t.tx.CreateBucketIfNotExists(bucketErasures)
	if err != nil {
		return err
	}
	n, err := b.NextSequence()
	if err != nil {
		return err
	}
	e.ID = store.ErasureID(int64(n))
	data, err := json.Marshal(erasureRec{At: e.At.Format(time.RFC3339), Relationships: e.Relationships, Participations: e.Participations})
	if err != nil {
		return err
	}
	return b.Put([]byte(e.ID), append([]byte{recordVersion}, data...))
}

func decErasure(id string, v []byte) (store.Erasure, error) {
	if len(v) == 0 || v[0] != recordVersion {
		return store.Erasure{}, fmt.Errorf("record version %s unknown", strconv.Quote(string(v[:min(1, len(v))])))
	}
	var r erasureRec
	if err := json.Unmarshal(v[1:], &r); err != nil {
		return store.Erasure{}, err
	}
	at, err := time.Parse(time.RFC3339, r.At)
	if err != nil {
		return store.Erasure{}, err
	}
	return store.Erasure{ID: id, At: at.UTC(), Relationships: r.Relationships, Participations: r.Participations}, nil
}

// Erasures lists the erasure records by id, oldest first.
func (s *Store) Erasures(ctx context.Context, p store.Page) (store.Connection[store.Erasure], error) {
	return list(ctx, s, "list erasures", p, func(e store.Erasure) string { return e.ID },
		func(t txn) ([]store.Erasure, error) {
			if t.b(bucketErasures) == nil {
				return nil, nil
			}
			return scan(t, bucketErasures, decErasure, all[store.Erasure])
		})
}
