package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/voicemap/voicemap/store"
)

// documentVersion is the version of the JSON document this package reads
// and writes.
const documentVersion = 1

// document is the JSON interchange document (see the package doc).
type document struct {
	Version        int                `json:"version"`
	Places         []docPlace         `json:"places"`
	People         []docPerson        `json:"people"`
	Organisations  []docOrganisation  `json:"organisations"`
	Relationships  []docRelationship  `json:"relationships"`
	Forums         []docForum         `json:"forums"`
	Participations []docParticipation `json:"participations"`
}

type docPlace struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Code       string         `json:"code,omitempty"`
	Population *int           `json:"population,omitempty"`
	NeedIndex  *float64       `json:"needIndex,omitempty"`
	NeedScale  string         `json:"needScale,omitempty"`
	ByGroup    map[string]int `json:"populationByGroup,omitempty"`
	ParentID   string         `json:"parentId,omitempty"`
}

type docPerson struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	PlaceID         string   `json:"placeId"`
	Groups          []string `json:"groups,omitempty"`
	Roles           []string `json:"roles,omitempty"`
	LivedExperience []string `json:"livedExperience,omitempty"`
	Capacity        string   `json:"capacity,omitempty"`
	Consent         string   `json:"consent,omitempty"`
}

type docOrganisation struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind,omitempty"`
	PlaceID string `json:"placeId"`
}

type docRelationship struct {
	ID     string   `json:"id"`
	From   string   `json:"from"`
	To     string   `json:"to"`
	Kind   string   `json:"kind,omitempty"`
	Weight *float64 `json:"weight,omitempty"`
	Since  *string  `json:"since,omitempty"`
	Until  *string  `json:"until,omitempty"`
}

type docForum struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	PlaceID        string   `json:"placeId"`
	DecisionMaking bool     `json:"decisionMaking"`
	AffectsGroups  []string `json:"affectsGroups,omitempty"`
}

type docParticipation struct {
	ID            string  `json:"id"`
	ActorID       string  `json:"actorId"`
	ForumID       string  `json:"forumId"`
	Level         string  `json:"level"`
	JoinedAtStage string  `json:"joinedAtStage"`
	Since         *string `json:"since,omitempty"`
	Until         *string `json:"until,omitempty"`
}

// sections are the document's entity arrays, in the order they are read.
var sections = []string{"places", "people", "organisations", "relationships", "forums", "participations"}

// element is one entry of a section, with the line it starts on.
type element struct {
	raw  json.RawMessage
	line int
}

// jsonDoc is a JSON document split into its version and sections.
type jsonDoc struct {
	version  json.RawMessage
	sections map[string][]element
}

// readJSON splits a document into its parts. Problems of structure are
// added to probs; it returns false after a syntax error.
func readJSON(data []byte, probs *problems) (jsonDoc, bool) {
	doc := jsonDoc{sections: make(map[string][]element)}
	idx := newLines(data)
	// A first pass finds syntax errors, with their offset in the document
	// (a Decoder reports some offsets relative to the value it reads).
	if err := json.Unmarshal(data, new(json.RawMessage)); err != nil {
		probs.add("%s", jsonSyntax(err, idx))
		return doc, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	fail := func(err error) (jsonDoc, bool) {
		probs.add("%s", jsonSyntax(err, idx))
		return doc, false
	}
	tok, err := dec.Token()
	if err != nil {
		return fail(err)
	}
	if tok != json.Delim('{') {
		probs.add("line 1: the document must be a JSON object {\"version\": 1, ...}")
		return doc, false
	}
	seen := make(map[string]bool)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		key, _ := tok.(string)
		line, _ := idx.at(dec.InputOffset())
		if seen[key] {
			probs.add("%s (line %d): field given twice", key, line)
		}
		seen[key] = true
		switch {
		case key == "version":
			if err := dec.Decode(&doc.version); err != nil {
				return fail(err)
			}
		case slices.Contains(sections, key):
			var raw json.RawMessage
			off := dec.InputOffset()
			if err := dec.Decode(&raw); err != nil {
				return fail(err)
			}
			els, ok := splitArray(raw, idx, off, data)
			if !ok {
				probs.add("%s (line %d): must be an array", key, line)
				continue
			}
			doc.sections[key] = els
		default:
			probs.add("%s (line %d): unknown field", key, line)
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fail(err)
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return fail(err)
	}
	return doc, true
}

// splitArray splits a section's raw array into its elements, each with its
// line; off is the offset in data from which raw was read. A null section is
// empty; anything but an array or null gives false.
func splitArray(raw json.RawMessage, idx lines, off int64, data []byte) ([]element, bool) {
	if string(raw) == "null" {
		return nil, true
	}
	if len(raw) == 0 || raw[0] != '[' {
		return nil, false
	}
	// raw is a copy of data[start:start+len(raw)] for the first start >= off
	// that is not white space or the ':' after the key.
	start := off
	for start < int64(len(data)) && strings.IndexByte(" \t\r\n:", data[start]) >= 0 {
		start++
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, false
	}
	var els []element
	for dec.More() {
		at := dec.InputOffset()
		for at < int64(len(raw)) && strings.IndexByte(" \t\r\n,", raw[at]) >= 0 {
			at++
		}
		var el json.RawMessage
		if err := dec.Decode(&el); err != nil {
			return nil, false
		}
		line, _ := idx.at(start + at)
		els = append(els, element{raw: el, line: line})
	}
	return els, true
}

// jsonSyntax describes a JSON reading error with the line and column of
// the offending character.
func jsonSyntax(err error, idx lines) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if se.Offset >= int64(len(idx.data)) && strings.Contains(se.Error(), "unexpected end") {
			return "JSON syntax error: unexpected end of document"
		}
		line, col := idx.at(max(se.Offset-1, 0))
		return fmt.Sprintf("line %d:%d: JSON syntax error: %s", line, col, se.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "JSON syntax error: unexpected end of document"
	}
	return fmt.Sprintf("JSON error: %v", err)
}

// parseJSON converts a JSON document into a batch.
func parseJSON(data []byte, placeID string) (store.Batch, error) {
	var probs problems
	doc, ok := readJSON(data, &probs)
	if !ok {
		return store.Batch{}, probs.err(JSON)
	}
	var version int
	if len(doc.version) == 0 {
		probs.add("version: missing; this reader reads version %d", documentVersion)
	} else if err := json.Unmarshal(doc.version, &version); err != nil || version != documentVersion {
		probs.add("version: %s is not supported; this reader reads version %d", doc.version, documentVersion)
	}

	var b store.Batch
	seen := make(ids)
	// check reports a normalisation error or an id used twice.
	check := func(where, id string, err error) bool {
		if msg, ok := seen.claim(id, where); !ok {
			probs.add("%s", msg)
			return false
		}
		if err != nil {
			probs.add("%s: %s", where, message(err))
			return false
		}
		return true
	}
	for i, el := range doc.sections["places"] {
		var d docPlace
		if where, ok := decodeElement(el, "places", i, &d, &probs); ok {
			p, err := store.NormalizePlace(store.Place{ID: d.ID, Name: d.Name, Code: d.Code, Population: d.Population, NeedIndex: d.NeedIndex, NeedScale: d.NeedScale, ParentID: d.ParentID, PopulationByGroup: d.ByGroup})
			if check(where, d.ID, err) {
				b.Places = append(b.Places, p)
			}
		}
	}
	for i, el := range doc.sections["people"] {
		var d docPerson
		if where, ok := decodeElement(el, "people", i, &d, &probs); ok {
			p, err := store.NormalizePerson(store.Person{ID: d.ID, Name: d.Name, PlaceID: orDefault(d.PlaceID, placeID), Groups: d.Groups, Roles: d.Roles, LivedExperience: d.LivedExperience, Capacity: store.Capacity(d.Capacity), Consent: store.Consent(d.Consent)})
			if check(where, d.ID, err) {
				b.People = append(b.People, p)
			}
		}
	}
	for i, el := range doc.sections["organisations"] {
		var d docOrganisation
		if where, ok := decodeElement(el, "organisations", i, &d, &probs); ok {
			o, err := store.NormalizeOrganisation(store.Organisation{ID: d.ID, Name: d.Name, Kind: store.OrgKind(d.Kind), PlaceID: orDefault(d.PlaceID, placeID)})
			if check(where, d.ID, err) {
				b.Organisations = append(b.Organisations, o)
			}
		}
	}
	for i, el := range doc.sections["relationships"] {
		var d docRelationship
		if where, ok := decodeElement(el, "relationships", i, &d, &probs); ok {
			r := store.Relationship{ID: d.ID, FromID: d.From, ToID: d.To, Kind: store.RelKind(orDefault(d.Kind, string(store.RelKnows))), Weight: 1}
			if d.Weight != nil {
				r.Weight = *d.Weight
			}
			since, okS := parseDate(d.Since, where, "since", &probs)
			until, okU := parseDate(d.Until, where, "until", &probs)
			if !okS || !okU {
				continue
			}
			r.Since, r.Until = since, until
			r, err := store.NormalizeRelationship(r)
			if check(where, d.ID, err) {
				b.Relationships = append(b.Relationships, r)
			}
		}
	}
	for i, el := range doc.sections["forums"] {
		var d docForum
		if where, ok := decodeElement(el, "forums", i, &d, &probs); ok {
			f, err := store.NormalizeForum(store.Forum{ID: d.ID, Name: d.Name, PlaceID: orDefault(d.PlaceID, placeID), DecisionMaking: d.DecisionMaking, AffectsGroups: d.AffectsGroups})
			if check(where, d.ID, err) {
				b.Forums = append(b.Forums, f)
			}
		}
	}
	for i, el := range doc.sections["participations"] {
		var d docParticipation
		if where, ok := decodeElement(el, "participations", i, &d, &probs); ok {
			since, okS := parseDate(d.Since, where, "since", &probs)
			until, okU := parseDate(d.Until, where, "until", &probs)
			if !okS || !okU {
				continue
			}
			p, err := store.NormalizeParticipation(store.Participation{ID: d.ID, ActorID: d.ActorID, ForumID: d.ForumID, Level: store.Level(d.Level), JoinedAtStage: store.Stage(d.JoinedAtStage), Since: since, Until: until})
			if check(where, d.ID, err) {
				b.Participations = append(b.Participations, p)
			}
		}
	}
	if err := probs.err(JSON); err != nil {
		return store.Batch{}, err
	}
	return b, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// decodeElement decodes one element of a section into dst (a pointer to a
// doc* struct), reporting unknown fields and values of the wrong type. It
// returns the element's description for later problems.
func decodeElement(el element, section string, i int, dst any, probs *problems) (string, bool) {
	path := fmt.Sprintf("%s[%d]", section, i)
	if bytes.Equal(el.raw, []byte("null")) || el.raw[0] != '{' {
		probs.add("%s (line %d): must be an object", path, el.line)
		return "", false
	}
	// Fast path: a well-formed element decodes strictly in one pass.
	dec := json.NewDecoder(bytes.NewReader(el.raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err == nil {
		return describe(path, el.line, dst), true
	}
	// Otherwise find every unknown field, then the first value of a wrong type.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(el.raw, &fields); err != nil {
		probs.add("%s (line %d): must be an object", path, el.line)
		return "", false
	}
	known := jsonFields(reflect.TypeOf(dst).Elem())
	ok := true
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if !known[name] {
			probs.add("%s.%s (line %d): unknown field", path, name, el.line)
			ok = false
		}
	}
	if err := json.Unmarshal(el.raw, dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			probs.add("%s.%s (line %d): a JSON %s cannot be used here; want %s", path, te.Field, el.line, te.Value, jsonKind(te.Type))
		} else {
			probs.add("%s (line %d): %v", path, el.line, err)
		}
		return "", false
	}
	return describe(path, el.line, dst), ok
}

// describe names a decoded element for problems: its path, id and line.
func describe(path string, line int, dst any) string {
	id := reflect.ValueOf(dst).Elem().FieldByName("ID").String()
	if id == "" {
		return fmt.Sprintf("%s (line %d)", path, line)
	}
	return fmt.Sprintf("%s (id %q, line %d)", path, id, line)
}

// jsonFields returns the JSON names of a struct type's fields.
func jsonFields(t reflect.Type) map[string]bool {
	out := make(map[string]bool, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

// jsonKind names, in JSON terms, the kind of value a Go type holds.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Slice:
		return "an array of " + strings.TrimPrefix(strings.TrimPrefix(jsonKind(t.Elem()), "a "), "an ") + "s"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.Kind().String()
}

// parseDate parses an optional YYYY-MM-DD date field.
func parseDate(s *string, where, field string, probs *problems) (*time.Time, bool) {
	if s == nil || *s == "" {
		return nil, true
	}
	t, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		probs.add("%s: %s %q is not a date (YYYY-MM-DD)", where, field, *s)
		return nil, false
	}
	return &t, true
}

// EncodeJSON writes a batch as the JSON document Parse reads (see the
// package doc), indented, with dates as YYYY-MM-DD. Entities are written in
// the batch's order and are not validated.
func EncodeJSON(b store.Batch) ([]byte, error) {
	doc := document{
		Version:        documentVersion,
		Places:         make([]docPlace, 0, len(b.Places)),
		People:         make([]docPerson, 0, len(b.People)),
		Organisations:  make([]docOrganisation, 0, len(b.Organisations)),
		Relationships:  make([]docRelationship, 0, len(b.Relationships)),
		Forums:         make([]docForum, 0, len(b.Forums)),
		Participations: make([]docParticipation, 0, len(b.Participations)),
	}
	for _, p := range b.Places {
		doc.Places = append(doc.Places, docPlace{ID: p.ID, Name: p.Name, Code: p.Code, Population: p.Population, NeedIndex: p.NeedIndex, NeedScale: p.NeedScale, ParentID: p.ParentID, ByGroup: p.PopulationByGroup})
	}
	for _, p := range b.People {
		doc.People = append(doc.People, docPerson{ID: p.ID, Name: p.Name, PlaceID: p.PlaceID, Groups: p.Groups, Roles: p.Roles, LivedExperience: p.LivedExperience, Capacity: string(p.Capacity), Consent: string(p.Consent)})
	}
	for _, o := range b.Organisations {
		doc.Organisations = append(doc.Organisations, docOrganisation{ID: o.ID, Name: o.Name, Kind: string(o.Kind), PlaceID: o.PlaceID})
	}
	for _, r := range b.Relationships {
		w := r.Weight
		doc.Relationships = append(doc.Relationships, docRelationship{ID: r.ID, From: r.FromID, To: r.ToID, Kind: string(r.Kind), Weight: &w, Since: formatDate(r.Since), Until: formatDate(r.Until)})
	}
	for _, f := range b.Forums {
		doc.Forums = append(doc.Forums, docForum{ID: f.ID, Name: f.Name, PlaceID: f.PlaceID, DecisionMaking: f.DecisionMaking, AffectsGroups: f.AffectsGroups})
	}
	for _, p := range b.Participations {
		doc.Participations = append(doc.Participations, docParticipation{ID: p.ID, ActorID: p.ActorID, ForumID: p.ForumID, Level: string(p.Level), JoinedAtStage: string(p.JoinedAtStage), Since: formatDate(p.Since), Until: formatDate(p.Until)})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("interchange: encode JSON: %w", err)
	}
	return append(out, '\n'), nil
}

func formatDate(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}
