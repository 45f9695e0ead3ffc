package boltstore

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

var _ store.GrantStore = (*Store)(nil)

// writeGrants validates, checks and writes b in one transaction, as
// writeBatch does.
func (s *Store) writeGrants(ctx context.Context, b store.GrantBatch) (*store.Prepared, store.Problems, error) {
	p := store.PrepareGrants(b)
	probs, err := s.write(ctx, p, func(t txn) error {
		if err := apply(ctx, t, p.Batch); err != nil {
			return err
		}
		return applyGrants(ctx, t, slices.Clone(p.Grants))
	})
	return p, probs, err
}

// applyGrants writes checked grants, moving their index entries. It
// writes each bucket's keys in ascending order: bbolt keeps a node's keys
// in one sorted slice until the transaction commits, so keys put in random
// order cost a copy of the rest of the node each (quadratic in a large
// import), while ascending keys are appended.
func applyGrants(ctx context.Context, t txn, grants []store.Grant) error {
	slices.SortFunc(grants, func(a, b store.Grant) int { return strings.Compare(a.ID, b.ID) })
	var funders, recipients, places [][]byte
	for _, g := range grants {
		old, ok, err := t.grant(g.ID)
		if err != nil {
			return err
		}
		if ok {
			if err := unlinkGrant(t, old); err != nil {
				return err
			}
		}
		funders = append(funders, pairKey(g.FunderID, g.ID))
		recipients = append(recipients, pairKey(g.RecipientID, g.ID))
		for _, p := range g.PlaceIDs {
			places = append(places, pairKey(p, g.ID))
		}
	}
	for i, g := range grants {
		if i%store.ProgressEvery == 0 {
			store.ReportProgress(ctx, "grants", i, len(grants))
		}
		data, err := encGrant(g)
		if err != nil {
			return err
		}
		if err := t.put(store.KindGrant, g.ID, data); err != nil {
			return err
		}
	}
	store.ReportProgress(ctx, "grants", len(grants), len(grants))
	for _, idx := range []struct {
		name []byte
		keys [][]byte
	}{{idxGrantsFunder, funders}, {idxGrantsRecip, recipients}, {idxGrantsPlace, places}} {
		slices.SortFunc(idx.keys, bytes.Compare)
		b := t.b(idx.name)
		for _, k := range idx.keys {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func unlinkGrant(t txn, g store.Grant) error {
	if err := t.unlink(idxGrantsFunder, g.FunderID, g.ID); err != nil {
		return err
	}
	if err := t.unlink(idxGrantsRecip, g.RecipientID, g.ID); err != nil {
		return err
	}
	for _, p := range g.PlaceIDs {
		if err := t.unlink(idxGrantsPlace, p, g.ID); err != nil {
			return err
		}
	}
	return nil
}

// UpsertGrant creates or replaces a grant: EINVALID for bad fields or a
// funder not of kind FUNDER, ENOTFOUND for a missing funder, recipient or
// beneficiary place, ECONFLICT for an id of another kind.
func (s *Store) UpsertGrant(ctx context.Context, g store.Grant) (store.Grant, error) {
	p, probs, err := s.writeGrants(ctx, store.GrantBatch{Grants: []store.Grant{g}})
	if err == nil {
		err = probs.First()
	}
	if err != nil {
		return store.Grant{}, fmt.Errorf("boltstore: upsert grant %q: %w", g.ID, err)
	}
	return p.Grants[0], nil
}

// ImportGrants writes b all or nothing; a refused batch gives
// store.Problems.Err: the worst problem's code, every problem in Details.
func (s *Store) ImportGrants(ctx context.Context, b store.GrantBatch) (store.GrantCounts, error) {
	p, probs, err := s.writeGrants(ctx, b)
	if err == nil {
		err = probs.Err()
	}
	if err != nil {
		return store.GrantCounts{}, fmt.Errorf("boltstore: import grants: %w", err)
	}
	return store.GrantCounts{Places: len(p.Batch.Places), Organisations: len(p.Batch.Organisations), Grants: len(p.Grants)}, nil
}

// DeleteGrant deletes a grant (ENOTFOUND if there is none).
func (s *Store) DeleteGrant(ctx context.Context, id string) error {
	err := s.update(ctx, func(t txn) error {
		g, ok, err := t.grant(id)
		if err != nil {
			return err
		}
		if !ok {
			return store.NotFound("grant", id)
		}
		if err := unlinkGrant(t, g); err != nil {
			return err
		}
		if err := t.del(store.KindGrant, id); err != nil {
			return err
		}
		return bump(t, nil, false)
	})
	if err != nil {
		return fmt.Errorf("boltstore: delete grant %q: %w", id, err)
	}
	return nil
}

// Grant returns a grant by id (ENOTFOUND).
func (s *Store) Grant(ctx context.Context, id string) (store.Grant, error) {
	return getOne(ctx, s, "grant", "grant", id, txn.grant)
}

// Grants lists grants by funder, recipient, beneficiary place (with its
// descendants) and award day (From and To inclusive, compared by day),
// starting from the narrowest index the filter allows.
func (s *Store) Grants(ctx context.Context, f store.GrantFilter, p store.Page) (store.Connection[store.Grant], error) {
	return list(ctx, s, "grants", p, grantID, func(t txn) ([]store.Grant, error) {
		var places map[string]bool
		if f.PlaceID != "" {
			if k, ok := t.kind(f.PlaceID); !ok || k != store.KindPlace {
				return nil, nil
			}
			places = map[string]bool{}
			for _, id := range t.descendants(f.PlaceID) {
				places[id] = true
			}
		}
		keep := func(g store.Grant) bool {
			return (f.FunderID == "" || g.FunderID == f.FunderID) &&
				(f.RecipientID == "" || g.RecipientID == f.RecipientID) &&
				(f.Programme == "" || g.Programme == f.Programme) &&
				(places == nil || slices.ContainsFunc(g.PlaceIDs, func(id string) bool { return places[id] })) &&
				(f.From == nil || !g.AwardedOn.Before(store.Day(*f.From))) &&
				(f.To == nil || !g.AwardedOn.After(store.Day(*f.To)))
		}
		switch {
		case f.FunderID != "":
			return fetch(t, t.linked(idxGrantsFunder, f.FunderID), txn.grant, keep)
		case f.RecipientID != "":
			return fetch(t, t.linked(idxGrantsRecip, f.RecipientID), txn.grant, keep)
		case f.PlaceID != "":
			// A grant to several places in scope is listed once.
			var ids []string
			for id := range places {
				ids = append(ids, t.linked(idxGrantsPlace, id)...)
			}
			slices.Sort(ids)
			return fetch(t, slices.Compact(ids), txn.grant, keep)
		}
		return scan(t, bucketGrants, decGrant, keep)
	})
}

func grantID(g store.Grant) string { return g.ID }
