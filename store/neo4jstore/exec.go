package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
)

// read runs one read statement in its own transaction on a reader.
func (s *Store) read(ctx context.Context, op, id, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, s.fail(op, id, err)
	}
	return res.Records, nil
}

// write runs one write statement in its own transaction on a writer.
func (s *Store) write(ctx context.Context, op, id, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		return nil, s.fail(op, id, err)
	}
	return res.Records, nil
}

// session opens a session on the configured database that shares the
// driver's ExecuteQuery bookmark manager, so that a unit of work sees
// every earlier write of this store (causal consistency in a cluster).
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{
		AccessMode:      mode,
		DatabaseName:    s.db,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
	})
}

// writeTx runs fn as one managed write transaction. fn must be idempotent:
// the driver retries it on transient failures. A domain error returned by
// fn rolls the transaction back and is returned as is.
func writeTx[T any](ctx context.Context, s *Store, op, id string, fn func(ctx context.Context, tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer s.closeSession(ctx, sess, op)
	v, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (T, error) { return fn(ctx, tx) })
	if err != nil {
		var zero T
		return zero, s.fail(op, id, err)
	}
	return v, nil
}

// readTx runs fn as one managed read transaction, so that its statements
// see one consistent state.
func readTx[T any](ctx context.Context, s *Store, op, id string, fn func(ctx context.Context, tx neo4j.ManagedTransaction) (T, error)) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer s.closeSession(ctx, sess, op)
	v, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (T, error) { return fn(ctx, tx) })
	if err != nil {
		var zero T
		return zero, s.fail(op, id, err)
	}
	return v, nil
}

// closeSession closes sess, logging (not returning) a failure so that it
// never overwrites the result of the work.
func (s *Store) closeSession(ctx context.Context, sess neo4j.SessionWithContext, op string) {
	if err := sess.Close(context.WithoutCancel(ctx)); err != nil {
		s.log.Warn("neo4jstore: closing session failed", "op", op, "err", err)
	}
}

// run executes one statement inside tx and returns all its records.
func run(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// getOne runs the single-record read cypher for the entity id (parameter
// $id) and decodes its first record: ENOTFOUND ("<noun> %q not found") when
// there is none, and a logged internal error when the record cannot be
// decoded. Every by-id getter goes through it.
func getOne[T any](ctx context.Context, s *Store, noun, id, cypher string, decode func(*decoder, *neo4j.Record) T) (T, error) {
	var zero T
	op := "get " + noun
	recs, err := s.read(ctx, op, id, cypher, map[string]any{"id": id})
	if err != nil {
		return zero, err
	}
	if len(recs) == 0 {
		return zero, wrap(op, id, store.NotFound(noun, id))
	}
	var d decoder
	v := decode(&d, recs[0])
	if d.err != nil {
		return zero, s.fail(op, id, d.err)
	}
	return v, nil
}
