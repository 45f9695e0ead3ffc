package interchange

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/voicemap/voicemap/store"
)

// namedValue is one attribute value of an element, by attr.name.
type namedValue struct {
	name string
	v    value
}

// attrSet holds an element's attribute values: the defaults of the keys
// declared for its kind, then its data, a later value of a name replacing
// an earlier one.
type attrSet []namedValue

// get returns the value of the attribute name.
func (a attrSet) get(name string) (value, bool) {
	for i := len(a) - 1; i >= 0; i-- {
		if a[i].name == name {
			return a[i].v, true
		}
	}
	return value{}, false
}

// gmlEdgeRef is what the reader keeps of an edge until every node and
// edge is read and the relationships' ids can be chosen: where the edge
// is, and the problems found in it. Valid edges keep only their line
// (their relationship holds the rest).
type gmlEdgeRef struct {
	id, source, target string
	line               int
	// pos is the number of valid edges before this invalid one.
	pos int
	// noPair is set for an edge without both ends or with a nested graph:
	// it takes no part in naming relationships; noEnds when it lacks a
	// source or target.
	noPair, noEnds bool
	probs          []string
}

// gmlNodeRef is a node read: its id and line.
type gmlNodeRef struct {
	id   string
	line int
}

// maxInterned bounds the values a reader interns.
const maxInterned = 1 << 16

// gmlReader reads a GraphML document from a stream into a batch.
type gmlReader struct {
	sc       *xmlScanner
	placeID  string
	progress func(int64)
	lastRep  int64

	// Problems, reported in this order: of the document's structure, of
	// its keys, of its nodes, of its edges.
	structure, keyProbs, nodeProbs, edgeProbs problems

	keys   keySet
	graphs int
	b      store.Batch
	// rels holds the valid edges' relationships (nameEdges takes them
	// into b.Relationships).
	rels gathered
	// nodes holds the node ids, with the line of each; the relationships
	// share the node ids' strings.
	nodes map[string]gmlNodeRef
	// lastEnd holds the node last found as an edge's source and target.
	lastEnd [2]string
	// values interns the short data values of edges (kinds, weights,
	// dates), which repeat.
	values map[string]string
	// relLines holds the line of each valid edge (b.Relationships[i]);
	// explicit whether it had an id attribute (its tentative ID).
	relLines []int32
	explicit []bool
	invalid  []gmlEdgeRef
	// late holds the valid edges (indices into b.Relationships) read
	// before one of their ends was read as a node: the only ones whose
	// ends nameEdges must look up again.
	late []int32

	// Reused per element.
	data  attrSet
	stack []string
	text  []byte
}

// progressEvery is how many bytes the reader consumes between two calls
// of its progress function.
const progressEvery = 1 << 20

// readGraphMLStream reads a GraphML document from r into a batch,
// reporting the bytes consumed to progress (when not nil).
func readGraphMLStream(r io.Reader, placeID string, progress func(int64)) (store.Batch, error) {
	g := &gmlReader{sc: newXMLScanner(r), placeID: placeID, progress: progress, rels: gathered{size: sizeOf(r)}, nodes: map[string]gmlNodeRef{},
		values: map[string]string{},
		keys:   keySet{byID: map[string]*gmlKey{}}}
	ok, err := g.read()
	if err != nil {
		return store.Batch{}, err
	}
	if progress != nil {
		progress(g.sc.read)
	}
	if ok {
		g.nameEdges()
	}
	var all problems
	for _, ps := range []problems{g.structure, g.keyProbs, g.nodeProbs, g.edgeProbs} {
		all.list = append(all.list, ps.list...)
	}
	if err := all.err(GraphML); err != nil {
		return store.Batch{}, err
	}
	return g.b, nil
}

// read reads the document, element by element. It returns false after a
// syntax error or when the document is not GraphML (the problem is in
// g.structure), and the stream's read error.
func (g *gmlReader) read() (bool, error) {
	sc := g.sc
	for {
		if err := sc.next(); err != nil {
			return g.syntax(err)
		}
		if g.progress != nil && sc.read-g.lastRep >= progressEvery {
			g.lastRep = sc.read
			g.progress(sc.read)
		}
		switch sc.kind {
		case xmlEOF:
			if g.graphs == 0 {
				g.structure.add("no <graph> element: not a GraphML document")
				return false, nil
			}
			return true, nil
		case xmlEnd:
			if len(g.stack) > 0 {
				g.stack = g.stack[:len(g.stack)-1]
			}
			continue
		case xmlText:
			continue
		}
		name, line := string(sc.name), sc.tokLine
		parent := ""
		if len(g.stack) > 0 {
			parent = g.stack[len(g.stack)-1]
		}
		if len(g.stack) == 0 && name != "graphml" {
			g.structure.add("line %d: the root element is <%s>, not <graphml>", line, name)
			return false, nil
		}
		var err error
		switch {
		case name == "graphml" && len(g.stack) == 0:
			g.open(name)
			continue
		case name == "key" && parent == "graphml":
			err = g.key(line)
		case name == "graph" && parent == "graphml":
			g.graphs++
			if g.graphs > 1 {
				g.structure.add("line %d: more than one <graph> in the document; import them one at a time", line)
			}
			g.open(name)
			continue
		case name == "graph":
			g.structure.add("line %d: nested <graph> inside <%s> is not supported", line, parent)
			err = g.skip()
		case name == "node" && parent == "graph":
			err = g.node(line)
		case name == "edge" && parent == "graph":
			err = g.edge(line)
		case name == "hyperedge":
			g.structure.add("line %d: hyperedges are not supported", line)
			err = g.skip()
		case name == "node" || name == "edge":
			g.structure.add("line %d: <%s> outside a <graph>", line, name)
			err = g.skip()
		default:
			// <desc>, graph-level <data>, and tool-specific elements.
			err = g.skip()
		}
		if err != nil {
			return g.syntax(err)
		}
	}
}

// open enters a container element unless it closes itself.
func (g *gmlReader) open(name string) {
	if !g.sc.closed {
		g.stack = append(g.stack, name)
	}
}

// syntax records a syntax error as the document's one structural problem
// beyond those found so far; other errors are the stream's.
func (g *gmlReader) syntax(err error) (bool, error) {
	var se *xmlSyntaxError
	if errors.As(err, &se) {
		g.structure.add("%s", se.Error())
		return false, nil
	}
	return false, fmt.Errorf("interchange: read GraphML: %w", err)
}

// skip consumes the rest of the current element.
func (g *gmlReader) skip() error {
	if g.sc.closed {
		return nil
	}
	for depth := 1; depth > 0; {
		if err := g.sc.next(); err != nil {
			return err
		}
		switch g.sc.kind {
		case xmlStart:
			if !g.sc.closed {
				depth++
			}
		case xmlEnd:
			depth--
		case xmlEOF:
			return &xmlSyntaxError{msg: "unexpected end of document"}
		}
	}
	return nil
}

// attr returns the value of the current start tag's attribute.
func (g *gmlReader) attr(name string) (string, bool) {
	v, ok := g.attrBytes(name)
	return string(v), ok
}

// attrBytes returns the value of the current start tag's attribute,
// valid until the next token.
func (g *gmlReader) attrBytes(name string) ([]byte, bool) {
	for _, a := range g.sc.attrs {
		if string(a.name) == name {
			return a.value, true
		}
	}
	return nil, false
}

// nodeID returns the id of an edge's end, the attribute name ("source",
// end 0, or "target", end 1): the node's own string when the node has been
// read (read reports which). The last node found for each end is tried
// first: files list a node's edges together more often than not.
func (g *gmlReader) nodeID(name string, end int) (id string, read bool) {
	v, _ := g.attrBytes(name)
	if last := g.lastEnd[end]; last != "" && string(v) == last {
		return last, true
	}
	if n, ok := g.nodes[string(v)]; ok {
		g.lastEnd[end] = n.id
		return n.id, true
	}
	return string(v), false
}

// intern returns v as a string, shared with earlier equal values.
func (g *gmlReader) intern(v []byte) string {
	if s, ok := g.values[string(v)]; ok {
		return s
	}
	s := string(v)
	if len(v) <= 32 && len(g.values) < maxInterned {
		g.values[s] = s
	}
	return s
}

// children reads the current element's content, calling child for each
// direct child element (which must consume it) and text for each piece
// of its own character data.
func (g *gmlReader) children(child func(name string) error, text func([]byte)) error {
	if g.sc.closed {
		return nil
	}
	for {
		if err := g.sc.next(); err != nil {
			return err
		}
		switch g.sc.kind {
		case xmlEnd:
			return nil
		case xmlText:
			if text != nil {
				text(g.sc.text)
			}
		case xmlStart:
			if err := child(string(g.sc.name)); err != nil {
				return err
			}
		case xmlEOF:
			return &xmlSyntaxError{msg: "unexpected end of document"}
		}
	}
}

// textOf reads the current element's own character data.
func (g *gmlReader) textOf() (string, error) {
	buf, err := g.textBytes()
	return string(buf), err
}

// textBytes reads the current element's own character data into a
// buffer reused by the next call.
func (g *gmlReader) textBytes() ([]byte, error) {
	buf := g.text[:0]
	err := g.children(func(string) error { return g.skip() }, func(t []byte) { buf = append(buf, t...) })
	g.text = buf
	return buf, err
}

// key reads a <key> and declares it.
func (g *gmlReader) key(line int) error {
	k := &gmlKey{line: line}
	k.ID, _ = g.attr("id")
	k.For, _ = g.attr("for")
	k.Name, _ = g.attr("attr.name")
	k.Type, _ = g.attr("attr.type")
	err := g.children(func(name string) error {
		if name != "default" {
			return g.skip()
		}
		v, err := g.textOf()
		k.Default = &struct{ Value string }{v}
		return err
	}, nil)
	if err != nil {
		return err
	}
	switch {
	case k.ID == "":
		g.keyProbs.add("key (line %d): missing id", k.line)
		return nil
	case g.keys.byID[k.ID] != nil:
		g.keyProbs.add("key %q (line %d): declared twice", k.ID, k.line)
		return nil
	case !gmlTypes[k.typ()]:
		g.keyProbs.add("key %q (line %d): unknown attr.type %q", k.ID, k.line, k.Type)
	case k.Default != nil && k.Name != "":
		if err := (value{raw: k.Default.Value, key: k}).check(); err != nil {
			g.keyProbs.add("key %q (line %d): default %v", k.ID, k.line, err)
		}
	}
	g.keys.byID[k.ID] = k
	g.keys.ordered = append(g.keys.ordered, k)
	return nil
}

// element reads a node's or edge's children: its <data> (resolved against
// the keys declared for kind into g.data, defaults first) and whether it
// holds a nested graph. Problems of its data are returned, each naming
// the element through where.
func (g *gmlReader) element(kind string, where func() string) (nested bool, probs []string, err error) {
	g.data = g.data[:0]
	for _, k := range g.keys.ordered {
		if k.applies(kind) && k.Name != "" && k.Default != nil {
			g.data = append(g.data, namedValue{k.Name, value{raw: k.Default.Value, key: k}})
		}
	}
	err = g.children(func(name string) error {
		switch name {
		case "graph":
			nested = true
			return g.skip()
		case "data":
		default:
			return g.skip()
		}
		idb, _ := g.attrBytes("key")
		k := g.keys.byID[string(idb)]
		id := ""
		if k == nil {
			id = string(idb)
		}
		raw, err := g.textBytes()
		var text string
		if kind == "edge" {
			text = g.intern(raw)
		} else {
			text = string(raw)
		}
		switch {
		case err != nil:
			return err
		case k == nil:
			probs = append(probs, fmt.Sprintf("%s: data key %q is not declared", where(), id))
		case !k.applies(kind):
			probs = append(probs, fmt.Sprintf("%s: data key %q is declared for %q, not %q", where(), k.ID, k.For, kind))
		case k.Name != "": // a key without a name is tool-specific data, such as yEd graphics
			g.data = append(g.data, namedValue{k.Name, value{raw: text, key: k}})
		}
		return nil
	}, nil)
	return nested, probs, err
}

// node reads a <node> into a person or an organisation.
func (g *gmlReader) node(line int) error {
	id, _ := g.attr("id")
	where := func() string { return fmt.Sprintf("node %q (line %d)", id, line) }
	nested, probs, err := g.element("node", where)
	if err != nil {
		return err
	}
	if id == "" {
		g.nodeProbs.add("node (line %d): missing id", line)
		return nil
	}
	if prev, dup := g.nodes[id]; dup {
		g.nodeProbs.add("%s: id %q is already used by node %q (line %d)", where(), id, id, prev.line)
		return nil
	}
	g.nodes[id] = gmlNodeRef{id, line}
	if nested {
		g.nodeProbs.add("%s: nested graphs are not supported", where())
		return nil
	}
	if len(probs) > 0 {
		g.nodeProbs.list = append(g.nodeProbs.list, probs...)
		return nil
	}
	nodeToActor(&g.b, id, g.data, g.placeID, where(), &g.nodeProbs)
	return nil
}

// edge reads an <edge> into a relationship whose id is chosen once every
// element is read (nameEdges).
func (g *gmlReader) edge(line int) error {
	id, _ := g.attr("id")
	source, sourceRead := g.nodeID("source", 0)
	target, targetRead := g.nodeID("target", 1)
	label := id
	if label == "" {
		label = source + "--" + target
	}
	where := func() string { return fmt.Sprintf("edge %q (line %d)", label, line) }
	nested, probs, err := g.element("edge", where)
	if err != nil {
		return err
	}
	ref := gmlEdgeRef{id: id, source: source, target: target, line: line, pos: g.rels.n}
	switch {
	case source == "" || target == "":
		ref.noPair, ref.noEnds, ref.probs = true, true, []string{where() + ": missing source or target"}
	case nested:
		ref.noPair, ref.probs = true, []string{where() + ": nested graphs are not supported"}
	case len(probs) > 0:
		ref.probs = probs
	default:
		// The id is chosen later; the pair stands in for a missing one.
		tentative := id
		if tentative == "" {
			tentative = source + "--" + target
		}
		var ps problems
		if r, ok := edgeToRelationship(tentative, source, target, g.data, where, &ps); ok {
			g.rels.add(r, g.sc.read)
			if !sourceRead || !targetRead {
				g.late = append(g.late, int32(g.rels.n-1))
			}
			g.relLines = append(g.relLines, int32(line))
			g.explicit = append(g.explicit, id != "")
			return nil
		}
		ref.probs = ps.list
	}
	g.invalid = append(g.invalid, ref)
	return nil
}

// distinctEdgeIDs reports, without a set of every id, whether the valid
// edges rels (of a document with no invalid edge) all have their own ids in
// strictly increasing order, as voicemap's export and many tools write
// them, none of them a node's id, and both ends of each a node of the
// document (endsKnown): then each keeps its id.
func (g *gmlReader) distinctEdgeIDs(rels []store.Relationship) bool {
	for i, r := range rels {
		if !g.explicit[i] || i > 0 && rels[i-1].ID >= r.ID {
			return false
		}
		if _, isNode := g.nodes[r.ID]; isNode {
			return false
		}
	}
	return g.endsKnown(rels)
}

// endsKnown reports whether both ends of every valid edge rels are nodes
// of the document.
func (g *gmlReader) endsKnown(rels []store.Relationship) bool {
	for _, i := range g.late {
		if r := rels[i]; g.missingEnds(r.FromID, r.ToID) != "" {
			return false
		}
	}
	return true
}

// missingEnds describes the ends of an edge that are not nodes of the
// document ("" when both are): GraphML requires an edge's source and
// target to be the ids of nodes of its graph (the keyrefs of <graph> in
// the GraphML 1.0 schema, graphml-structure.xsd), so an edge to anything
// else, even an actor already stored, is a problem of the file.
func (g *gmlReader) missingEnds(source, target string) string {
	_, hasS := g.nodes[source]
	_, hasT := g.nodes[target]
	switch {
	case !hasS && !hasT && source != target:
		return fmt.Sprintf("source %q and target %q are not nodes of this document", source, target)
	case !hasS:
		return fmt.Sprintf("source %q is not a node of this document", source)
	case !hasT:
		return fmt.Sprintf("target %q is not a node of this document", target)
	}
	return ""
}

// nameEdges gives every relationship its id, as the package doc says: the
// edge ids when they are distinct from each other and from every node id,
// else "source--target" (with "#2", "#3", ... for the second and later
// edges of a pair); and reports the edges' problems in document order. An
// edge to something that is no node of the document, or whose id is
// taken, reports only that.
func (g *gmlReader) nameEdges() {
	rels := g.rels.all()
	g.rels = gathered{}
	g.b.Relationships = rels
	if len(g.invalid) == 0 && g.distinctEdgeIDs(rels) {
		return // every id is an edge's own, distinct from every other
	}
	usable, allExplicit := true, true
	seen := make(map[string]bool, len(rels))
	note := func(id string) {
		if id == "" {
			allExplicit = false
			return
		}
		if _, isNode := g.nodes[id]; isNode || seen[id] {
			usable = false
		}
		seen[id] = true
	}
	for i, inv := 0, 0; i <= len(rels); i++ {
		for ; inv < len(g.invalid) && g.invalid[inv].pos == i; inv++ {
			note(g.invalid[inv].id)
		}
		if i < len(rels) {
			id := ""
			if g.explicit[i] {
				id = rels[i].ID
			}
			note(id)
		}
	}
	if usable && allExplicit && g.endsKnown(rels) && len(g.invalid) == 0 {
		return // every id is an edge's own, distinct from every other
	}
	claimed := make(map[string]string, len(g.nodes)+len(rels))
	for id, n := range g.nodes {
		claimed[id] = fmt.Sprintf("node %q (line %d)", id, n.line)
	}
	pairs := map[string]int{}
	kept := rels[:0]
	name := func(ref gmlEdgeRef) (string, bool) {
		label := ref.id
		if label == "" {
			label = ref.source + "--" + ref.target
		}
		where := fmt.Sprintf("edge %q (line %d)", label, ref.line)
		if !ref.noEnds {
			if missing := g.missingEnds(ref.source, ref.target); missing != "" {
				g.edgeProbs.add("%s: %s", where, missing)
				return "", false
			}
		}
		if ref.noPair {
			g.edgeProbs.list = append(g.edgeProbs.list, ref.probs...)
			return "", false
		}
		pair := ref.source + "--" + ref.target
		pairs[pair]++
		id := ref.id
		if !usable || id == "" {
			id = pair
			if c := pairs[pair]; c > 1 {
				id = fmt.Sprintf("%s#%d", pair, c)
			}
		}
		if prev, taken := claimed[id]; taken {
			g.edgeProbs.add("%s: id %q is already used by %s", where, id, prev)
			return "", false
		}
		claimed[id] = where
		g.edgeProbs.list = append(g.edgeProbs.list, ref.probs...)
		return id, len(ref.probs) == 0
	}
	for i, inv := 0, 0; i <= len(rels); i++ {
		for ; inv < len(g.invalid) && g.invalid[inv].pos == i; inv++ {
			name(g.invalid[inv])
		}
		if i == len(rels) {
			break
		}
		r := rels[i]
		explicit := ""
		if g.explicit[i] {
			explicit = r.ID
		}
		id, ok := name(gmlEdgeRef{id: explicit, source: r.FromID, target: r.ToID, line: int(g.relLines[i])})
		if !ok {
			continue
		}
		if id != r.ID {
			r.ID = id
			var err error
			if r, err = store.NormalizeRelationship(r); err != nil {
				g.edgeProbs.add("%s: %s", fmt.Sprintf("edge %q (line %d)", id, g.relLines[i]), message(err))
				continue
			}
		}
		kept = append(kept, r)
	}
	g.b.Relationships = slices.Clip(kept)
}
