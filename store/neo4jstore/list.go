package neo4jstore

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// clause is one MATCH clause with the predicates of its WHERE.
type clause struct {
	match string
	conds []string
}

// listing is one filtered list, assembled from fixed Cypher fragments:
// an optional head (e.g. a WITH binding the day), MATCH clauses each with
// the predicates in force, an optional tail (e.g. an OPTIONAL MATCH, which
// must not take a WHERE) and ret, the RETURN clause of a page, which must
// project the item's id as id. The count statement returns count(*) AS
// total over the same clauses; the page statement adds idVar.id > $after to
// the last clause, ORDER BY id and LIMIT $limit. Only the filters that are
// set are added, so no predicate tests a parameter for null.
type listing[T any] struct {
	op      string
	head    string
	clauses []clause
	idVar   string
	tail    string
	ret     string
	decode  func(d *decoder, rec *neo4j.Record) T
	id      func(T) string
	// scope, when not empty, names a place whose descendants (itself
	// included) become the parameter $placeIds.
	scope string
	// prepare, when set, runs in the read transaction after the scope is
	// resolved and before the statements, to add parameters to q.
	prepare func(ctx context.Context, tx neo4j.ManagedTransaction, q map[string]any) error
	// complete, when set, runs in the read transaction on the page's items,
	// to fill in what the page statement does not return.
	complete func(ctx context.Context, tx neo4j.ManagedTransaction, items []T) error
}

// where joins predicates into a WHERE clause ("" for none).
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "\nWHERE " + strings.Join(conds, " AND ")
}

// statement renders head, clauses (with extra predicates on the last one)
// and the rest, one per line.
func statement(head string, clauses []clause, extra []string, rest ...string) string {
	var b strings.Builder
	if head != "" {
		b.WriteString(head + "\n")
	}
	for i, c := range clauses {
		conds := c.conds
		if i == len(clauses)-1 {
			conds = append(slices.Clone(conds), extra...)
		}
		b.WriteString(c.match + where(conds) + "\n")
	}
	for _, r := range rest {
		if r != "" {
			b.WriteString(r + "\n")
		}
	}
	return b.String()
}

// list runs l for page p with the filter params, in one read transaction
// so that the count and the page agree. It applies exactly the rule of
// store.Paginate: ordered by id, ids after the cursor, TotalCount over the
// whole filtered list and HasNextPage when items follow the page.
func list[T any](ctx context.Context, s *Store, l listing[T], params map[string]any, p store.Page) (store.Connection[T], error) {
	n, err := store.PageSize(p)
	if err != nil {
		return store.Connection[T]{}, err
	}
	after, err := store.DecodeCursor(p.After)
	if err != nil {
		return store.Connection[T]{}, err
	}
	countCypher := statement(l.head, l.clauses, nil, "RETURN count(*) AS total")
	pageCypher := statement(l.head, l.clauses, []string{l.idVar + ".id > $after"}, l.tail, l.ret, "ORDER BY id LIMIT $limit")
	return readTx(ctx, s, l.op, "", func(ctx context.Context, tx neo4j.ManagedTransaction) (store.Connection[T], error) {
		q := maps.Clone(params)
		if q == nil {
			q = map[string]any{}
		}
		if l.scope != "" {
			ids, err := placeScope(ctx, tx, l.scope)
			if err != nil {
				return store.Connection[T]{}, err
			}
			q["placeIds"] = ids
		}
		if l.prepare != nil {
			if err := l.prepare(ctx, tx, q); err != nil {
				return store.Connection[T]{}, err
			}
		}
		recs, err := run(ctx, tx, countCypher, q)
		if err != nil {
			return store.Connection[T]{}, err
		}
		var d decoder
		total := 0
		if len(recs) == 1 {
			total = d.count(recs[0], "total")
		}
		q["after"] = after
		q["limit"] = int64(n + 1)
		recs, err = run(ctx, tx, pageCypher, q)
		if err != nil {
			return store.Connection[T]{}, err
		}
		items := make([]T, 0, min(len(recs), n))
		for _, rec := range recs[:min(len(recs), n)] {
			items = append(items, l.decode(&d, rec))
		}
		if d.err != nil {
			return store.Connection[T]{}, d.err
		}
		if l.complete != nil {
			if err := l.complete(ctx, tx, items); err != nil {
				return store.Connection[T]{}, err
			}
		}
		c := store.Connection[T]{Items: items, TotalCount: total, HasNextPage: len(recs) > n}
		c.Cursors = make([]string, 0, len(items))
		for _, it := range items {
			c.Cursors = append(c.Cursors, store.EncodeCursor(l.id(it)))
		}
		if len(c.Cursors) > 0 {
			c.EndCursor = c.Cursors[len(c.Cursors)-1]
		}
		return c, nil
	})
}

// placeScopeCypher lists a place and all its descendants.
const placeScopeCypher = `MATCH (p:Place)-[:WITHIN*0..]->(:Place {id: $placeId})
RETURN p.id AS id ORDER BY id`

// placeScope returns the ids of the place placeID and all its descendants,
// empty (not nil) when there is no such place.
func placeScope(ctx context.Context, tx neo4j.ManagedTransaction, placeID string) ([]string, error) {
	recs, err := run(ctx, tx, placeScopeCypher, map[string]any{"placeId": placeID})
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(recs))
	var d decoder
	for _, rec := range recs {
		ids = append(ids, d.col(rec, "id"))
	}
	return ids, d.err
}
