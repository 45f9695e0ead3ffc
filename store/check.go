package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Checking a write, once for every store.
//
// A store writes a Batch (Import, and every single upsert as a batch of
// one) or a GrantBatch (ImportGrants, UpsertGrant) in three steps:
// PrepareBatch or PrepareGrants normalises every element without reading
// anything; Prepared.Check then finds, through the store's Stored view of
// what is already stored (read in the write's own transaction), every
// reference to nothing, every id clash and every rule about stored data;
// only when Problems is empty does the store write the prepared batch. So
// both stores refuse the same writes with the same codes, problems and
// messages: they supply only their I/O.

// Stored is what checking a write needs to know of the stored data. Each
// store implements it over the transaction that will write, so that the
// check and the write see the same data.
type Stored interface {
	// Kinds returns the kind of every id of ids that is in use; ids not in
	// use are absent.
	Kinds(ctx context.Context, ids []string) (map[string]EntityKind, error)
	// Parents returns the stored parent id of every stored place of ids
	// ("" for a top-level place); ids that are not stored places are absent.
	Parents(ctx context.Context, ids []string) (map[string]string, error)
	// InvitationVersions returns the stored version of every stored
	// invitation of ids, taking, where the store has them, the write locks
	// of those invitations first, so that no concurrent write can change
	// them before this transaction ends.
	InvitationVersions(ctx context.Context, ids []string) (map[string]int, error)
}

// Problems are the reasons a write is refused, each an *Error whose
// message names its element ("person \"p1\": place \"x\" not found"):
// first the problems of the elements themselves (invalid fields, an id
// repeated in the batch), then those found against the stored data (id
// clashes, references to nothing, rules on stored data), each part in the
// order of the elements in the batch (places, people, organisations,
// relationships, forums, participations, grants, surveys, invitations,
// disputes, corrections, then the relationships a survey batch removes)
// and, for one element, in the order of the checks.
type Problems []*Error

// codeRank orders the codes of refused writes: the code of a refusal is
// that of its worst problem. Invalid input comes first (nothing about it
// can be judged until it is well formed); then a clash with what is stored
// (which adding data cannot resolve); then a reference to nothing.
var codeRank = map[string]int{EINVALID: 3, ECONFLICT: 2, ENOTFOUND: 1}

// Code returns the code of the worst problem ("" when there is none).
func (ps Problems) Code() string {
	code := ""
	for _, p := range ps {
		if code == "" || codeRank[p.Code] > codeRank[code] {
			code = p.Code
		}
	}
	return code
}

// Err returns nil without problems, else the error of a refused batch:
// the worst problem's code, the message "the batch was refused: N
// problem(s), nothing was written" and every problem's message in Details.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	e := Errorf(ps.Code(), "the batch was refused: %d problem(s), nothing was written", len(ps))
	for _, p := range ps {
		e.Details = append(e.Details, p.Message)
	}
	return e
}

// First returns nil without problems, else the first problem with the
// worst code: the error of a write of one element.
func (ps Problems) First() error {
	code := ps.Code()
	for _, p := range ps {
		if p.Code == code {
			return p
		}
	}
	return nil
}

// problem returns the problem of element (kind, id) with the code: its
// message names the element first ("person \"p1\": ..."), once (a
// message that starts with the element already is kept as it is).
func problem(code string, kind EntityKind, id, format string, args ...any) *Error {
	prefix := fmt.Sprintf("%s %q", strings.ToLower(string(kind)), id)
	msg := fmt.Sprintf(format, args...)
	if !strings.HasPrefix(msg, prefix) {
		msg = prefix + ": " + msg
	}
	return &Error{Code: code, Message: msg}
}

// reference is one reference of an element to an entity of one of kinds.
// It is small and holds one pointer (the id): a large import holds two a
// relationship, two million at 100,000 actors and a million ties.
type reference struct {
	id    string
	what  refName
	kinds kindSet
}

// refName names what a reference refers to, in problems.
type refName uint8

const (
	refPlace refName = iota
	refParentPlace
	refActor
	refForum
	refSourceSurvey
	refFunder
	refRecipient
	refBeneficiaryPlace
	refSurvey
	refPerson
	refRelationship
)

var refNames = [...]string{
	refPlace:            "place",
	refParentPlace:      "parent place",
	refActor:            "actor",
	refForum:            "forum",
	refSourceSurvey:     "source survey",
	refFunder:           "funder organisation",
	refRecipient:        "recipient organisation",
	refBeneficiaryPlace: "beneficiary place",
	refSurvey:           "survey",
	refPerson:           "person",
	refRelationship:     "relationship",
}

func (n refName) String() string { return refNames[n] }

// kindSet is a set of the kinds a reference accepts.
type kindSet uint8

const (
	placeKinds kindSet = iota
	actorKinds
	forumKinds
	orgKinds
	personKinds
	surveyKinds
	relKinds
)

var kindSets = [...][]EntityKind{
	placeKinds:  {KindPlace},
	actorKinds:  {KindPerson, KindOrganisation},
	forumKinds:  {KindForum},
	orgKinds:    {KindOrganisation},
	personKinds: {KindPerson},
	surveyKinds: {KindSurvey},
	relKinds:    {KindRelationship},
}

// has reports whether k is one of the set's kinds.
func (s kindSet) has(k EntityKind) bool { return slices.Contains(kindSets[s], k) }

// sourceRefs returns the reference of a record said in a survey to it.
func sourceRefs(s Source) []reference {
	if s.Kind != SourceSurvey {
		return nil
	}
	return []reference{{s.SurveyID, refSourceSurvey, surveyKinds}}
}

// element is one valid element of a batch, with its references.
type element struct {
	kind EntityKind
	id   string
	refs []reference
}

// Prepared is a write after PrepareBatch or PrepareGrants: the canonical
// valid elements, and the problems found without the stored data.
type Prepared struct {
	// Batch holds the valid places, people, organisations, relationships,
	// forums and participations, canonical (as the Normalize functions
	// return them), in input order.
	Batch Batch
	// Grants holds the valid grants, canonical, in input order.
	Grants []Grant
	// Survey holds the valid survey records and the relationships to
	// disconnect, canonical, in input order (survey_check.go).
	Survey SurveyBatch
	// Invalid holds one EINVALID problem per invalid element or repeated id.
	Invalid Problems

	elems []element
	// declared is the kind of every id the batch names, valid or not: a
	// reference to an invalid element is not also reported missing.
	declared map[string]EntityKind
	// count numbers the elements of each kind, to name one without an id.
	count map[EntityKind]int
	// updated counts, by kind, the valid elements whose id Check found
	// stored with the same kind: the write replaces them.
	updated map[EntityKind]int
	// stored is the stored kind of each id the last Check looked up and
	// found.
	stored map[string]EntityKind
}

// Checked drops what only Check needs (each element's references and the
// ids the batch declares) once the write has been checked for the last
// time, so that a large batch is written with less memory held; Check must
// not run again.
func (p *Prepared) Checked() {
	p.elems, p.declared = nil, nil
}

// New reports whether the last Check found nothing stored under id, the id
// of one of the batch's elements: writing it then replaces no stored
// record. Before any Check it reports false.
func (p *Prepared) New(id string) bool {
	_, ok := p.stored[id]
	return p.stored != nil && !ok
}

func newPrepared() *Prepared {
	return &Prepared{declared: map[string]EntityKind{}, count: map[EntityKind]int{}}
}

// PrepareBatch normalises every element of b.
func PrepareBatch(b Batch) *Prepared {
	p := newPrepared()
	p.addBatch(b)
	return p
}

// PrepareGrants normalises every element of b.
func PrepareGrants(b GrantBatch) *Prepared {
	p := newPrepared()
	p.addBatch(Batch{Places: b.Places, Organisations: b.Organisations})
	for _, g := range b.Grants {
		g, err := NormalizeGrant(g)
		refs := []reference{{g.FunderID, refFunder, orgKinds}, {g.RecipientID, refRecipient, orgKinds}}
		for _, pl := range g.PlaceIDs {
			refs = append(refs, reference{pl, refBeneficiaryPlace, placeKinds})
		}
		if p.add(KindGrant, g.ID, err, refs) {
			p.Grants = append(p.Grants, g)
		}
	}
	return p
}

func (p *Prepared) addBatch(b Batch) {
	p.Batch.Places = slices.Grow(p.Batch.Places, len(b.Places))
	p.Batch.People = slices.Grow(p.Batch.People, len(b.People))
	p.Batch.Organisations = slices.Grow(p.Batch.Organisations, len(b.Organisations))
	p.Batch.Forums = slices.Grow(p.Batch.Forums, len(b.Forums))
	p.Batch.Participations = slices.Grow(p.Batch.Participations, len(b.Participations))
	n := len(b.Places) + len(b.People) + len(b.Organisations) + len(b.Relationships) + len(b.Forums) + len(b.Participations)
	p.elems = slices.Grow(p.elems, n)
	if len(p.declared) == 0 && n > 0 {
		p.declared = make(map[string]EntityKind, n)
	}
	for _, x := range b.Places {
		x, err := NormalizePlace(x)
		var refs []reference
		if x.ParentID != "" {
			refs = append(refs, reference{x.ParentID, refParentPlace, placeKinds})
		}
		if p.add(KindPlace, x.ID, err, refs) {
			p.Batch.Places = append(p.Batch.Places, x)
		}
	}
	for _, x := range b.People {
		x, err := NormalizePerson(x)
		if p.add(KindPerson, x.ID, err, append([]reference{{x.PlaceID, refPlace, placeKinds}}, sourceRefs(x.Source)...)) {
			p.Batch.People = append(p.Batch.People, x)
		}
	}
	for _, x := range b.Organisations {
		x, err := NormalizeOrganisation(x)
		if p.add(KindOrganisation, x.ID, err, []reference{{x.PlaceID, refPlace, placeKinds}}) {
			p.Batch.Organisations = append(p.Batch.Organisations, x)
		}
	}
	p.addRelationships(b.Relationships)
	for _, x := range b.Forums {
		x, err := NormalizeForum(x)
		if p.add(KindForum, x.ID, err, []reference{{x.PlaceID, refPlace, placeKinds}}) {
			p.Batch.Forums = append(p.Batch.Forums, x)
		}
	}
	for _, x := range b.Participations {
		x, err := NormalizeParticipation(x)
		if p.add(KindParticipation, x.ID, err, append([]reference{{x.ActorID, refActor, actorKinds}, {x.ForumID, refForum, forumKinds}}, sourceRefs(x.Source)...)) {
			p.Batch.Participations = append(p.Batch.Participations, x)
		}
	}
}

// addRelationships adds the relationships rels. Relationships are by far
// the most numerous elements of a large import, and while every one is
// valid (the usual case) they are normalised in place, each written back
// where it was read, and kept in rels' own array: a million of them would
// otherwise be copied, 144 MB of fresh memory. From the first invalid one
// the valid ones are copied, so rels' elements never move. So the caller
// must not rely on rels' elements after PrepareBatch beyond their normal
// forms (NormalizeRelationship is idempotent).
func (p *Prepared) addRelationships(rels []Relationship) {
	inPlace := len(p.Batch.Relationships) == 0
	if !inPlace {
		p.Batch.Relationships = slices.Grow(p.Batch.Relationships, len(rels))
	}
	// The two ends' references of every relationship are cut from one
	// array, not allocated a million times (one said in a survey also
	// refers to its survey, and gets an array of its own).
	ends := make([]reference, 0, 2*len(rels))
	for i, x := range rels {
		x, err := NormalizeRelationship(x)
		refs := append(ends[len(ends):len(ends):len(ends)+2], reference{x.FromID, refActor, actorKinds}, reference{x.ToID, refActor, actorKinds})
		ends = ends[:len(ends)+2]
		ok := p.add(KindRelationship, x.ID, err, append(refs, sourceRefs(x.Source)...))
		switch {
		case inPlace && ok:
			rels[i] = x
		case inPlace:
			inPlace = false
			p.Batch.Relationships = append(make([]Relationship, 0, len(rels)-1), rels[:i]...)
		case ok:
			p.Batch.Relationships = append(p.Batch.Relationships, x)
		}
	}
	if inPlace {
		p.Batch.Relationships = rels
	}
}

// add records an element: a problem when err is not nil or its id is
// already in the batch, else a valid element; it reports which.
func (p *Prepared) add(kind EntityKind, id string, err error, refs []reference) bool {
	p.count[kind]++
	prev, dup := p.declared[id]
	// Every Normalize function checks the id first, so a normal element's
	// id is valid without checking it again.
	if !dup && id != "" && (err == nil || ValidID("id", id) == nil) {
		p.declared[id] = kind
	}
	switch {
	case err != nil && id == "":
		p.Invalid = append(p.Invalid, &Error{Code: ErrorCode(err),
			Message: fmt.Sprintf("%s number %d (no id): %s", strings.ToLower(string(kind)), p.count[kind], ErrorMessage(err))})
	case err != nil:
		p.Invalid = append(p.Invalid, problem(ErrorCode(err), kind, id, "%s", ErrorMessage(err)))
	case dup:
		p.Invalid = append(p.Invalid, problem(EINVALID, kind, id, "id appears more than once in the batch (also as a %s)", strings.ToLower(string(prev))))
	default:
		p.elems = append(p.elems, element{kind: kind, id: id, refs: refs})
		return true
	}
	return false
}

// Check finds, through st, the problems of the prepared write against the
// stored data: an id held by an entity of another kind (ECONFLICT); a
// reference to nothing of the right kind in the batch or the store
// (ENOTFOUND); a place that would become its own ancestor (ECONFLICT). An
// organisation of any kind may fund or receive grants, and change kind
// while it does: funding is a role a grant gives, not a kind, so only real
// conflicts are refused. It returns p.Invalid followed by those problems; the
// write may go ahead only when they are none. The error is st's.
func (p *Prepared) Check(ctx context.Context, st Stored) (Problems, error) {
	probs := slices.Clip(p.Invalid)
	// The stored kind of every element's id (unique: a repeated id is a
	// problem, not an element), and of every other id referred to: a
	// reference to an id the batch declares of a kind it accepts holds
	// whatever is stored, so that id is not looked up for it.
	// inBatch[i] holds for the i-th reference (in element order) that the
	// batch declares of a kind it accepts.
	ids := make([]string, 0, len(p.elems))
	var others []string
	var inBatch []bool
	for _, e := range p.elems {
		ids = append(ids, e.id)
		for _, r := range e.refs {
			d, ok := p.declared[r.id]
			held := ok && r.kinds.has(d)
			inBatch = append(inBatch, held)
			if !held {
				others = append(others, r.id)
			}
		}
	}
	ids = append(ids, dedupe(append(others, p.removalIDs()...))...)
	stored, err := st.Kinds(ctx, ids)
	if err != nil {
		return nil, err
	}
	p.stored = stored
	// A store may run Check again when it retries the transaction: count
	// afresh.
	p.updated = map[EntityKind]int{}
	// is reports whether id is, or will be, of one of kinds: in the batch
	// (valid or not) or stored. An id the batch gives another kind than the
	// stored one is a clash, reported once as such; references to it in
	// either kind are not reported again.
	is := func(id string, kinds kindSet) bool {
		d, declared := p.declared[id]
		s, isStored := stored[id]
		return (declared && kinds.has(d)) || (isStored && kinds.has(s))
	}
	parents, err := p.parents(ctx, st)
	if err != nil {
		return nil, err
	}
	versions, err := p.invitationVersions(ctx, st)
	if err != nil {
		return nil, err
	}
	places, invitations, ref := 0, 0, 0
	for _, e := range p.elems {
		if k, ok := stored[e.id]; ok && k != e.kind {
			probs = append(probs, problem(ECONFLICT, e.kind, e.id, "id is already used by a %s", strings.ToLower(string(k))))
		} else if ok {
			p.updated[e.kind]++
		}
		for _, r := range e.refs {
			ref++
			if !inBatch[ref-1] && !is(r.id, r.kinds) {
				probs = append(probs, problem(ENOTFOUND, e.kind, e.id, "%s %q not found", r.what, r.id))
			}
		}
		switch e.kind {
		case KindPlace:
			pl := p.Batch.Places[places]
			places++
			if ancestorCycle(pl.ID, parents) {
				probs = append(probs, problem(ECONFLICT, KindPlace, pl.ID, "parent %q would make the place its own ancestor", pl.ParentID))
			}
		case KindInvitation:
			in := p.Survey.Invitations[invitations]
			invitations++
			if v := versions[in.ID]; v != in.Version {
				probs = append(probs, problem(ECONFLICT, KindInvitation, in.ID,
					"was written meanwhile: version %d is stored, the write read version %d", v, in.Version))
			}
		}
	}
	return append(probs, p.removals(stored)...), nil
}

// Counts returns what writing the prepared batch writes, by kind, and of
// it what replaces stored elements (as the last Check found them): the
// counts Import answers, the same for every store.
func (p *Prepared) Counts() ImportCounts {
	b := p.Batch
	return ImportCounts{
		ElementCounts: ElementCounts{
			Places: len(b.Places), People: len(b.People), Organisations: len(b.Organisations),
			Relationships: len(b.Relationships), Forums: len(b.Forums), Participations: len(b.Participations),
		},
		Updated: ElementCounts{
			Places: p.updated[KindPlace], People: p.updated[KindPerson], Organisations: p.updated[KindOrganisation],
			Relationships: p.updated[KindRelationship], Forums: p.updated[KindForum], Participations: p.updated[KindParticipation],
		},
	}
}

// parents returns the parent of every place the batch's places lead up to:
// the batch's own parents replace stored ones, and stored parents are read
// level by level until every chain ends (or meets a batch place).
func (p *Prepared) parents(ctx context.Context, st Stored) (map[string]string, error) {
	parents := make(map[string]string, len(p.Batch.Places))
	for _, pl := range p.Batch.Places {
		parents[pl.ID] = pl.ParentID
	}
	var frontier []string
	queued := map[string]bool{}
	next := func(ids ...string) {
		for _, id := range ids {
			if _, known := parents[id]; !known && id != "" && !queued[id] {
				queued[id] = true
				frontier = append(frontier, id)
			}
		}
	}
	for _, pl := range p.Batch.Places {
		next(pl.ParentID)
	}
	for len(frontier) > 0 {
		got, err := st.Parents(ctx, frontier)
		if err != nil {
			return nil, err
		}
		asked := frontier
		frontier = nil
		for _, id := range asked {
			parent, ok := got[id]
			parents[id] = parent // a missing place ends its chain
			if ok {
				next(parent)
			}
		}
	}
	return parents, nil
}

// ancestorCycle reports whether walking up from id's parent comes back to
// id.
func ancestorCycle(id string, parents map[string]string) bool {
	seen := map[string]bool{}
	for cur := parents[id]; cur != "" && !seen[cur]; cur = parents[cur] {
		if cur == id {
			return true
		}
		seen[cur] = true
	}
	return false
}

// dedupe returns ids without repeats or empty ids, in first-seen order.
func dedupe(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
