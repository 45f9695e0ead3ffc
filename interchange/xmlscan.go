package interchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner reads an XML document from a stream as a sequence of tokens,
// for the GraphML reader: it holds only the token being read, never the
// document, and allocates nothing per token beyond the strings its caller
// keeps. It reads what GraphML documents contain: elements with
// attributes, character data with the predefined and numeric character
// references, CDATA sections, comments, processing instructions and a
// DOCTYPE (skipped). It checks that the document is well formed (tags
// nest, attributes are quoted, references are known, text is UTF-8, one
// root element); it does not read a DTD, so entities other than the
// predefined ones are errors, as they are for encoding/xml. Names are
// reduced to their local part (namespace prefixes are dropped, as GraphML
// readers do).
type xmlScanner struct {
	r   io.Reader
	buf []byte
	// pos is the first unread byte of buf, end the end of the data.
	pos, end int
	eof      bool
	// line is the line of buf[pos].
	line int
	// read counts the bytes consumed from r.
	read int64

	// The current token.
	kind   xmlTokKind
	name   []byte // local name of a start or end tag
	attrs  []xmlAttr
	text   []byte // character data, references decoded
	closed bool   // a start tag that closes itself (<node/>)
	// tokLine is the line at the end of the current token.
	tokLine int

	// stack holds the end in names of each open element's name, one
	// after the other in names (spared an allocation an element).
	stack  []int
	names  []byte
	scrat  []byte // decoded attribute values and text
	rooted bool   // the root element has been seen

	// maxToken and maxDepth bound what one token and the open elements
	// may hold, so that a hostile stream (a comment or a text that never
	// ends, elements nested without end) is refused instead of filling
	// memory: xmlMaxToken and xmlMaxDepth, lowered by tests.
	maxToken, maxDepth int
}

// xmlMaxToken caps the bytes of one token (a tag with its attributes, a
// text between tags, a comment, a DOCTYPE): far above any GraphML value
// the store accepts, and what keeps the scanner's memory bounded however
// long the document. xmlMaxDepth caps the nesting of elements, as
// encoding/xml caps it (10,000) for Unmarshal; GraphML needs a handful of
// levels.
const (
	xmlMaxToken = 64 << 20
	xmlMaxDepth = 10_000
)

type xmlTokKind int

const (
	xmlEOF xmlTokKind = iota
	xmlStart
	xmlEnd
	xmlText
)

// xmlAttr is an attribute of the current start tag; both slices are valid
// until the next call of next.
type xmlAttr struct {
	name, value []byte
}

// xmlSyntaxError is a well-formedness error with its line.
type xmlSyntaxError struct {
	line int
	msg  string
}

func (e *xmlSyntaxError) Error() string {
	if e.line == 0 {
		return "XML syntax error: " + e.msg
	}
	return fmt.Sprintf("line %d: XML syntax error: %s", e.line, e.msg)
}

const xmlBufSize = 256 << 10

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, xmlBufSize), line: 1, maxToken: xmlMaxToken, maxDepth: xmlMaxDepth}
}

// errNeedMore is returned by a token reader that ran out of buffered
// data; errSkipped by one that consumed a construct that is no token.
var (
	errNeedMore = errors.New("need more data")
	errSkipped  = errors.New("skipped")
)

func (s *xmlScanner) fail(format string, args ...any) error {
	return &xmlSyntaxError{line: s.line, msg: fmt.Sprintf(format, args...)}
}

// fill reads more data, keeping buf[pos:end]; it grows buf when the kept
// part fills it. It returns false at the end of the stream.
func (s *xmlScanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end = 0, n
	}
	// What is kept is the one token not yet complete.
	if s.end >= s.maxToken {
		return false, s.fail("a token (tag, text, comment or declaration) of more than %d bytes", s.maxToken)
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		s.read += int64(n)
		if errors.Is(err, io.EOF) {
			s.eof = true
			return n > 0, nil
		}
		if err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
}

// advance consumes n bytes, counting their lines.
func (s *xmlScanner) advance(n int) {
	s.line += bytes.Count(s.buf[s.pos:s.pos+n], []byte{'\n'})
	s.pos += n
}

// next reads the next token (xmlEOF at the end of a well-formed document).
func (s *xmlScanner) next() error {
	retried := false
	for {
		s.scrat = s.scrat[:0]
		err := s.token()
		if err == nil {
			return nil
		}
		if errors.Is(err, errSkipped) {
			continue
		}
		if !errors.Is(err, errNeedMore) {
			return err
		}
		more, ferr := s.fill()
		if ferr != nil {
			return ferr
		}
		if !more {
			if s.pos < s.end && !retried {
				retried = true
				continue // the stream ended: read the last text as such
			}
			return s.atEnd()
		}
	}
}

// atEnd checks the end of the document once the stream is exhausted.
func (s *xmlScanner) atEnd() error {
	if s.pos < s.end {
		return &xmlSyntaxError{msg: "unexpected end of document"}
	}
	if len(s.stack) > 0 {
		return &xmlSyntaxError{msg: fmt.Sprintf("unexpected end of document: <%s> is not closed", s.top())}
	}
	s.kind = xmlEOF
	return nil
}

// token reads one token from the buffered data, errNeedMore when it is
// cut off; it consumes nothing then.
func (s *xmlScanner) token() error {
	data := s.buf[s.pos:s.end]
	if len(data) == 0 {
		return errNeedMore
	}
	if data[0] != '<' {
		i := bytes.IndexByte(data, '<')
		if i < 0 {
			if !s.eof {
				return errNeedMore
			}
			i = len(data)
		}
		raw := data[:i]
		text, err := s.decode(raw, false)
		if err != nil {
			return err
		}
		if len(s.stack) == 0 && len(bytes.TrimSpace(text)) > 0 {
			return s.fail("text outside the root element")
		}
		s.kind, s.text = xmlText, text
		s.advance(i)
		s.tokLine = s.line
		return nil
	}
	switch {
	case bytes.HasPrefix(data, []byte("<!--")):
		return s.skipTo(4, "-->")
	case bytes.HasPrefix(data, []byte("<?")):
		return s.skipTo(2, "?>")
	case bytes.HasPrefix(data, []byte("<![CDATA[")):
		i := bytes.Index(data[9:], []byte("]]>"))
		if i < 0 {
			return errNeedMore
		}
		if len(s.stack) == 0 {
			return s.fail("CDATA outside the root element")
		}
		raw := data[9 : 9+i]
		if !utf8.Valid(raw) {
			return s.fail("invalid UTF-8")
		}
		s.kind, s.text = xmlText, raw
		s.advance(9 + i + 3)
		s.tokLine = s.line
		return nil
	case bytes.HasPrefix(data, []byte("<!DOCTYPE")):
		return s.skipDoctype(data)
	case bytes.HasPrefix(data, []byte("</")):
		return s.endTag(data)
	case len(data) > 1 && data[1] == '!':
		if len(data) < 9 {
			return errNeedMore
		}
		return s.fail("unsupported markup <!")
	}
	return s.startTag(data)
}

// skipTo consumes a construct that ends with end, looking from offset from.
func (s *xmlScanner) skipTo(from int, end string) error {
	data := s.buf[s.pos:s.end]
	i := bytes.Index(data[from:], []byte(end))
	if i < 0 {
		return errNeedMore
	}
	s.advance(from + i + len(end))
	return errSkipped
}

// skipDoctype consumes a DOCTYPE declaration, with any internal subset.
func (s *xmlScanner) skipDoctype(data []byte) error {
	depth, quote := 0, byte(0)
	for i := 9; i < len(data); i++ {
		c := data[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			s.advance(i + 1)
			return errSkipped
		}
	}
	return errNeedMore
}

// top returns the name of the innermost open element (there must be
// one), valid until the next token.
func (s *xmlScanner) top() []byte {
	start := 0
	if n := len(s.stack); n > 1 {
		start = s.stack[n-2]
	}
	return s.names[start:s.stack[len(s.stack)-1]]
}

// trimSpaceLeft returns b without its leading XML white space (space,
// tab, carriage return, line feed).
func trimSpaceLeft(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}

// trimSpaceRight returns b without its trailing XML white space.
func trimSpaceRight(b []byte) []byte {
	for n := len(b); n > 0 && (b[n-1] == ' ' || b[n-1] == '\t' || b[n-1] == '\r' || b[n-1] == '\n'); n-- {
		b = b[:n-1]
	}
	return b
}

func (s *xmlScanner) endTag(data []byte) error {
	i := bytes.IndexByte(data, '>')
	if i < 0 {
		return errNeedMore
	}
	name := trimSpaceRight(data[2:i])
	if !validName(name) {
		return s.fail("invalid end tag name %q", name)
	}
	name = localName(name)
	if len(s.stack) == 0 {
		return s.fail("unexpected end element </%s>", name)
	}
	top := s.top()
	if !bytes.Equal(top, name) {
		return s.fail("element <%s> closed by </%s>", top, name)
	}
	s.stack = s.stack[:len(s.stack)-1]
	s.names = s.names[:len(s.names)-len(top)]
	s.kind, s.name = xmlEnd, top
	s.advance(i + 1)
	s.tokLine = s.line
	return nil
}

func (s *xmlScanner) startTag(data []byte) error {
	// Find the tag's end outside quoted values.
	end, quote := -1, byte(0)
	for i := 1; i < len(data); i++ {
		c := data[i]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			end = i
			break
		} else if c == '<' {
			return s.fail("unexpected < inside a tag")
		}
	}
	if end < 0 {
		return errNeedMore
	}
	tag := data[1:end]
	closed := len(tag) > 0 && tag[len(tag)-1] == '/'
	if closed {
		tag = tag[:len(tag)-1]
	}
	n := nameLen(tag)
	if n == 0 || !validName(tag[:n]) {
		return s.fail("invalid element name")
	}
	if len(s.stack) == 0 && s.rooted {
		return s.fail("a second root element <%s>", localName(tag[:n]))
	}
	name := localName(tag[:n])
	s.attrs = s.attrs[:0]
	rest := tag[n:]
	for {
		trimmed := trimSpaceLeft(rest)
		if len(trimmed) == 0 {
			break
		}
		if len(trimmed) == len(rest) {
			return s.fail("attributes of <%s> must be separated by spaces", name)
		}
		rest = trimmed
		an := nameLen(rest)
		if an == 0 || !validName(rest[:an]) {
			return s.fail("invalid attribute name in <%s>", name)
		}
		aname := rest[:an]
		rest = trimSpaceLeft(rest[an:])
		if len(rest) == 0 || rest[0] != '=' {
			return s.fail("attribute %s of <%s> has no value", aname, name)
		}
		rest = trimSpaceLeft(rest[1:])
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return s.fail("attribute %s of <%s>: the value must be quoted", aname, name)
		}
		q := rest[0]
		j := bytes.IndexByte(rest[1:], q)
		if j < 0 {
			return s.fail("attribute %s of <%s>: unclosed quote", aname, name)
		}
		v, err := s.decode(rest[1:1+j], true)
		if err != nil {
			return err
		}
		s.attrs = append(s.attrs, xmlAttr{name: localName(aname), value: v})
		rest = rest[1+j+1:]
	}
	if !closed {
		if len(s.stack) >= s.maxDepth {
			return s.fail("elements nested more than %d deep", s.maxDepth)
		}
		s.names = append(s.names, name...)
		s.stack = append(s.stack, len(s.names))
	}
	s.rooted = true
	// A self-closing tag is one start token with closed set: the caller
	// takes it as its own end.
	s.kind, s.name, s.closed = xmlStart, name, closed
	s.advance(end + 1)
	s.tokLine = s.line
	return nil
}

// decode returns raw with its character references decoded, appended to
// the scanner's scratch space (or raw itself when it has none).
func (s *xmlScanner) decode(raw []byte, attr bool) ([]byte, error) {
	if !utf8.Valid(raw) {
		return nil, s.fail("invalid UTF-8")
	}
	if attr && bytes.IndexByte(raw, '<') >= 0 {
		return nil, s.fail("< in an attribute value")
	}
	if bytes.IndexByte(raw, '&') < 0 {
		return raw, nil
	}
	start := len(s.scrat)
	out := s.scrat
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			out = append(out, raw...)
			break
		}
		out = append(out, raw[:i]...)
		raw = raw[i:]
		j := bytes.IndexByte(raw, ';')
		if j < 0 {
			return nil, s.fail("unterminated character reference")
		}
		ref := raw[1:j]
		raw = raw[j+1:]
		switch string(ref) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if len(ref) < 2 || ref[0] != '#' {
				return nil, s.fail("unknown entity &%s;", ref)
			}
			var n uint64
			var err error
			if ref[1] == 'x' {
				n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
			}
			r := rune(n)
			if err != nil || !isXMLChar(r) {
				return nil, s.fail("invalid character reference &%s;", ref)
			}
			out = utf8.AppendRune(out, r)
		}
	}
	s.scrat = out
	return out[start:], nil
}

// isXMLChar reports whether r is a character XML 1.0 allows.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// nameLen returns the length of the name at the start of b.
func nameLen(b []byte) int {
	for i, c := range b {
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '=' || c == '/' || c == '>' {
			return i
		}
	}
	return len(b)
}

// validName reports whether b is a plausible XML name: it starts with a
// letter, '_' or ':' (or any non-ASCII character) and holds no markup.
func validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	c := b[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80) {
		return false
	}
	for _, c := range b {
		if c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '-' || c == '.') {
			return false
		}
	}
	return utf8.Valid(b)
}

// localName drops a namespace prefix.
func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}
