package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// Statements that place an actor or forum in its place: drop an IN to any
// other place, then MERGE the IN to the new one.
const (
	unlocateCypher = `UNWIND $rows AS row
MATCH (:Entity {id: row.id})-[l:IN]->(old:Place)
WHERE old.id <> row.placeId
DELETE l`
	locateCypher = `UNWIND $rows AS row
MATCH (n:Entity {id: row.id}), (pl:Place {id: row.placeId})
MERGE (n)-[:IN]->(pl)`
)

// upsertLocated writes, in one transaction, an entity of kind located in a
// place: the id must be free or of that kind (ECONFLICT), the place must
// exist (ENOTFOUND), and every check must pass (run after the claim,
// before the place is looked up); then upsert sets the node and the IN is
// replaced.
func (s *Store) upsertLocated(ctx context.Context, op string, kind store.EntityKind, row map[string]any, upsert string,
	checks ...func(context.Context, neo4j.ManagedTransaction) error) error {
	id, _ := row["id"].(string)
	placeID, _ := row["placeId"].(string)
	_, err := writeTx(ctx, s, op, id, func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, error) {
		if err := claim(ctx, tx, id, kind); err != nil {
			return struct{}{}, err
		}
		for _, check := range checks {
			if err := check(ctx, tx); err != nil {
				return struct{}{}, err
			}
		}
		recs, err := run(ctx, tx, placeExistsCypher, map[string]any{"id": placeID})
		if err != nil {
			return struct{}{}, err
		}
		if len(recs) == 0 {
			return struct{}{}, store.Errorf(store.ENOTFOUND, "place %q not found", placeID)
		}
		return struct{}{}, writeRows(ctx, tx, []map[string]any{row}, upsert, unlocateCypher, locateCypher)
	})
	return err
}
