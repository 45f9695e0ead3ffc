package interchange

import (
	"encoding/csv"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CSVWriter writes the CSV tables voicemap produces (the network export's
// nodes and edges tables, and the command line's CSV report): every one of
// them goes through it, so that every cell is made safe the same way
// (SafeCell). It writes RFC 4180 CSV (encoding/csv: fields with commas,
// quotes or line breaks quoted, quotes doubled), lines ending in LF.
type CSVWriter struct {
	w *csv.Writer
}

// NewCSVWriter returns a CSVWriter writing to w.
func NewCSVWriter(w io.Writer) *CSVWriter {
	return &CSVWriter{w: csv.NewWriter(w)}
}

// Write writes one row, each cell through SafeCell.
func (c *CSVWriter) Write(row []string) error {
	safe := make([]string, len(row))
	for i, cell := range row {
		safe[i] = SafeCell(cell)
	}
	return c.w.Write(safe)
}

// Flush writes any buffered rows and returns the first error of any write.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// number is a plain decimal number, as strconv and the exports write them
// ("-0.5", "3", "1.5e-07"): nothing a spreadsheet could read as more than
// that number.
var number = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// SafeCell returns s made safe to open in a spreadsheet (CSV or formula
// injection, OWASP "CSV Injection"): a cell that a spreadsheet would read
// as a formula gets a single quote (') in front, which Excel, LibreOffice
// Calc and Google Sheets read as "this cell is text" and do not show.
// A cell is read as a formula when it starts with =, +, -, @, a tab or a
// carriage return, as OWASP lists; also, for safety beyond that list, when
// such a character follows leading spaces or line breaks, and when it
// starts with the full-width forms ＝ ＋ － ＠, which some spreadsheets
// in East Asian locales take as the ASCII ones.
//
// A cell that is a plain decimal number ("-0.5", "+3", "1e-07") is left as
// it is, so that negative numbers stay numbers a spreadsheet can sum: a
// number holds no function, reference or DDE call, so the "formula" it
// makes is the number itself. Anything more ("-1+2", "-0.5|x") is quoted.
//
// Control characters other than tab, line feed and carriage return (NUL,
// ESC, DEL, the C1 controls) are replaced by U+FFFD, so no CSV voicemap
// writes carries a raw NUL or a terminal escape; invalid UTF-8 is replaced
// by U+FFFD too. The cost of the quote is that a program reading the file
// as data (pandas, Gephi) sees it: such a reader strips one leading ' from
// a cell whose next character is one of those above.
func SafeCell(s string) string {
	if !utf8.ValidString(s) || strings.IndexFunc(s, badControl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if badControl(r) {
				return utf8.RuneError
			}
			return r
		}, strings.ToValidUTF8(s, string(utf8.RuneError)))
	}
	if s == "" || !formulaStart(s) || number.MatchString(s) {
		return s
	}
	return "'" + s
}

// badControl reports whether r is a control character other than tab,
// line feed and carriage return.
func badControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}

// formulaStart reports whether a spreadsheet could read s as a formula.
func formulaStart(s string) bool {
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	t := strings.TrimLeft(s, " \n\r\t")
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case '=', '+', '-', '@', '＝', '＋', '－', '＠':
		return true
	}
	return false
}
