package giving

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// ParseCSV reads a 360Giving flat CSV file, one record at a time, and calls
// fn with each valid grant in order. The first line holds the column titles
// of the 360Giving spreadsheet template (see the package documentation);
// titles are matched case-insensitively, a UTF-8 byte order mark is ignored,
// unknown columns are ignored, and rows whose cells are all empty are
// skipped. Fields may be quoted and span several lines, as RFC 4180 allows.
//
// It returns nil when every grant is valid. Otherwise it stops calling fn at
// the first problem, reads on, and returns a *store.Error with code
// store.EINVALID listing every problem, each as "line N, Column Title: ...",
// N being the line on which the record starts; the whole file is then
// refused and the caller must discard the grants fn received. A missing
// required column, or a malformed quoted field, ends the reading. An error
// from fn is returned as it is, at once; an error reading r is returned
// wrapped.
func ParseCSV(r io.Reader, fn func(Grant) error) error {
	return ParseCSVWith(r, Options{}, fn)
}

// ParseCSVWith is ParseCSV read with opt (a declared date order, skipping
// invalid grants, reporting rounded amounts).
func ParseCSVWith(r io.Reader, opt Options, fn func(Grant) error) error {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return parseRows(csvRows{cr}, "CSV", opt, fn)
}

// rowSource yields the rows of a sheet: the first is the header; line is
// where the row starts (1 for the header).
type rowSource interface {
	next() (row []string, line int, err error)
}

// csvRows reads rows with encoding/csv.
type csvRows struct{ r *csv.Reader }

func (c csvRows) next() ([]string, int, error) {
	row, err := c.r.Read()
	if err != nil {
		return nil, 0, err
	}
	line, _ := c.r.FieldPos(0)
	return row, line, nil
}

// parseRows reads a sheet laid out as the flat 360Giving CSV, from any
// source of rows (a CSV file, the first sheet of a workbook); form names
// it in problems.
func parseRows(src rowSource, form string, opt Options, fn func(Grant) error) error {
	c := newChecker(csvNames, opt)
	header, _, err := src.next()
	if err == io.EOF {
		c.probs.addf("%s: the file is empty; its first line must hold the column titles (Identifier, Title, ...)", form)
		return c.probs.err(form)
	} else if err != nil {
		return csvReadError(c, form, err)
	}
	cols := mapColumns(header, &c.probs)
	if c.probs.count > 0 {
		return c.probs.err(form)
	}

	var rec record
	for {
		row, line, err := src.next()
		if err == io.EOF {
			break
		} else if err != nil {
			return csvReadError(c, form, err)
		}
		if blank(row) {
			continue
		}
		c.begin(line)
		cols.fill(&rec, row)
		g, ok := c.check(&rec, "line "+strconv.Itoa(line)+", ", line)
		if ok && c.probs.count == 0 {
			if err := fn(g); err != nil {
				return err
			}
		}
	}
	return c.probs.err(form)
}

// csvReadError records a malformed field as a problem and returns the
// problems, or wraps an error reading the file.
func csvReadError(c *checker, form string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		c.probs.addf("line %d, column %d: %s; reading stopped here", pe.Line, pe.Column, pe.Err)
		return c.probs.err(form)
	}
	var se *sheetError
	if errors.As(err, &se) {
		c.probs.addf("%s", se.msg)
		return c.probs.err(form)
	}
	return fmt.Errorf("giving: read %s: %w", form, err)
}

func blank(row []string) bool {
	for _, f := range row {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// columns holds the index of each column read, -1 when absent.
type columns struct {
	id, title, description, currency, amount, awardDate int
	recID, recName, indID, fundID, fundName, programme  int
	locations                                           []locationColumns
	recLocations                                        []locationColumns
}

// locationColumns are the columns of beneficiary location number index.
type locationColumns struct {
	index, name, code, codeType int
}

// fill sets r from a CSV row.
func (c *columns) fill(r *record, row []string) {
	get := func(i int) string {
		if i >= 0 && i < len(row) {
			return row[i]
		}
		return ""
	}
	*r = record{
		id: get(c.id), title: get(c.title), description: get(c.description),
		currency: get(c.currency), amount: get(c.amount), awardDate: get(c.awardDate),
		recID: get(c.recID), recName: get(c.recName), indID: get(c.indID),
		fundID: get(c.fundID), fundName: get(c.fundName), programme: get(c.programme),
		locations: r.locations[:0], recLocations: r.recLocations[:0],
	}
	r.locations = readLocations(r.locations, c.locations, get)
	r.recLocations = readLocations(r.recLocations, c.recLocations, get)
}

// readLocations appends to dst the locations held in a row's columns.
func readLocations(dst []Location, cols []locationColumns, get func(int) string) []Location {
	for _, l := range cols {
		dst = append(dst, Location{Name: get(l.name), GeoCode: get(l.code), GeoCodeType: get(l.codeType)})
	}
	return dst
}

// locationsByIndex gathers the columns of numbered locations while a
// header is read.
type locationsByIndex map[int]*locationColumns

// column records that col holds field ("name", "geographic code" or
// "geographic code type") of location index; other fields are ignored.
func (m locationsByIndex) column(index int, field string, col int, set func(*int, int)) {
	l := m[index]
	if l == nil {
		l = &locationColumns{index: index, name: -1, code: -1, codeType: -1}
		m[index] = l
	}
	switch field {
	case "name":
		set(&l.name, col)
	case "geographic code":
		set(&l.code, col)
	case "geographic code type":
		set(&l.codeType, col)
	}
}

// sorted lists the locations in index order.
func (m locationsByIndex) sorted() []locationColumns {
	out := make([]locationColumns, 0, len(m))
	for _, l := range m {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b locationColumns) int { return a.index - b.index })
	return out
}

// normTitle puts a column title in the form it is matched in: lower case,
// runs of space made one, no space around ":".
func normTitle(t string) string {
	parts := strings.Split(strings.ToLower(t), ":")
	for i, p := range parts {
		parts[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(parts, ":")
}

// mapColumns finds the columns read in a header row, reporting columns
// given twice and required columns that are missing.
func mapColumns(header []string, probs *problems) *columns {
	c := &columns{id: -1, title: -1, description: -1, currency: -1, amount: -1, awardDate: -1,
		recID: -1, recName: -1, indID: -1, fundID: -1, fundName: -1, programme: -1}
	byIndex, recByIndex := locationsByIndex{}, locationsByIndex{}
	set := func(dst *int, col int) {
		if *dst >= 0 {
			probs.addf("line 1: column %s appears twice (columns %d and %d)", quote(strings.TrimSpace(header[col])), *dst+1, col+1)
			return
		}
		*dst = col
	}
	for col, title := range header {
		parts := strings.Split(normTitle(title), ":")
		// Recipient Org:Location:N:Name (or without N): where the
		// recipient is, read for the recipient's own location.
		if len(parts) >= 3 && len(parts) <= 4 && parts[0] == "recipient org" && parts[1] == "location" {
			index := 0
			if len(parts) == 4 {
				n, err := strconv.Atoi(parts[2])
				if err != nil || n < 0 {
					continue
				}
				index = n
			}
			recByIndex.column(index, parts[len(parts)-1], col, set)
			continue
		}
		index := 0
		if len(parts) == 3 {
			n, err := strconv.Atoi(parts[1])
			if err != nil || n < 0 {
				continue
			}
			index, parts = n, []string{parts[0], parts[2]}
		}
		switch len(parts) {
		case 1:
			switch parts[0] {
			case "identifier":
				set(&c.id, col)
			case "title":
				set(&c.title, col)
			case "description":
				set(&c.description, col)
			case "currency":
				set(&c.currency, col)
			case "amount awarded":
				set(&c.amount, col)
			case "award date":
				set(&c.awardDate, col)
			}
		case 2:
			if parts[0] == "beneficiary location" {
				byIndex.column(index, parts[1], col, set)
				continue
			}
			if index != 0 {
				continue // only the first organisation and programme are read
			}
			switch parts[0] + ":" + parts[1] {
			case "recipient org:identifier":
				set(&c.recID, col)
			case "recipient org:name":
				set(&c.recName, col)
			case "recipient ind:identifier":
				set(&c.indID, col)
			case "funding org:identifier":
				set(&c.fundID, col)
			case "funding org:name":
				set(&c.fundName, col)
			case "grant programme:title":
				set(&c.programme, col)
			}
		}
	}
	c.locations, c.recLocations = byIndex.sorted(), recByIndex.sorted()

	type need struct {
		col   int
		title string
	}
	required := []need{
		{c.id, "Identifier"}, {c.title, "Title"}, {c.description, "Description"},
		{c.currency, "Currency"}, {c.amount, "Amount Awarded"}, {c.awardDate, "Award Date"},
		{c.fundID, "Funding Org:Identifier"}, {c.fundName, "Funding Org:Name"},
	}
	if c.indID < 0 || c.recID >= 0 || c.recName >= 0 {
		required = append(required, need{c.recID, "Recipient Org:Identifier"}, need{c.recName, "Recipient Org:Name"})
	}
	for _, r := range required {
		if r.col < 0 {
			probs.addf("line 1: the required column %s is missing", quote(r.title))
		}
	}
	return c
}
