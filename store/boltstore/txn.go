package boltstore

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/voicemap/voicemap/store"
)

// Bucket names.
var (
	bucketMeta   = []byte("meta")
	bucketIDs    = []byte("ids")
	bucketPlaces = []byte("places")
	bucketPeople = []byte("people")
	bucketOrgs   = []byte("organisations")
	bucketRels   = []byte("relationships")
	bucketForums = []byte("forums")
	bucketParts  = []byte("participations")
	bucketGrants = []byte("grants")

	idxChildren     = []byte("idx_place_children")
	idxActorsPlace  = []byte("idx_actors_by_place")
	idxForumsPlace  = []byte("idx_forums_by_place")
	idxRelsActor    = []byte("idx_relationships_by_actor")
	idxPartsActor   = []byte("idx_participations_by_actor")
	idxPartsForum   = []byte("idx_participations_by_forum")
	idxGrantsFunder = []byte("idx_grants_by_funder")
	idxGrantsRecip  = []byte("idx_grants_by_recipient")
	idxGrantsPlace  = []byte("idx_grants_by_place")
	// allBuckets are created when missing by Open, so a file written before
	// grants or surveys existed gains their buckets without a format change.
	allBuckets = append([][]byte{bucketMeta, bucketIDs, bucketPlaces, bucketPeople, bucketOrgs, bucketRels, bucketForums, bucketParts,
		bucketGrants, idxChildren, idxActorsPlace, idxForumsPlace, idxRelsActor, idxPartsActor, idxPartsForum,
		idxGrantsFunder, idxGrantsRecip, idxGrantsPlace, bucketVersions}, surveyBuckets...)
	entityBucketFor = map[store.EntityKind][]byte{
		store.KindPlace: bucketPlaces, store.KindPerson: bucketPeople, store.KindOrganisation: bucketOrgs,
		store.KindRelationship: bucketRels, store.KindForum: bucketForums, store.KindParticipation: bucketParts,
		store.KindGrant: bucketGrants, store.KindSurvey: bucketSurveys, store.KindInvitation: bucketInvitations,
		store.KindDispute: bucketDisputes, store.KindCorrection: bucketCorrections,
	}
)

// txn wraps a bbolt transaction with the store's bucket operations. Reads
// of many records (each, fetch) give up with ctx's error once it is done,
// checking it every ctxCheckEvery records.
type txn struct {
	tx  *bolt.Tx
	ctx context.Context
}

// ctxCheckEvery is how many records a long read decodes between checks of
// its context: a cancelled request stops within a millisecond or so.
const ctxCheckEvery = 1024

func (t txn) b(name []byte) *bolt.Bucket { return t.tx.Bucket(name) }

// kind returns the kind of the entity with the given id.
func (t txn) kind(id string) (store.EntityKind, bool) {
	v := t.b(bucketIDs).Get([]byte(id))
	if v == nil {
		return "", false
	}
	return store.EntityKind(v), true
}

func (t txn) get(bucket []byte, id string) []byte { return t.b(bucket).Get([]byte(id)) }

func (t txn) put(kind store.EntityKind, id string, data []byte) error {
	if err := t.b(bucketIDs).Put([]byte(id), []byte(kind)); err != nil {
		return err
	}
	return t.b(entityBucketFor[kind]).Put([]byte(id), data)
}

func (t txn) del(kind store.EntityKind, id string) error {
	if err := t.b(bucketIDs).Delete([]byte(id)); err != nil {
		return err
	}
	return t.b(entityBucketFor[kind]).Delete([]byte(id))
}

func pairKey(a, b string) []byte {
	k := make([]byte, 0, len(a)+1+len(b))
	k = append(k, a...)
	k = append(k, 0)
	return append(k, b...)
}

func (t txn) link(idx []byte, a, b string) error { return t.b(idx).Put(pairKey(a, b), nil) }

func (t txn) unlink(idx []byte, a, b string) error { return t.b(idx).Delete(pairKey(a, b)) }

// linked returns the ids paired with a in the index, in id order.
func (t txn) linked(idx []byte, a string) []string {
	prefix := pairKey(a, "")
	var out []string
	c := t.b(idx).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, string(k[len(prefix):]))
	}
	return out
}

// firstLinked returns the first id (in id order) the index pairs with a,
// and whether there is one.
func (t txn) firstLinked(idx []byte, a string) (string, bool) {
	prefix := pairKey(a, "")
	k, _ := t.b(idx).Cursor().Seek(prefix)
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return "", false
	}
	return string(k[len(prefix):]), true
}

// each calls fn for every record of a bucket, in id order.
func (t txn) each(bucket []byte, fn func(id string, data []byte) error) error {
	n := 0
	return t.b(bucket).ForEach(func(k, v []byte) error {
		if n++; n%ctxCheckEvery == 0 {
			if err := t.ctx.Err(); err != nil {
				return err
			}
		}
		return fn(string(k), v)
	})
}

func (t txn) place(id string) (store.Place, bool, error) {
	v := t.get(bucketPlaces, id)
	if v == nil {
		return store.Place{}, false, nil
	}
	p, err := decPlace(id, v)
	if err != nil {
		return p, false, fmt.Errorf("decode place %q: %w", id, err)
	}
	return p, true, nil
}

func (t txn) person(id string) (store.Person, bool, error) {
	v := t.get(bucketPeople, id)
	if v == nil {
		return store.Person{}, false, nil
	}
	p, err := decPerson(id, v)
	if err != nil {
		return p, false, fmt.Errorf("decode person %q: %w", id, err)
	}
	return p, true, nil
}

func (t txn) org(id string) (store.Organisation, bool, error) {
	v := t.get(bucketOrgs, id)
	if v == nil {
		return store.Organisation{}, false, nil
	}
	o, err := decOrg(id, v)
	if err != nil {
		return o, false, fmt.Errorf("decode organisation %q: %w", id, err)
	}
	return o, true, nil
}

func (t txn) rel(id string) (store.Relationship, bool, error) {
	v := t.get(bucketRels, id)
	if v == nil {
		return store.Relationship{}, false, nil
	}
	r, err := decRel(id, v)
	if err != nil {
		return r, false, fmt.Errorf("decode relationship %q: %w", id, err)
	}
	return r, true, nil
}

func (t txn) forum(id string) (store.Forum, bool, error) {
	v := t.get(bucketForums, id)
	if v == nil {
		return store.Forum{}, false, nil
	}
	f, err := decForum(id, v)
	if err != nil {
		return f, false, fmt.Errorf("decode forum %q: %w", id, err)
	}
	return f, true, nil
}

func (t txn) part(id string) (store.Participation, bool, error) {
	v := t.get(bucketParts, id)
	if v == nil {
		return store.Participation{}, false, nil
	}
	p, err := decPart(id, v)
	if err != nil {
		return p, false, fmt.Errorf("decode participation %q: %w", id, err)
	}
	return p, true, nil
}

func (t txn) grant(id string) (store.Grant, bool, error) {
	v := t.get(bucketGrants, id)
	if v == nil {
		return store.Grant{}, false, nil
	}
	g, err := decGrant(id, v)
	if err != nil {
		return g, false, fmt.Errorf("decode grant %q: %w", id, err)
	}
	return g, true, nil
}

func (t txn) actor(id string) (store.Actor, bool, error) {
	if p, ok, err := t.person(id); err != nil || ok {
		return store.Actor{Person: &p}, ok, err
	}
	o, ok, err := t.org(id)
	if err != nil || !ok {
		return store.Actor{}, false, err
	}
	return store.Actor{Organisation: &o}, true, nil
}

// descendants returns the place id and every place below it, sorted.
func (t txn) descendants(id string) []string {
	out := []string{id}
	seen := map[string]bool{id: true}
	for i := 0; i < len(out); i++ {
		for _, c := range t.linked(idxChildren, out[i]) {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}
