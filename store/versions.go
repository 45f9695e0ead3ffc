package store

import (
	"context"
	"math/rand/v2"
	"slices"
)

// Versions: how API servers sharing one store learn of each other's
// writes.
//
// An API server keeps the analyses it computed in memory, each for a scope
// (a place with its descendants, or everything). Before it answers from
// that memory it asks the store for the version its answer depends on, and
// recomputes when the version changed since. The versions live in the
// store and every write changes them in its own transaction, so a write
// that one server acknowledged is seen by every server at its next
// request, whichever server wrote it, and a write that failed changes
// nothing.
//
// A version is an opaque non-zero number, drawn at random by each write
// transaction (NewVersion); 0 stands for never written. Random rather than
// counted, so that no write has to read a version to change it (two
// concurrent writes cannot lose an increment) and so that a store restored
// from a backup, then written to again, does not come back to a version a
// server has seen before with other data.
//
// Each committed write (every method of Store that writes: upserts,
// Connect, Disconnect, RecordParticipation, DeleteActor, Import, the grant
// writes, WriteSurvey, ForgetPerson) gives the following one new version:
//
//   - the global version, always: the version of every answer about
//     everything;
//   - the version of every place it touches and of all their ancestors,
//     the ancestors as they stand after the write: the version of every
//     answer about that place with its descendants. The places a write
//     touches are, for a place, the place, its new parent and its previous
//     one (so a moved place stales both subtrees); for a person,
//     organisation or forum, its new place and its previous one; for a
//     relationship, the places of its two actors, and of the two actors of
//     the relationship of that id it replaces; for a participation, the
//     places of its actor and forum, and of those it replaces; for a
//     removal (Disconnect, DeleteActor, ForgetPerson), the places of what
//     it removed (a relationship or participation appears only in scopes
//     that hold its actor, so removing an actor touches the actor's place
//     alone). A grant, and a survey's own records (surveys, invitations,
//     disputes, corrections), touch no place: no cached analysis holds
//     them;
//   - the erasure version, for ForgetPerson alone: a server that sees it
//     change drops everything it holds in memory (a cached answer or a
//     layout's positions may carry the erased person's id).
//
// One version per place, advanced up the tree, rather than one per tree
// (per scope root): a write in one neighbourhood leaves the analyses of
// its sibling neighbourhoods cached, and an answer still depends on one
// version alone, so checking it is one read of one key; the write pays
// instead, setting as many versions as its places have ancestors (a
// handful: neighbourhood, ward, town, authority).

// Versions are the versions a Versioner read.
type Versions struct {
	// Global changes with every write.
	Global int64
	// Erasures changes with every ForgetPerson.
	Erasures int64
	// Places holds the version of each place asked for that has one (a
	// place absent has version 0).
	Places map[string]int64
}

// Of returns the version of the answers about the place with its
// descendants: Global for "" (everything).
func (v Versions) Of(place string) int64 {
	if place == "" {
		return v.Global
	}
	return v.Places[place]
}

// Versioner reads versions; every Store embeds it.
type Versioner interface {
	// Versions returns the global and erasure versions and those of the
	// places, in one read. A place that does not exist has version 0.
	Versions(ctx context.Context, places []string) (Versions, error)
}

// NewVersion returns a new version for a write transaction: random and
// never 0.
func NewVersion() int64 {
	for {
		if v := rand.Int64(); v != 0 {
			return v
		}
	}
}

// Placed is what finding the places a write touches needs to know of the
// stored data. Each store implements it over the transaction that will
// write, and it is read before the write.
type Placed interface {
	// Parents returns the stored parent id of every stored place of ids
	// ("" for a top-level place), as Stored.Parents.
	Parents(ctx context.Context, ids []string) (map[string]string, error)
	// Above returns the ids of every stored ancestor of the stored places
	// of ids (not the places themselves), each once, in any order.
	Above(ctx context.Context, ids []string) ([]string, error)
	// Locations returns the stored place of every stored person,
	// organisation or forum of ids.
	Locations(ctx context.Context, ids []string) (map[string]string, error)
	// Ends returns the stored ends of every stored relationship of rels
	// (its two actors) and participation of parts (its actor and forum).
	Ends(ctx context.Context, rels, parts []string) (map[string][2]string, error)
}

// Touched returns the places whose versions the prepared write advances
// (see Versions): the places it touches and all their ancestors after the
// write, each once, sorted. st is read before the write.
func (p *Prepared) Touched(ctx context.Context, st Placed) ([]string, error) {
	b := p.Batch
	t := touch{}
	ids := make([]string, len(b.Places))
	for i, pl := range b.Places {
		ids[i] = pl.ID
	}
	if len(ids) > 0 {
		old, err := st.Parents(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, pl := range b.Places {
			t.add(pl.ID, pl.ParentID, old[pl.ID])
		}
	}
	// The new place of every located entity of the batch; its old place
	// is looked up with the ends of the links.
	placed := make(map[string]string, len(b.People)+len(b.Organisations)+len(b.Forums))
	for _, x := range b.People {
		placed[x.ID] = x.PlaceID
	}
	for _, x := range b.Organisations {
		placed[x.ID] = x.PlaceID
	}
	for _, x := range b.Forums {
		placed[x.ID] = x.PlaceID
	}
	// The stored ends of the batch's links that replace stored ones and of
	// the survey's removals; a link the last Check found nothing stored
	// under (New) has none.
	rels := make([]string, 0, len(p.Survey.Disconnect))
	var parts []string
	for _, r := range b.Relationships {
		if !p.New(r.ID) {
			rels = append(rels, r.ID)
		}
	}
	for _, x := range b.Participations {
		if !p.New(x.ID) {
			parts = append(parts, x.ID)
		}
	}
	// A survey write's removals touch the places of the removed
	// relationships' ends, as Disconnect does.
	rels = append(rels, p.Survey.Disconnect...)
	var old map[string][2]string
	if len(rels)+len(parts) > 0 {
		var err error
		if old, err = st.Ends(ctx, rels, parts); err != nil {
			return nil, err
		}
	}
	// Every located entity of the batch, and every end of a link (new or
	// old) that the batch does not place, whose place does not change.
	locate := make([]string, 0, len(placed)+2*len(old))
	for id, place := range placed {
		t.add(place)
		locate = append(locate, id)
	}
	unplaced := func(id string) {
		if _, ok := placed[id]; !ok {
			locate = append(locate, id)
		}
	}
	for _, r := range b.Relationships {
		unplaced(r.FromID)
		unplaced(r.ToID)
	}
	for _, x := range b.Participations {
		unplaced(x.ActorID)
		unplaced(x.ForumID)
	}
	for _, e := range old {
		unplaced(e[0])
		unplaced(e[1])
	}
	return t.close(ctx, st, locate)
}

// TouchedByRemoval returns the places whose versions removing the
// relationships rels, the participations parts and the located entities
// (people, organisations, forums) advances: their places (a link's, those
// of its ends) and all their ancestors, each once, sorted. st is read
// before the removal.
func TouchedByRemoval(ctx context.Context, st Placed, rels, parts, located []string) ([]string, error) {
	locate := slices.Clone(located)
	if len(rels)+len(parts) > 0 {
		ends, err := st.Ends(ctx, rels, parts)
		if err != nil {
			return nil, err
		}
		for _, e := range ends {
			locate = append(locate, e[0], e[1])
		}
	}
	return touch{}.close(ctx, st, locate)
}

// touch collects the places a write touches.
type touch map[string]bool

func (t touch) add(places ...string) {
	for _, p := range places {
		if p != "" {
			t[p] = true
		}
	}
}

// close adds the stored places of the located entities, then every
// stored ancestor of every place, and returns them all sorted. The
// ancestors after the write are among those: a place whose parent the
// write changes is in the write and its new parent among the places (see
// Prepared.Touched), and from every other place up the chain is the
// stored one.
func (t touch) close(ctx context.Context, st Placed, located []string) ([]string, error) {
	if located = dedupe(located); len(located) > 0 {
		locs, err := st.Locations(ctx, located)
		if err != nil {
			return nil, err
		}
		for _, id := range located {
			t.add(locs[id])
		}
	}
	places := make([]string, 0, len(t))
	for p := range t {
		places = append(places, p)
	}
	if len(places) > 0 {
		above, err := st.Above(ctx, places)
		if err != nil {
			return nil, err
		}
		places = append(places, above...)
	}
	slices.Sort(places)
	return slices.Compact(places), nil
}

// Writes reports whether the prepared write writes anything: a batch with
// no valid element and no removal writes nothing and so advances no
// version.
func (p *Prepared) Writes() bool { return len(p.elems)+len(p.Survey.Disconnect) > 0 }
