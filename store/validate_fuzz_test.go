package store_test

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/voicemap/voicemap/store"
)

// FuzzValidID checks ValidID against its documented rule (1 to MaxIDLen
// bytes of valid UTF-8, no leading or trailing space, no control, format,
// line-separator or paragraph-separator character: Unicode categories Cc,
// Cf, Zl, Zp), that it fails only with EINVALID, and that its message never
// echoes the id.
func FuzzValidID(f *testing.F) {
	for _, id := range []string{
		"p1", "Zoë", "名前", "a b", strings.Repeat("x", store.MaxIDLen), "",
		" p1", "p1\u00a0", "p\x001", "p\u0085", "\xc3", strings.Repeat("x", store.MaxIDLen+1), "\u2028",
		"p-\u202eevil", "p\u200b1", "\ufeffp1", "p\u2066x\u2069", "a\u2029b", "e\u0301", "👩‍👧",
	} {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := store.ValidID("person id", id)
		first, _ := utf8.DecodeRuneInString(id)
		last, _ := utf8.DecodeLastRuneInString(id)
		want := id != "" && len(id) <= store.MaxIDLen && utf8.ValidString(id) &&
			!unicode.IsSpace(first) && !unicode.IsSpace(last) &&
			!strings.ContainsFunc(id, func(r rune) bool { return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) })
		if (err == nil) != want {
			t.Fatalf("ValidID(%q) = %v, want valid=%v", id, err, want)
		}
		if err == nil {
			return
		}
		if code := store.ErrorCode(err); code != store.EINVALID {
			t.Fatalf("ValidID(%q) code = %s, want %s", id, code, store.EINVALID)
		}
		if len(id) >= 12 && strings.Contains(err.Error(), id) {
			t.Fatalf("ValidID(%q) = %v, echoes the id", id, err)
		}
	})
}

// fuzzEntity is the raw material FuzzNormalize builds one entity from.
type fuzzEntity struct {
	id, name, ref1, ref2, enum, tags string
	n, m                             int64
	w                                float64
}

func (e fuzzEntity) list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func (e fuzzEntity) date(secs int64) *time.Time {
	if secs == 0 {
		return nil
	}
	// A fixed offset of up to ±14h, taken from the other number, so that
	// truncation to the day happens away from UTC too.
	zone := time.FixedZone("", int(e.m%(14*3600)))
	t := time.Unix(secs%(1<<38), 0).In(zone)
	return &t
}

func (e fuzzEntity) place() store.Place {
	p := store.Place{ID: e.id, Name: e.name, ParentID: e.ref1, Code: e.enum, NeedScale: e.ref2}
	if e.n%3 != 0 {
		pop := int(e.n)
		p.Population = &pop
	}
	if e.m%2 != 0 {
		w := e.w
		p.NeedIndex = &w
	}
	for i, g := range e.list(e.tags) {
		if p.PopulationByGroup == nil {
			p.PopulationByGroup = map[string]int{}
		}
		p.PopulationByGroup[g] = int(e.n) - i
	}
	return p
}

func (e fuzzEntity) person() store.Person {
	return store.Person{
		ID: e.id, Name: e.name, PlaceID: e.ref1,
		Groups: e.list(e.tags), Roles: e.list(e.ref2), LivedExperience: e.list(e.name),
		Capacity: store.Capacity(e.enum), Consent: store.Consent(e.ref2),
	}
}

func (e fuzzEntity) organisation() store.Organisation {
	return store.Organisation{ID: e.id, Name: e.name, PlaceID: e.ref1, Kind: store.OrgKind(e.enum)}
}

func (e fuzzEntity) relationship() store.Relationship {
	return store.Relationship{
		ID: e.id, FromID: e.ref1, ToID: e.ref2, Kind: store.RelKind(e.enum), Weight: e.w,
		Since: e.date(e.n), Until: e.date(e.m),
	}
}

func (e fuzzEntity) forum() store.Forum {
	return store.Forum{ID: e.id, Name: e.name, PlaceID: e.ref1, DecisionMaking: e.n%2 == 0, AffectsGroups: e.list(e.tags)}
}

func (e fuzzEntity) participation() store.Participation {
	return store.Participation{
		ID: e.id, ActorID: e.ref1, ForumID: e.ref2, Level: store.Level(e.enum), JoinedAtStage: store.Stage(e.name),
		Since: e.date(e.n), Until: e.date(e.m),
	}
}

func (e fuzzEntity) grant() store.Grant {
	g := store.Grant{
		ID: e.id, Title: e.name, FunderID: e.ref1, RecipientID: e.ref2, Amount: e.n, Currency: e.enum,
		Description: e.tags, Programme: e.name, PlaceIDs: e.list(e.tags),
	}
	if d := e.date(e.m); d != nil {
		g.AwardedOn = *d
	}
	return g
}

// checkNormalize checks one Normalize function on the entity build makes:
// it fails only with EINVALID (or with conflict when conflictOK, the one
// documented exception), it leaves its input alone, and it is idempotent:
// normalising its output again succeeds and changes nothing. The input
// check is skipped when it holds a NaN, which DeepEqual never finds equal
// (Normalize* refuse NaN, so the idempotence check never meets one).
func checkNormalize[T any](t *testing.T, name string, build func() T, normalize func(T) (T, error), conflictOK, hasNaN bool) {
	t.Helper()
	in := build()
	out, err := normalize(in)
	if !hasNaN && !reflect.DeepEqual(in, build()) {
		t.Fatalf("%s changed its input: %+v, want %+v", name, in, build())
	}
	if err != nil {
		code := store.ErrorCode(err)
		if code != store.EINVALID && !(conflictOK && code == store.ECONFLICT) {
			t.Fatalf("%s(%+v) = %v (code %s), want EINVALID", name, in, err, code)
		}
		return
	}
	again, err := normalize(out)
	if err != nil {
		t.Fatalf("%s(%+v) refuses its own output %+v: %v", name, in, out, err)
	}
	if !reflect.DeepEqual(again, out) {
		t.Fatalf("%s is not idempotent on %+v:\nonce:  %+v\ntwice: %+v", name, in, out, again)
	}
}

// FuzzNormalize feeds arbitrary strings and numbers to every Normalize*
// function (kind picks which) and checks the properties of checkNormalize.
// NormalizePlace may also say ECONFLICT, for a place that is its own parent,
// as the Store contract and storetest require.
func FuzzNormalize(f *testing.F) {
	type seed struct {
		kind                             uint8
		id, name, ref1, ref2, enum, tags string
		n, m                             int64
		w                                float64
	}
	for _, s := range []seed{
		{0, "millbrook", "Millbrook", "", "IMD decile", "E05000001", "Young people,Older people", 1200, 1, 3.5},
		{0, "ward-1", " Ward 1 ", "millbrook", " decile ", " code ", " a , a,b", 10, 3, math.NaN()},
		{0, "x", "x", "x", "", "", "", 0, 0, 0},
		{0, "p", "P", "", "", "", ",, ,", -5, 1, math.Inf(1)},
		{1, "ada", "Ada", "millbrook", "GIVEN", "PROFESSIONAL", "carers,carers, young ", 0, 0, 0},
		{1, "bob", "Bob", "millbrook", "", "", "", 0, 0, 0},
		{1, "bad", "Bad", "millbrook", "MAYBE", "ROBOT", "", 0, 0, 0},
		{2, "acme", "Acme Trust", "millbrook", "", "FUNDER", "", 0, 0, 0},
		{2, "acme", "  ", "millbrook", "", "WIZARD", "", 0, 0, 0},
		{3, "r1", "", "ada", "bob", "KNOWS", "", 1704067200, 1735689600, 1},
		{3, "r2", "", "ada", "ada", "KNOWS", "", 0, 0, 1},
		{3, "r3", "", "ada", "bob", "WORKS_WITH", "", 1735689600, 1704067200, 0.5},
		{3, "r4", "", "ada", "bob", "KNOWS", "", -86399, 50399, math.Inf(1)},
		{4, "board", "Health Board", "millbrook", "", "", "carers,Older people", 2, 0, 0},
		{5, "s1", "IDEA", "ada", "board", "CO_DESIGN", "", 1704067200, 0, 0},
		{5, "s2", "NEVER", "ada", "board", "SHOUT", "", 0, 0, 0},
		{6, "g1", "Youth club", "acme", "club", "gbp ", "ward-2,ward-1,ward-1", 150000, 1704067200, 0},
		{6, "g2", "Grant", "acme", "club", "GBPX", "", -1, 0, 0},
		{6, "g3", "Grant", "acme", "club", "ÉUR", "\xff", 1, 1704067200, 0},
	} {
		f.Add(s.kind, s.id, s.name, s.ref1, s.ref2, s.enum, s.tags, s.n, s.m, s.w)
	}
	f.Fuzz(func(t *testing.T, kind uint8, id, name, ref1, ref2, enum, tags string, n, m int64, w float64) {
		e := fuzzEntity{id: id, name: name, ref1: ref1, ref2: ref2, enum: enum, tags: tags, n: n, m: m, w: w}
		nan := math.IsNaN(w)
		switch kind % 7 {
		case 0:
			checkNormalize(t, "NormalizePlace", e.place, store.NormalizePlace, e.ref1 == e.id, nan)
		case 1:
			checkNormalize(t, "NormalizePerson", e.person, store.NormalizePerson, false, nan)
		case 2:
			checkNormalize(t, "NormalizeOrganisation", e.organisation, store.NormalizeOrganisation, false, nan)
		case 3:
			checkNormalize(t, "NormalizeRelationship", e.relationship, store.NormalizeRelationship, false, nan)
		case 4:
			checkNormalize(t, "NormalizeForum", e.forum, store.NormalizeForum, false, nan)
		case 5:
			checkNormalize(t, "NormalizeParticipation", e.participation, store.NormalizeParticipation, false, nan)
		case 6:
			checkNormalize(t, "NormalizeGrant", e.grant, store.NormalizeGrant, false, nan)
		}
	})
}

// TestValidIDInvisible checks ValidID on the invisible and reordering
// characters it refuses, named one by one, and on visible ones it keeps.
func TestValidIDInvisible(t *testing.T) {
	tests := []struct {
		name, id string
		ok       bool
	}{
		{"right-to-left override", "p-\u202eevil", false},
		{"left-to-right embedding", "p\u202ax\u202c", false},
		{"isolates", "p\u2066x\u2069", false},
		{"right-to-left mark", "p\u200f1", false},
		{"zero-width space", "p\u200b1", false},
		{"zero-width joiner", "p\u200d1", false},
		{"zero-width non-joiner", "p\u200c1", false},
		{"word joiner", "p\u20601", false},
		{"byte order mark", "\ufeffp1", false},
		{"soft hyphen", "p\u00ad1", false},
		{"line separator", "a\u2028b", false},
		{"paragraph separator", "a\u2029b", false},
		{"NUL", "p\x001", false},
		{"next line", "p\u00851", false},
		{"plain", "p-margaret-ellis", true},
		{"accents", "Zoë", true},
		{"combining accent", "e\u0301", true},
		{"CJK", "名前", true},
		{"inner space", "a b", true},
		{"emoji", "👩", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := store.ValidID("person id", tt.id)
			if (err == nil) != tt.ok {
				t.Fatalf("ValidID(%q) = %v, want ok %v", tt.id, err, tt.ok)
			}
			if err != nil && store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("ValidID(%q) code %s, want EINVALID", tt.id, store.ErrorCode(err))
			}
		})
	}
}

// TestTextFields checks the rule for text fields: line breaks and tabs in
// a one-line field (names, tags, codes) become one space, a description
// keeps them, and any other control character is refused with EINVALID,
// naming the character and never quoting the text.
func TestTextFields(t *testing.T) {
	person := func(name string, groups ...string) (store.Person, error) {
		return store.NormalizePerson(store.Person{ID: "p1", Name: name, PlaceID: "w", Groups: groups})
	}
	tests := []struct {
		name, in, want, err string
	}{
		{"plain", "Ann Smith", "Ann Smith", ""},
		{"line break", "Ann\nSmith", "Ann Smith", ""},
		{"CRLF and tabs make one space", "Ann\r\n\t Smith", "Ann  Smith", ""},
		{"next line", "Ann\u0085Smith", "Ann Smith", ""},
		{"NUL", "Ann\x00Smith", "", "U+0000"},
		{"escape", "Ann\x1b[2J", "", "U+001B"},
		{"delete", "Ann\x7f", "", "U+007F"},
		{"C1 control", "Ann\u009b", "", "U+009B"},
		{"bidi override is text", "Ann \u202eSmith", "Ann \u202eSmith", ""},
		{"only a line break", "\n", "", "is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := person(tt.in)
			if tt.err != "" {
				if err == nil || store.ErrorCode(err) != store.EINVALID || !strings.Contains(err.Error(), tt.err) || strings.Contains(err.Error(), "Ann") {
					t.Fatalf("NormalizePerson(name %q) = %v, want EINVALID saying %q without the name", tt.in, err, tt.err)
				}
				return
			}
			if err != nil || p.Name != tt.want {
				t.Fatalf("NormalizePerson(name %q) = %q, %v; want %q", tt.in, p.Name, err, tt.want)
			}
		})
	}
	if p, err := person("Ann", " young\nperson ", "carer\x00"); err == nil {
		t.Errorf("a group with a NUL was accepted: %q", p.Groups)
	}
	if p, err := person("Ann", " young\nperson "); err != nil || len(p.Groups) != 1 || p.Groups[0] != "young person" {
		t.Errorf("groups = %q, %v; want [young person]", p.Groups, err)
	}
	g := store.Grant{ID: "g", Title: "T", FunderID: "f", RecipientID: "r", Currency: "GBP", AwardedOn: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	g.Description = "line one\r\n\tline two"
	if out, err := store.NormalizeGrant(g); err != nil || out.Description != g.Description {
		t.Errorf("description = %q, %v; want line breaks and tabs kept", out.Description, err)
	}
	g.Description = "bell\x07"
	if _, err := store.NormalizeGrant(g); err == nil || !strings.Contains(err.Error(), "U+0007") {
		t.Errorf("description with BEL: %v, want a refusal naming U+0007", err)
	}
}

// FuzzNormalizeText feeds arbitrary names, tags and descriptions to
// NormalizePerson and NormalizeGrant and checks the text rule: on success
// no one-line field holds a control character at all and a description
// holds none but tab, LF and CR; a refusal is EINVALID and happens only
// when the input holds another control character (or is blank, too long,
// or not UTF-8).
func FuzzNormalizeText(f *testing.F) {
	for _, s := range []string{"Ann", "Ann\nSmith", "a\x00b", "\x1b[31m", "\t\r\n", "\u0085x", "\xff", "\u009b", "x\u202ey"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, tag string) {
		p, err := store.NormalizePerson(store.Person{ID: "p1", Name: name, PlaceID: "w", Groups: []string{tag}})
		if err != nil {
			if store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("NormalizePerson(%q, %q) = %v, want EINVALID", name, tag, err)
			}
			other := func(r rune) bool {
				return unicode.IsControl(r) && !strings.ContainsRune("\t\n\v\f\r\u0085", r)
			}
			blank := strings.TrimFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) == ""
			if !strings.ContainsFunc(name+tag, other) && !blank && utf8.ValidString(name) && utf8.ValidString(tag) && len(name) <= store.MaxNameLen && len(tag) <= store.MaxTagLen {
				t.Fatalf("NormalizePerson(%q, %q) = %v, refused without a reason", name, tag, err)
			}
			return
		}
		for _, s := range append([]string{p.Name}, p.Groups...) {
			if strings.ContainsFunc(s, unicode.IsControl) {
				t.Fatalf("NormalizePerson(%q, %q) kept a control character: %q", name, tag, s)
			}
		}
		g, err := store.NormalizeGrant(store.Grant{ID: "g", Title: "T", FunderID: "f", RecipientID: "r", Currency: "GBP",
			AwardedOn: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Description: name})
		if err == nil && strings.ContainsFunc(g.Description, func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }) {
			t.Fatalf("NormalizeGrant kept a control character in %q", g.Description)
		}
	})
}
