package store

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on field sizes, shared by every backend.
const (
	MaxIDLen   = 256
	MaxNameLen = 1000
	MaxTags    = 100
	MaxTagLen  = 200
)

// ValidID returns an EINVALID error unless id is a usable identifier: 1 to
// MaxIDLen bytes of valid UTF-8 with no leading or trailing space and no
// InvisibleInID character.
func ValidID(field, id string) error {
	switch {
	case id == "":
		return Errorf(EINVALID, "%s is required", field)
	case len(id) > MaxIDLen:
		return Errorf(EINVALID, "%s is longer than %d bytes", field, MaxIDLen)
	case plainASCII(id):
		return nil
	case !utf8.ValidString(id):
		return Errorf(EINVALID, "%s is not valid UTF-8", field)
	case strings.TrimSpace(id) != id:
		return Errorf(EINVALID, "%s has leading or trailing space", field)
	}
	if i := strings.IndexFunc(id, InvisibleInID); i >= 0 {
		r, _ := utf8.DecodeRuneInString(id[i:])
		if unicode.IsControl(r) {
			return Errorf(EINVALID, "%s contains a control character (%U)", field, r)
		}
		return Errorf(EINVALID, "%s contains an invisible character (%U): zero-width, bidirectional-control, byte-order-mark and line-separator characters are not allowed in ids", field, r)
	}
	return nil
}

// plainASCII reports whether the non-empty id is printable ASCII (space
// to tilde) with no space at either end: an id that passes every check of
// ValidID, found without decoding runes.
func plainASCII(id string) bool {
	for i := 0; i < len(id); i++ {
		if c := id[i]; c < ' ' || c > '~' {
			return false
		}
	}
	return id[0] != ' ' && id[len(id)-1] != ' '
}

// InvisibleInID reports whether r may not appear in an id: a control
// character (Unicode category Cc), a format character (Cf: the zero-width
// space, joiners and non-joiners, the bidirectional marks, embeddings,
// overrides and isolates such as U+202E, the byte order mark U+FEFF, the
// soft hyphen, the word joiner), or a line or paragraph separator (Zl, Zp).
// Each is invisible or reorders the text around it, so two ids that look
// alike could differ, and an id could display as another ("p-\u202eevil"
// shows as "p-live"; Unicode Technical Standard #39 and the "Trojan
// Source" attacks, CVE-2021-42574, rest on them).
func InvisibleInID(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// lineBreaks are the white-space control characters that a one-line text
// field turns into a space (tab, line feed, vertical tab, form feed,
// carriage return, next line).
func lineBreak(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', '\u0085':
		return true
	}
	return false
}

// normText checks and normalises a text field (a name, title, tag, code):
// it must be valid UTF-8; in a one-line field each run of tabs and line
// breaks (lineBreak) becomes one space, and in a multi-line field
// (multiline: a grant's description) tabs, line feeds and carriage returns
// are kept; any other control character (NUL, escape, delete, the C1
// controls) is refused with EINVALID, naming the field and the character,
// never quoting the text. Refusing rather than dropping them keeps what a
// client sent and what is stored the same, and tells the client why.
func normText(field, s string, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return s, Errorf(EINVALID, "%s is not valid UTF-8", field)
	}
	i := strings.IndexFunc(s, unicode.IsControl)
	if i < 0 {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	space := false // the last rune written was a space made of line breaks
	for _, r := range s[i:] {
		switch {
		case !unicode.IsControl(r):
			b.WriteRune(r)
			space = false
		case multiline && (r == '\t' || r == '\n' || r == '\r'):
			b.WriteRune(r)
		case !multiline && lineBreak(r):
			if !space {
				b.WriteByte(' ')
				space = true
			}
		default:
			return s, Errorf(EINVALID, "%s contains a control character (%U)", field, r)
		}
	}
	return b.String(), nil
}

// normName checks a required one-line name (normText) of at most
// MaxNameLen bytes.
func normName(field, name string) (string, error) {
	name, err := normText(field, name, false)
	switch {
	case err != nil:
		return name, err
	case strings.TrimSpace(name) == "":
		return name, Errorf(EINVALID, "%s is required", field)
	case len(name) > MaxNameLen:
		return name, Errorf(EINVALID, "%s is longer than %d bytes", field, MaxNameLen)
	}
	return name, nil
}

func optionalID(field, id string) error {
	if id == "" {
		return nil
	}
	return ValidID(field, id)
}

// normTags trims, drops empties, de-duplicates and sorts tags, each a
// one-line text (normText).
func normTags(field string, tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t, err := normText(field, t, false)
		if err != nil {
			return nil, err
		}
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if len(t) > MaxTagLen {
			return nil, Errorf(EINVALID, "%s: a tag is longer than %d bytes", field, MaxTagLen)
		}
		out = append(out, t)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > MaxTags {
		return nil, Errorf(EINVALID, "%s: more than %d tags", field, MaxTags)
	}
	return out, nil
}

func normDates(since, until *time.Time) (*time.Time, *time.Time, error) {
	var s, u *time.Time
	if since != nil {
		d := Day(*since)
		s = &d
	}
	if until != nil {
		d := Day(*until)
		u = &d
	}
	if s != nil && u != nil && u.Before(*s) {
		return nil, nil, Errorf(EINVALID, "until (%s) is before since (%s)", u.Format(time.DateOnly), s.Format(time.DateOnly))
	}
	return s, u, nil
}

// NormalizePlace validates p and returns its canonical form.
func NormalizePlace(p Place) (Place, error) {
	if err := ValidID("place id", p.ID); err != nil {
		return p, err
	}
	var err error
	if p.Name, err = normName("place name", p.Name); err != nil {
		return p, err
	}
	if err := optionalID("parent id", p.ParentID); err != nil {
		return p, err
	}
	if p.ParentID == p.ID {
		return p, Errorf(ECONFLICT, "place %q cannot be its own parent", p.ID)
	}
	if p.Code, err = normText("place code", p.Code, false); err != nil {
		return p, err
	}
	p.Code = strings.TrimSpace(p.Code)
	if len(p.Code) > MaxTagLen {
		return p, Errorf(EINVALID, "place code is longer than %d bytes", MaxTagLen)
	}
	if p.Population != nil && *p.Population < 0 {
		return p, Errorf(EINVALID, "population must not be negative")
	}
	if p.NeedIndex != nil && (math.IsNaN(*p.NeedIndex) || math.IsInf(*p.NeedIndex, 0)) {
		return p, Errorf(EINVALID, "need index must be a finite number")
	}
	if p.NeedScale, err = normText("need scale", p.NeedScale, false); err != nil {
		return p, err
	}
	p.NeedScale = strings.TrimSpace(p.NeedScale)
	groups, err := normGroupCounts(p.PopulationByGroup)
	if err != nil {
		return p, err
	}
	p.PopulationByGroup = groups
	if p.Geometry, err = NormalizeGeometry(p.Geometry); err != nil {
		return p, err
	}
	return p, nil
}

// normGroupCounts trims the group names of a population-by-group map and
// checks them; nil when empty. A name repeated after trimming is EINVALID.
func normGroupCounts(m map[string]int) (map[string]int, error) {
	if len(m) == 0 {
		return nil, nil
	}
	if len(m) > MaxTags {
		return nil, Errorf(EINVALID, "populationByGroup: more than %d groups", MaxTags)
	}
	out := make(map[string]int, len(m))
	for g, n := range m {
		t, err := normText("populationByGroup: group name", g, false)
		if err != nil {
			return nil, err
		}
		t = strings.TrimSpace(t)
		switch {
		case t == "":
			return nil, Errorf(EINVALID, "populationByGroup: empty group name")
		case len(t) > MaxTagLen:
			return nil, Errorf(EINVALID, "populationByGroup: a group name is longer than %d bytes", MaxTagLen)
		case n < 0:
			return nil, Errorf(EINVALID, "populationByGroup: count for %q must not be negative", t)
		}
		if _, dup := out[t]; dup {
			return nil, Errorf(EINVALID, "populationByGroup: group %q given twice", t)
		}
		out[t] = n
	}
	return out, nil
}

// NormalizePerson validates p and returns its canonical form: tags sorted
// and de-duplicated, consent UNKNOWN and capacity COMMUNITY_MEMBER when empty.
func NormalizePerson(p Person) (Person, error) {
	var err error
	if err = ValidID("person id", p.ID); err != nil {
		return p, err
	}
	if p.Name, err = normName("person name", p.Name); err != nil {
		return p, err
	}
	if err = ValidID("place id", p.PlaceID); err != nil {
		return p, err
	}
	if p.Groups, err = normTags("groups", p.Groups); err != nil {
		return p, err
	}
	if p.Roles, err = normTags("roles", p.Roles); err != nil {
		return p, err
	}
	if p.LivedExperience, err = normTags("livedExperience", p.LivedExperience); err != nil {
		return p, err
	}
	if p.Consent == "" {
		p.Consent = ConsentUnknown
	}
	if !p.Consent.Valid() {
		return p, Errorf(EINVALID, "unknown consent status %q", p.Consent)
	}
	if p.Capacity == "" {
		p.Capacity = CapacityCommunity
	}
	if !p.Capacity.Valid() {
		return p, Errorf(EINVALID, "unknown capacity %q", p.Capacity)
	}
	if p.Source, err = normSource(p.Source); err != nil {
		return p, err
	}
	return p, nil
}

// NormalizeOrganisation validates o and returns its canonical form (kind
// OTHER when empty).
func NormalizeOrganisation(o Organisation) (Organisation, error) {
	var err error
	if err = ValidID("organisation id", o.ID); err != nil {
		return o, err
	}
	if o.Name, err = normName("organisation name", o.Name); err != nil {
		return o, err
	}
	if err := ValidID("place id", o.PlaceID); err != nil {
		return o, err
	}
	if o.Kind == "" {
		o.Kind = OrgOther
	}
	if !o.Kind.Valid() {
		return o, Errorf(EINVALID, "unknown organisation kind %q", o.Kind)
	}
	return o, nil
}

// NormalizeRelationship validates r and returns its canonical form (dates
// truncated to the day). Weight must be finite and > 0.
func NormalizeRelationship(r Relationship) (Relationship, error) {
	var err error
	if err = ValidID("relationship id", r.ID); err != nil {
		return r, err
	}
	if err = ValidID("from", r.FromID); err != nil {
		return r, err
	}
	if err = ValidID("to", r.ToID); err != nil {
		return r, err
	}
	if r.FromID == r.ToID {
		return r, Errorf(EINVALID, "relationship %q joins %q to itself", r.ID, r.FromID)
	}
	if !r.Kind.Valid() {
		return r, Errorf(EINVALID, "unknown relationship kind %q", r.Kind)
	}
	if !(r.Weight > 0) || math.IsInf(r.Weight, 0) {
		return r, Errorf(EINVALID, "relationship weight must be a finite number > 0, got %v", r.Weight)
	}
	if r.Since, r.Until, err = normDates(r.Since, r.Until); err != nil {
		return r, err
	}
	if r.Source, err = normSource(r.Source, r.FromID, r.ToID); err != nil {
		return r, err
	}
	return r, nil
}

// NormalizeForum validates f and returns its canonical form.
func NormalizeForum(f Forum) (Forum, error) {
	var err error
	if err = ValidID("forum id", f.ID); err != nil {
		return f, err
	}
	if f.Name, err = normName("forum name", f.Name); err != nil {
		return f, err
	}
	if err = ValidID("place id", f.PlaceID); err != nil {
		return f, err
	}
	if f.AffectsGroups, err = normTags("affectsGroups", f.AffectsGroups); err != nil {
		return f, err
	}
	return f, nil
}

// NormalizeParticipation validates p and returns its canonical form.
func NormalizeParticipation(p Participation) (Participation, error) {
	var err error
	if err = ValidID("participation id", p.ID); err != nil {
		return p, err
	}
	if err = ValidID("actor id", p.ActorID); err != nil {
		return p, err
	}
	if err = ValidID("forum id", p.ForumID); err != nil {
		return p, err
	}
	if !p.Level.Valid() {
		return p, Errorf(EINVALID, "unknown participation level %q", p.Level)
	}
	if !p.JoinedAtStage.Valid() {
		return p, Errorf(EINVALID, "unknown stage %q", p.JoinedAtStage)
	}
	if p.Since, p.Until, err = normDates(p.Since, p.Until); err != nil {
		return p, err
	}
	if p.Source, err = normSource(p.Source); err != nil {
		return p, err
	}
	return p, nil
}

// NormalizeGrant validates g and returns its canonical form: award date
// truncated to the day, currency upper-cased, beneficiary places sorted and
// de-duplicated. The amount must not be negative.
func NormalizeGrant(g Grant) (Grant, error) {
	var err error
	if err = ValidID("grant id", g.ID); err != nil {
		return g, err
	}
	if g.Title, err = normName("grant title", g.Title); err != nil {
		return g, err
	}
	if err = ValidID("funder id", g.FunderID); err != nil {
		return g, err
	}
	if err = ValidID("recipient id", g.RecipientID); err != nil {
		return g, err
	}
	if g.Amount < 0 {
		return g, Errorf(EINVALID, "grant %q: amount must not be negative", g.ID)
	}
	g.Currency = strings.ToUpper(strings.TrimSpace(g.Currency))
	if len(g.Currency) != 3 || strings.IndexFunc(g.Currency, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		return g, Errorf(EINVALID, "grant %q: currency %q is not an ISO 4217 code", g.ID, g.Currency)
	}
	if g.AwardedOn.IsZero() {
		return g, Errorf(EINVALID, "grant %q: award date is required", g.ID)
	}
	g.AwardedOn = Day(g.AwardedOn)
	if g.Description, err = normText("grant description", g.Description, true); err != nil {
		return g, err
	}
	if len(g.Description) > 100*MaxNameLen {
		return g, Errorf(EINVALID, "grant %q: description is too long", g.ID)
	}
	if g.Programme, err = normText("grant programme", g.Programme, false); err != nil {
		return g, err
	}
	g.Programme = strings.TrimSpace(g.Programme)
	if len(g.Programme) > MaxNameLen || !utf8.ValidString(g.Programme) {
		return g, Errorf(EINVALID, "grant %q: programme is too long or not UTF-8", g.ID)
	}
	for _, p := range g.PlaceIDs {
		if err = ValidID("beneficiary place id", p); err != nil {
			return g, err
		}
	}
	g.PlaceIDs = slices.Compact(slices.Sorted(slices.Values(g.PlaceIDs)))
	if g.Unmatched, err = normTags("unmatched locations", g.Unmatched); err != nil {
		return g, err
	}
	if len(g.Unmatched) == 0 {
		g.Unmatched = nil
	}
	return g, nil
}
