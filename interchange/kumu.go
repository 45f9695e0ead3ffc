package interchange

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/voicemap/voicemap/store"
)

// kumuFormat names Kumu spreadsheets in error messages.
const kumuFormat Format = "Kumu"

// ParseKumu reads a network drawn in Kumu (https://kumu.io), exported or
// written as Kumu's import spreadsheet, from the CSV form of its two sheets:
// elements (the "Elements" sheet) and connections (the "Connections"
// sheet; nil when there is none). placeID is the place of every element
// without a Place value; it is then required.
//
// Both files start with a line of column titles, matched case-insensitively
// with surrounding space ignored; a UTF-8 byte order mark is ignored; rows
// whose cells are all empty are skipped. Multiple values in one cell are
// separated by "|", as in Kumu.
//
// # Elements
//
// Each element becomes a person or an organisation:
//
//	Label      required; the actor's name. Labels must be unique in the file
//	           (Kumu merges rows with the same label; voicemap refuses them)
//	ID         optional; the actor's id, unique in the file. Without one the
//	           id is a slug of the label (see below)
//	Type       required; decides the kind of actor (table below); the
//	           column may also be titled "Element Type"
//	Place      optional; the actor's place id; else placeID
//	Groups     a person's groups ("parent|young person")
//	Roles      a person's roles
//	Lived Experience   a person's lived-experience tags
//	Capacity   a person's COMMUNITY_MEMBER (or "community") or PROFESSIONAL
//	Consent    a person's GIVEN, WITHDRAWN or UNKNOWN (UNKNOWN when empty)
//
// Groups, Roles, Lived Experience, Capacity and Consent apply to people
// only: a value on an organisation is a problem. Kumu's other columns
// (Description, Tags, Image, and any custom field) are not read: Tags mix
// every kind of label a mapper uses, so groups come only from a Groups
// field, never guessed from tags; descriptions are free text that often
// identifies people.
//
// Type is matched case-insensitively, with "-" and "_" read as spaces:
//
//	person, individual, people             Person (capacity from Capacity,
//	                                        else COMMUNITY_MEMBER)
//	community member, resident             Person, COMMUNITY_MEMBER
//	professional, practitioner             Person, PROFESSIONAL
//	organisation, organization, org, other Organisation, OTHER
//	community group, community organisation,
//	  grassroots group                     Organisation, COMMUNITY_GROUP
//	voluntary, voluntary organisation, charity,
//	  nonprofit, non profit, ngo, third sector, vcse   VOLUNTARY
//	public body, council, local authority,
//	  government, government agency, public sector    PUBLIC_BODY
//	funder, foundation, grant maker, grantmaker        FUNDER
//	school, college, nursery                           SCHOOL
//	health, health body, nhs, hospital, clinic,
//	  gp practice                                      HEALTH
//	research, research body, university,
//	  research institute                               RESEARCH
//	business, company, private sector                  BUSINESS
//
// ("organization" and "organisation" are accepted in every compound.) An
// empty or other Type (a Kumu map may hold projects, events or issues) is a
// problem listing the accepted types: voicemap does not guess what kind of
// actor an element is.
//
// An element without an ID gets the slug of its label: lower case, letters
// and digits kept, apostrophes dropped, every other run of characters made
// one "-", at most 64 bytes ("Bishop's Ward Forum" → "bishops-ward-forum";
// "element" when nothing is left). A slug already taken by an ID or by an
// earlier element in the file gets "-2", "-3", ... in file order. Slugs are
// deterministic, so importing the same file again updates the same actors;
// reordering elements whose labels slug alike swaps their ids, which an ID
// column avoids.
//
// # Connections
//
// Each connection becomes a relationship:
//
//	From, To   required; the elements joined, each named by an element's ID
//	           if the elements file has that ID, else by its Label. To may
//	           name several elements separated by "|", giving one
//	           relationship to each, as in Kumu
//	ID         optional; the relationship's id, unique across both files;
//	           a row with an ID must have one To
//	Type       (or "Connection Type") the relationship kind,
//	           case-insensitive, spaces and "-" read as "_" ("works with"
//	           is WORKS_WITH); also member → MEMBER_OF,
//	           employee, works for → EMPLOYED_BY, partner, partnership →
//	           PARTNERS_WITH, funding → FUNDS, adviser, advisor → ADVISES,
//	           referral → REFERS_TO; KNOWS when empty; any other is a problem
//	Direction  (or "Connection Direction") directed, undirected or mutual
//	           (Kumu's values), or empty; read and checked, but voicemap's
//	           analysis treats every tie as undirected, so it does not
//	           change the relationship
//	Strength or Weight   the tie strength, a number > 0; 1 when empty (a
//	           file may have one of the two columns, not both)
//	Since or Start, Until or End   dates YYYY-MM-DD, optional
//
// Other columns (Label, Description, Tags, custom fields) are not read.
//
// A connection without an ID gets the id "kumu-" followed by 16 hex digits
// of the SHA-256 of its from id, to id, kind and occurrence (1 for the
// first connection of that kind between those two elements in that
// direction, 2 for the second, ...). Importing the same file again thus
// replaces the same relationships instead of adding new ones. A connection
// whose ends or type change gets a new id, and the old relationship stays
// stored; Kumu itself recommends an ID column for connections that are
// updated by re-import.
//
// # Problems
//
// Parsing is all or nothing: any problem gives an empty batch and a
// *store.Error with code store.EINVALID whose Details list every problem
// (up to MaxProblems), each naming the file, line and column:
//
//	elements line 4, Type: "Project" is not an actor type; ...
//	connections line 9, To: "Ana" is not the ID or Label of an element
//
// References to places are left to the store, whose Import returns
// ENOTFOUND for a place that does not exist. Each file may be at most
// MaxDocumentSize bytes. An error reading either reader is returned
// wrapped.
func ParseKumu(elements, connections io.Reader, placeID string) (store.Batch, error) {
	var probs problems
	es := newSheet(elements, "elements ", &probs)
	ec := kumuElementHeader(es)
	if !probs.empty() {
		// Without usable element columns every connection would be
		// reported as naming no element: stop here.
		return store.Batch{}, probs.err(kumuFormat)
	}
	var rows []kumuElement
	for {
		row, line, ok := es.next()
		if !ok {
			break
		}
		rows = append(rows, ec.read(es, row, line, placeID))
	}
	if es.ioErr != nil {
		return store.Batch{}, fmt.Errorf("interchange: read Kumu elements: %w", es.ioErr)
	}
	var b store.Batch
	refs := kumuIDs(es, ec, rows)
	if probs.empty() {
		b = kumuActors(es, rows)
	}
	if connections != nil {
		cs := newSheet(connections, "connections ", &probs)
		rels, err := kumuConnections(cs, refs)
		if err != nil {
			return store.Batch{}, err
		}
		b.Relationships = rels
	}
	if !probs.empty() {
		return store.Batch{}, probs.err(kumuFormat)
	}
	return b, nil
}

// elementType is what an element's Type makes of it.
type elementType struct {
	person   bool
	capacity store.Capacity // a person's capacity implied by the type, if any
	org      store.OrgKind
}

// kumuTypes maps element types, in kumuKey form, to actors.
var kumuTypes = func() map[string]elementType {
	m := map[string]elementType{}
	add := func(t elementType, names ...string) {
		for _, n := range names {
			m[n] = t
		}
	}
	add(elementType{person: true}, "person", "individual", "people")
	add(elementType{person: true, capacity: store.CapacityCommunity}, "community member", "resident")
	add(elementType{person: true, capacity: store.CapacityProfessional}, "professional", "practitioner")
	add(elementType{org: store.OrgOther}, "organisation", "organization", "org", "other", "other organisation", "other organization")
	add(elementType{org: store.OrgCommunityGroup}, "community group", "community organisation", "community organization", "grassroots group")
	add(elementType{org: store.OrgVoluntary}, "voluntary", "voluntary organisation", "voluntary organization", "charity", "nonprofit", "non profit", "ngo", "third sector", "vcse")
	add(elementType{org: store.OrgPublicBody}, "public body", "council", "local authority", "government", "government agency", "public sector")
	add(elementType{org: store.OrgFunder}, "funder", "foundation", "grant maker", "grantmaker")
	add(elementType{org: store.OrgSchool}, "school", "college", "nursery")
	add(elementType{org: store.OrgHealth}, "health", "health body", "nhs", "hospital", "clinic", "gp practice")
	add(elementType{org: store.OrgResearch}, "research", "research body", "university", "research institute")
	add(elementType{org: store.OrgBusiness}, "business", "company", "private sector")
	return m
}()

// kumuTypeList lists the accepted element types for problems.
var kumuTypeList = strings.Join(slices.Sorted(maps.Keys(kumuTypes)), ", ")

// relAliases maps connection types, in kumuKey form, that are not a
// relationship kind's own name to kinds.
var relAliases = map[string]store.RelKind{
	"member":      store.RelMemberOf,
	"employee":    store.RelEmployedBy,
	"works for":   store.RelEmployedBy,
	"partner":     store.RelPartnersWith,
	"partnership": store.RelPartnersWith,
	"funding":     store.RelFunds,
	"adviser":     store.RelAdvises,
	"advisor":     store.RelAdvises,
	"referral":    store.RelRefersTo,
}

// kumuKey puts a type in the form it is matched in: lower case, "-" and
// "_" as spaces, runs of space made one.
func kumuKey(s string) string {
	s = strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// splitPipes splits a multi-value Kumu cell at "|", trimming and dropping
// empty values.
func splitPipes(s string) []string {
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// kumuElementColumns holds the index of each element column read, -1 when absent.
type kumuElementColumns struct {
	id, label, typ, place, groups, roles, lived, capacity, consent int
}

func kumuElementHeader(s *sheet) kumuElementColumns {
	c := kumuElementColumns{id: -1, label: -1, typ: -1, place: -1, groups: -1, roles: -1, lived: -1, capacity: -1, consent: -1}
	if s.done {
		return c
	}
	c.id = s.column("id")
	c.label = s.column("label")
	c.typ = s.column("type", "element type")
	c.place = s.column("place")
	c.groups = s.column("groups", "group")
	c.roles = s.column("roles", "role")
	c.lived = s.column("lived experience")
	c.capacity = s.column("capacity")
	c.consent = s.column("consent")
	if c.label < 0 {
		s.probs.add("%sline 1: required column \"Label\" is missing", s.prefix)
	}
	if c.typ < 0 {
		s.probs.add("%sline 1: required column \"Type\" is missing; voicemap needs it to tell people from organisations", s.prefix)
	}
	return c
}

// kumuElement is one checked row of the elements file.
type kumuElement struct {
	line       int
	id, label  string // id as given in the ID column, "" when none
	explicitID bool   // the ID column gives the id
	assignedID string // the actor's id (kumuIDs)
	isPerson   bool
	person     store.Person
	org        store.Organisation
}

// read checks one element row.
func (c kumuElementColumns) read(s *sheet, row []string, line int, placeID string) kumuElement {
	e := kumuElement{line: line, id: cellAt(row, c.id), label: cellAt(row, c.label)}
	bad := func(col int, format string, args ...any) {
		s.probs.add("%s: %s", s.where(line, col), fmt.Sprintf(format, args...))
	}
	if e.label == "" {
		bad(c.label, "a label is required")
	}
	if c.id >= 0 && e.id != "" {
		if err := store.ValidID("ID", e.id); err != nil {
			bad(c.id, "%s", message(err))
		}
		e.explicitID = true
	}
	place := cellAt(row, c.place)
	if place == "" {
		place = placeID
	}
	if place == "" {
		where := fmt.Sprintf("%sline %d", s.prefix, line)
		if c.place >= 0 {
			where = s.where(line, c.place)
		}
		s.probs.add("%s: a place is required: fill the Place column or give a place id for the whole file", where)
	}
	typText := cellAt(row, c.typ)
	t, known := kumuTypes[kumuKey(typText)]
	if !known {
		if typText == "" {
			bad(c.typ, "a type is required; the accepted types are: %s", kumuTypeList)
		} else {
			bad(c.typ, "%q is not an actor type; the accepted types are: %s", typText, kumuTypeList)
		}
		return e
	}
	e.isPerson = t.person
	if !t.person {
		for _, col := range []int{c.groups, c.roles, c.lived, c.capacity, c.consent} {
			if v := cellAt(row, col); v != "" {
				bad(col, "%q is given, but %s applies to people only and this element's Type is %q", v, s.titles[col], typText)
			}
		}
		e.org = store.Organisation{Name: e.label, Kind: t.org, PlaceID: place}
		return e
	}
	p := store.Person{Name: e.label, PlaceID: place, Capacity: t.capacity, Consent: store.ConsentUnknown,
		Groups: splitPipes(cellAt(row, c.groups)), Roles: splitPipes(cellAt(row, c.roles)), LivedExperience: splitPipes(cellAt(row, c.lived))}
	if v := cellAt(row, c.capacity); v != "" {
		capacity := store.Capacity(enumName(v))
		if capacity == "COMMUNITY" {
			capacity = store.CapacityCommunity
		}
		switch {
		case !capacity.Valid():
			bad(c.capacity, "%q is not a capacity (COMMUNITY_MEMBER or PROFESSIONAL)", v)
		case t.capacity != "" && t.capacity != capacity:
			bad(c.capacity, "%q contradicts the element's Type %q", v, typText)
		default:
			p.Capacity = capacity
		}
	}
	if v := cellAt(row, c.consent); v != "" {
		consent := store.Consent(enumName(v))
		if !consent.Valid() {
			bad(c.consent, "%q is not a consent status (GIVEN, WITHDRAWN or UNKNOWN)", v)
		}
		p.Consent = consent
	}
	e.person = p
	return e
}

// kumuRefs finds elements by the names connections use.
type kumuRefs struct {
	byID    map[string]int // explicit ID → element index
	byLabel map[string]int // label → element index
	elems   []kumuElement
	ids     ids // every id used, for relationships to claim theirs
}

// kumuIDs checks that labels and IDs are unique and gives each element its
// id (the ID, or a deduplicated slug of the label).
func kumuIDs(s *sheet, c kumuElementColumns, rows []kumuElement) *kumuRefs {
	r := &kumuRefs{byID: map[string]int{}, byLabel: map[string]int{}, elems: rows, ids: ids{}}
	for i, e := range rows {
		if e.label != "" {
			if j, dup := r.byLabel[e.label]; dup {
				s.probs.add("%s: %q is already the label on line %d; labels must be unique", s.where(e.line, c.label), e.label, rows[j].line)
			} else {
				r.byLabel[e.label] = i
			}
		}
		if e.explicitID {
			if j, dup := r.byID[e.id]; dup {
				s.probs.add("%s: %q is already the ID on line %d; IDs must be unique", s.where(e.line, c.id), e.id, rows[j].line)
			} else {
				r.byID[e.id] = i
				rows[i].assignedID = e.id
				r.ids[e.id] = fmt.Sprintf("elements line %d", e.line)
			}
		}
	}
	for i, e := range rows {
		if e.explicitID {
			continue
		}
		base := slug(e.label)
		id := base
		for n := 2; r.ids[id] != ""; n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		rows[i].assignedID = id
		r.ids[id] = fmt.Sprintf("elements line %d", e.line)
	}
	return r
}

// slug derives an element id from a label (see ParseKumu).
func slug(label string) string {
	var b strings.Builder
	dash := false
	for _, ch := range strings.ToLower(label) {
		switch {
		case ch == '\'' || ch == '’':
		case unicode.IsLetter(ch) || unicode.IsDigit(ch):
			if b.Len()+len(string(ch))+1 > 64 {
				return orDefault(b.String(), "element")
			}
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(ch)
		default:
			dash = true
		}
	}
	return orDefault(b.String(), "element")
}

// kumuActors builds the people and organisations of checked elements.
func kumuActors(s *sheet, rows []kumuElement) store.Batch {
	var b store.Batch
	for _, e := range rows {
		if e.isPerson {
			e.person.ID = e.assignedID
			p, err := store.NormalizePerson(e.person)
			if err != nil {
				s.probs.add("%sline %d: %s", s.prefix, e.line, message(err))
			}
			b.People = append(b.People, p)
			continue
		}
		e.org.ID = e.assignedID
		o, err := store.NormalizeOrganisation(e.org)
		if err != nil {
			s.probs.add("%sline %d: %s", s.prefix, e.line, message(err))
		}
		b.Organisations = append(b.Organisations, o)
	}
	return b
}

// resolve finds the element a From or To value names: by ID, else by label.
func (r *kumuRefs) resolve(name string) (string, bool) {
	if i, ok := r.byID[name]; ok {
		return r.elems[i].assignedID, true
	}
	if i, ok := r.byLabel[name]; ok {
		return r.elems[i].assignedID, true
	}
	return "", false
}

// kumuConnections reads the connections file.
func kumuConnections(s *sheet, refs *kumuRefs) ([]store.Relationship, error) {
	c := struct{ id, from, to, typ, direction, weight, since, until int }{-1, -1, -1, -1, -1, -1, -1, -1}
	if !s.done {
		c.id = s.column("id")
		c.from = s.column("from")
		c.to = s.column("to")
		c.typ = s.column("type", "connection type")
		c.direction = s.column("direction", "connection direction")
		c.weight = s.column("strength", "weight")
		c.since = s.column("since", "start")
		c.until = s.column("until", "end")
		for _, req := range []struct {
			col   int
			title string
		}{{c.from, "From"}, {c.to, "To"}} {
			if req.col < 0 {
				s.probs.add("%sline 1: required column %q is missing", s.prefix, req.title)
				s.done = true
			}
		}
	}
	var rels []store.Relationship
	occurrences := map[string]int{}
	for {
		row, line, ok := s.next()
		if !ok {
			break
		}
		bad := func(col int, format string, args ...any) {
			s.probs.add("%s: %s", s.where(line, col), fmt.Sprintf(format, args...))
			ok = false
		}
		r := store.Relationship{Kind: store.RelKnows, Weight: 1}
		from, tos := cellAt(row, c.from), splitPipes(cellAt(row, c.to))
		switch {
		case from == "":
			bad(c.from, "an element is required")
		case strings.Contains(from, "|"):
			bad(c.from, "%q names several elements; From names one (To may name several)", from)
		default:
			id, found := refs.resolve(from)
			if !found {
				bad(c.from, "%q is not the ID or Label of an element", from)
			}
			r.FromID = id
		}
		var toIDs []string
		if len(tos) == 0 {
			bad(c.to, "an element is required")
		}
		for _, to := range tos {
			id, found := refs.resolve(to)
			if !found {
				bad(c.to, "%q is not the ID or Label of an element", to)
			}
			toIDs = append(toIDs, id)
		}
		if text := cellAt(row, c.typ); text != "" {
			k := kumuKey(text)
			if kind, alias := relAliases[k]; alias {
				r.Kind = kind
			} else if kind := store.RelKind(enumName(k)); kind.Valid() {
				r.Kind = kind
			} else {
				bad(c.typ, "%q is not a relationship kind; the kinds are %s (case-insensitive, spaces allowed), or empty for KNOWS", text, relKindList())
			}
		}
		if text := cellAt(row, c.direction); text != "" {
			switch strings.ToLower(text) {
			case "directed", "undirected", "mutual":
			default:
				bad(c.direction, "%q is not a direction (directed, undirected or mutual)", text)
			}
		}
		if text := cellAt(row, c.weight); text != "" {
			w, err := strconv.ParseFloat(text, 64)
			if err != nil || !(w > 0) || math.IsInf(w, 0) {
				bad(c.weight, "%q is not a number > 0", text)
			} else {
				r.Weight = w
			}
		}
		r.Since = kumuDate(s, row, line, c.since, &ok)
		r.Until = kumuDate(s, row, line, c.until, &ok)
		explicit := cellAt(row, c.id)
		if explicit != "" {
			if err := store.ValidID("ID", explicit); err != nil {
				bad(c.id, "%s", message(err))
			} else if len(tos) > 1 {
				bad(c.id, "%q names one connection, but To names %d elements", explicit, len(tos))
			}
		}
		if !ok {
			continue
		}
		for _, to := range toIDs {
			if to == r.FromID {
				s.probs.add("%s: %q is also the From element; a connection joins two different elements", s.where(line, c.to), from)
				continue
			}
			r.ToID = to
			if explicit != "" {
				r.ID = explicit
			} else {
				key := r.FromID + "\x00" + r.ToID + "\x00" + string(r.Kind)
				occurrences[key]++
				sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(occurrences[key])))
				r.ID = "kumu-" + hex.EncodeToString(sum[:8])
			}
			where := fmt.Sprintf("connections line %d", line)
			if explicit != "" {
				where += ", " + s.titles[c.id]
			}
			if msg, ok := refs.ids.claim(r.ID, where); !ok {
				s.probs.add("%s", msg)
				continue
			}
			n, err := store.NormalizeRelationship(r)
			if err != nil {
				s.probs.add("connections line %d: %s", line, message(err))
				continue
			}
			rels = append(rels, n)
		}
	}
	if s.ioErr != nil {
		return nil, fmt.Errorf("interchange: read Kumu connections: %w", s.ioErr)
	}
	return rels, nil
}

// kumuDate reads an optional date cell YYYY-MM-DD; a bad date clears *ok.
func kumuDate(s *sheet, row []string, line, col int, ok *bool) *time.Time {
	text := cellAt(row, col)
	if text == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, text)
	if err != nil {
		s.probs.add("%s: %q is not a date (YYYY-MM-DD)", s.where(line, col), text)
		*ok = false
		return nil
	}
	return &t
}

// relKindList lists the relationship kinds for problems.
func relKindList() string {
	names := make([]string, len(store.RelKinds))
	for i, k := range store.RelKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
