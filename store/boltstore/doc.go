// Package boltstore is the embedded store.Store: one bbolt file, the
// default backend of voicemap.
//
// Every write runs in one bbolt read-write transaction, validated with the
// store package's Normalize* rules before anything is written and with its
// references checked inside the same transaction, so a write is atomic and
// a refused one leaves the file untouched. Commits are fsynced (bbolt's
// NoSync stays false).
//
// Layout: one bucket per entity kind (id → record), a global "ids" bucket
// (id → kind) that keeps ids unique across kinds, and index buckets whose
// keys are "a\x00b" pairs (ids never contain control characters):
// children of a place, actors and forums by place, relationships by actor
// (both ends), participations by actor and by forum. Records are a version
// byte followed by JSON. bbolt keeps keys sorted, so every listing is in id
// order and deterministic.
package boltstore
