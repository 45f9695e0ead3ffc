package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/voicemap/voicemap/store"
)

// The demo's boundaries are invented and generated here, never copied from
// a real place: Millbrook is a wobbly disc about 4.5 km across, its
// centre, Old Town, a smaller wobbly disc, and the ring around it cut into
// three neighbourhoods by wandering lines: Northgate to the north, Riverside
// Estate to the south-east, Hillcrest to the west. Neighbouring shapes share
// their edges exactly (the same generated points), so they tile the town
// with no gap or overlap. The town is placed at shapeCentre, a point on open
// moorland with no town, so that a map of the demo is never taken for a
// real place.
var shapeCentre = [2]float64{-2.0, 54.0} // longitude, latitude

// Shape parameters, in kilometres and samples around the circle.
const (
	shapeSamples   = 96  // points on each closed curve (every 3.75 degrees)
	townRadiusKm   = 2.2 // mean radius of the town's outline
	centreRadiusKm = 0.8 // mean radius of Old Town
	dividerPoints  = 6   // points inside each dividing line
	shapeSeed1     = 54  // the PCG seeds of the wobbles
	shapeSeed2     = 2
)

// dividers are the sample indices at which the lines between the outer
// neighbourhoods leave Old Town, anticlockwise from east: 5 (19°),
// 40 (150°) and 69 (259°). The ring from the first to the second is
// Northgate, from the second to the third Hillcrest, from the third round
// to the first Riverside Estate.
var dividers = [3]int{5, 40, 69}

// Shapes returns the demo places' boundaries by place id, as canonical
// GeoJSON text (store.NormalizeGeometry): the same on every call.
func Shapes() map[string]string {
	rng := rand.New(rand.NewPCG(shapeSeed1, shapeSeed2))
	outer := wobblyCurve(rng, townRadiusKm, 0.10)
	inner := wobblyCurve(rng, centreRadiusKm, 0.15)
	var lines [3][][2]float64 // each from Old Town's edge out to the town's
	for i, k := range dividers {
		lines[i] = divider(rng, inner[k], outer[k])
	}
	ring := func(pts [][2]float64) [][2]float64 { return append(pts, pts[0]) }
	// wedge walks the town's outline anticlockwise from divider a to b,
	// down divider b, back along Old Town's edge clockwise, and out along
	// divider a.
	wedge := func(a, b int) [][2]float64 {
		ka, kb := dividers[a], dividers[b]
		var pts [][2]float64
		for k := ka; ; k = (k + 1) % shapeSamples {
			pts = append(pts, outer[k])
			if k == kb {
				break
			}
		}
		for i := len(lines[b]) - 2; i > 0; i-- {
			pts = append(pts, lines[b][i])
		}
		for k := kb; ; k = (k - 1 + shapeSamples) % shapeSamples {
			pts = append(pts, inner[k])
			if k == ka {
				break
			}
		}
		for i := 1; i < len(lines[a])-1; i++ {
			pts = append(pts, lines[a][i])
		}
		return ring(pts)
	}
	shapes := map[string][][2]float64{
		Town:      ring(outer),
		OldTown:   ring(inner),
		Northgate: wedge(0, 1),
		Hillcrest: wedge(1, 2),
		Riverside: wedge(2, 0),
	}
	out := make(map[string]string, len(shapes))
	for id, pts := range shapes {
		g, err := store.NormalizeGeometry(polygonJSON(pts))
		if err != nil {
			panic(fmt.Sprintf("demo: shape of %s: %v", id, err))
		}
		out[id] = g
	}
	return out
}

// wobblyCurve samples a closed curve around the origin whose radius is
// r·(1 + Σ aₖ sin(kθ + φₖ)) for k = 2..5, with amplitudes up to wobble/k
// and phases drawn from rng: a plausible, irregular outline.
func wobblyCurve(rng *rand.Rand, r, wobble float64) [][2]float64 {
	var amp, phase [6]float64
	for k := 2; k <= 5; k++ {
		amp[k] = wobble / float64(k) * (0.5 + rng.Float64())
		phase[k] = 2 * math.Pi * rng.Float64()
	}
	pts := make([][2]float64, shapeSamples)
	for i := range pts {
		theta := 2 * math.Pi * float64(i) / shapeSamples
		f := 1.0
		for k := 2; k <= 5; k++ {
			f += amp[k] * math.Sin(float64(k)*theta+phase[k])
		}
		pts[i] = [2]float64{r * f * math.Cos(theta), r * f * math.Sin(theta)}
	}
	return pts
}

// divider is a line from a to b through dividerPoints points, each pushed
// sideways by up to 6% of the line's length.
func divider(rng *rand.Rand, a, b [2]float64) [][2]float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	pts := [][2]float64{a}
	for i := 1; i <= dividerPoints; i++ {
		t := float64(i) / (dividerPoints + 1)
		side := (rng.Float64()*2 - 1) * 0.06
		pts = append(pts, [2]float64{a[0] + t*dx - side*dy, a[1] + t*dy + side*dx})
	}
	return append(pts, b)
}

// polygonJSON writes points in kilometres east and north of shapeCentre
// as a GeoJSON Polygon in longitude and latitude (an equirectangular
// approximation, exact enough over a few kilometres).
func polygonJSON(pts [][2]float64) string {
	const kmPerDegree = 111.32
	lat0 := shapeCentre[1] * math.Pi / 180
	var b strings.Builder
	b.WriteString(`{"type":"Polygon","coordinates":[[`)
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(',')
		}
		lon := shapeCentre[0] + p[0]/(kmPerDegree*math.Cos(lat0))
		lat := shapeCentre[1] + p[1]/kmPerDegree
		b.WriteString("[" + strconv.FormatFloat(math.Round(lon*1e6)/1e6, 'f', -1, 64) + "," +
			strconv.FormatFloat(math.Round(lat*1e6)/1e6, 'f', -1, 64) + "]")
	}
	b.WriteString("]]}")
	return b.String()
}
