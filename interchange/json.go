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

// jsonSyntax describes a JSON reading error with the line and column of
// the offending character, whose offset in the stream se.Offset gives.
func jsonSyntax(err error, lt *lineTracker) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if strings.Contains(se.Error(), "unexpected end") {
			return "JSON syntax error: unexpected end of document"
		}
		line, col := lt.at(max(se.Offset-1, 0))
		return fmt.Sprintf("line %d:%d: JSON syntax error: %s", line, col, se.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "JSON syntax error: unexpected end of document"
	}
	return fmt.Sprintf("JSON error: %v", err)
}

// jsonReader reads a voicemap JSON document from a stream, one element at
// a time: it holds the batch, never the document.
type jsonReader struct {
	dec      *json.Decoder
	lt       *lineTracker
	placeID  string
	progress func(int64)
	lastRep  int64
	// Problems, reported in this order: of the document's structure, of
	// its version, of its elements by section (in the order of sections).
	structure, version problems
	elems              map[string]*problems
	b                  store.Batch
	// rels holds the relationships read, taken into b at the end.
	rels gathered
	seen ids
}

// readJSONStream reads a JSON document from r into a batch, reporting the
// bytes consumed to progress (when not nil).
func readJSONStream(r io.Reader, placeID string, progress func(int64)) (store.Batch, error) {
	lt := &lineTracker{r: r}
	j := &jsonReader{dec: json.NewDecoder(lt), lt: lt, placeID: placeID, progress: progress,
		elems: map[string]*problems{}, rels: gathered{size: sizeOf(r)}, seen: make(ids)}
	for _, s := range sections {
		j.elems[s] = &problems{}
	}
	ok, err := j.read()
	if err != nil {
		return store.Batch{}, err
	}
	j.b.Relationships = j.rels.all()
	if progress != nil {
		progress(lt.read)
	}
	all := problems{list: j.structure.list}
	if ok {
		all.list = append(all.list, j.version.list...)
		for _, s := range sections {
			all.list = append(all.list, j.elems[s].list...)
		}
	}
	if err := all.err(JSON); err != nil {
		return store.Batch{}, err
	}
	return j.b, nil
}

// read reads the document. It returns false after a syntax error or when
// the document is no object (the problem is in j.structure), and the
// stream's read error.
func (j *jsonReader) read() (bool, error) {
	dec := j.dec
	tok, err := dec.Token()
	if err != nil {
		return j.fail(err)
	}
	if tok != json.Delim('{') {
		j.structure.add("line 1: the document must be a JSON object {\"version\": 1, ...}")
		return false, nil
	}
	seen := make(map[string]bool)
	var version json.RawMessage
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return j.fail(err)
		}
		key, _ := tok.(string)
		line, _ := j.lt.at(dec.InputOffset())
		if seen[key] {
			j.structure.add("%s (line %d): field given twice", key, line)
		}
		seen[key] = true
		switch {
		case key == "version":
			if err := j.decode(&version); err != nil {
				return j.fail(err)
			}
		case slices.Contains(sections, key):
			if ok, err := j.section(key, line); !ok || err != nil {
				return ok, err
			}
		default:
			j.structure.add("%s (line %d): unknown field", key, line)
			var skip json.RawMessage
			if err := j.decode(&skip); err != nil {
				return j.fail(err)
			}
		}
		j.lt.forget(dec.InputOffset())
	}
	if _, err := dec.Token(); err != nil {
		return j.fail(err)
	}
	if tok, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err == nil {
			off := dec.InputOffset()
			line, col := j.lt.at(max(off-1, 0))
			j.structure.add("line %d:%d: JSON syntax error: invalid character %s after top-level value", line, col, quoteToken(tok))
			return false, nil
		}
		return j.fail(err)
	}
	var v int
	if len(version) == 0 {
		j.version.add("version: missing; this reader reads version %d", documentVersion)
	} else if err := json.Unmarshal(version, &v); err != nil || v != documentVersion {
		j.version.add("version: %s is not supported; this reader reads version %d", version, documentVersion)
	}
	return true, nil
}

// decode decodes the next value into v. A syntax error gets the offset
// in the stream of the character at fault: the value that failed is still
// buffered in the decoder, from InputOffset on, and scanning it alone
// finds the character as reading the whole document would.
func (j *jsonReader) decode(v any) error {
	err := j.dec.Decode(v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		buf, _ := io.ReadAll(j.dec.Buffered())
		var again *json.SyntaxError
		if errors.As(json.Unmarshal(buf, new(json.RawMessage)), &again) {
			se.Offset = j.dec.InputOffset() + again.Offset
		}
	}
	return err
}

// quoteToken quotes a JSON token as encoding/json quotes a character.
func quoteToken(tok json.Token) string {
	if d, ok := tok.(json.Delim); ok {
		return "'" + d.String() + "'"
	}
	return "value"
}

// fail records a syntax error; other errors are the stream's.
func (j *jsonReader) fail(err error) (bool, error) {
	var se *json.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		j.structure.add("%s", jsonSyntax(err, j.lt))
		return false, nil
	}
	return false, fmt.Errorf("interchange: read JSON: %w", err)
}

// section reads one section, element by element. A null section is
// empty; anything but an array or null is a problem.
func (j *jsonReader) section(key string, line int) (bool, error) {
	dec := j.dec
	tok, err := dec.Token()
	if err != nil {
		return j.fail(err)
	}
	if tok != json.Delim('[') {
		if tok != nil {
			j.structure.add("%s (line %d): must be an array", key, line)
		}
		// Skip the rest of an object given instead.
		for depth := 0; tok == json.Delim('{') || depth > 0; {
			if tok == json.Delim('{') || tok == json.Delim('[') {
				depth++
			}
			if tok, err = dec.Token(); err != nil {
				return j.fail(err)
			}
			if tok == json.Delim('}') || tok == json.Delim(']') {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		return true, nil
	}
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := j.decode(&raw); err != nil {
			return j.fail(err)
		}
		end := dec.InputOffset()
		elLine, _ := j.lt.at(end - int64(len(raw)))
		j.add(key, i, element{raw: raw, line: elLine})
		j.lt.forget(end)
		if j.progress != nil && j.lt.read-j.lastRep >= progressEvery {
			j.lastRep = j.lt.read
			j.progress(j.lt.read)
		}
	}
	if _, err := dec.Token(); err != nil {
		return j.fail(err)
	}
	return true, nil
}

// add converts one element of a section into the batch, or reports its
// problems.
func (j *jsonReader) add(section string, i int, el element) {
	probs, placeID := j.elems[section], j.placeID
	// check reports a normalisation error or an id used twice.
	check := func(where, id string, err error) bool {
		if msg, ok := j.seen.claim(id, where); !ok {
			probs.add("%s", msg)
			return false
		}
		if err != nil {
			probs.add("%s: %s", where, message(err))
			return false
		}
		return true
	}
	b := &j.b
	switch section {
	case "places":
		var d docPlace
		if where, ok := decodeElement(el, section, i, &d, probs); ok {
			p, err := store.NormalizePlace(store.Place{ID: d.ID, Name: d.Name, Code: d.Code, Population: d.Population, NeedIndex: d.NeedIndex, NeedScale: d.NeedScale, ParentID: d.ParentID, PopulationByGroup: d.ByGroup})
			if check(where, d.ID, err) {
				b.Places = append(b.Places, p)
			}
		}
	case "people":
		var d docPerson
		if where, ok := decodeElement(el, section, i, &d, probs); ok {
			p, err := store.NormalizePerson(store.Person{ID: d.ID, Name: d.Name, PlaceID: orDefault(d.PlaceID, placeID), Groups: d.Groups, Roles: d.Roles, LivedExperience: d.LivedExperience, Capacity: store.Capacity(d.Capacity), Consent: store.Consent(d.Consent)})
			if check(where, d.ID, err) {
				b.People = append(b.People, p)
			}
		}
	case "organisations":
		var d docOrganisation
		if where, ok := decodeElement(el, section, i, &d, probs); ok {
			o, err := store.NormalizeOrganisation(store.Organisation{ID: d.ID, Name: d.Name, Kind: store.OrgKind(d.Kind), PlaceID: orDefault(d.PlaceID, placeID)})
			if check(where, d.ID, err) {
				b.Organisations = append(b.Organisations, o)
			}
		}
	case "relationships":
		var d docRelationship
		if where, ok := decodeElement(el, section, i, &d, probs); ok {
			r := store.Relationship{ID: d.ID, FromID: d.From, ToID: d.To, Kind: store.RelKind(orDefault(d.Kind, string(store.RelKnows))), Weight: 1}
			if d.Weight != nil {
				r.Weight = *d.Weight
			}
			since, okS := parseDate(d.Since, where, "since", probs)
			until, okU := parseDate(d.Until, where, "until", probs)
			if !okS || !okU {
				return
			}
			r.Since, r.Until = since, until
			r, err := store.NormalizeRelationship(r)
			if check(where, d.ID, err) {
				j.rels.add(r, j.lt.read)
			}
		}
	case "forums":
		var d docForum
		if where, ok := decodeElement(el, section, i, &d, probs); ok {
			f, err := store.NormalizeForum(store.Forum{ID: d.ID, Name: d.Name, PlaceID: orDefault(d.PlaceID, placeID), DecisionMaking: d.DecisionMaking, AffectsGroups: d.AffectsGroups})
			if check(where, d.ID, err) {
				b.Forums = append(b.Forums, f)
			}
		}
	case "participations":
		var d docParticipation
		if where, ok := decodeElement(el, section, i, &d, probs); ok {
			since, okS := parseDate(d.Since, where, "since", probs)
			until, okU := parseDate(d.Until, where, "until", probs)
			if !okS || !okU {
				return
			}
			p, err := store.NormalizeParticipation(store.Participation{ID: d.ID, ActorID: d.ActorID, ForumID: d.ForumID, Level: store.Level(d.Level), JoinedAtStage: store.Stage(d.JoinedAtStage), Since: since, Until: until})
			if check(where, d.ID, err) {
				b.Participations = append(b.Participations, p)
			}
		}
	}
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
