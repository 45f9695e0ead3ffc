package ukgeo

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/areas.csv.gz data/codes.csv.gz data/topo.json.gz
var files embed.FS

// Kind is the level of an area in the hierarchy.
type Kind string

// The kinds of area, from the top.
const (
	UK       Kind = "uk"
	Country  Kind = "country"
	Region   Kind = "region"
	County   Kind = "county"
	District Kind = "district"
)

// Area is one current statistical area of the UK.
type Area struct {
	// Code is the area's ONS GSS code, e.g. "E09000022".
	Code string
	Name string
	Kind Kind
	// Parent is the code of the enclosing area; "" for the UK.
	Parent string
	// Population is the mid-PopulationYear estimate: for a district the
	// sum of its small areas' estimates, for a larger area the sum of its
	// districts'.
	Population     int
	PopulationYear int
	// NeedIndex is the district's deprivation on the scale NeedScale (see
	// the package documentation); nil above district level.
	NeedIndex *float64
	NeedScale string
	// NeedRank ranks the districts of one scale, 1 the most deprived;
	// NeedDecile is the tenth of that ranking it falls in, 1 the most
	// deprived. Both 0 above district level.
	NeedRank, NeedDecile int
	// Aliases are other names the area goes by (council names, common
	// labels such as "UK Wide" or "Greater London").
	Aliases []string
}

// Match is what a code stands for: the current areas it names (one for a
// current area or a small area, several for a county abolished and split)
// and the kind of code it is ("district", "retired district", "LSOA 2011",
// "ward", ...).
type Match struct {
	Areas []string
	Kind  string
}

// Geography is the built-in reference geography: read-only, safe for
// concurrent use.
type Geography struct {
	areas map[string]*Area
	order []string            // area codes, parents before children
	codes map[string]Match    // upper-case other code → match
	names map[string][]string // folded name or alias → area codes
	kids  map[string][]string
	topo  *topology
}

var (
	loadOnce sync.Once
	loaded   *Geography
	loadErr  error
)

// Load returns the geography, reading the embedded data on first use.
func Load() (*Geography, error) {
	loadOnce.Do(func() { loaded, loadErr = load() })
	return loaded, loadErr
}

func gunzip(name string) ([]byte, error) {
	raw, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("ukgeo: %s: %w", name, err)
	}
	return io.ReadAll(zr)
}

func readCSV(name string) ([][]string, error) {
	data, err := gunzip(name)
	if err != nil {
		return nil, err
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(recs) == 0 {
		return nil, fmt.Errorf("ukgeo: %s: %v", name, err)
	}
	return recs[1:], nil
}

func load() (*Geography, error) {
	g := &Geography{areas: map[string]*Area{}, codes: map[string]Match{}, names: map[string][]string{}, kids: map[string][]string{}}
	recs, err := readCSV("data/areas.csv.gz")
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if len(r) != 11 {
			return nil, fmt.Errorf("ukgeo: areas: row of %d fields", len(r))
		}
		a := &Area{Code: r[0], Name: r[1], Kind: Kind(r[2]), Parent: r[3], NeedScale: r[7]}
		a.Population, _ = strconv.Atoi(r[4])
		a.PopulationYear, _ = strconv.Atoi(r[5])
		if r[6] != "" {
			v, err := strconv.ParseFloat(r[6], 64)
			if err != nil {
				return nil, fmt.Errorf("ukgeo: area %s need %q: %v", a.Code, r[6], err)
			}
			a.NeedIndex = &v
		}
		a.NeedRank, _ = strconv.Atoi(r[8])
		a.NeedDecile, _ = strconv.Atoi(r[9])
		if r[10] != "" {
			a.Aliases = strings.Split(r[10], "|")
		}
		g.areas[a.Code] = a
		g.order = append(g.order, a.Code)
		if a.Parent != "" {
			g.kids[a.Parent] = append(g.kids[a.Parent], a.Code)
		}
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			k := Fold(n)
			if !slices.Contains(g.names[k], a.Code) {
				g.names[k] = append(g.names[k], a.Code)
			}
		}
	}
	recs, err = readCSV("data/codes.csv.gz")
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if len(r) != 3 {
			return nil, fmt.Errorf("ukgeo: codes: row of %d fields", len(r))
		}
		code := strings.ToUpper(r[0])
		m := g.codes[code]
		if m.Kind == "" {
			m.Kind = r[1]
		} else if !strings.Contains(m.Kind, r[1]) {
			m.Kind += " or " + r[1] // an LSOA code unchanged from 2011 to 2021
		}
		for _, d := range strings.Split(r[2], "|") {
			if _, ok := g.areas[d]; !ok {
				return nil, fmt.Errorf("ukgeo: code %s names unknown area %s", r[0], d)
			}
			if !slices.Contains(m.Areas, d) {
				m.Areas = append(m.Areas, d)
			}
		}
		g.codes[code] = m
	}
	topo, err := gunzip("data/topo.json.gz")
	if err != nil {
		return nil, err
	}
	if g.topo, err = parseTopology(topo); err != nil {
		return nil, err
	}
	return g, nil
}

// Fold is the form in which names are compared: lower case, every run of
// characters other than letters and digits one space, "&" read as "and",
// trimmed. "UK - Wide" and "uk wide" fold alike.
func Fold(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

// Area returns the current area with a code (any case).
func (g *Geography) Area(code string) (Area, bool) {
	a, ok := g.areas[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Area{}, false
	}
	return *a, true
}

// Areas returns every area, parents before children, by code within a
// level.
func (g *Geography) Areas() []Area {
	out := make([]Area, len(g.order))
	for i, c := range g.order {
		out[i] = *g.areas[c]
	}
	return out
}

// Resolve returns the current areas a code names: a current area's own
// code gives that area; a code retired since 2011 gives its successors; a
// small area (LSOA 2011 or 2021, Data Zone, NI Super Output Area, MSOA,
// Intermediate Zone) or a ward since 2015 gives its district. ok is false
// for a code the geography does not know.
func (g *Geography) Resolve(code string) (Match, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if a, ok := g.areas[code]; ok {
		return Match{Areas: []string{code}, Kind: string(a.Kind)}, true
	}
	m, ok := g.codes[code]
	if !ok {
		return Match{}, false
	}
	return Match{Areas: slices.Clone(m.Areas), Kind: m.Kind}, true
}

// Named returns the codes of the areas whose name or an alias folds to the
// same text as name (see Fold), sorted; several when the name is shared.
func (g *Geography) Named(name string) []string {
	out := slices.Clone(g.names[Fold(name)])
	slices.Sort(out)
	return out
}

// Select returns the areas whose codes are given, with all their ancestors
// and all their descendants, parents before children: selecting a region
// gives the UK, its country, the region, its counties and its districts.
// Unknown codes are an error naming them.
func (g *Geography) Select(codes ...string) ([]Area, error) {
	keep := map[string]bool{}
	var unknown []string
	var down func(string)
	down = func(c string) {
		keep[c] = true
		for _, k := range g.kids[c] {
			down(k)
		}
	}
	for _, c := range codes {
		c = strings.ToUpper(strings.TrimSpace(c))
		a, ok := g.areas[c]
		if !ok {
			unknown = append(unknown, c)
			continue
		}
		down(c)
		for p := a.Parent; p != ""; p = g.areas[p].Parent {
			keep[p] = true
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("ukgeo: no current area has code %s", strings.Join(unknown, ", "))
	}
	var out []Area
	for _, c := range g.order {
		if keep[c] {
			out = append(out, *g.areas[c])
		}
	}
	return out, nil
}

// Geometry returns an area's boundary as GeoJSON text (a Polygon or
// MultiPolygon in WGS84), or "" when it has none.
func (g *Geography) Geometry(code string) string {
	return g.topo.geometry(strings.ToUpper(code))
}

// smallAreaName matches the name of an LSOA or MSOA: its district's name
// (of 2011 or 2021) and a number, with a letter for an LSOA.
var smallAreaName = regexp.MustCompile(`^(.+?)\s+(\d{3})([A-Za-z])?$`)

// SmallAreaDistrict returns the current district that an LSOA or MSOA
// name ("Oxford 008A", "Aylesbury Vale 001A", "Cherwell 019") lies in: the
// one district whose name or alias (including the names of districts
// retired since 2011) is the name's first part. ok is false for anything
// else.
func (g *Geography) SmallAreaDistrict(name string) (string, bool) {
	m := smallAreaName.FindStringSubmatch(strings.TrimSpace(name))
	if m == nil {
		return "", false
	}
	var found []string
	for _, c := range g.names[Fold(m[1])] {
		if g.areas[c].Kind == District {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		return "", false
	}
	return found[0], true
}
