package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// problems collects the problems of a batch by code.
type problems struct {
	invalid, notFound, conflict []string
}

func (p *problems) add(code, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	switch code {
	case store.EINVALID:
		p.invalid = append(p.invalid, msg)
	case store.ENOTFOUND:
		p.notFound = append(p.notFound, msg)
	default:
		p.conflict = append(p.conflict, msg)
	}
}

// err returns nil without problems, else one error whose Details name
// every problem: EINVALID if any element is invalid, else ENOTFOUND if a
// reference is missing, else ECONFLICT.
func (p *problems) err() error {
	details := append(append(append([]string(nil), p.invalid...), p.notFound...), p.conflict...)
	code := store.ECONFLICT
	switch {
	case len(details) == 0:
		return nil
	case len(p.invalid) > 0:
		code = store.EINVALID
	case len(p.notFound) > 0:
		code = store.ENOTFOUND
	}
	e := store.Errorf(code, "import refused: %d problem(s)", len(details))
	e.Details = details
	return e
}

// normalized is a batch after validation, with the kind of every id in it.
type normalized struct {
	b     store.Batch
	kinds map[string]store.EntityKind
	// refs lists the ids the batch refers to, for the lookup of stored kinds.
	refs []string
}

// normalizeBatch validates every element of b (EINVALID problems, each
// naming its element) and finds ids used twice.
func normalizeBatch(b store.Batch, pr *problems) normalized {
	n := normalized{kinds: map[string]store.EntityKind{}}
	seen := func(id string, k store.EntityKind) {
		if prev, dup := n.kinds[id]; dup {
			pr.add(store.EINVALID, "%s %q: id appears more than once in the batch (also a %s)", k, id, prev)
			return
		}
		n.kinds[id] = k
	}
	// An invalid element still names its kind, so that references to it
	// are not also reported as missing.
	bad := func(k store.EntityKind, id string, err error) {
		pr.add(store.EINVALID, "%s %q: %s", k, id, store.ErrorMessage(err))
		if _, known := n.kinds[id]; !known && store.ValidID("id", id) == nil {
			n.kinds[id] = k
		}
	}
	for _, x := range b.Places {
		v, err := store.NormalizePlace(x)
		if err != nil {
			bad(store.KindPlace, x.ID, err)
			continue
		}
		seen(v.ID, store.KindPlace)
		n.b.Places = append(n.b.Places, v)
		if v.ParentID != "" {
			n.refs = append(n.refs, v.ParentID)
		}
	}
	for _, x := range b.People {
		v, err := store.NormalizePerson(x)
		if err != nil {
			bad(store.KindPerson, x.ID, err)
			continue
		}
		seen(v.ID, store.KindPerson)
		n.b.People = append(n.b.People, v)
		n.refs = append(n.refs, v.PlaceID)
	}
	for _, x := range b.Organisations {
		v, err := store.NormalizeOrganisation(x)
		if err != nil {
			bad(store.KindOrganisation, x.ID, err)
			continue
		}
		seen(v.ID, store.KindOrganisation)
		n.b.Organisations = append(n.b.Organisations, v)
		n.refs = append(n.refs, v.PlaceID)
	}
	for _, x := range b.Forums {
		v, err := store.NormalizeForum(x)
		if err != nil {
			bad(store.KindForum, x.ID, err)
			continue
		}
		seen(v.ID, store.KindForum)
		n.b.Forums = append(n.b.Forums, v)
		n.refs = append(n.refs, v.PlaceID)
	}
	for _, x := range b.Relationships {
		v, err := store.NormalizeRelationship(x)
		if err != nil {
			bad(store.KindRelationship, x.ID, err)
			continue
		}
		seen(v.ID, store.KindRelationship)
		n.b.Relationships = append(n.b.Relationships, v)
		n.refs = append(n.refs, v.FromID, v.ToID)
	}
	for _, x := range b.Participations {
		v, err := store.NormalizeParticipation(x)
		if err != nil {
			bad(store.KindParticipation, x.ID, err)
			continue
		}
		seen(v.ID, store.KindParticipation)
		n.b.Participations = append(n.b.Participations, v)
		n.refs = append(n.refs, v.ActorID, v.ForumID)
	}
	return n
}

// storedParentsCypher returns the whole stored place hierarchy, for the
// cycle check of an import.
const storedParentsCypher = `MATCH (c:Place)-[:WITHIN]->(p:Place)
RETURN c.id AS child, p.id AS parent`

// checkBatch checks, in tx, the references and identities of n against the
// batch itself and the stored data, and that no organisation that funds a
// stored grant changes kind away from FUNDER.
func checkBatch(ctx context.Context, tx neo4j.ManagedTransaction, n normalized, pr *problems) error {
	ids := make([]string, 0, len(n.kinds)+len(n.refs))
	for id := range n.kinds {
		ids = append(ids, id)
	}
	ids = append(ids, n.refs...)
	stored, err := kindsOf(ctx, tx, ids)
	if err != nil {
		return err
	}
	for id, k := range n.kinds {
		if sk, ok := stored[id]; ok && sk != k {
			pr.add(store.ECONFLICT, "%s %q: the id is already used by a %s", k, id, sk)
		}
	}
	// kindOf is what an id will be after the import; a stored id keeps its
	// kind (a batch entity claiming it is a conflict, reported above).
	kindOf := func(id string) store.EntityKind {
		if k, ok := stored[id]; ok {
			return k
		}
		return n.kinds[id]
	}
	isActor := func(id string) bool {
		k := kindOf(id)
		return k == store.KindPerson || k == store.KindOrganisation
	}
	place := func(what store.EntityKind, id, ref string) {
		if kindOf(ref) != store.KindPlace {
			pr.add(store.ENOTFOUND, "%s %q: place %q not found", what, id, ref)
		}
	}
	for _, p := range n.b.Places {
		if p.ParentID != "" {
			place(store.KindPlace, p.ID, p.ParentID)
		}
	}
	for _, p := range n.b.People {
		place(store.KindPerson, p.ID, p.PlaceID)
	}
	for _, o := range n.b.Organisations {
		place(store.KindOrganisation, o.ID, o.PlaceID)
	}
	for _, f := range n.b.Forums {
		place(store.KindForum, f.ID, f.PlaceID)
	}
	for _, r := range n.b.Relationships {
		for _, end := range []string{r.FromID, r.ToID} {
			if !isActor(end) {
				pr.add(store.ENOTFOUND, "relationship %q: actor %q not found", r.ID, end)
			}
		}
	}
	for _, p := range n.b.Participations {
		if !isActor(p.ActorID) {
			pr.add(store.ENOTFOUND, "participation %q: actor %q not found", p.ID, p.ActorID)
		}
		if kindOf(p.ForumID) != store.KindForum {
			pr.add(store.ENOTFOUND, "participation %q: forum %q not found", p.ID, p.ForumID)
		}
	}
	if len(n.b.Places) == 0 {
		return nil
	}
	recs, err := run(ctx, tx, storedParentsCypher, nil)
	if err != nil {
		return err
	}
	parent := make(map[string]string, len(recs)+len(n.b.Places))
	var d decoder
	for _, rec := range recs {
		parent[d.col(rec, "child")] = d.col(rec, "parent")
	}
	for _, p := range n.b.Places {
		parent[p.ID] = p.ParentID
	}
	for _, p := range n.b.Places {
		// Walk up from p; more steps than places means a cycle not through p.
		for cur, steps := parent[p.ID], 0; cur != "" && steps <= len(parent); cur, steps = parent[cur], steps+1 {
			if cur == p.ID {
				pr.add(store.ECONFLICT, "place %q would become its own ancestor", p.ID)
				break
			}
		}
	}
	return d.err
}

// Import writes a batch in one transaction, all or nothing. Every element
// is validated and every reference checked (against the batch and the
// stored data) before anything is written; on a problem the error's
// Details name each one.
func (s *Store) Import(ctx context.Context, b store.Batch) (store.ImportCounts, error) {
	var pr problems
	n := normalizeBatch(b, &pr)
	if len(pr.invalid) > 0 {
		// Reference checks would only add noise to invalid input; still,
		// name the missing references the valid elements have.
		if _, err := readTx(ctx, s, "import", "", func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, error) {
			return struct{}{}, checkBatch(ctx, tx, n, &pr)
		}); err != nil {
			return store.ImportCounts{}, err
		}
		return store.ImportCounts{}, wrap("import", "", asDomain(pr.err()))
	}
	counts := store.ImportCounts{
		Places: len(n.b.Places), People: len(n.b.People), Organisations: len(n.b.Organisations),
		Relationships: len(n.b.Relationships), Forums: len(n.b.Forums), Participations: len(n.b.Participations),
	}
	if counts == (store.ImportCounts{}) {
		return counts, nil
	}
	_, err := writeTx(ctx, s, "import", "", func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, error) {
		var pr problems // fresh on every attempt: the function may be retried
		if err := checkBatch(ctx, tx, n, &pr); err != nil {
			return struct{}{}, err
		}
		if err := pr.err(); err != nil {
			return struct{}{}, err
		}
		store.BeginProgress(ctx, n.b.Size())
		return struct{}{}, writeBatch(ctx, tx, n.b)
	})
	if err != nil {
		return store.ImportCounts{}, err
	}
	return counts, nil
}

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
	for _, st := range steps {
		if err := writeElements(ctx, tx, st.rows, st.cyphers...); err != nil {
			return err
		}
	}
	if err := writeRels(ctx, tx, tieWrites, rowsOf(b.Relationships, relationshipRow), "from", "to"); err != nil {
		return err
	}
	store.AddProgress(ctx, len(b.Relationships))
	if err := writeRels(ctx, tx, partWrites, rowsOf(b.Participations, participationRow), "actorId", "forumId"); err != nil {
		return err
	}
	store.AddProgress(ctx, len(b.Participations))
	return nil
}

func rowsOf[T any](xs []T, row func(T) map[string]any) []map[string]any {
	out := make([]map[string]any, len(xs))
	for i, x := range xs {
		out[i] = row(x)
	}
	return out
}
