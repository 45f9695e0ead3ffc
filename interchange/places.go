package interchange

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/voicemap/voicemap/store"
)

// PlaceLookup finds a stored place by code (case-insensitive); ok false when none.
type PlaceLookup func(code string) (store.Place, bool)

// placesFormat names the place-data CSV in error messages.
const placesFormat Format = "place data CSV"

// Place-data column keys (titleKey form).
const (
	colCode       = "code"
	colName       = "name"
	colParentCode = "parent code"
	colPopulation = "population"
	colNeedIndex  = "need index"
	colNeedScale  = "need scale"
	colGeometry   = "geometry"
	groupPrefix   = "population:"
)

// placeColumnList lists the place-data columns for problems.
const placeColumnList = "code, name, parent code, population, need index, need scale, geometry and population:<group>"

// ParsePlacesCSV reads a place-data CSV file: the population and need
// (deprivation) figures of neighbourhoods, wards and towns, with their
// hierarchy. It returns the places to write, parents before their children
// (then in file order), each in the normal form of store.NormalizePlace.
//
// The first line holds the column titles, matched case-insensitively with
// the space around them (and around ":") ignored; a UTF-8 byte order mark
// is ignored. The columns:
//
//	code               required; the place's code, such as an ONS GSS code
//	                   (E05011111); unique in the file, case-insensitively
//	name               required
//	parent code        optional; the code of the enclosing place, in this
//	                   file or of a stored place; empty for a top-level place
//	population         optional; a whole number ≥ 0
//	need index         optional; a number, on the scale named by need scale
//	need scale         required when need index is set (the two columns
//	                   come together)
//	geometry           optional; the place's boundary, a GeoJSON Polygon or
//	                   MultiPolygon object as JSON text (store.NormalizeGeometry);
//	                   for many boundaries, a GeoJSON file keyed by code
//	                   (ParseBoundaries) is easier to write
//	population:<group> any number; a whole number ≥ 0 of residents in the
//	                   group (for example "population:young person"), the
//	                   group name as written after the ":", trimmed, which
//	                   is how store.NormalizePlace and people's group tags
//	                   write it
//
// Any other column is a problem; problems with the column titles end the
// reading before the rows are read. Rows whose cells are all empty are
// skipped.
// An empty cell means unknown: it sets the field to nil (a population, need
// index and scale, or that group's count, cleared).
//
// The need scale is free text; voicemap's funding analysis
// (analysis/funding) reads two kinds, compared case-insensitively, and the
// parser checks their range:
//
//	a scale containing "DECILE", e.g. IMD2019_DECILE: an Index of Multiple
//	    Deprivation decile, 1 the most deprived tenth to 10 the least; the
//	    index must be a whole number from 1 to 10
//	a scale containing "SCORE", e.g. IMD2019_SCORE: an IMD score, higher
//	    more deprived; the index must be ≥ 0
//
// Any other scale is kept as written and weighs as average need in the
// funding analysis. A need scale given without a need index is ignored, as
// a store.Place carries a scale only with its index.
//
// Rows are upserts keyed by code. lookup (which may be nil, meaning no place
// is stored) finds the stored place with the row's code: that place keeps
// its id and takes the row's values; otherwise the row makes a new place
// whose id is the code. A column the file does not have keeps the stored
// place's value (a file of code, name and population updates populations
// without moving places in the hierarchy or clearing their need figures);
// population:<group> columns replace the stored counts of their groups only.
// The parent code is resolved to a place id in this file first, then with
// lookup. A parent code that is neither, a place that is its own parent,
// and parent codes that form a cycle within the file are problems. A cycle
// that runs through stored places outside the file is found by the store's
// Import (ECONFLICT).
//
// Parsing is all or nothing: on any problem it returns no places and a
// *store.Error with code store.EINVALID whose Details list every problem (up
// to MaxProblems), each naming the line and the column:
//
//	line 7, population: "12a" is not a whole number
//
// A file larger than MaxDocumentSize is refused. An error reading r is
// returned wrapped.
func ParsePlacesCSV(r io.Reader, lookup PlaceLookup) ([]store.Place, error) {
	if lookup == nil {
		lookup = func(string) (store.Place, bool) { return store.Place{}, false }
	}
	var probs problems
	s := newSheet(r, "", &probs)
	cols := placeHeader(s)
	if !probs.empty() {
		s.done = true
	}
	var rows []placeRow
	for {
		row, line, ok := s.next()
		if !ok {
			break
		}
		rows = append(rows, cols.read(s, row, line))
	}
	if s.ioErr != nil {
		return nil, fmt.Errorf("interchange: read place data CSV: %w", s.ioErr)
	}
	if !probs.empty() {
		return nil, probs.err(placesFormat)
	}
	places := buildPlaces(s, cols, rows, lookup)
	if !probs.empty() {
		return nil, probs.err(placesFormat)
	}
	return places, nil
}

// placeColumns holds the index of each place-data column, -1 when absent.
type placeColumns struct {
	code, name, parent, population, needIndex, needScale, geometry int
	groups                                                         []groupColumn
}

// groupColumn is a population:<group> column.
type groupColumn struct {
	col   int
	group string
}

// placeHeader maps the columns of the header row, reporting unknown,
// repeated and missing columns.
func placeHeader(s *sheet) placeColumns {
	c := placeColumns{code: -1, name: -1, parent: -1, population: -1, needIndex: -1, needScale: -1, geometry: -1}
	if s.done {
		return c
	}
	seenGroup := map[string]int{}
	for i, k := range s.keys {
		if strings.HasPrefix(k, groupPrefix) {
			title := s.titles[i]
			g := strings.TrimSpace(title[strings.Index(title, ":")+1:])
			switch {
			case g == "":
				s.probs.add("line 1, %s: column %d names no group after \"population:\"", title, i+1)
			case len(g) > store.MaxTagLen || !utf8.ValidString(g):
				s.probs.add("line 1, column %d: group %.40q is longer than %d bytes or not UTF-8", i+1, g, store.MaxTagLen)
			default:
				if prev, dup := seenGroup[g]; dup {
					s.probs.add("line 1, %s: group %q is already given by column %d", title, g, prev+1)
					continue
				}
				seenGroup[g] = i
				c.groups = append(c.groups, groupColumn{col: i, group: g})
			}
			continue
		}
		switch k {
		case colCode, colName, colParentCode, colPopulation, colNeedIndex, colNeedScale, colGeometry:
		default:
			s.probs.add("line 1: unknown column %q (column %d); the columns read are %s", s.titles[i], i+1, placeColumnList)
		}
	}
	if len(c.groups) > store.MaxTags {
		s.probs.add("line 1: %d population:<group> columns, more than the limit of %d", len(c.groups), store.MaxTags)
	}
	c.code = s.column(colCode)
	c.name = s.column(colName)
	c.parent = s.column(colParentCode)
	c.population = s.column(colPopulation)
	c.needIndex = s.column(colNeedIndex)
	c.needScale = s.column(colNeedScale)
	c.geometry = s.column(colGeometry)
	for _, req := range []struct {
		col   int
		title string
	}{{c.code, colCode}, {c.name, colName}} {
		if req.col < 0 {
			s.probs.add("line 1: required column %q is missing; the columns read are %s", req.title, placeColumnList)
		}
	}
	if (c.needIndex < 0) != (c.needScale < 0) {
		s.probs.add("line 1: columns %q and %q come together; the file has only one of them", colNeedIndex, colNeedScale)
	}
	return c
}

// placeRow is one row of the file, checked field by field.
type placeRow struct {
	line               int
	code, name, parent string
	population         *int
	needIndex          *float64
	needScale          string
	geometry           string
	// groups holds the count of each population:<group> column, nil for an
	// empty cell.
	groups []*int
}

// read checks the cells of one row.
func (c placeColumns) read(s *sheet, row []string, line int) placeRow {
	p := placeRow{line: line, code: cellAt(row, c.code), name: cellAt(row, c.name), parent: cellAt(row, c.parent)}
	if p.code == "" {
		s.probs.add("%s: a code is required", s.where(line, c.code))
	} else if err := store.ValidID("code", p.code); err != nil {
		s.probs.add("%s: %s", s.where(line, c.code), message(err))
	}
	if p.name == "" {
		s.probs.add("%s: a name is required", s.where(line, c.name))
	}
	p.population = wholeCell(s, row, line, c.population)
	if c.needIndex >= 0 {
		p.needScale = cellAt(row, c.needScale)
		if text := cellAt(row, c.needIndex); text != "" {
			v, err := strconv.ParseFloat(text, 64)
			switch {
			case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
				s.probs.add("%s: %q is not a number", s.where(line, c.needIndex), text)
			case p.needScale == "":
				s.probs.add("%s: a need scale is required when need index is set (for example IMD2019_DECILE)", s.where(line, c.needScale))
			default:
				if msg := checkNeed(v, p.needScale); msg != "" {
					s.probs.add("%s: %s", s.where(line, c.needIndex), msg)
				}
				p.needIndex = &v
			}
		}
		if p.needIndex == nil {
			p.needScale = ""
		}
	}
	if text := cellAt(row, c.geometry); text != "" {
		g, err := store.NormalizeGeometry(text)
		if err != nil {
			s.probs.add("%s: %s", s.where(line, c.geometry), message(err))
		}
		p.geometry = g
	}
	for _, g := range c.groups {
		p.groups = append(p.groups, wholeCell(s, row, line, g.col))
	}
	return p
}

// checkNeed checks a need index against the range of its scale, as the
// funding analysis reads it; "" when it is in range.
func checkNeed(v float64, scale string) string {
	k := strings.ToUpper(scale)
	switch {
	case strings.Contains(k, "DECILE"):
		if v != math.Trunc(v) || v < 1 || v > 10 {
			return fmt.Sprintf("%v is not a decile (a whole number from 1 to 10) on scale %q", v, scale)
		}
	case strings.Contains(k, "SCORE"):
		if v < 0 {
			return fmt.Sprintf("%v is not a score (≥ 0) on scale %q", v, scale)
		}
	}
	return ""
}

// wholeCell reads a count: a whole number ≥ 0, nil for an empty cell or
// an absent column.
func wholeCell(s *sheet, row []string, line, col int) *int {
	text := cellAt(row, col)
	if text == "" {
		return nil
	}
	n, err := strconv.Atoi(text)
	switch {
	case err != nil:
		s.probs.add("%s: %q is not a whole number", s.where(line, col), text)
		return nil
	case n < 0:
		s.probs.add("%s: %d must not be negative", s.where(line, col), n)
		return nil
	}
	return &n
}

// buildPlaces turns checked rows into places: it finds stored places by
// code, resolves parent codes, refuses cycles and orders parents first.
func buildPlaces(s *sheet, c placeColumns, rows []placeRow, lookup PlaceLookup) []store.Place {
	byCode := make(map[string]int, len(rows)) // lower-case code → row index
	for i, r := range rows {
		k := strings.ToLower(r.code)
		if j, dup := byCode[k]; dup {
			s.probs.add("%s: code %q is already used on line %d", s.where(r.line, c.code), r.code, rows[j].line)
			continue
		}
		byCode[k] = i
	}
	if !s.probs.empty() {
		return nil
	}
	places := make([]store.Place, len(rows))
	byID := make(map[string]int, len(rows)) // place id → row index
	for i, r := range rows {
		p, stored := lookup(r.code)
		if !stored {
			p = store.Place{ID: r.code}
		}
		p.Name, p.Code = r.name, r.code
		if c.population >= 0 {
			p.Population = r.population
		}
		if c.needIndex >= 0 {
			p.NeedIndex, p.NeedScale = r.needIndex, r.needScale
		}
		if c.geometry >= 0 {
			p.Geometry = r.geometry
		}
		if len(c.groups) > 0 {
			m := maps.Clone(p.PopulationByGroup)
			if m == nil {
				m = map[string]int{}
			}
			for j, g := range c.groups {
				if n := r.groups[j]; n != nil {
					m[g.group] = *n
				} else {
					delete(m, g.group)
				}
			}
			p.PopulationByGroup = m
		}
		if j, dup := byID[p.ID]; dup {
			s.probs.add("%s: code %q gives place id %q, which line %d also gives", s.where(r.line, c.code), r.code, p.ID, rows[j].line)
		}
		byID[p.ID] = i
		places[i] = p
	}
	if c.parent >= 0 {
		for i, r := range rows {
			places[i].ParentID = ""
			if r.parent == "" {
				continue
			}
			if j, ok := byCode[strings.ToLower(r.parent)]; ok {
				if j == i {
					s.probs.add("%s: %q is the place's own code; a place cannot be its own parent", s.where(r.line, c.parent), r.parent)
					continue
				}
				places[i].ParentID = places[j].ID
			} else if parent, ok := lookup(r.parent); ok {
				places[i].ParentID = parent.ID
			} else {
				s.probs.add("%s: %q is not the code of a place in this file or of a stored place", s.where(r.line, c.parent), r.parent)
			}
		}
	}
	if !s.probs.empty() {
		return nil
	}
	depth, ok := placeDepths(s, c, rows, places, byID)
	if !ok {
		return nil
	}
	for i := range places {
		p, err := store.NormalizePlace(places[i])
		if err != nil {
			s.probs.add("line %d: %s", rows[i].line, message(err))
		}
		places[i] = p
	}
	order := make([]int, len(places))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return depth[a] - depth[b] })
	out := make([]store.Place, len(places))
	for k, i := range order {
		out[k] = places[i]
	}
	return out
}

// placeDepths returns each row's depth in the hierarchy formed by the
// file's places (0 for a place whose parent is not in the file). Parent
// codes that form a cycle are a problem, reported once per cycle at its
// first line in the file; ok is then false.
func placeDepths(s *sheet, c placeColumns, rows []placeRow, places []store.Place, byID map[string]int) (depth []int, ok bool) {
	parent := make([]int, len(places)) // row index of the parent, -1 outside the file
	for i, p := range places {
		parent[i] = -1
		if j, in := byID[p.ParentID]; in && p.ParentID != "" {
			parent[i] = j
		}
	}
	const (
		unvisited = iota
		onPath
		finished
	)
	state := make([]int, len(places))
	ok = true
	for start := range places {
		var path []int
		i := start
		for i >= 0 && state[i] == unvisited {
			state[i] = onPath
			path = append(path, i)
			i = parent[i]
		}
		if i >= 0 && state[i] == onPath {
			cycle := path[slices.Index(path, i):]
			first := slices.Min(cycle)
			k := slices.Index(cycle, first)
			codes := make([]string, 0, len(cycle)+1)
			for n := range len(cycle) + 1 {
				codes = append(codes, rows[cycle[(k+n)%len(cycle)]].code)
			}
			where := fmt.Sprintf("line %d", rows[first].line)
			if c.parent >= 0 {
				where = s.where(rows[first].line, c.parent)
			}
			s.probs.add("%s: %q makes a cycle of parent codes: %s", where, rows[first].parent, strings.Join(codes, " → "))
			ok = false
		}
		for _, j := range path {
			state[j] = finished
		}
	}
	if !ok {
		return nil, false
	}
	depth = make([]int, len(places))
	known := make([]bool, len(places))
	for start := range places {
		var path []int
		i := start
		for i >= 0 && !known[i] {
			path = append(path, i)
			i = parent[i]
		}
		d := 0
		if i >= 0 {
			d = depth[i] + 1
		}
		for n := len(path) - 1; n >= 0; n-- {
			depth[path[n]], known[path[n]] = d, true
			d++
		}
	}
	return depth, true
}
