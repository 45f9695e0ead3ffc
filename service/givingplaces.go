package service

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/store"
)

// maxSlugLen bounds the slug of a place id made from a location's name.
const maxSlugLen = 200

// placeIndex finds the place of a 360Giving beneficiary location among the
// places stored and those created earlier in the same file.
type placeIndex struct {
	byCode map[string]string   // lower-case code → place id
	byName map[string][]string // lower-case name → place ids (at most two kept)
	ids    map[string]struct{} // every place id, stored or created
	// created are the places the file creates, in the order first met,
	// and origin the row and field where each was first met.
	created []store.Place
	origin  map[string]string
}

// newPlaceIndex indexes the stored places by code and by name.
func newPlaceIndex(stored []store.Place) *placeIndex {
	x := &placeIndex{byCode: map[string]string{}, byName: map[string][]string{}, ids: map[string]struct{}{}, origin: map[string]string{}}
	for _, p := range stored {
		x.index(p)
	}
	return x
}

func (x *placeIndex) index(p store.Place) {
	x.ids[p.ID] = struct{}{}
	if p.Code != "" {
		code := strings.ToLower(p.Code)
		// Two stored places with one code: the first by id wins.
		if _, dup := x.byCode[code]; !dup {
			x.byCode[code] = p.ID
		}
	}
	name := strings.ToLower(strings.TrimSpace(p.Name))
	if ids := x.byName[name]; len(ids) < 2 {
		x.byName[name] = append(ids, p.ID)
	}
}

func (x *placeIndex) has(id string) bool {
	_, ok := x.ids[id]
	return ok
}

// locate returns the id of the place of loc, creating it when no place
// matches, or a problem message. A location with a geographic code matches
// the place with that code; one with only a name matches the only place of
// that name. Otherwise the place is the one whose id is the code (or
// "place-" and the slug of the name), created when there is none.
func (x *placeIndex) locate(loc giving.Location) (id string, created bool, problem string) {
	if loc.GeoCode != "" {
		if id, ok := x.byCode[strings.ToLower(loc.GeoCode)]; ok {
			return id, false, ""
		}
		id = loc.GeoCode
		if err := store.ValidID("place id", id); err != nil {
			return "", false, fmt.Sprintf("geographic code %q cannot be a place id: %s", loc.GeoCode, store.ErrorMessage(err))
		}
	} else {
		if ids := x.byName[strings.ToLower(loc.Name)]; len(ids) == 1 {
			return ids[0], false, ""
		}
		slug := slugify(loc.Name)
		if slug == "" {
			return "", false, fmt.Sprintf("location %q has no letter or digit to make a place id from", loc.Name)
		}
		id = "place-" + slug
	}
	if x.has(id) {
		// A place with that id exists (stored without the code, or named
		// by an ambiguous name): use it rather than overwrite it.
		return id, false, ""
	}
	name := loc.Name
	if name == "" {
		name = loc.GeoCode
	}
	p := store.Place{ID: id, Name: name, Code: loc.GeoCode}
	x.created = append(x.created, p)
	x.index(p)
	return id, true, ""
}

// label describes a created place in a problem message.
func (x *placeIndex) label(p store.Place) string {
	if p.Code != "" {
		return fmt.Sprintf("location %q (%s)", p.Name, p.Code)
	}
	return fmt.Sprintf("location %q", p.Name)
}

// slugify lower-cases s and joins its runs of letters and digits with
// hyphens, keeping at most maxSlugLen bytes: "St. Mary's Ward" is
// "st-mary-s-ward".
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			hyphen = b.Len() > 0
			continue
		}
		if b.Len()+1+utf8.RuneLen(r) > maxSlugLen {
			break
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
