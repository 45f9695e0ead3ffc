//go:build unix

package boltstore_test

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// killOp is one store call of the SIGKILL test's writer: how it is made
// and the entities it writes, which the parent looks up afterwards.
type killOp struct {
	how    string // "import", "person", "connect", "grant", "importGrants"
	batch  store.Batch
	grants store.GrantBatch
	// unique is false for the setup op, whose entities every cycle rewrites
	// with the same values (so it cannot be checked for all-or-nothing).
	unique bool
}

// Ids shared by every cycle, written by the setup op.
const (
	killWard      = "kill-ward"
	killFunder    = "kill-funder"
	killRecipient = "kill-recipient"
)

// killPlanLen is the number of ops per cycle: more than a writer can make
// in the longest delay before its kill, so nearly every cycle is killed
// mid-stream.
const killPlanLen = 3000

// killPlan returns the deterministic ops of writer cycle c: a setup Import,
// then people chained by relationships, with grants, Import batches and
// ImportGrants batches between them. Every id but the setup's names the
// cycle, so cycles never overwrite one another.
func killPlan(c int) []killOp {
	ops := []killOp{{how: "import", batch: store.Batch{
		Places: []store.Place{{ID: killWard, Name: "Kill ward"}},
		Organisations: []store.Organisation{
			{ID: killFunder, Name: "Kill funder", Kind: store.OrgFunder, PlaceID: killWard},
			{ID: killRecipient, Name: "Kill recipient", Kind: store.OrgVoluntary, PlaceID: killWard},
		},
	}}}
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	person := func(id string, i int) store.Person {
		return store.Person{ID: id, Name: "Person " + id, PlaceID: killWard,
			Groups: []string{fmt.Sprintf("group %d", i%3)}, Roles: []string{"role"}}
	}
	for i := 0; len(ops) < killPlanLen; i++ {
		pid := fmt.Sprintf("k%d-p%d", c, i)
		ops = append(ops, killOp{how: "person", unique: true, batch: store.Batch{People: []store.Person{person(pid, i)}}})
		if i > 0 {
			since := day.AddDate(0, 0, i)
			ops = append(ops, killOp{how: "connect", unique: true, batch: store.Batch{Relationships: []store.Relationship{{
				ID: fmt.Sprintf("k%d-r%d", c, i), FromID: fmt.Sprintf("k%d-p%d", c, i-1), ToID: pid,
				Kind: store.RelKnows, Weight: float64(i%5 + 1), Since: &since}}}})
		}
		switch i % 4 {
		case 0:
			ops = append(ops, killOp{how: "grant", unique: true, grants: store.GrantBatch{Grants: []store.Grant{{
				ID: fmt.Sprintf("k%d-g%d", c, i), Title: "Grant", Amount: int64(100 * (i + 1)), Currency: "GBP",
				AwardedOn: day.AddDate(0, i%12, 0), FunderID: killFunder, RecipientID: killRecipient,
				PlaceIDs: []string{killWard}}}}})
		case 1:
			var b store.Batch
			for j := range 4 {
				b.People = append(b.People, person(fmt.Sprintf("k%d-b%d-p%d", c, i, j), j))
				if j > 0 {
					b.Relationships = append(b.Relationships, store.Relationship{
						ID: fmt.Sprintf("k%d-b%d-r%d", c, i, j), FromID: fmt.Sprintf("k%d-b%d-p%d", c, i, j-1),
						ToID: fmt.Sprintf("k%d-b%d-p%d", c, i, j), Kind: store.RelWorksWith, Weight: 1})
				}
			}
			b.Relationships = append(b.Relationships, store.Relationship{
				ID: fmt.Sprintf("k%d-b%d-link", c, i), FromID: pid, ToID: fmt.Sprintf("k%d-b%d-p0", c, i),
				Kind: store.RelMemberOf, Weight: 2})
			ops = append(ops, killOp{how: "import", unique: true, batch: b})
		case 2:
			place := fmt.Sprintf("k%d-gb%d-place", c, i)
			org := fmt.Sprintf("k%d-gb%d-org", c, i)
			gb := store.GrantBatch{
				Places:        []store.Place{{ID: place, Name: "Beneficiary", ParentID: killWard}},
				Organisations: []store.Organisation{{ID: org, Name: "Recipient", Kind: store.OrgCommunityGroup, PlaceID: place}},
			}
			for j := range 3 {
				gb.Grants = append(gb.Grants, store.Grant{
					ID: fmt.Sprintf("k%d-gb%d-g%d", c, i, j), Title: "Batch grant", Amount: int64(j + 1), Currency: "GBP",
					AwardedOn: day, FunderID: killFunder, RecipientID: org, PlaceIDs: []string{place, killWard}})
			}
			ops = append(ops, killOp{how: "importGrants", unique: true, grants: gb})
		}
	}
	return ops
}

// run makes the op's store call.
func (op killOp) run(ctx context.Context, s *boltstore.Store) error {
	var err error
	switch op.how {
	case "import":
		_, err = s.Import(ctx, op.batch)
	case "person":
		_, err = s.UpsertPerson(ctx, op.batch.People[0])
	case "connect":
		_, err = s.Connect(ctx, op.batch.Relationships[0])
	case "grant":
		_, err = s.UpsertGrant(ctx, op.grants.Grants[0])
	case "importGrants":
		_, err = s.ImportGrants(ctx, op.grants)
	default:
		err = fmt.Errorf("unknown op %q", op.how)
	}
	return err
}

// check compares what the store holds with what op wrote: one line per
// entity that is missing or differs (found counts those present and equal,
// of total).
func (op killOp) check(ctx context.Context, s *boltstore.Store) (found, total int, problems []string) {
	look := func(id string, get func() (any, error), want any) {
		total++
		got, err := get()
		switch {
		case store.ErrorCode(err) == store.ENOTFOUND:
			problems = append(problems, fmt.Sprintf("%s: missing", id))
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: %v", id, err))
		case !reflect.DeepEqual(got, want):
			problems = append(problems, fmt.Sprintf("%s = %+v, want %+v", id, got, want))
		default:
			found++
		}
	}
	for _, p := range append(op.batch.Places, op.grants.Places...) {
		want, _ := store.NormalizePlace(p)
		look(p.ID, func() (any, error) { return s.Place(ctx, p.ID) }, want)
	}
	for _, o := range append(op.batch.Organisations, op.grants.Organisations...) {
		want, _ := store.NormalizeOrganisation(o)
		look(o.ID, func() (any, error) { return s.Organisation(ctx, o.ID) }, want)
	}
	for _, p := range op.batch.People {
		want, _ := store.NormalizePerson(p)
		look(p.ID, func() (any, error) { return s.Person(ctx, p.ID) }, want)
	}
	for _, r := range op.batch.Relationships {
		want, _ := store.NormalizeRelationship(r)
		look(r.ID, func() (any, error) { return s.Relationship(ctx, r.ID) }, want)
	}
	for _, g := range op.grants.Grants {
		want, _ := store.NormalizeGrant(g)
		look(g.ID, func() (any, error) { return s.Grant(ctx, g.ID) }, want)
	}
	return found, total, problems
}
