package store

import (
	"context"
	"fmt"
	"time"
)

// Erasure is the record ForgetPerson leaves of a person it erased. It holds
// no personal data: not the person's id, name or any other field, nor a
// hash of them (a hash of an id such as "p-helen-marsh" could be confirmed
// by anyone who guesses the id, which would reveal that the person was in
// the network and asked to be forgotten). It says only that an erasure
// happened, when, and how many ties and participations went with it.
type Erasure struct {
	// ID is "erasure-" followed by a six-digit sequence number, assigned in
	// order by the store, so listing by id lists erasures in the order they
	// happened.
	ID string
	// At is when the erasure committed, in UTC to the second.
	At time.Time
	// Relationships and Participations count what was deleted with the
	// person.
	Relationships, Participations int
}

// ErasureID returns the id of the erasure with sequence number n (from 1):
// "erasure-000001". Beyond 999999 the number simply grows wider, which
// would break id order; a community network never needs that many.
func ErasureID(n int64) string { return fmt.Sprintf("erasure-%06d", n) }

// ErasureTime returns the time an erasure committing now records: t in UTC,
// truncated to the second.
func ErasureTime(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// Eraser forgets people; every Store embeds it.
//
// ForgetPerson deletes the person with the given id together with every
// relationship (either end) and participation they have, in one
// transaction, and records an Erasure in the same transaction. It returns
// ENOTFOUND when no person has the id (a repeated request for a person
// already forgotten included, since nothing recognisable is kept) and
// EINVALID when the id is an organisation's: organisations are not
// natural persons and are removed with DeleteActor. The erasure cannot be
// undone. Backends make the deleted data unrecoverable from their storage
// as far as they can; see each backend's ForgetPerson.
//
// Erasures lists the erasure records by id, that is oldest first (EINVALID
// for a bad cursor or page size).
type Eraser interface {
	// ForgetPerson erases a person, their ties and participations.
	ForgetPerson(ctx context.Context, id string) (Erasure, error)
	// Erasures lists the records of erasures, oldest first.
	Erasures(ctx context.Context, p Page) (Connection[Erasure], error)
}
