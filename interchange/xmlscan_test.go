package interchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// xmlTokens lists a document's tokens as the GraphML reader sees them:
// start tags with their local name and attributes, end tags, and the
// character data between tags (merged, as one piece of text).
func scannerTokens(r io.Reader) ([]string, error) {
	s := newXMLScanner(r)
	var out []string
	depth := 0
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, "text "+text.String())
			text.Reset()
		}
	}
	for {
		if err := s.next(); err != nil {
			return out, err
		}
		switch s.kind {
		case xmlEOF:
			flush()
			return out, nil
		case xmlText:
			if depth > 0 {
				text.Write(s.text)
			}
		case xmlStart:
			flush()
			if !s.closed {
				depth++
			}
			t := "start " + string(s.name)
			for _, a := range s.attrs {
				t += fmt.Sprintf(" %s=%q", a.name, a.value)
			}
			out = append(out, t)
			if s.closed {
				out = append(out, "end "+string(s.name))
			}
		case xmlEnd:
			flush()
			depth--
			out = append(out, "end "+string(s.name))
		}
	}
}

func stdTokens(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, "text "+text.String())
			text.Reset()
		}
	}
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			flush()
			if depth != 0 || roots != 1 {
				return out, errors.New("not one root element")
			}
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			if depth == 0 {
				roots++
			}
			depth++
			s := "start " + t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			out = append(out, s)
		case xml.EndElement:
			flush()
			depth--
			out = append(out, "end "+t.Name.Local)
		case xml.CharData:
			if depth == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return out, errors.New("text outside the root")
				}
				continue
			}
			text.Write(t)
		case xml.Directive:
			if depth > 0 || bytes.Contains(t, []byte("ENTITY")) {
				return out, errors.New("directive inside an element or declaring entities")
			}
		}
	}
}

// TestXMLScannerSeeds checks the scanner against encoding/xml on the
// documents of the GraphML tests, read one byte at a time so that every
// token is cut at every place.
func TestXMLScannerSeeds(t *testing.T) {
	t.Parallel()
	docs := []string{
		gmlSeedDoc,
		`<?xml version="1.0"?><!DOCTYPE g [<!ELEMENT g ANY>]><!-- c --><g a='1' b="x&amp;y&#65;&#x42;"><![CDATA[<raw>&]]>t&lt;<h/></g>` + "\n",
		"<r>\n<a\nx = \"1\"\n/>\u00e9</r>",
	}
	for _, doc := range docs {
		want, err := stdTokens([]byte(doc))
		if err != nil {
			t.Fatalf("encoding/xml on %q: %v", doc, err)
		}
		got, err := scannerTokens(iotest.OneByteReader(strings.NewReader(doc)))
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("scanner tokens of %q = %q, %v; want %q", doc, got, err, want)
		}
	}
}

// TestXMLScannerBounds checks that the scanner refuses a token longer
// than its cap and elements nested deeper than its cap, so that its memory
// stays bounded however long the stream, while a document of many tokens
// each within the cap, far longer than the cap in all, is read. The caps
// are lowered to keep the documents small; the stream comes a byte at a
// time so that every token is kept across reads.
func TestXMLScannerBounds(t *testing.T) {
	t.Parallel()
	const maxToken, maxDepth = 1024, 5
	long := strings.Repeat("x", 2*maxToken)
	tests := []struct {
		name, doc, wantErr string
	}{
		{"many short tokens", "<r>" + strings.Repeat(`<a b="1">t</a>`, 1000) + "</r>", ""},
		{"nested to the cap", "<a><b><c><d><e><f/></e></d></c></b></a>", ""},
		{"a comment that never ends", "<r><!--" + long, "line 1: XML syntax error: a token (tag, text, comment or declaration) of more than 1024 bytes"},
		{"a long text", "<r>\n<b>" + long + "</b></r>", "line 2: XML syntax error: a token (tag, text, comment or declaration) of more than 1024 bytes"},
		{"a long attribute", `<r a="` + long + `"/>`, "of more than 1024 bytes"},
		{"nested past the cap", "<a><b><c><d><e><f></f></e></d></c></b></a>", "line 1: XML syntax error: elements nested more than 5 deep"},
		{"attributes not separated (XML 1.0, 3.1)", `<a A=""A=''></a>`, "line 1: XML syntax error: attributes of <a> must be separated by spaces"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newXMLScanner(iotest.OneByteReader(strings.NewReader(tt.doc)))
			s.buf, s.maxToken, s.maxDepth = make([]byte, 64), maxToken, maxDepth
			var err error
			for {
				if err = s.next(); err != nil || s.kind == xmlEOF {
					break
				}
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("error %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			if len(s.buf) > 2*maxToken {
				t.Errorf("buffer grew to %d bytes", len(s.buf))
			}
		})
	}
}

const gmlSeedDoc = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
<key id="k" for="node" attr.name="kind" attr.type="string"><default>person</default></key>
<graph edgedefault="undirected"><node id="a"><data key="k">x</data><data key="g"><y:Shape/></data></node>
<edge source="a" target="b"/></graph></graphml>`

// FuzzXMLScanner checks, on any document encoding/xml reads as one
// well-formed root element without a DTD, that the scanner reads the same
// tokens, unless it refuses the document for nesting past xmlMaxDepth
// (encoding/xml's Token has no such cap) or for attributes with no white
// space between them, which XML 1.0 requires (STag ::= '<' Name (S
// Attribute)* S? '>', section 3.1) and libxml2 (igraph's reader) also
// refuses, but encoding/xml lets through; and that the scanner never
// panics.
func FuzzXMLScanner(f *testing.F) {
	f.Add([]byte(gmlSeedDoc))
	f.Add([]byte(`<a x="&lt;" y='"'><!-- - --><?p x?>t&#x20AC;<![CDATA[]]]]><b/></a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, gotErr := scannerTokens(bytes.NewReader(data))
		want, err := stdTokens(data)
		if err != nil || gotErr != nil && (strings.Contains(gotErr.Error(), "elements nested more than") ||
			strings.Contains(gotErr.Error(), "must be separated by spaces")) {
			return
		}
		if gotErr != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("scanner tokens = %q, %v; encoding/xml %q", got, gotErr, want)
		}
	})
}
