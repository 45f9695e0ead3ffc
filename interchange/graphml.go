package interchange

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/voicemap/voicemap/store"
)

// gmlKey is a GraphML <key>: the declaration of an attribute.
type gmlKey struct {
	ID, For, Name, Type string
	// Default is the <default> value, nil when there is none.
	Default *struct{ Value string }
	line    int
}

// value is an attribute value with the type its key declares.
type value struct {
	raw string
	key *gmlKey
}

func (v value) text() string { return strings.TrimSpace(v.raw) }

// number parses v as a number; every attr.type but boolean may hold one.
func (v value) number() (float64, error) {
	switch v.key.typ() {
	case "int", "long":
		n, err := strconv.ParseInt(v.text(), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not an integer", v.raw)
		}
		return float64(n), nil
	case "boolean":
		return 0, fmt.Errorf("%q is a boolean, not a number", v.raw)
	default:
		f, err := strconv.ParseFloat(v.text(), 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number", v.raw)
		}
		return f, nil
	}
}

// check validates a typed value against its key's attr.type.
func (v value) check() error {
	switch v.key.typ() {
	case "int", "long", "float", "double":
		_, err := v.number()
		return err
	case "boolean":
		_, err := parseBool(v.text())
		return err
	}
	return nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean", s)
}

// typ is the key's attr.type, "string" when missing.
func (k *gmlKey) typ() string {
	if k.Type == "" {
		return "string"
	}
	return k.Type
}

// applies reports whether the key declares an attribute of elements of
// the given kind; a key without "for" applies to all (GraphML's default).
func (k *gmlKey) applies(kind string) bool {
	return k.For == kind || k.For == "all" || k.For == ""
}

// keySet holds a document's keys by id and in document order.
type keySet struct {
	byID    map[string]*gmlKey
	ordered []*gmlKey
}

var gmlTypes = map[string]bool{"string": true, "int": true, "long": true, "float": true, "double": true, "boolean": true}

// nodeToActor adds the person or organisation a node describes to b.
func nodeToActor(b *store.Batch, id string, attrs attrSet, placeID, where string, probs *problems) {
	bad := false
	text := func(name string) string {
		v, ok := attrs.get(name)
		if !ok {
			return ""
		}
		if err := v.check(); err != nil {
			probs.add("%s: attribute %q: %v", where, name, err)
			bad = true
			return ""
		}
		return v.text()
	}
	name := text("name")
	if name == "" {
		name = text("label")
	}
	if name == "" {
		name = id
	}
	place := text("place")
	if place == "" {
		place = placeID
	}
	if place == "" {
		probs.add("%s: no place: give the node a \"place\" attribute or import it into a place", where)
		bad = true
	}
	tags := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, splitTags(text(n))...)
		}
		return out
	}
	switch kind := strings.ToLower(text("kind")); kind {
	case "", "person":
		p := store.Person{
			ID:              id,
			Name:            name,
			PlaceID:         place,
			Groups:          tags("group", "groups"),
			Roles:           tags("role", "roles"),
			LivedExperience: tags("livedExperience"),
			Capacity:        store.Capacity(enumName(text("capacity"))),
			Consent:         consent(attrs),
		}
		if p.Capacity == "COMMUNITY" {
			p.Capacity = store.CapacityCommunity
		}
		if bad {
			return
		}
		p, err := store.NormalizePerson(p)
		if err != nil {
			probs.add("%s: %s", where, message(err))
			return
		}
		b.People = append(b.People, p)
	case "organisation", "organization":
		o := store.Organisation{ID: id, Name: name, PlaceID: place, Kind: store.OrgKind(enumName(text("orgKind")))}
		if bad {
			return
		}
		o, err := store.NormalizeOrganisation(o)
		if err != nil {
			probs.add("%s: %s", where, message(err))
			return
		}
		b.Organisations = append(b.Organisations, o)
	default:
		probs.add("%s: unknown kind %q: use person or organisation", where, kind)
	}
}

// consent reads a consent attribute: a status name, or a boolean (true
// meaning GIVEN, false WITHDRAWN).
func consent(attrs attrSet) store.Consent {
	v, _ := attrs.get("consent")
	if v.key != nil && v.key.typ() == "boolean" {
		if ok, err := parseBool(v.text()); err == nil {
			if ok {
				return store.ConsentGiven
			}
			return store.ConsentWithdrawn
		}
	}
	return store.Consent(enumName(v.raw))
}

// edgeToRelationship builds the relationship an edge describes.
// where names the edge in problems.
func edgeToRelationship(id, source, target string, attrs attrSet, where func() string, probs *problems) (store.Relationship, bool) {
	r := store.Relationship{ID: id, FromID: source, ToID: target, Kind: store.RelKnows, Weight: 1}
	ok := true
	if v, has := attrs.get("kind"); has && v.text() != "" {
		r.Kind = store.RelKind(enumName(v.raw))
		if !r.Kind.Valid() {
			probs.add("%s: unknown relationship kind %q", where(), v.text())
			ok = false
		}
	}
	if v, has := attrs.get("weight"); has && v.text() != "" {
		w, err := v.number()
		switch {
		case err != nil:
			probs.add("%s: weight %v", where(), err)
			ok = false
		case !(w > 0) || math.IsInf(w, 0):
			probs.add("%s: weight must be a finite number > 0, got %s", where(), v.text())
			ok = false
		default:
			r.Weight = w
		}
	}
	for _, d := range []struct {
		name string
		dst  **time.Time
	}{{"since", &r.Since}, {"until", &r.Until}} {
		v, has := attrs.get(d.name)
		if !has || v.text() == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, v.text())
		if err != nil {
			probs.add("%s: %s %q is not a date (YYYY-MM-DD)", where(), d.name, v.text())
			ok = false
			continue
		}
		*d.dst = &t
	}
	if !ok {
		return r, false
	}
	r, err := store.NormalizeRelationship(r)
	if err != nil {
		probs.add("%s: %s", where(), message(err))
		return r, false
	}
	return r, true
}
