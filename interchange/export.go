package interchange

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/voicemap/voicemap/store"
)

// Measures carries computed per-actor values that the network exports
// (EncodeGraphML, EncodeGEXF, EncodeCSV) write as typed node attributes.
// Each map is keyed by attribute name, then by actor id; an actor without a
// value for a measure gets no value for that attribute (an empty cell in
// CSV). The zero Measures is valid and adds nothing.
//
// A name is 1 to 64 ASCII letters, digits and underscores, beginning with a
// letter; it must appear in only one of the maps and must not be one of
// the attribute names the exports use themselves (ReservedAttribute).
// Every actor id must belong to an actor of the snapshot exported.
type Measures struct {
	// Float holds real-valued measures (betweenness, pagerank, ...),
	// written as double; every value must be finite.
	Float map[string]map[string]float64
	// Int holds integer-valued measures (coreness, community, ...),
	// written as GraphML int and GEXF integer; every value must fit in
	// 32 bits, as those types require.
	Int map[string]map[string]int64
	// Bool holds yes-or-no measures (for example a gatekeeper flag),
	// written as boolean.
	Bool map[string]map[string]bool
}

// maxMeasureName caps the length of a measure's attribute name.
const maxMeasureName = 64

// reserved lists, in lower case, the attribute and column names the
// exports write themselves or that the tools reading them treat specially
// (Gephi's Id, Label, Source, Target, Type, Weight, Interval and Timeset;
// the voicemap importer's attribute names).
var reserved = map[string]bool{
	"id": true, "label": true, "name": true, "kind": true, "place": true,
	"group": true, "groups": true, "role": true, "roles": true,
	"livedexperience": true, "capacity": true, "consent": true, "orgkind": true,
	"source": true, "target": true, "type": true, "weight": true,
	"since": true, "until": true, "interval": true, "timeset": true,
	"start": true, "end": true, "placeid": true, "asof": true,
}

// ReservedAttribute reports whether name, compared case-insensitively, is
// an attribute or column name the exports use themselves or that Gephi
// treats specially, so that no measure may take it.
func ReservedAttribute(name string) bool { return reserved[strings.ToLower(name)] }

// attrType is the type of an exported attribute.
type attrType int

const (
	typeString attrType = iota
	typeDouble
	typeInt
	typeBool
)

// graphml returns the GraphML attr.type of t.
func (t attrType) graphml() string {
	return [...]string{"string", "double", "int", "boolean"}[t]
}

// gexf returns the GEXF attribute type of t.
func (t attrType) gexf() string {
	return [...]string{"string", "double", "integer", "boolean"}[t]
}

// attr declares an exported attribute.
type attr struct {
	name string
	typ  attrType
}

// cell is one attribute value of one element; set is false when the
// element has no value for the attribute.
type cell struct {
	text string
	set  bool
}

func some(text string) cell { return cell{text: text, set: true} }

// optional is a string cell that is unset when empty.
func optional(text string) cell { return cell{text: text, set: text != ""} }

// Node attributes common to every export, in the order they are written;
// measures follow, sorted by name.
const (
	nodeName = iota
	nodeKind
	nodePlace
	nodeGroups
	nodeCapacity
	nodeOrgKind
	nodeFixed // the number of fixed node attributes
)

var nodeAttrs = [nodeFixed]attr{
	{"name", typeString}, {"kind", typeString}, {"place", typeString},
	{"groups", typeString}, {"capacity", typeString}, {"orgKind", typeString},
}

// Edge attributes, in the order they are written.
const (
	edgeKind = iota
	edgeWeight
	edgeSince
	edgeUntil
	edgeFixed
)

var edgeAttrs = [edgeFixed]attr{
	{"kind", typeString}, {"weight", typeDouble}, {"since", typeString}, {"until", typeString},
}

// Actor kinds as the exports write them: the importer's vocabulary.
const (
	kindPerson       = "person"
	kindOrganisation = "organisation"
)

// node is one actor ready to write: cells are indexed like network.nodeAttrs.
type node struct {
	id    string
	cells []cell
}

// edge is one relationship ready to write: cells are indexed like edgeAttrs.
type edge struct {
	id, source, target string
	cells              []cell
}

// network is a snapshot laid out for the exports: nodes (people and
// organisations together) and edges each sorted by id, every value
// formatted as text.
type network struct {
	scope     store.Scope
	nodeAttrs []attr // nodeAttrs followed by the measures
	nodes     []node
	edges     []edge
}

// prepare checks s and m and lays them out for writing. Problems return a
// *store.Error with code EINVALID.
func prepare(s *store.Snapshot, m Measures) (*network, error) {
	if s == nil {
		return nil, store.Errorf(store.EINVALID, "export: no snapshot")
	}
	nw := &network{scope: s.Scope, nodeAttrs: append([]attr(nil), nodeAttrs[:]...)}
	index := make(map[string]int, len(s.People)+len(s.Organisations))
	nw.nodes = make([]node, 0, len(s.People)+len(s.Organisations))
	add := func(id string, cells []cell) error {
		if err := store.ValidID("actor id", id); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if _, dup := index[id]; dup {
			return store.Errorf(store.EINVALID, "export: actor id %q appears twice in the snapshot", id)
		}
		index[id] = -1
		nw.nodes = append(nw.nodes, node{id: id, cells: cells})
		return nil
	}
	for _, p := range s.People {
		cells := make([]cell, nodeFixed)
		cells[nodeName] = some(p.Name)
		cells[nodeKind] = some(kindPerson)
		cells[nodePlace] = optional(p.PlaceID)
		cells[nodeGroups] = optional(strings.Join(p.Groups, ";"))
		cells[nodeCapacity] = optional(string(p.Capacity))
		if err := add(p.ID, cells); err != nil {
			return nil, err
		}
	}
	for _, o := range s.Organisations {
		cells := make([]cell, nodeFixed)
		cells[nodeName] = some(o.Name)
		cells[nodeKind] = some(kindOrganisation)
		cells[nodePlace] = optional(o.PlaceID)
		cells[nodeOrgKind] = optional(string(o.Kind))
		if err := add(o.ID, cells); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(nw.nodes, func(a, b node) int { return strings.Compare(a.id, b.id) })
	for i, n := range nw.nodes {
		index[n.id] = i
	}
	if err := nw.addMeasures(m, index); err != nil {
		return nil, err
	}

	nw.edges = make([]edge, 0, len(s.Relationships))
	seen := make(map[string]bool, len(s.Relationships))
	for _, r := range s.Relationships {
		if err := store.ValidID("relationship id", r.ID); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		if _, ok := index[r.FromID]; !ok {
			return nil, store.Errorf(store.EINVALID, "export: relationship %q starts at %q, not an actor of the snapshot", r.ID, r.FromID)
		}
		if _, ok := index[r.ToID]; !ok {
			return nil, store.Errorf(store.EINVALID, "export: relationship %q ends at %q, not an actor of the snapshot", r.ID, r.ToID)
		}
		if _, dup := index[r.ID]; dup || seen[r.ID] {
			return nil, store.Errorf(store.EINVALID, "export: relationship id %q is used twice in the snapshot", r.ID)
		}
		seen[r.ID] = true
		if math.IsNaN(r.Weight) || math.IsInf(r.Weight, 0) {
			return nil, store.Errorf(store.EINVALID, "export: relationship %q has weight %v, not a finite number", r.ID, r.Weight)
		}
		cells := make([]cell, edgeFixed)
		cells[edgeKind] = optional(string(r.Kind))
		cells[edgeWeight] = some(formatFloat(r.Weight))
		cells[edgeSince] = optional(formatDay(r.Since))
		cells[edgeUntil] = optional(formatDay(r.Until))
		nw.edges = append(nw.edges, edge{id: r.ID, source: r.FromID, target: r.ToID, cells: cells})
	}
	slices.SortFunc(nw.edges, func(a, b edge) int { return strings.Compare(a.id, b.id) })
	return nw, nil
}

// addMeasures appends the measures of m to the node attributes, sorted by
// name, and their values to the nodes' cells. Names are checked in sorted
// order and values in node order, so the first problem reported is the
// same on every run.
func (nw *network) addMeasures(m Measures, index map[string]int) error {
	types := make(map[string]attrType)
	var names []string
	declare := func(name string, typ attrType) {
		if _, dup := types[name]; dup {
			types[name] = -1 // given with two types
			return
		}
		types[name] = typ
		names = append(names, name)
	}
	for name := range m.Float {
		declare(name, typeDouble)
	}
	for name := range m.Int {
		declare(name, typeInt)
	}
	for name := range m.Bool {
		declare(name, typeBool)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := validMeasureName(name); err != nil {
			return err
		}
		if types[name] < 0 {
			return store.Errorf(store.EINVALID, "export: measure %q is given with two types", name)
		}
	}
	for i := range nw.nodes {
		nw.nodes[i].cells = slices.Grow(nw.nodes[i].cells, len(names))[:nodeFixed+len(names)]
	}
	for j, name := range names {
		typ := types[name]
		nw.nodeAttrs = append(nw.nodeAttrs, attr{name, typ})
		var given, found int
		for i := range nw.nodes {
			id := nw.nodes[i].id
			var text string
			switch typ {
			case typeDouble:
				v, ok := m.Float[name][id]
				if !ok {
					continue
				}
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return store.Errorf(store.EINVALID, "export: measure %q of actor %q is %v, not a finite number", name, id, v)
				}
				text = formatFloat(v)
			case typeInt:
				v, ok := m.Int[name][id]
				if !ok {
					continue
				}
				if v < math.MinInt32 || v > math.MaxInt32 {
					return store.Errorf(store.EINVALID, "export: measure %q of actor %q is %d, outside the 32-bit range of the int type", name, id, v)
				}
				text = strconv.FormatInt(v, 10)
			case typeBool:
				v, ok := m.Bool[name][id]
				if !ok {
					continue
				}
				text = strconv.FormatBool(v)
			}
			nw.nodes[i].cells[nodeFixed+j] = some(text)
			found++
		}
		switch typ {
		case typeDouble:
			given = len(m.Float[name])
		case typeInt:
			given = len(m.Int[name])
		case typeBool:
			given = len(m.Bool[name])
		}
		if given > found {
			return store.Errorf(store.EINVALID, "export: measure %q has a value for %q, not an actor of the snapshot", name, firstUnknown(m, name, typ, index))
		}
	}
	return nil
}

// firstUnknown returns the least id, in byte order, to which measure name
// gives a value but which is not an actor of the snapshot.
func firstUnknown(m Measures, name string, typ attrType, index map[string]int) string {
	var ids []string
	switch typ {
	case typeDouble:
		for id := range m.Float[name] {
			ids = append(ids, id)
		}
	case typeInt:
		for id := range m.Int[name] {
			ids = append(ids, id)
		}
	case typeBool:
		for id := range m.Bool[name] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		if _, ok := index[id]; !ok {
			return id
		}
	}
	return ""
}

// validMeasureName checks a measure's attribute name (see Measures).
func validMeasureName(name string) error {
	if name == "" || len(name) > maxMeasureName {
		return store.Errorf(store.EINVALID, "export: measure name %.70q must be 1 to %d characters", name, maxMeasureName)
	}
	for i, r := range name {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '_')) {
			return store.Errorf(store.EINVALID, "export: measure name %q must be ASCII letters, digits and underscores, beginning with a letter", name)
		}
	}
	if ReservedAttribute(name) {
		return store.Errorf(store.EINVALID, "export: measure name %q is an attribute the export writes itself", name)
	}
	return nil
}

// formatFloat writes v in the shortest form that reads back to the same
// float64, a form GraphML's and GEXF's double (xs:double), Python's float
// and Java's Double.parseDouble all accept.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// formatDay writes a date as YYYY-MM-DD, "" when nil.
func formatDay(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// scopeNote describes a snapshot's scope for the files' descriptions.
func scopeNote(s store.Scope) string {
	place := "every place"
	if s.PlaceID != "" {
		place = "place " + s.PlaceID
	}
	when := "all dates"
	if s.AsOf != nil {
		when = "as of " + formatDay(s.AsOf)
	}
	return fmt.Sprintf("voicemap network: %s, %s", place, when)
}
