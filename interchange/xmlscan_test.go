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

const gmlSeedDoc = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
<key id="k" for="node" attr.name="kind" attr.type="string"><default>person</default></key>
<graph edgedefault="undirected"><node id="a"><data key="k">x</data><data key="g"><y:Shape/></data></node>
<edge source="a" target="b"/></graph></graphml>`

// FuzzXMLScanner checks, on any document encoding/xml reads as one
// well-formed root element without a DTD, that the scanner reads the same
// tokens; and that the scanner never panics.
func FuzzXMLScanner(f *testing.F) {
	f.Add([]byte(gmlSeedDoc))
	f.Add([]byte(`<a x="&lt;" y='"'><!-- - --><?p x?>t&#x20AC;<![CDATA[]]]]><b/></a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, gotErr := scannerTokens(bytes.NewReader(data))
		want, err := stdTokens(data)
		if err != nil {
			return
		}
		if gotErr != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("scanner tokens = %q, %v; encoding/xml %q", got, gotErr, want)
		}
	})
}
