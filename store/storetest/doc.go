// Package storetest is the conformance suite every store.Store backend must
// pass, so that the embedded store and Neo4j behave identically.
//
// A backend's test calls Run with a function that opens a fresh, empty store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store {
//			s, err := boltstore.Open(t.Context(), filepath.Join(t.TempDir(), "v.db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// The suite is black-box: it talks to the store only through store.Store and
// reads error codes with store.ErrorCode. Besides the rules written in the
// store package's doc comments, it pins down these decisions:
//
//   - Validation comes first: input that store.Normalize* refuses gives
//     EINVALID (ECONFLICT for a place that is its own parent) before any
//     lookup, and nothing is written.
//   - An id already held by an entity of another kind gives ECONFLICT.
//   - A reference must name an entity of the right kind: a person placed in
//     an organisation's id, a relationship to a forum's id, a participation
//     whose actor is a forum, all give ENOTFOUND (no such place, actor, forum).
//   - Filters naming an id that does not exist give an empty list, not an error.
//   - DeleteActor and Disconnect give ENOTFOUND for an id of another kind, and
//     a deleted entity's id may be reused by any kind afterwards.
//   - Import refuses the whole batch on any problem. Details has one entry per
//     problem, each naming the element's id. A batch naming the same id twice
//     is EINVALID; an id held by another kind already stored is ECONFLICT; a
//     reference to nothing in the batch or the store is ENOTFOUND; a place
//     cycle is ECONFLICT. A batch with problems of several kinds may carry
//     any of their codes, but Details still names every problem.
//   - Import counts every element of the batch, new or replaced.
//   - A cancelled context makes a write fail and write nothing.
package storetest
