package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// writeBatch writes a checked batch: place nodes, then the hierarchy, then
// actors and forums with their locations, then relationships and
// participations.
func writeBatch(ctx context.Context, tx neo4j.ManagedTransaction, b store.Batch) error {
	steps := []struct {
		rows    []map[string]any
		cyphers []string
	}{
		{rowsOf(b.Places, placeRow), []string{upsertPlacesCypher, unparentPlacesCypher, parentPlacesCypher}},
		{rowsOf(b.People, personRow), []string{upsertPeopleCypher, unlocateCypher, locateCypher}},
		{rowsOf(b.Organisations, organisationRow), []string{upsertOrganisationsCypher, unlocateCypher, locateCypher}},
		{rowsOf(b.Forums, forumRow), []string{upsertForumsCypher, unlocateCypher, locateCypher}},
	}
	total := b.Size()
	done := 0
	for _, st := range steps {
		store.ReportProgress(ctx, "write", done, total)
		if err := writeRows(ctx, tx, st.rows, st.cyphers...); err != nil {
			return err
		}
		done += len(st.rows)
	}
	store.ReportProgress(ctx, "write", done, total)
	if err := writeRels(ctx, tx, tieWrites, rowsOf(b.Relationships, relationshipRow), "from", "to"); err != nil {
		return err
	}
	store.ReportProgress(ctx, "write", done+len(b.Relationships), total)
	if err := writeRels(ctx, tx, partWrites, rowsOf(b.Participations, participationRow), "actorId", "forumId"); err != nil {
		return err
	}
	store.ReportProgress(ctx, "write", total, total)
	return nil
}

func rowsOf[T any](xs []T, row func(T) map[string]any) []map[string]any {
	out := make([]map[string]any, len(xs))
	for i, x := range xs {
		out[i] = row(x)
	}
	return out
}
