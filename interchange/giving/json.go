package giving

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// ParseJSON reads a 360Giving JSON package, {"grants": [...]}, one grant at a
// time, and calls fn with each valid grant in order. Other top-level fields
// (such as a package's metadata) and grant fields not listed in the package
// documentation are ignored. Object keys are matched exactly, as JSON
// requires ("ID" is not "id").
//
// It returns nil when every grant is valid. Otherwise it stops calling fn at
// the first problem, reads on, and returns a *store.Error with code
// store.EINVALID listing every problem, each as grants[i].field; the whole
// file is then refused and the caller must discard the grants fn received.
// A syntax error ends the reading, and is reported with the grant or byte
// offset where it was found. An error from fn is returned as it is, at
// once; an error reading r is returned wrapped.
func ParseJSON(r io.Reader, fn func(Grant) error) error {
	return ParseJSONWith(r, Options{}, fn)
}

// ParseJSONWith is ParseJSON read with opt (a declared date order,
// skipping invalid grants, reporting rounded amounts).
func ParseJSONWith(r io.Reader, opt Options, fn func(Grant) error) error {
	dec := json.NewDecoder(r)
	p := &jsonParser{dec: dec, c: newChecker(jsonNames, opt), fn: fn}
	if err := p.run(); err != nil {
		var stop *stopError
		if errors.As(err, &stop) {
			return stop.err
		}
		if err != errReported && !p.syntax(err) {
			return fmt.Errorf("giving: read JSON: %w", err)
		}
	}
	return p.c.probs.err("JSON")
}

// errReported ends the reading after a problem already recorded.
var errReported = errors.New("giving: reading stopped")

// stopError carries an error from fn out of the parser unchanged.
type stopError struct{ err error }

func (e *stopError) Error() string { return e.err.Error() }

type jsonParser struct {
	dec *json.Decoder
	c   *checker
	fn  func(Grant) error
	// buf and obj hold the grant being read, reused from grant to grant.
	buf json.RawMessage
	obj map[string]json.RawMessage
}

// syntax records err as a problem if it is a fault of the document rather
// than of reading it, and reports whether it was.
func (p *jsonParser) syntax(err error) bool {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		p.c.probs.addf("JSON syntax error at byte %d: %s", se.Offset, se.Error())
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		p.c.probs.addf("JSON: the file ends at byte %d, before the document is complete", p.dec.InputOffset())
	default:
		return false
	}
	return true
}

func (p *jsonParser) run() error {
	tok, err := p.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		p.c.probs.addf(`JSON: the file must be a 360Giving package, an object {"grants": [...]}, not %s`, describe(tok))
		return nil
	}
	sawGrants := false
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if key != "grants" {
			if err := p.dec.Decode(&skipValue{}); err != nil {
				return err
			}
			continue
		}
		if sawGrants {
			p.c.probs.addf(`JSON: "grants" appears twice in the package`)
		}
		sawGrants = true
		if err := p.grants(); err != nil {
			return err
		}
	}
	if _, err := p.dec.Token(); err != nil { // the closing brace
		return err
	}
	end := p.dec.InputOffset()
	if _, err := p.dec.Token(); err != io.EOF {
		if err != nil {
			return err
		}
		p.c.probs.addf("JSON: more data follows the package object, which ends at byte %d", end)
	}
	if !sawGrants {
		p.c.probs.addf(`JSON: the package has no "grants" array`)
	}
	return nil
}

// grants reads the value of the package's "grants" field.
func (p *jsonParser) grants() error {
	tok, err := p.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		p.c.probs.addf(`grants: must be an array of grants, not %s`, describe(tok))
		return p.skipRest(tok)
	}
	for i := 0; p.dec.More(); i++ {
		if err := p.grant(i); err != nil {
			return err
		}
	}
	_, err = p.dec.Token() // the closing bracket
	return err
}

// rawGrant holds the fields of one grant that are read, undecoded.
type rawGrant struct {
	id, title, description, currency, amount, awardDate json.RawMessage
	recipient, individual, funder, programme, locations json.RawMessage
}

// grant reads grants[i] and hands it to fn when valid.
func (p *jsonParser) grant(i int) error {
	at := "grants[" + strconv.Itoa(i) + "]."
	p.buf = p.buf[:0]
	start := p.dec.InputOffset()
	if err := p.dec.Decode(&p.buf); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			p.c.probs.addf("JSON syntax error in grants[%d], which starts after byte %d: %s", i, start, se.Error())
			return errReported
		}
		return err
	}
	if v := bytes.TrimSpace(p.buf); len(v) == 0 || v[0] != '{' {
		p.c.probs.addf("grants[%d]: must be an object, not %s", i, kind(v))
		return nil
	}
	// A map, so that keys match exactly: decoding into a struct would
	// match "ID" to the field for "id".
	clear(p.obj)
	if err := json.Unmarshal(p.buf, &p.obj); err != nil {
		return err // cannot happen: the decoder has checked the syntax
	}
	raw := rawGrant{
		id: p.obj["id"], title: p.obj["title"], description: p.obj["description"],
		currency: p.obj["currency"], amount: p.obj["amountAwarded"], awardDate: p.obj["awardDate"],
		recipient: p.obj["recipientOrganization"], individual: p.obj["recipientIndividual"],
		funder: p.obj["fundingOrganization"], programme: p.obj["grantProgramme"],
		locations: p.obj["beneficiaryLocation"],
	}
	p.c.begin(i)
	rec := p.record(&raw, at)
	g, ok := p.c.check(&rec, at, i)
	if ok && p.c.probs.count == 0 && p.c.before == p.c.probs.count {
		if err := p.fn(g); err != nil {
			return &stopError{err}
		}
	}
	return nil
}

// record converts the raw fields of a grant to text, reporting values of the
// wrong JSON type.
func (p *jsonParser) record(raw *rawGrant, at string) record {
	var r record
	n := &jsonNames
	str := func(v json.RawMessage, name string, f field) string {
		s, ok := jsonString(v)
		if !ok {
			p.c.probs.add(at, name, "must be text (a JSON string), not "+kind(v))
			r.skip |= f
		}
		return s
	}
	r.id = str(raw.id, n.id, fID)
	r.title = str(raw.title, n.title, fTitle)
	r.description = str(raw.description, n.description, fDescription)
	r.currency = str(raw.currency, n.currency, fCurrency)
	r.awardDate = str(raw.awardDate, n.awardDate, fAwardDate)

	switch v := bytes.TrimSpace(raw.amount); {
	case len(v) == 0 || string(v) == "null":
	case v[0] == '-' || (v[0] >= '0' && v[0] <= '9'):
		r.amount = string(v)
	case v[0] == '"':
		s, _ := jsonString(v)
		p.c.probs.add(at, n.amount, "must be a number, not the text "+quote(s))
		r.skip |= fAmount
	default:
		p.c.probs.add(at, n.amount, "must be a number, not "+kind(v))
		r.skip |= fAmount
	}

	orgs := func(v json.RawMessage, name string, f field) (id, orgName string) {
		objs, ok := jsonObjects(v)
		if !ok {
			p.c.probs.add(at, name, "must be an array of organisations [{\"id\": ..., \"name\": ...}], not "+arrayKind(v))
			r.skip |= f
			return "", ""
		}
		if len(objs) == 0 {
			return "", ""
		}
		id = str(objs[0]["id"], name+"[0].id", f)
		orgName = str(objs[0]["name"], name+"[0].name", f)
		return id, orgName
	}
	r.recID, r.recName = orgs(raw.recipient, "recipientOrganization", fRecipient)
	// The recipient's own location is optional and read leniently: values
	// of the wrong type are left out, never a problem.
	if objs, ok := jsonObjects(raw.recipient); ok && len(objs) > 0 {
		locs, _ := jsonObjects(objs[0]["location"])
		for _, l := range locs {
			name, _ := jsonString(l["name"])
			code, _ := jsonString(l["geoCode"])
			typ, _ := jsonString(l["geoCodeType"])
			r.recLocations = append(r.recLocations, Location{Name: name, GeoCode: code, GeoCodeType: typ})
		}
	}
	r.fundID, r.fundName = orgs(raw.funder, "fundingOrganization", fFunder)
	if v := bytes.TrimSpace(raw.individual); len(v) > 0 && string(v) != "null" {
		r.indID = "present"
	}

	if progs, ok := jsonObjects(raw.programme); !ok {
		p.c.probs.add(at, "grantProgramme", "must be an array of programmes [{\"title\": ...}], not "+arrayKind(raw.programme))
	} else if len(progs) > 0 {
		r.programme = str(progs[0]["title"], n.programme, fProgramme)
	}

	locs, ok := jsonObjects(raw.locations)
	if !ok {
		p.c.probs.add(at, "beneficiaryLocation", "must be an array of locations [{\"name\": ..., \"geoCode\": ...}], not "+arrayKind(raw.locations))
	}
	for j, l := range locs {
		prefix := n.location(j)
		r.locations = append(r.locations, Location{
			Name:        str(l["name"], prefix+n.locName, fLocations),
			GeoCode:     str(l["geoCode"], prefix+n.locCode, fLocations),
			GeoCodeType: str(l["geoCodeType"], prefix+n.locType, fLocations),
		})
	}
	return r
}

// jsonString decodes v as a JSON string; absent and null give "". ok is
// false for any other type.
func jsonString(v json.RawMessage) (string, bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return "", true
	}
	if v[0] != '"' {
		return "", false
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", false
	}
	return s, true
}

// jsonObjects decodes v as an array of objects, keys matched exactly;
// absent and null give none. ok is false for any other shape.
func jsonObjects(v json.RawMessage) ([]map[string]json.RawMessage, bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return nil, true
	}
	if v[0] != '[' {
		return nil, false
	}
	var objs []map[string]json.RawMessage
	if err := json.Unmarshal(v, &objs); err != nil {
		return nil, false
	}
	return objs, true
}

// kind names the JSON type of a raw value for a problem message.
func kind(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// arrayKind names the shape of a value that should have been an array of
// objects.
func arrayKind(v json.RawMessage) string {
	if v = bytes.TrimSpace(v); len(v) > 0 && v[0] == '[' {
		return "an array holding other values"
	}
	return kind(v)
}

// describe names a token for a problem message.
func describe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a number"
}

// skipRest consumes the rest of a value whose first token was tok.
func (p *jsonParser) skipRest(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || (d != '{' && d != '[') {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// skipValue consumes any JSON value without keeping it.
type skipValue struct{}

func (*skipValue) UnmarshalJSON([]byte) error { return nil }
