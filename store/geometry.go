package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Limits on a place's geometry, shared by every backend: the JSON text and
// the number of positions. A generalised district boundary (20 m, as the
// ONS publishes for maps) has a few thousand positions.
const (
	MaxGeometryLen       = 2 << 20
	MaxGeometryPositions = 100_000
)

// NormalizeGeometry validates a place's boundary, a GeoJSON geometry object
// (RFC 7946) as JSON text, and returns its canonical text; "" (or only
// space) is no geometry and gives "".
//
// The geometry must be a Polygon or a MultiPolygon in WGS84 longitude and
// latitude (RFC 7946 §4): every position is [longitude, latitude] with
// longitude in [-180, 180] and latitude in [-90, 90] (an optional third
// number, the altitude, is dropped); every linear ring has at least four
// positions, its first and last equal, and encloses some area. The text is
// at most MaxGeometryLen bytes with at most MaxGeometryPositions positions.
//
// The canonical text is {"type":...,"coordinates":...} alone (a bbox and
// foreign members are dropped), positions rounded to 1e-9 degrees and
// written in their shortest decimal form, and rings wound as RFC 7946 §3.1.6 asks: exterior rings
// counterclockwise, holes clockwise (a planar signed area in longitude and
// latitude decides). The same shape therefore always gives the same text.
// Problems are EINVALID, the message saying what to change.
func NormalizeGeometry(text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", nil
	}
	if len(text) > MaxGeometryLen {
		return "", Errorf(EINVALID, "geometry is longer than %d bytes: simplify the boundary (a generalised boundary for maps needs far less)", MaxGeometryLen)
	}
	var g struct {
		Type        *string         `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	dec := json.NewDecoder(strings.NewReader(text))
	if err := dec.Decode(&g); err != nil {
		return "", Errorf(EINVALID, "geometry is not a GeoJSON geometry object: %s", jsonProblem(err))
	}
	if dec.More() {
		return "", Errorf(EINVALID, "geometry has text after the GeoJSON object")
	}
	if g.Type == nil {
		return "", Errorf(EINVALID, `geometry has no "type": write a GeoJSON Polygon or MultiPolygon, e.g. {"type":"Polygon","coordinates":[[[lon,lat],...]]}`)
	}
	var c geomChecker
	var out bytes.Buffer
	switch *g.Type {
	case "Polygon":
		var rings [][][]float64
		if err := decodeCoords(g.Coordinates, &rings, "an array of linear rings"); err != nil {
			return "", err
		}
		c.polygon(rings, "")
		if c.err != nil {
			return "", c.err
		}
		out.WriteString(`{"type":"Polygon","coordinates":`)
		writePolygon(&out, rings)
	case "MultiPolygon":
		var polys [][][][]float64
		if err := decodeCoords(g.Coordinates, &polys, "an array of polygons"); err != nil {
			return "", err
		}
		if len(polys) == 0 {
			return "", Errorf(EINVALID, "geometry: a MultiPolygon needs at least one polygon")
		}
		for i, rings := range polys {
			c.polygon(rings, fmt.Sprintf("polygon %d, ", i))
		}
		if c.err != nil {
			return "", c.err
		}
		out.WriteString(`{"type":"MultiPolygon","coordinates":[`)
		for i, rings := range polys {
			if i > 0 {
				out.WriteByte(',')
			}
			writePolygon(&out, rings)
		}
		out.WriteByte(']')
	default:
		return "", Errorf(EINVALID, "geometry type %q: a place's boundary must be a GeoJSON Polygon or MultiPolygon", *g.Type)
	}
	out.WriteByte('}')
	if out.Len() > MaxGeometryLen {
		return "", Errorf(EINVALID, "geometry is longer than %d bytes in canonical form: simplify the boundary", MaxGeometryLen)
	}
	return out.String(), nil
}

// decodeCoords reads the coordinates member into v.
func decodeCoords(raw json.RawMessage, v any, want string) error {
	if len(raw) == 0 || string(raw) == "null" {
		return Errorf(EINVALID, `geometry has no "coordinates"`)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return Errorf(EINVALID, "geometry coordinates must be %s of [longitude, latitude] positions: %s", want, jsonProblem(err))
	}
	return nil
}

// jsonProblem describes a JSON decoding error without echoing the input.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("a JSON %s where a %s belongs (byte %d)", te.Value, te.Type, te.Offset)
	}
	return "invalid JSON"
}

// geomChecker checks rings, keeping the first problem and the count of
// positions.
type geomChecker struct {
	positions int
	err       error
}

func (c *geomChecker) fail(format string, args ...any) {
	if c.err == nil {
		c.err = Errorf(EINVALID, "geometry: "+format, args...)
	}
}

// polygon checks a polygon's rings and winds them in place: the first
// counterclockwise, the others (holes) clockwise.
func (c *geomChecker) polygon(rings [][][]float64, at string) {
	if len(rings) == 0 {
		c.fail("%sa polygon needs at least one linear ring", at)
		return
	}
	for r, ring := range rings {
		where := fmt.Sprintf("%sring %d", at, r)
		c.positions += len(ring)
		if c.positions > MaxGeometryPositions {
			c.fail("more than %d positions: simplify the boundary", MaxGeometryPositions)
			return
		}
		if len(ring) < 4 {
			c.fail("%s has %d positions; a linear ring needs at least 4, the last equal to the first", where, len(ring))
			return
		}
		for i, p := range ring {
			if len(p) < 2 || len(p) > 3 {
				c.fail("%s, position %d has %d numbers; a position is [longitude, latitude]", where, i, len(p))
				return
			}
			lon, lat := p[0], p[1]
			if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
				c.fail("%s, position %d: [%s, %s] is not a WGS84 [longitude, latitude] in degrees (RFC 7946); projected coordinates such as British National Grid eastings and northings must be converted to WGS84 first",
					where, i, fmtCoord(lon), fmtCoord(lat))
				return
			}
			ring[i] = []float64{roundCoord(lon), roundCoord(lat)}
		}
		first, last := ring[0], ring[len(ring)-1]
		if first[0] != last[0] || first[1] != last[1] {
			c.fail("%s is not closed: its last position must equal its first", where)
			return
		}
		a := signedArea(ring)
		if a == 0 {
			c.fail("%s encloses no area", where)
			return
		}
		if (r == 0) != (a > 0) {
			reverse(ring)
		}
	}
}

// signedArea is twice the planar area enclosed by a closed ring (the
// shoelace formula): positive when it runs counterclockwise.
func signedArea(ring [][]float64) float64 {
	var s float64
	for i := 0; i+1 < len(ring); i++ {
		s += ring[i][0]*ring[i+1][1] - ring[i+1][0]*ring[i][1]
	}
	return s
}

func reverse(ring [][]float64) {
	for i, j := 0, len(ring)-1; i < j; i, j = i+1, j-1 {
		ring[i], ring[j] = ring[j], ring[i]
	}
}

// coordScale is the precision positions are kept to: 1e-9 degrees, under
// a millimetre on the ground, far finer than any boundary survey.
const coordScale = 1e9

func roundCoord(v float64) float64 { return math.Round(v*coordScale) / coordScale }

func fmtCoord(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }

// writePolygon writes a polygon's rings as JSON.
func writePolygon(b *bytes.Buffer, rings [][][]float64) {
	b.WriteByte('[')
	for r, ring := range rings {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for i, p := range ring {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			b.WriteString(strconv.FormatFloat(p[0], 'f', -1, 64))
			b.WriteByte(',')
			b.WriteString(strconv.FormatFloat(p[1], 'f', -1, 64))
			b.WriteByte(']')
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
}
