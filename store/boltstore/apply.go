package boltstore

import "github.com/voicemap/voicemap/store"

// apply writes a checked batch, keeping every index in step with the
// records, calling tick after each element.
func apply(t txn, b store.Batch, tick func()) error {
	for _, p := range b.Places {
		if err := applyPlace(t, p); err != nil {
			return err
		}
		tick()
	}
	for _, p := range b.People {
		if err := applyPerson(t, p); err != nil {
			return err
		}
		tick()
	}
	for _, o := range b.Organisations {
		if err := applyOrg(t, o); err != nil {
			return err
		}
		tick()
	}
	for _, r := range b.Relationships {
		if err := applyRel(t, r); err != nil {
			return err
		}
		tick()
	}
	for _, f := range b.Forums {
		if err := applyForum(t, f); err != nil {
			return err
		}
		tick()
	}
	for _, p := range b.Participations {
		if err := applyPart(t, p); err != nil {
			return err
		}
		tick()
	}
	return nil
}

func applyPlace(t txn, p store.Place) error {
	old, ok, err := t.place(p.ID)
	if err != nil {
		return err
	}
	if ok && old.ParentID != "" {
		if err := t.unlink(idxChildren, old.ParentID, p.ID); err != nil {
			return err
		}
	}
	if p.ParentID != "" {
		if err := t.link(idxChildren, p.ParentID, p.ID); err != nil {
			return err
		}
	}
	data, err := encPlace(p)
	if err != nil {
		return err
	}
	return t.put(store.KindPlace, p.ID, data)
}

func applyPerson(t txn, p store.Person) error {
	old, ok, err := t.person(p.ID)
	if err != nil {
		return err
	}
	if err := relink(t, idxActorsPlace, ok, old.PlaceID, p.PlaceID, p.ID); err != nil {
		return err
	}
	data, err := encPerson(p)
	if err != nil {
		return err
	}
	return t.put(store.KindPerson, p.ID, data)
}

func applyOrg(t txn, o store.Organisation) error {
	old, ok, err := t.org(o.ID)
	if err != nil {
		return err
	}
	if err := relink(t, idxActorsPlace, ok, old.PlaceID, o.PlaceID, o.ID); err != nil {
		return err
	}
	data, err := encOrg(o)
	if err != nil {
		return err
	}
	return t.put(store.KindOrganisation, o.ID, data)
}

func applyForum(t txn, f store.Forum) error {
	old, ok, err := t.forum(f.ID)
	if err != nil {
		return err
	}
	if err := relink(t, idxForumsPlace, ok, old.PlaceID, f.PlaceID, f.ID); err != nil {
		return err
	}
	data, err := encForum(f)
	if err != nil {
		return err
	}
	return t.put(store.KindForum, f.ID, data)
}

func applyRel(t txn, r store.Relationship) error {
	old, ok, err := t.rel(r.ID)
	if err != nil {
		return err
	}
	if ok {
		if err := unlinkRel(t, old); err != nil {
			return err
		}
	}
	if err := t.link(idxRelsActor, r.FromID, r.ID); err != nil {
		return err
	}
	if err := t.link(idxRelsActor, r.ToID, r.ID); err != nil {
		return err
	}
	data, err := encRel(r)
	if err != nil {
		return err
	}
	return t.put(store.KindRelationship, r.ID, data)
}

func applyPart(t txn, p store.Participation) error {
	old, ok, err := t.part(p.ID)
	if err != nil {
		return err
	}
	if err := relink(t, idxPartsActor, ok, old.ActorID, p.ActorID, p.ID); err != nil {
		return err
	}
	if err := relink(t, idxPartsForum, ok, old.ForumID, p.ForumID, p.ID); err != nil {
		return err
	}
	data, err := encPart(p)
	if err != nil {
		return err
	}
	return t.put(store.KindParticipation, p.ID, data)
}

// relink moves id's index entry from oldKey (when hadOld) to newKey.
func relink(t txn, idx []byte, hadOld bool, oldKey, newKey, id string) error {
	if hadOld && oldKey != newKey {
		if err := t.unlink(idx, oldKey, id); err != nil {
			return err
		}
	}
	return t.link(idx, newKey, id)
}

func unlinkRel(t txn, r store.Relationship) error {
	if err := t.unlink(idxRelsActor, r.FromID, r.ID); err != nil {
		return err
	}
	return t.unlink(idxRelsActor, r.ToID, r.ID)
}
