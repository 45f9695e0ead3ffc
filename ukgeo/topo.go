package ukgeo

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// topology is a TopoJSON topology (Bostock's TopoJSON format
// specification, github.com/topojson/topojson-specification): shared
// boundary lines ("arcs"), quantized and delta-encoded, and geometries
// that list the arcs of their rings. Neighbouring areas share arcs, so the
// whole UK's boundaries fit in a fraction of the GeoJSON's size.
type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]int64                                   `json:"arcs"`
	Objects map[string]struct{ Geometries []topoGeometry } `json:"objects"`
	byID    map[string]topoGeometry
}

// topoGeometry is a Polygon (Arcs: rings of arc indices) or a
// MultiPolygon (Arcs: polygons of rings).
type topoGeometry struct {
	Type string          `json:"type"`
	ID   string          `json:"id"`
	Arcs json.RawMessage `json:"arcs"`
}

func parseTopology(data []byte) (*topology, error) {
	t := &topology{byID: map[string]topoGeometry{}}
	if err := json.Unmarshal(data, t); err != nil {
		return nil, fmt.Errorf("ukgeo: topology: %w", err)
	}
	for _, o := range t.Objects {
		for _, g := range o.Geometries {
			t.byID[g.ID] = g
		}
	}
	return t, nil
}

// ring decodes one ring: its arcs joined end to end, an index ~i (that is
// -i-1) meaning arc i reversed; each arc after the first starts where the
// previous one ended, so its first position is dropped.
func (t *topology) ring(arcs []int) ([][2]float64, error) {
	var out [][2]float64
	for n, a := range arcs {
		rev := a < 0
		if rev {
			a = ^a
		}
		if a >= len(t.Arcs) {
			return nil, fmt.Errorf("ukgeo: arc %d of %d", a, len(t.Arcs))
		}
		var x, y int64
		pts := make([][2]float64, len(t.Arcs[a]))
		for i, d := range t.Arcs[a] {
			x, y = x+d[0], y+d[1]
			pts[i] = [2]float64{float64(x)*t.Transform.Scale[0] + t.Transform.Translate[0], float64(y)*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		if rev {
			for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
				pts[i], pts[j] = pts[j], pts[i]
			}
		}
		if n > 0 {
			pts = pts[1:]
		}
		out = append(out, pts...)
	}
	return out, nil
}

// geometry returns the GeoJSON text of the geometry with id code, "" when
// there is none or it cannot be decoded (the tests decode every one).
func (t *topology) geometry(code string) string {
	g, ok := t.byID[code]
	if !ok {
		return ""
	}
	s, err := t.decode(g)
	if err != nil {
		return ""
	}
	return s
}

func (t *topology) decode(g topoGeometry) (string, error) {
	var polys [][][]int
	switch g.Type {
	case "Polygon":
		var rings [][]int
		if err := json.Unmarshal(g.Arcs, &rings); err != nil {
			return "", err
		}
		polys = [][][]int{rings}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Arcs, &polys); err != nil {
			return "", err
		}
	default:
		return "", fmt.Errorf("ukgeo: geometry %s of type %q", g.ID, g.Type)
	}
	// One polygon is written as a Polygon, several as a MultiPolygon.
	var b strings.Builder
	if len(polys) == 1 {
		b.WriteString(`{"type":"Polygon","coordinates":`)
	} else {
		b.WriteString(`{"type":"MultiPolygon","coordinates":[`)
	}
	for p, rings := range polys {
		if p > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for r, arcs := range rings {
			pts, err := t.ring(arcs)
			if err != nil {
				return "", err
			}
			if r > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			for i, pt := range pts {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString("[" + strconv.FormatFloat(pt[0], 'f', 6, 64) + "," + strconv.FormatFloat(pt[1], 'f', 6, 64) + "]")
			}
			b.WriteByte(']')
		}
		b.WriteByte(']')
	}
	if len(polys) != 1 {
		b.WriteByte(']')
	}
	b.WriteString("}")
	return b.String(), nil
}
