package interchange

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/voicemap/voicemap/store"
)

// GraphML namespaces, as NetworkX and igraph write them.
const (
	graphmlNS       = "http://graphml.graphdrawing.org/xmlns"
	graphmlSchema   = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
	xmlSchemaInstNS = "http://www.w3.org/2001/XMLSchema-instance"
)

// xmlHeader starts every XML document the exports write.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// EncodeGraphML writes the actors and relationships of s, with the
// measures m, as a GraphML document (see "Exports" in the package doc), in
// the form the GraphML reader of this package, NetworkX read_graphml,
// igraph Graph.Read_GraphML and Gephi read with every attribute typed.
// Parse(GraphML, ...) reads the document back into the same actors and
// relationships. The same input gives the same bytes. It returns a
// *store.Error with code EINVALID when s or m cannot be exported (see
// Measures), and the writer's error, wrapped, when writing fails.
func EncodeGraphML(w io.Writer, s *store.Snapshot, m Measures) error {
	nw, err := prepare(s, m)
	if err != nil {
		return err
	}
	if err := writeGraphML(w, nw); err != nil {
		return fmt.Errorf("interchange: encode GraphML: %w", err)
	}
	return nil
}

// gmlKeyOut is a <key> as the export writes it.
type gmlKeyOut struct {
	XMLName xml.Name `xml:"key"`
	ID      string   `xml:"id,attr"`
	For     string   `xml:"for,attr"`
	Name    string   `xml:"attr.name,attr"`
	Type    string   `xml:"attr.type,attr"`
}

// gmlDataOut is a <data> as the export writes it.
type gmlDataOut struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// gmlNodeOut is a <node> as the export writes it.
type gmlNodeOut struct {
	XMLName xml.Name     `xml:"node"`
	ID      string       `xml:"id,attr"`
	Data    []gmlDataOut `xml:"data"`
}

// gmlEdgeOut is an <edge> as the export writes it.
type gmlEdgeOut struct {
	XMLName xml.Name     `xml:"edge"`
	ID      string       `xml:"id,attr"`
	Source  string       `xml:"source,attr"`
	Target  string       `xml:"target,attr"`
	Data    []gmlDataOut `xml:"data"`
}

// Graph attributes of the GraphML export, written when the scope sets them.
const (
	graphKeyPlace = "g_placeId"
	graphKeyAsOf  = "g_asOf"
)

// writeGraphML streams nw as GraphML: keys, then nodes, then edges, each
// element encoded as it is reached so memory holds one element at a time
// beyond nw itself.
func writeGraphML(w io.Writer, nw *network) error {
	if _, err := io.WriteString(w, xmlHeader); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	root := xml.StartElement{Name: xml.Name{Local: "graphml"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns"}, Value: graphmlNS},
		{Name: xml.Name{Local: "xmlns:xsi"}, Value: xmlSchemaInstNS},
		{Name: xml.Name{Local: "xsi:schemaLocation"}, Value: graphmlSchema},
	}}
	if err := enc.EncodeToken(root); err != nil {
		return err
	}
	// Key ids are the attribute names with a prefix for their domain, so
	// node and edge attributes of the same name stay distinct.
	nodeKeys := make([]string, len(nw.nodeAttrs))
	for i, a := range nw.nodeAttrs {
		nodeKeys[i] = "n_" + a.name
		if err := enc.Encode(gmlKeyOut{ID: nodeKeys[i], For: "node", Name: a.name, Type: a.typ.graphml()}); err != nil {
			return err
		}
		if i == nodeName {
			// Gephi takes a node's label from an attribute named "label".
			if err := enc.Encode(gmlKeyOut{ID: "n_label", For: "node", Name: "label", Type: "string"}); err != nil {
				return err
			}
		}
	}
	edgeKeys := make([]string, len(edgeAttrs))
	for i, a := range edgeAttrs {
		edgeKeys[i] = "e_" + a.name
		if err := enc.Encode(gmlKeyOut{ID: edgeKeys[i], For: "edge", Name: a.name, Type: a.typ.graphml()}); err != nil {
			return err
		}
	}
	var graphData []gmlDataOut
	if nw.scope.PlaceID != "" {
		graphData = append(graphData, gmlDataOut{Key: graphKeyPlace, Value: nw.scope.PlaceID})
		if err := enc.Encode(gmlKeyOut{ID: graphKeyPlace, For: "graph", Name: "placeId", Type: "string"}); err != nil {
			return err
		}
	}
	if nw.scope.AsOf != nil {
		graphData = append(graphData, gmlDataOut{Key: graphKeyAsOf, Value: formatDay(nw.scope.AsOf)})
		if err := enc.Encode(gmlKeyOut{ID: graphKeyAsOf, For: "graph", Name: "asOf", Type: "string"}); err != nil {
			return err
		}
	}

	graph := xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "id"}, Value: "G"},
		{Name: xml.Name{Local: "edgedefault"}, Value: "undirected"},
	}}
	if err := enc.EncodeToken(graph); err != nil {
		return err
	}
	for _, d := range graphData {
		if err := enc.EncodeElement(d, xml.StartElement{Name: xml.Name{Local: "data"}}); err != nil {
			return err
		}
	}
	for _, n := range nw.nodes {
		out := gmlNodeOut{ID: n.id, Data: make([]gmlDataOut, 0, len(n.cells)+1)}
		for i, c := range n.cells {
			if !c.set {
				continue
			}
			out.Data = append(out.Data, gmlDataOut{Key: nodeKeys[i], Value: c.text})
			if i == nodeName {
				out.Data = append(out.Data, gmlDataOut{Key: "n_label", Value: c.text})
			}
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	for _, e := range nw.edges {
		out := gmlEdgeOut{ID: e.id, Source: e.source, Target: e.target, Data: make([]gmlDataOut, 0, len(e.cells))}
		for i, c := range e.cells {
			if c.set {
				out.Data = append(out.Data, gmlDataOut{Key: edgeKeys[i], Value: c.text})
			}
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if err := enc.EncodeToken(graph.End()); err != nil {
		return err
	}
	if err := enc.EncodeToken(root.End()); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
