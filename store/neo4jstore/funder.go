package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// fundedCountsCypher counts the grants each organisation of $ids funds
// (organisations that fund none are absent). The organisation is matched by
// a property map fed by UNWIND (NornicDB difference 16).
const fundedCountsCypher = `UNWIND $ids AS oid
MATCH (g:Grant)-[:FUNDED_BY]->(o:Organisation {id: oid})
RETURN oid AS id, count(g) AS grants`

// checkFunderKinds adds, in tx, an ECONFLICT problem for every organisation
// of orgs that funds a stored grant and would change kind away from
// FUNDER: a grant's funder stays of kind FUNDER.
func checkFunderKinds(ctx context.Context, tx neo4j.ManagedTransaction, orgs []store.Organisation, pr *problems) error {
	var ids []string
	kinds := map[string]store.OrgKind{}
	for _, o := range orgs {
		if o.Kind != store.OrgFunder {
			ids = append(ids, o.ID)
			kinds[o.ID] = o.Kind
		}
	}
	if len(ids) == 0 {
		return nil
	}
	recs, err := run(ctx, tx, fundedCountsCypher, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	var d decoder
	for _, rec := range recs {
		id, n := d.col(rec, "id"), d.count(rec, "grants")
		if n > 0 {
			pr.add(store.ECONFLICT, "%s %q: funds %d grant(s), so its kind must stay %s, not %s",
				store.KindOrganisation, id, n, store.OrgFunder, kinds[id])
		}
	}
	return d.err
}

// funderKindCheck is the check of checkFunderKinds for one organisation,
// as an error.
func funderKindCheck(o store.Organisation) func(context.Context, neo4j.ManagedTransaction) error {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var pr problems
		if err := checkFunderKinds(ctx, tx, []store.Organisation{o}, &pr); err != nil {
			return err
		}
		if len(pr.conflict) > 0 {
			return store.Errorf(store.ECONFLICT, "%s", pr.conflict[0])
		}
		return nil
	}
}
