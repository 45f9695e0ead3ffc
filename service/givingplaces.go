package service

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/ukgeo"
)

// placeIndex finds the stored places of 360Giving locations: by code, by
// the built-in UK geography's mapping of other codes (codes retired since
// 2011 to their successors, neighbourhood and ward codes to their
// district), and by name or alias. It never creates a place.
type placeIndex struct {
	byCode map[string]string   // lower-case code → place id (the first by id when shared)
	byName map[string][]string // folded name → place ids (at most two kept)
	ids    map[string]struct{}
	geo    *ukgeo.Geography
}

// newPlaceIndex indexes the stored places by code and by folded name.
func newPlaceIndex(stored []store.Place, geo *ukgeo.Geography) *placeIndex {
	x := &placeIndex{byCode: map[string]string{}, byName: map[string][]string{}, ids: map[string]struct{}{}, geo: geo}
	for _, p := range stored {
		x.ids[p.ID] = struct{}{}
		if p.Code != "" {
			code := strings.ToLower(p.Code)
			if _, dup := x.byCode[code]; !dup {
				x.byCode[code] = p.ID
			}
		}
		name := ukgeo.Fold(p.Name)
		if ids := x.byName[name]; len(ids) < 2 {
			x.byName[name] = append(ids, p.ID)
		}
	}
	return x
}

func (x *placeIndex) has(id string) bool {
	_, ok := x.ids[id]
	return ok
}

// How a location was matched.
const (
	matchCode  = "code"          // a stored place has the code
	matchGeo   = "built-in code" // the code names loaded areas (a successor, or the district of a small area or ward)
	matchName  = "name"          // a stored place has the name
	matchAlias = "built-in name" // the name or alias of a loaded area
	matchNone  = "unmatched"     // none of these
	maxLabel   = store.MaxTagLen // the longest location label kept on a grant
	noteLoadUK = "voicemap places load-uk"
)

// locate returns the stored places of loc and how they were found, or,
// when none matches, matchNone with a hint saying what would match it.
// A code is tried first: the stored place with that code; else, in the
// built-in geography, the current areas it names (several when a county
// was split), when every one of them is stored. Then the name: the only
// stored place of that name (compared as ukgeo.Fold does), else the one
// built-in area with that name or alias, when stored.
func (x *placeIndex) locate(loc giving.Location) (ids []string, how, hint string) {
	if loc.GeoCode != "" {
		if id, ok := x.byCode[strings.ToLower(loc.GeoCode)]; ok {
			return []string{id}, matchCode, ""
		}
		if m, ok := x.geo.Resolve(loc.GeoCode); ok {
			if ids, missing := x.stored(m.Areas); len(missing) == 0 {
				return ids, matchGeo, ""
			} else if len(m.Areas) == 1 && strings.EqualFold(m.Areas[0], loc.GeoCode) {
				hint = fmt.Sprintf("%s is not loaded (%s -area %s)", x.describe(missing), noteLoadUK, missing[0])
			} else {
				hint = fmt.Sprintf("%s %s lies in %s, not loaded (%s -area %s)", m.Kind, strings.ToUpper(loc.GeoCode), x.describe(missing), noteLoadUK, missing[0])
			}
		}
	}
	// A small area written by name ("Oxford 008A", as some publishers
	// write LSOAs) lies in the district its name begins with.
	for _, s := range []string{loc.GeoCode, loc.Name} {
		if d, ok := x.geo.SmallAreaDistrict(s); ok {
			if ids, missing := x.stored([]string{d}); len(missing) == 0 {
				return ids, matchGeo, ""
			} else if hint == "" {
				hint = fmt.Sprintf("%q lies in %s, not loaded (%s -area %s)", s, x.describe(missing), noteLoadUK, d)
			}
		}
	}
	if loc.Name != "" {
		if ids := x.byName[ukgeo.Fold(loc.Name)]; len(ids) == 1 {
			return ids, matchName, ""
		}
		if areas := x.geo.Named(loc.Name); len(areas) == 1 {
			if ids, missing := x.stored(areas); len(missing) == 0 {
				return ids, matchAlias, ""
			} else if hint == "" {
				hint = fmt.Sprintf("%q is %s, not loaded (%s -area %s)", loc.Name, x.describe(missing), noteLoadUK, missing[0])
			}
		} else if len(areas) > 1 && hint == "" {
			hint = fmt.Sprintf("%q names %d areas (%s); give a code", loc.Name, len(areas), strings.Join(areas, ", "))
		}
	}
	return nil, matchNone, hint
}

// stored returns the place ids of the stored areas with the given codes,
// and the codes not stored.
func (x *placeIndex) stored(codes []string) (ids, missing []string) {
	for _, c := range codes {
		if id, ok := x.byCode[strings.ToLower(c)]; ok {
			ids = append(ids, id)
		} else {
			missing = append(missing, c)
		}
	}
	return ids, missing
}

// describe names built-in areas for a hint: "Buckinghamshire (E06000060)".
func (x *placeIndex) describe(codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		a, _ := x.geo.Area(c)
		out[i] = fmt.Sprintf("%s (%s)", a.Name, c)
	}
	return strings.Join(out, " and ")
}

// locationLabel names a location as a file wrote it: "Name (CODE)",
// "Name" or "CODE", shortened to maxLabel bytes.
func locationLabel(loc giving.Location) string {
	s := loc.Name
	switch {
	case loc.Name == "":
		s = loc.GeoCode
	case loc.GeoCode != "":
		s = loc.Name + " (" + loc.GeoCode + ")"
	}
	if len(s) > maxLabel {
		cut := maxLabel - len("...")
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

// unmatchedTally counts the grants and money of each unmatched location.
type unmatchedTally struct {
	byLabel map[string]*UnmatchedLocation
}

// add records a grant's unmatched location, with the share of the grant's
// amount it carries.
func (u *unmatchedTally) add(label, hint, currency string, share int64) {
	if u.byLabel == nil {
		u.byLabel = map[string]*UnmatchedLocation{}
	}
	l := u.byLabel[label]
	if l == nil {
		l = &UnmatchedLocation{Location: label, Hint: hint}
		u.byLabel[label] = l
	}
	l.Grants++
	l.Amounts = addMoney(l.Amounts, currency, share)
}

// list returns the unmatched locations, the most money first (in the
// first currency), then by label.
func (u *unmatchedTally) list() []UnmatchedLocation {
	out := make([]UnmatchedLocation, 0, len(u.byLabel))
	for _, l := range u.byLabel {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b UnmatchedLocation) int {
		if d := compareMoney(b.Amounts, a.Amounts); d != 0 {
			return d
		}
		return strings.Compare(a.Location, b.Location)
	})
	return out
}

// Sum is an exact sum in minor units of one currency.
type Sum struct {
	Currency string
	Minor    int64
}

// addMoney adds minor units of currency to a list of sums kept sorted by
// currency.
func addMoney(sums []Sum, currency string, minor int64) []Sum {
	i, found := slices.BinarySearchFunc(sums, currency, func(m Sum, c string) int { return strings.Compare(m.Currency, c) })
	if found {
		sums[i].Minor += minor
		return sums
	}
	return slices.Insert(sums, i, Sum{Currency: currency, Minor: minor})
}

// compareMoney orders sums by their GBP amount, then by their first.
func compareMoney(a, b []Sum) int {
	get := func(s []Sum) int64 {
		for _, m := range s {
			if m.Currency == "GBP" {
				return m.Minor
			}
		}
		if len(s) > 0 {
			return s[0].Minor
		}
		return 0
	}
	return cmp.Compare(get(a), get(b))
}

// Shares splits amount minor units into n shares that differ by at most
// one unit and add up to it exactly: the first amount mod n shares get one
// more (largest remainder with equal fractions).
func Shares(amount int64, n int) []int64 {
	if n <= 0 {
		return nil
	}
	out := make([]int64, n)
	q, r := amount/int64(n), amount%int64(n)
	for i := range out {
		out[i] = q
		if int64(i) < r {
			out[i]++
		}
	}
	return out
}
