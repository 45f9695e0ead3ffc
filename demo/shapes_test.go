package demo_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/voicemap/voicemap/demo"
)

// ring reads the exterior ring of a canonical Polygon.
func ring(t *testing.T, geometry string) [][2]float64 {
	t.Helper()
	var g struct {
		Type        string
		Coordinates [][][2]float64
	}
	if err := json.Unmarshal([]byte(geometry), &g); err != nil || g.Type != "Polygon" || len(g.Coordinates) != 1 {
		t.Fatalf("geometry %.60s is not a one-ring Polygon (%v)", geometry, err)
	}
	return g.Coordinates[0]
}

func area(r [][2]float64) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s / 2
}

// crosses reports whether segments ab and cd properly cross.
func crosses(a, b, c, d [2]float64) bool {
	orient := func(p, q, r [2]float64) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	return orient(a, b, c)*orient(a, b, d) < 0 && orient(c, d, a)*orient(c, d, b) < 0
}

// TestShapes checks the generated boundaries: every demo place has one,
// each is a simple polygon (no edge crosses another), and the four
// neighbourhoods tile the town: their areas add up to its area.
func TestShapes(t *testing.T) {
	shapes := demo.Shapes()
	places := demo.Network().Places
	if len(shapes) != len(places) {
		t.Fatalf("Shapes() has %d boundaries, want one for each of the %d places", len(shapes), len(places))
	}
	var sum, town float64
	for _, p := range places {
		if p.Geometry != shapes[p.ID] || p.Geometry == "" {
			t.Fatalf("place %s geometry is not its shape", p.ID)
		}
		r := ring(t, p.Geometry)
		for i := 0; i+1 < len(r); i++ {
			for j := i + 2; j+1 < len(r); j++ {
				if i == 0 && j+2 == len(r) {
					continue // the closing edge meets the first
				}
				if crosses(r[i], r[i+1], r[j], r[j+1]) {
					t.Fatalf("place %s: edge %d crosses edge %d", p.ID, i, j)
				}
			}
		}
		a := area(r)
		if a <= 0 {
			t.Fatalf("place %s: exterior ring is not counterclockwise (area %g)", p.ID, a)
		}
		if p.ID == demo.Town {
			town = a
		} else {
			sum += a
		}
	}
	if math.Abs(sum-town) > 1e-9*town {
		t.Fatalf("neighbourhoods cover %g square degrees, the town %g: they do not tile it", sum, town)
	}
	again := demo.Shapes()
	for id, g := range shapes {
		if again[id] != g {
			t.Fatalf("Shapes() differs between calls for %s", id)
		}
	}
}
