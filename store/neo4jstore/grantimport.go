package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// grantBatch is a grant batch after validation: its places and
// organisations as a normalized store batch, and its grants.
type grantBatch struct {
	normalized
	grants []store.Grant
}

// normalizeGrantBatch validates every element of b (EINVALID problems,
// each naming its element) and finds ids used twice.
func normalizeGrantBatch(b store.GrantBatch, pr *problems) grantBatch {
	n := grantBatch{normalized: normalizeBatch(store.Batch{Places: b.Places, Organisations: b.Organisations}, pr)}
	for _, x := range b.Grants {
		v, err := store.NormalizeGrant(x)
		if err != nil {
			pr.add(store.EINVALID, "%s %q: %s", store.KindGrant, x.ID, store.ErrorMessage(err))
			if _, known := n.kinds[x.ID]; !known && store.ValidID("id", x.ID) == nil {
				n.kinds[x.ID] = store.KindGrant
			}
			continue
		}
		if prev, dup := n.kinds[v.ID]; dup {
			pr.add(store.EINVALID, "%s %q: id appears more than once in the batch (also a %s)", store.KindGrant, v.ID, prev)
			continue
		}
		n.kinds[v.ID] = store.KindGrant
		n.grants = append(n.grants, v)
		n.refs = append(n.refs, v.FunderID, v.RecipientID)
		n.refs = append(n.refs, v.PlaceIDs...)
	}
	return n
}

// checkGrantBatch checks, in tx, the places and organisations of n as
// Import does, then every grant's funder and recipient (organisations of
// any kind) and places, against the batch and the stored data.
func checkGrantBatch(ctx context.Context, tx neo4j.ManagedTransaction, n grantBatch, pr *problems) error {
	if err := checkBatch(ctx, tx, n.normalized, pr); err != nil {
		return err
	}
	if len(n.grants) == 0 {
		return nil
	}
	var refs []string
	for _, g := range n.grants {
		refs = append(append(refs, g.FunderID, g.RecipientID), g.PlaceIDs...)
	}
	stored, err := kindsOf(ctx, tx, refs)
	if err != nil {
		return err
	}
	// kindOf is what an id will be after the import, as in checkBatch.
	kindOf := func(id string) store.EntityKind {
		if k, ok := stored[id]; ok {
			return k
		}
		return n.kinds[id]
	}
	for _, g := range n.grants {
		if kindOf(g.FunderID) != store.KindOrganisation {
			pr.add(store.ENOTFOUND, "grant %q: funder organisation %q not found", g.ID, g.FunderID)
		}
		if kindOf(g.RecipientID) != store.KindOrganisation {
			pr.add(store.ENOTFOUND, "grant %q: recipient organisation %q not found", g.ID, g.RecipientID)
		}
		for _, p := range g.PlaceIDs {
			if kindOf(p) != store.KindPlace {
				pr.add(store.ENOTFOUND, "grant %q: beneficiary place %q not found", g.ID, p)
			}
		}
	}
	return nil
}

// ImportGrants writes a batch of places, organisations and grants in one
// transaction, all or nothing: every element is validated and every
// reference checked (against the batch and the stored data) before
// anything is written; on a problem the error's Details name each one.
func (s *Store) ImportGrants(ctx context.Context, b store.GrantBatch) (store.GrantCounts, error) {
	var pr problems
	n := normalizeGrantBatch(b, &pr)
	if len(pr.invalid) > 0 {
		// Name the missing references of the valid elements too.
		if _, err := readTx(ctx, s, "import grants", "", func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, error) {
			return struct{}{}, checkGrantBatch(ctx, tx, n, &pr)
		}); err != nil {
			return store.GrantCounts{}, err
		}
		return store.GrantCounts{}, wrap("import grants", "", asDomain(pr.err()))
	}
	counts := store.GrantCounts{Places: len(n.b.Places), Organisations: len(n.b.Organisations), Grants: len(n.grants)}
	if counts == (store.GrantCounts{}) {
		return counts, nil
	}
	_, err := writeTx(ctx, s, "import grants", "", func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, error) {
		var pr problems // fresh on every attempt: the function may be retried
		if err := checkGrantBatch(ctx, tx, n, &pr); err != nil {
			return struct{}{}, err
		}
		if err := pr.err(); err != nil {
			return struct{}{}, err
		}
		store.BeginProgress(ctx, n.b.Size()+len(n.grants))
		if err := writeBatch(ctx, tx, n.b); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, writeGrants(ctx, tx, n.grants)
	})
	if err != nil {
		return store.GrantCounts{}, err
	}
	return counts, nil
}
