package interchange

import (
	"fmt"
	"io"

	"github.com/voicemap/voicemap/store"
)

// Column headers of the CSV export, in Gephi's spreadsheet conventions:
// its nodes table needs Id and takes Label, its edges table needs Source
// and Target and takes Type, Weight and Id; the other columns become
// attributes. Measures follow the node columns, under their own names.
var (
	csvNodeHeader = []string{"Id", "Label", "Kind", "Place", "Groups", "Capacity", "OrgKind"}
	csvEdgeHeader = []string{"Source", "Target", "Type", "Weight", "Id", "Kind", "Since", "Until"}
)

// EncodeCSV writes the actors of s, with the measures m, as a nodes table
// to nodes and its relationships as an edges table to edges (see the
// package doc, "Exports"), in the form Gephi's spreadsheet import reads.
// Every edge's Type is Undirected, as voicemap's analysis treats ties;
// Source and Target keep the direction the relationship was recorded in.
// A value the actor or relationship does not have is an empty cell. Every
// cell goes through SafeCell (CSVWriter): a name such as =HYPERLINK(...) is
// written '=HYPERLINK(...), so a spreadsheet shows it as text. The same
// input gives the same bytes. It returns a *store.Error with code
// EINVALID when s or m cannot be exported (see Measures), and the
// writers' error, wrapped, when writing fails.
func EncodeCSV(nodes, edges io.Writer, s *store.Snapshot, m Measures) error {
	nw, err := prepare(s, m)
	if err != nil {
		return err
	}
	if err := writeNodesCSV(nodes, nw); err != nil {
		return fmt.Errorf("interchange: encode CSV nodes: %w", err)
	}
	if err := writeEdgesCSV(edges, nw); err != nil {
		return fmt.Errorf("interchange: encode CSV edges: %w", err)
	}
	return nil
}

// writeNodesCSV writes the nodes table: Id, Label (the name), the other
// fixed node attributes, then the measures.
func writeNodesCSV(w io.Writer, nw *network) error {
	cw := NewCSVWriter(w)
	header := make([]string, 0, len(nw.nodeAttrs)+1)
	header = append(header, csvNodeHeader...)
	for _, a := range nw.nodeAttrs[nodeFixed:] {
		header = append(header, a.name)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	for _, n := range nw.nodes {
		row[0] = n.id
		for i, c := range n.cells {
			row[i+1] = c.text // node cells are in header order after Id
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// writeEdgesCSV writes the edges table.
func writeEdgesCSV(w io.Writer, nw *network) error {
	cw := NewCSVWriter(w)
	if err := cw.Write(csvEdgeHeader); err != nil {
		return err
	}
	for _, e := range nw.edges {
		row := []string{
			e.source, e.target, "Undirected", e.cells[edgeWeight].text, e.id,
			e.cells[edgeKind].text, e.cells[edgeSince].text, e.cells[edgeUntil].text,
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}
