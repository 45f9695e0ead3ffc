package interchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/voicemap/voicemap/store"
)

// gmlKey is a GraphML <key>: the declaration of an attribute.
type gmlKey struct {
	ID      string `xml:"id,attr"`
	For     string `xml:"for,attr"`
	Name    string `xml:"attr.name,attr"`
	Type    string `xml:"attr.type,attr"`
	Default *struct {
		Value string `xml:",chardata"`
	} `xml:"default"`
	line int
}

// gmlData is a GraphML <data>: the value of an attribute.
type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// gmlNode is a GraphML <node>.
type gmlNode struct {
	ID    string     `xml:"id,attr"`
	Data  []gmlData  `xml:"data"`
	Graph []struct{} `xml:"graph"`
	line  int
}

// gmlEdge is a GraphML <edge>.
type gmlEdge struct {
	ID     string     `xml:"id,attr"`
	Source string     `xml:"source,attr"`
	Target string     `xml:"target,attr"`
	Data   []gmlData  `xml:"data"`
	Graph  []struct{} `xml:"graph"`
	line   int
}

// gmlDoc is what the reader keeps of a GraphML document.
type gmlDoc struct {
	keys   []gmlKey
	nodes  []gmlNode
	edges  []gmlEdge
	graphs int
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

// readGraphML reads the elements voicemap uses from a GraphML document.
// Problems of structure are added to probs; it returns false after a
// syntax error or when the document is not GraphML.
func readGraphML(data []byte, probs *problems) (gmlDoc, bool) {
	var doc gmlDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	parent := func() string {
		if len(stack) == 0 {
			return ""
		}
		return stack[len(stack)-1]
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			probs.add("%s", xmlError(err))
			return doc, false
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			if _, end := tok.(xml.EndElement); end && len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		line, _ := dec.InputPos()
		name := t.Name.Local
		if len(stack) == 0 && name != "graphml" {
			probs.add("line %d: the root element is <%s>, not <graphml>", line, name)
			return doc, false
		}
		var decErr error
		switch {
		case name == "graphml" && len(stack) == 0:
			stack = append(stack, name)
			continue
		case name == "key" && parent() == "graphml":
			k := gmlKey{line: line}
			decErr = dec.DecodeElement(&k, &t)
			doc.keys = append(doc.keys, k)
		case name == "graph" && parent() == "graphml":
			doc.graphs++
			if doc.graphs > 1 {
				probs.add("line %d: more than one <graph> in the document; import them one at a time", line)
			}
			stack = append(stack, name)
			continue
		case name == "graph":
			probs.add("line %d: nested <graph> inside <%s> is not supported", line, parent())
			decErr = dec.Skip()
		case name == "node" && parent() == "graph":
			n := gmlNode{line: line}
			decErr = dec.DecodeElement(&n, &t)
			doc.nodes = append(doc.nodes, n)
		case name == "edge" && parent() == "graph":
			e := gmlEdge{line: line}
			decErr = dec.DecodeElement(&e, &t)
			doc.edges = append(doc.edges, e)
		case name == "hyperedge":
			probs.add("line %d: hyperedges are not supported", line)
			decErr = dec.Skip()
		case name == "node" || name == "edge":
			probs.add("line %d: <%s> outside a <graph>", line, name)
			decErr = dec.Skip()
		default:
			// <desc>, graph-level <data>, and tool-specific elements.
			decErr = dec.Skip()
		}
		if decErr != nil {
			probs.add("%s", xmlError(decErr))
			return doc, false
		}
	}
	if doc.graphs == 0 {
		probs.add("no <graph> element: not a GraphML document")
		return doc, false
	}
	return doc, true
}

// xmlError describes an XML reading error with its line.
func xmlError(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("line %d: XML syntax error: %s", se.Line, se.Msg)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "XML syntax error: unexpected end of document"
	}
	return fmt.Sprintf("XML error: %v", err)
}

// parseGraphML converts a GraphML document into a batch.
func parseGraphML(data []byte, placeID string) (store.Batch, error) {
	var probs problems
	doc, ok := readGraphML(data, &probs)
	if !ok {
		return store.Batch{}, probs.err(GraphML)
	}

	keys := keySet{byID: make(map[string]*gmlKey, len(doc.keys))}
	for i := range doc.keys {
		k := &doc.keys[i]
		switch {
		case k.ID == "":
			probs.add("key (line %d): missing id", k.line)
			continue
		case keys.byID[k.ID] != nil:
			probs.add("key %q (line %d): declared twice", k.ID, k.line)
			continue
		case !gmlTypes[k.typ()]:
			probs.add("key %q (line %d): unknown attr.type %q", k.ID, k.line, k.Type)
		case k.Default != nil && k.Name != "":
			if err := (value{raw: k.Default.Value, key: k}).check(); err != nil {
				probs.add("key %q (line %d): default %v", k.ID, k.line, err)
			}
		}
		keys.byID[k.ID] = k
		keys.ordered = append(keys.ordered, k)
	}

	var b store.Batch
	seen := make(ids, len(doc.nodes)+len(doc.edges))
	for _, n := range doc.nodes {
		where := fmt.Sprintf("node %q (line %d)", n.ID, n.line)
		if n.ID == "" {
			probs.add("node (line %d): missing id", n.line)
			continue
		}
		if msg, ok := seen.claim(n.ID, where); !ok {
			probs.add("%s", msg)
			continue
		}
		if len(n.Graph) > 0 {
			probs.add("%s: nested graphs are not supported", where)
			continue
		}
		attrs, ok := attributes(keys, "node", n.Data, where, &probs)
		if !ok {
			continue
		}
		nodeToActor(&b, n.ID, attrs, placeID, where, &probs)
	}

	nodeIDs := make(map[string]bool, len(doc.nodes))
	for _, n := range doc.nodes {
		nodeIDs[n.ID] = true
	}
	explicit := edgeIDsUsable(doc)
	pairs := make(map[string]int)
	for _, e := range doc.edges {
		label := e.ID
		if label == "" {
			label = e.Source + "--" + e.Target
		}
		where := fmt.Sprintf("edge %q (line %d)", label, e.line)
		if e.Source == "" || e.Target == "" {
			probs.add("%s: missing source or target", where)
			continue
		}
		if missing := missingEnds(e, nodeIDs); missing != "" {
			probs.add("%s: %s", where, missing)
			continue
		}
		if len(e.Graph) > 0 {
			probs.add("%s: nested graphs are not supported", where)
			continue
		}
		pair := e.Source + "--" + e.Target
		pairs[pair]++
		id := e.ID
		if !explicit || id == "" {
			id = pair
			if c := pairs[pair]; c > 1 {
				id = fmt.Sprintf("%s#%d", pair, c)
			}
		}
		if msg, ok := seen.claim(id, where); !ok {
			probs.add("%s", msg)
			continue
		}
		attrs, ok := attributes(keys, "edge", e.Data, where, &probs)
		if !ok {
			continue
		}
		if r, ok := edgeToRelationship(id, e, attrs, where, &probs); ok {
			b.Relationships = append(b.Relationships, r)
		}
	}
	if err := probs.err(GraphML); err != nil {
		return store.Batch{}, err
	}
	return b, nil
}

// missingEnds describes the ends of e that are not nodes of the document
// ("" when both are): GraphML requires an edge's source and target to be
// the ids of nodes of its graph (the keyrefs of <graph> in the GraphML 1.0
// schema, graphml-structure.xsd), so an edge to anything else, even an
// actor already stored, is a problem of the file.
func missingEnds(e gmlEdge, nodeIDs map[string]bool) string {
	switch {
	case !nodeIDs[e.Source] && !nodeIDs[e.Target] && e.Source != e.Target:
		return fmt.Sprintf("source %q and target %q are not nodes of this document", e.Source, e.Target)
	case !nodeIDs[e.Source]:
		return fmt.Sprintf("source %q is not a node of this document", e.Source)
	case !nodeIDs[e.Target]:
		return fmt.Sprintf("target %q is not a node of this document", e.Target)
	}
	return ""
}

// edgeIDsUsable reports whether the edge elements' ids can serve as
// relationship ids: distinct from each other and from every node id.
func edgeIDsUsable(doc gmlDoc) bool {
	used := make(map[string]bool, len(doc.nodes)+len(doc.edges))
	for _, n := range doc.nodes {
		used[n.ID] = true
	}
	for _, e := range doc.edges {
		if e.ID == "" {
			continue
		}
		if used[e.ID] {
			return false
		}
		used[e.ID] = true
	}
	return true
}

// attributes resolves an element's data against the keys declared for its
// kind ("node" or "edge"), defaults first; it returns the values by
// attr.name.
func attributes(keys keySet, kind string, data []gmlData, where string, probs *problems) (map[string]value, bool) {
	attrs := make(map[string]value)
	for _, k := range keys.ordered {
		if k.applies(kind) && k.Name != "" && k.Default != nil {
			attrs[k.Name] = value{raw: k.Default.Value, key: k}
		}
	}
	ok := true
	for _, d := range data {
		k := keys.byID[d.Key]
		switch {
		case k == nil:
			probs.add("%s: data key %q is not declared", where, d.Key)
			ok = false
			continue
		case !k.applies(kind):
			probs.add("%s: data key %q is declared for %q, not %q", where, d.Key, k.For, kind)
			ok = false
			continue
		case k.Name == "":
			continue // tool-specific data such as yEd graphics
		}
		attrs[k.Name] = value{raw: d.Value, key: k}
	}
	return attrs, ok
}

// nodeToActor adds the person or organisation a node describes to b.
func nodeToActor(b *store.Batch, id string, attrs map[string]value, placeID, where string, probs *problems) {
	bad := false
	text := func(name string) string {
		v, ok := attrs[name]
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
			Consent:         consent(attrs["consent"]),
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
func consent(v value) store.Consent {
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
func edgeToRelationship(id string, e gmlEdge, attrs map[string]value, where string, probs *problems) (store.Relationship, bool) {
	r := store.Relationship{ID: id, FromID: e.Source, ToID: e.Target, Kind: store.RelKnows, Weight: 1}
	ok := true
	if v, has := attrs["kind"]; has && v.text() != "" {
		r.Kind = store.RelKind(enumName(v.raw))
		if !r.Kind.Valid() {
			probs.add("%s: unknown relationship kind %q", where, v.text())
			ok = false
		}
	}
	if v, has := attrs["weight"]; has && v.text() != "" {
		w, err := v.number()
		switch {
		case err != nil:
			probs.add("%s: weight %v", where, err)
			ok = false
		case !(w > 0) || math.IsInf(w, 0):
			probs.add("%s: weight must be a finite number > 0, got %s", where, v.text())
			ok = false
		default:
			r.Weight = w
		}
	}
	for _, d := range []struct {
		name string
		dst  **time.Time
	}{{"since", &r.Since}, {"until", &r.Until}} {
		v, has := attrs[d.name]
		if !has || v.text() == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, v.text())
		if err != nil {
			probs.add("%s: %s %q is not a date (YYYY-MM-DD)", where, d.name, v.text())
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
		probs.add("%s: %s", where, message(err))
		return r, false
	}
	return r, true
}
