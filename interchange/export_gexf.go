package interchange

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/voicemap/voicemap/store"
)

// GEXF 1.2 namespaces. GEXF 1.2 is the version every reader of the format
// shares: Gephi 0.9 and 0.10 read it (and 1.3), while NetworkX's
// read_gexf knows only the 1.1draft and 1.2draft namespaces and finds no
// graph in a 1.3 document.
const (
	gexfNS      = "http://www.gexf.net/1.2draft"
	gexfSchema  = "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"
	gexfVersion = "1.2"
)

// EncodeGEXF writes the actors and relationships of s, with the measures
// m, as a static, undirected GEXF 1.2 graph (see the package doc,
// "Exports") that Gephi and NetworkX read_gexf open with every attribute
// typed. A node's label is the actor's name; a relationship's strength is
// the edge weight, and its dates are the string attributes since and
// until. The same input gives the same bytes. It returns a *store.Error
// with code EINVALID when s or m cannot be exported (see Measures), and
// the writer's error, wrapped, when writing fails.
func EncodeGEXF(w io.Writer, s *store.Snapshot, m Measures) error {
	nw, err := prepare(s, m)
	if err != nil {
		return err
	}
	if err := writeGEXF(w, nw); err != nil {
		return fmt.Errorf("interchange: encode GEXF: %w", err)
	}
	return nil
}

// gexfAttribute is an <attribute> declaration.
type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

// gexfAttributes is an <attributes> block of one class.
type gexfAttributes struct {
	XMLName    xml.Name        `xml:"attributes"`
	Class      string          `xml:"class,attr"`
	Mode       string          `xml:"mode,attr"`
	Attributes []gexfAttribute `xml:"attribute"`
}

// gexfValue is an <attvalue>.
type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// gexfValues wraps <attvalues>, omitted when empty.
type gexfValues struct {
	Values []gexfValue `xml:"attvalue"`
}

// gexfNode is a <node>.
type gexfNode struct {
	XMLName xml.Name    `xml:"node"`
	ID      string      `xml:"id,attr"`
	Label   string      `xml:"label,attr"`
	Values  *gexfValues `xml:"attvalues"`
}

// gexfEdge is an <edge>.
type gexfEdge struct {
	XMLName xml.Name    `xml:"edge"`
	ID      string      `xml:"id,attr"`
	Source  string      `xml:"source,attr"`
	Target  string      `xml:"target,attr"`
	Weight  string      `xml:"weight,attr"`
	Values  *gexfValues `xml:"attvalues"`
}

// gexfMeta is the <meta> block.
type gexfMeta struct {
	XMLName     xml.Name `xml:"meta"`
	Creator     string   `xml:"creator"`
	Description string   `xml:"description"`
}

// writeGEXF streams nw as GEXF, one element at a time.
func writeGEXF(w io.Writer, nw *network) error {
	if _, err := io.WriteString(w, xmlHeader); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	root := xml.StartElement{Name: xml.Name{Local: "gexf"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns"}, Value: gexfNS},
		{Name: xml.Name{Local: "xmlns:xsi"}, Value: xmlSchemaInstNS},
		{Name: xml.Name{Local: "xsi:schemaLocation"}, Value: gexfSchema},
		{Name: xml.Name{Local: "version"}, Value: gexfVersion},
	}}
	if err := enc.EncodeToken(root); err != nil {
		return err
	}
	if err := enc.Encode(gexfMeta{Creator: "voicemap", Description: scopeNote(nw.scope)}); err != nil {
		return err
	}
	graph := xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "mode"}, Value: "static"},
		{Name: xml.Name{Local: "defaultedgetype"}, Value: "undirected"},
	}}
	if err := enc.EncodeToken(graph); err != nil {
		return err
	}
	// The name is the node's label; every other node attribute, and every
	// edge attribute but the weight (the edge's own weight), is declared
	// with its name as its id.
	nodeDecl := gexfAttributes{Class: "node", Mode: "static"}
	for i, a := range nw.nodeAttrs {
		if i != nodeName {
			nodeDecl.Attributes = append(nodeDecl.Attributes, gexfAttribute{ID: a.name, Title: a.name, Type: a.typ.gexf()})
		}
	}
	edgeDecl := gexfAttributes{Class: "edge", Mode: "static"}
	for i, a := range edgeAttrs {
		if i != edgeWeight {
			edgeDecl.Attributes = append(edgeDecl.Attributes, gexfAttribute{ID: a.name, Title: a.name, Type: a.typ.gexf()})
		}
	}
	if err := enc.Encode(nodeDecl); err != nil {
		return err
	}
	if err := enc.Encode(edgeDecl); err != nil {
		return err
	}

	nodes := xml.StartElement{Name: xml.Name{Local: "nodes"}}
	if err := enc.EncodeToken(nodes); err != nil {
		return err
	}
	for _, n := range nw.nodes {
		out := gexfNode{ID: n.id, Label: n.cells[nodeName].text}
		out.Values = values(n.cells, nw.nodeAttrs, nodeName)
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if err := enc.EncodeToken(nodes.End()); err != nil {
		return err
	}
	edges := xml.StartElement{Name: xml.Name{Local: "edges"}}
	if err := enc.EncodeToken(edges); err != nil {
		return err
	}
	for _, e := range nw.edges {
		out := gexfEdge{ID: e.id, Source: e.source, Target: e.target, Weight: e.cells[edgeWeight].text}
		out.Values = values(e.cells, edgeAttrs[:], edgeWeight)
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	for _, end := range []xml.EndElement{edges.End(), graph.End(), root.End()} {
		if err := enc.EncodeToken(end); err != nil {
			return err
		}
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// values returns the set cells of an element as attvalues, leaving out
// the cell at skip (written as an XML attribute of the element instead);
// nil when none is set.
func values(cells []cell, attrs []attr, skip int) *gexfValues {
	var out []gexfValue
	for i, c := range cells {
		if i != skip && c.set {
			out = append(out, gexfValue{For: attrs[i].name, Value: c.text})
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &gexfValues{Values: out}
}
