package interchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// boundariesFormat names the boundaries file in error messages.
const boundariesFormat Format = "GeoJSON boundaries"

// onsCodeProperty matches the year-stamped code properties of ONS
// boundary files: LAD23CD, LSOA21CD, RGN22CD, CTRY24CD, WD23CD.
var onsCodeProperty = regexp.MustCompile(`^[A-Za-z]+[0-9]{2}CD$`)

// ParseBoundaries reads a GeoJSON FeatureCollection (RFC 7946) of place
// boundaries keyed by code, such as the ONS Open Geography Portal's
// boundary files, and returns the stored places it gives a boundary: each
// place as lookup returns it, with Geometry set to its feature's geometry
// in the canonical form of store.NormalizeGeometry. Nothing else of a
// place changes; places not in the file keep their boundaries.
//
// A feature's code is its property codeProperty. With codeProperty "", it
// is the property "code" (any case), else the one property named like an
// ONS code column (letters, two digits, "CD": LAD23CD, LSOA21CD) whose
// value differs in every feature, else the feature's "id"; a file where
// none of these tells the code is refused with the candidates, so that the
// caller can name one.
//
// Each feature's geometry must be a Polygon or MultiPolygon in WGS84
// (store.NormalizeGeometry says what else). Problems, each naming the
// feature by index and code, refuse the file whole: a feature without a
// code or geometry, a code given twice, a code that is no stored place's
// (import the places first: place data, or voicemap places load-uk), an
// invalid geometry. The document is read whole, at most MaxDocumentSize
// bytes. An error reading r is returned wrapped.
func ParseBoundaries(r io.Reader, lookup PlaceLookup, codeProperty string) ([]store.Place, error) {
	if lookup == nil {
		lookup = func(string) (store.Place, bool) { return store.Place{}, false }
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return nil, fmt.Errorf("interchange: read %s: %w", boundariesFormat, err)
	}
	var probs problems
	if len(data) > MaxDocumentSize {
		probs.add("the file is larger than the limit of %d bytes", MaxDocumentSize)
		return nil, probs.err(boundariesFormat)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			ID         json.RawMessage            `json:"id"`
			Properties map[string]json.RawMessage `json:"properties"`
			Geometry   json.RawMessage            `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &fc); err != nil {
		probs.add("not a GeoJSON FeatureCollection: %s", jsonError(err))
		return nil, probs.err(boundariesFormat)
	}
	if fc.Type != "FeatureCollection" {
		probs.add(`not a GeoJSON FeatureCollection: "type" is %q; the file must be {"type": "FeatureCollection", "features": [...]}`, fc.Type)
		return nil, probs.err(boundariesFormat)
	}
	key, idCodes := codeProperty, false
	if key == "" && len(fc.Features) > 0 {
		props := make([]map[string]json.RawMessage, len(fc.Features))
		ids := make([]json.RawMessage, len(fc.Features))
		for i, f := range fc.Features {
			props[i], ids[i] = f.Properties, f.ID
		}
		var candidates []string
		key, idCodes, candidates = detectCodeProperty(props, ids)
		if key == "" && !idCodes {
			probs.add("cannot tell which property holds the place code: no property is \"code\" or one named like LAD23CD with a distinct value in every feature, and the features have no distinct ids (candidates: %s); name it (voicemap import -code-property NAME)", strings.Join(candidates, ", "))
			return nil, probs.err(boundariesFormat)
		}
	}
	out := make([]store.Place, 0, len(fc.Features))
	seen := map[string]int{}
	for i, f := range fc.Features {
		raw := f.ID
		if !idCodes {
			raw = f.Properties[key]
		}
		code := jsonText(raw)
		at := fmt.Sprintf("features[%d]", i)
		if code == "" {
			name := key
			if idCodes {
				name = "id"
			}
			probs.add("%s: no code in %q", at, name)
			continue
		}
		at += fmt.Sprintf(" (%s)", code)
		lc := strings.ToLower(code)
		if j, dup := seen[lc]; dup {
			probs.add("%s: code %q is already given by features[%d]", at, code, j)
			continue
		}
		seen[lc] = i
		p, ok := lookup(code)
		if !ok {
			probs.add("%s: no stored place has code %q; import the places first (place data, or voicemap places load-uk)", at, code)
			continue
		}
		if len(f.Geometry) == 0 || string(f.Geometry) == "null" {
			probs.add("%s: the feature has no geometry", at)
			continue
		}
		g, err := store.NormalizeGeometry(string(f.Geometry))
		if err != nil {
			probs.add("%s: %s", at, message(err))
			continue
		}
		p.Geometry = g
		out = append(out, p)
	}
	if !probs.empty() {
		return nil, probs.err(boundariesFormat)
	}
	return out, nil
}

// detectCodeProperty finds the property that holds the features' codes:
// "code" (any case) if the first feature has it, else, among the first
// feature's properties named like an ONS code column, the only one whose
// value is set and distinct in every feature (a ward file's WD25CD, not
// the LAD25CD all its wards share); else the features' ids, when every
// feature has a distinct one (idCodes). It returns the candidates it
// weighed, sorted, for a message when it finds none.
func detectCodeProperty(props []map[string]json.RawMessage, ids []json.RawMessage) (key string, idCodes bool, candidates []string) {
	for k := range props[0] {
		if strings.EqualFold(k, "code") {
			return k, false, nil
		}
		if onsCodeProperty.MatchString(k) {
			candidates = append(candidates, k)
		}
	}
	slices.Sort(candidates)
	distinct := func(value func(i int) string) bool {
		seen := make(map[string]bool, len(props))
		for i := range props {
			v := strings.ToLower(value(i))
			if v == "" || seen[v] {
				return false
			}
			seen[v] = true
		}
		return true
	}
	var found []string
	for _, k := range candidates {
		if distinct(func(i int) string { return jsonText(props[i][k]) }) {
			found = append(found, k)
		}
	}
	if len(found) == 1 {
		return found[0], false, candidates
	}
	if len(found) == 0 && distinct(func(i int) string { return jsonText(ids[i]) }) {
		return "", true, candidates
	}
	return "", false, candidates
}

// jsonText is a JSON string's or number's text, trimmed; "" for anything
// else.
func jsonText(raw json.RawMessage) string {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String()
	}
	return ""
}

// jsonError describes a JSON decoding error by its position, without the
// input.
func jsonError(err error) string {
	switch e := err.(type) {
	case *json.SyntaxError:
		return fmt.Sprintf("invalid JSON at byte %d", e.Offset)
	case *json.UnmarshalTypeError:
		return fmt.Sprintf("%s holds a JSON %s (byte %d)", e.Field, e.Value, e.Offset)
	}
	return "invalid JSON"
}
