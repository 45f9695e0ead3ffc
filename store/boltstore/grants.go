package boltstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

var _ store.GrantStore = (*Store)(nil)

var orgKinds = []store.EntityKind{store.KindOrganisation}

// preparedGrants is a grant batch after validation: its places and
// organisations as a prepared store.Batch, its valid grants canonical.
type preparedGrants struct {
	prepared
	grants []store.Grant
}

// prepareGrants normalises every element of b, finding one problem per
// invalid element or id repeated anywhere in the batch.
func prepareGrants(b store.GrantBatch) preparedGrants {
	pg := preparedGrants{prepared: prepare(store.Batch{Places: b.Places, Organisations: b.Organisations})}
	for i, g := range b.Grants {
		g, err := store.NormalizeGrant(g)
		prev, dup := pg.declared[g.ID]
		if !dup && g.ID != "" {
			pg.declared[g.ID] = store.KindGrant
		}
		switch {
		case err != nil && g.ID == "":
			pg.probs = append(pg.probs, &problem{Code: store.ErrorCode(err),
				Message: fmt.Sprintf("%s number %d (no id): %s", store.KindGrant, i+1, store.ErrorMessage(err))})
		case err != nil:
			pg.probs = append(pg.probs, newProblem(store.ErrorCode(err), store.KindGrant, g.ID, "%s", store.ErrorMessage(err)))
		case dup:
			pg.probs = append(pg.probs, newProblem(store.EINVALID, store.KindGrant, g.ID, "id appears more than once in the batch (also as a %s)", prev))
		default:
			refs := []ref{{"funder organisation", g.FunderID, orgKinds}, {"recipient organisation", g.RecipientID, orgKinds}}
			for _, p := range g.PlaceIDs {
				refs = append(refs, ref{"beneficiary place", p, placeKinds})
			}
			pg.elems = append(pg.elems, element{kind: store.KindGrant, id: g.ID, refs: refs})
			pg.grants = append(pg.grants, g)
		}
	}
	return pg
}

// checkGrants finds, inside the transaction, the problems check finds:
// ids of another kind, and funders, recipients and places that are not
// there (an organisation of any kind may fund: funding is a role a grant
// gives, not a kind).
func checkGrants(t txn, pg preparedGrants) ([]*problem, error) {
	return check(t, pg.prepared)
}

// writeGrants validates, checks and writes b in one transaction, as
// writeBatch does: a refused batch returns its problems and writes nothing.
func (s *Store) writeGrants(ctx context.Context, b store.GrantBatch) (preparedGrants, []*problem, error) {
	pg := prepareGrants(b)
	var probs []*problem
	if len(pg.probs) > 0 {
		err := s.view(ctx, func(t txn) error {
			more, err := checkGrants(t, pg)
			probs = append(slices.Clip(pg.probs), more...)
			return err
		})
		return pg, probs, err
	}
	err := s.update(ctx, func(t txn) error {
		var err error
		if probs, err = checkGrants(t, pg); err != nil {
			return err
		} else if len(probs) > 0 {
			return errRefused // roll back
		}
		store.BeginProgress(ctx, pg.batch.Size()+len(pg.grants))
		tick := func() { store.AddProgress(ctx, 1) }
		if err := apply(t, pg.batch, tick); err != nil {
			return err
		}
		return applyGrants(t, pg.grants, tick)
	})
	if err != nil && !errors.Is(err, errRefused) {
		return pg, nil, err
	}
	return pg, probs, nil
}

// applyGrants writes checked grants, moving their index entries. It
// writes each bucket's keys in ascending order: bbolt keeps a node's keys
// in one sorted slice until the transaction commits, so keys put in random
// order cost a copy of the rest of the node each (quadratic in a large
// import), while ascending keys are appended.
func applyGrants(t txn, grants []store.Grant, tick func()) error {
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
	for _, g := range grants {
		data, err := encGrant(g)
		if err != nil {
			return err
		}
		if err := t.put(store.KindGrant, g.ID, data); err != nil {
			return err
		}
		tick()
	}
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

// UpsertGrant creates or replaces a grant: EINVALID for bad fields,
// ENOTFOUND for a missing funder, recipient or
// beneficiary place, ECONFLICT for an id of another kind.
func (s *Store) UpsertGrant(ctx context.Context, g store.Grant) (store.Grant, error) {
	pg, probs, err := s.writeGrants(ctx, store.GrantBatch{Grants: []store.Grant{g}})
	if err == nil && len(probs) > 0 {
		err = first(probs)
	}
	if err != nil {
		return store.Grant{}, fmt.Errorf("boltstore: upsert grant %q: %w", g.ID, err)
	}
	return pg.grants[0], nil
}

// ImportGrants writes b all or nothing. A refused batch gives an error
// whose code is EINVALID if any element is invalid or an id repeats, else
// ECONFLICT if any id clashes with
// another kind or a place cycle would form, else ENOTFOUND; its Details
// name every problem with its element's id.
func (s *Store) ImportGrants(ctx context.Context, b store.GrantBatch) (store.GrantCounts, error) {
	pg, probs, err := s.writeGrants(ctx, b)
	if err != nil {
		return store.GrantCounts{}, fmt.Errorf("boltstore: import grants: %w", err)
	}
	if len(probs) > 0 {
		e := store.Errorf(worst(probs), "the batch was refused: %d problem(s), nothing was written", len(probs))
		for _, p := range probs {
			e.Details = append(e.Details, p.Message)
		}
		return store.GrantCounts{}, fmt.Errorf("boltstore: import grants: %w", e)
	}
	return store.GrantCounts{Places: len(pg.batch.Places), Organisations: len(pg.batch.Organisations), Grants: len(pg.grants)}, nil
}

// DeleteGrant deletes a grant (ENOTFOUND if there is none).
func (s *Store) DeleteGrant(ctx context.Context, id string) error {
	err := s.update(ctx, func(t txn) error {
		g, ok, err := t.grant(id)
		if err != nil {
			return err
		}
		if !ok {
			return store.Errorf(store.ENOTFOUND, "grant %q not found", id)
		}
		if err := unlinkGrant(t, g); err != nil {
			return err
		}
		return t.del(store.KindGrant, id)
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
