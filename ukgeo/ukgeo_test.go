package ukgeo_test

import (
	"slices"
	"testing"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/ukgeo"
)

func geo(t *testing.T) *ukgeo.Geography {
	t.Helper()
	g, err := ukgeo.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return g
}

// TestAreas checks the counts and the hierarchy: 361 current districts
// (296 in England, 22 in Wales, 32 in Scotland, 11 in Northern Ireland, as
// ONS counts them since April 2023), every area's parent known, every
// district with a population and a need figure on its nation's scale.
func TestAreas(t *testing.T) {
	g := geo(t)
	byKind := map[ukgeo.Kind]int{}
	byNation := map[byte]int{}
	for _, a := range g.Areas() {
		byKind[a.Kind]++
		if a.Parent != "" {
			if _, ok := g.Area(a.Parent); !ok {
				t.Errorf("area %s: parent %s unknown", a.Code, a.Parent)
			}
		}
		if a.Population <= 0 || a.PopulationYear != 2019 {
			t.Errorf("area %s: population %d (year %d)", a.Code, a.Population, a.PopulationYear)
		}
		if a.Kind != ukgeo.District {
			continue
		}
		byNation[a.Code[0]]++
		want := map[byte]string{'E': "IMD2019_LAD_AVG_SCORE", 'W': "WIMD2019_LA_AVG_SCORE", 'S': "SIMD2020_LA_AVG_PERCENTILE_SCORE", 'N': "NIMDM2017_LGD_AVG_PERCENTILE_SCORE"}[a.Code[0]]
		if a.NeedIndex == nil || a.NeedScale != want || a.NeedRank < 1 || a.NeedDecile < 1 || a.NeedDecile > 10 {
			t.Errorf("district %s: need %v %q rank %d decile %d, want a figure on %s", a.Code, a.NeedIndex, a.NeedScale, a.NeedRank, a.NeedDecile, want)
		}
	}
	if want := map[ukgeo.Kind]int{ukgeo.UK: 1, ukgeo.Country: 4, ukgeo.Region: 9, ukgeo.County: 21, ukgeo.District: 361}; !mapsEqual(byKind, want) {
		t.Errorf("areas by kind = %v, want %v", byKind, want)
	}
	if want := map[byte]int{'E': 296, 'W': 22, 'S': 32, 'N': 11}; !mapsEqual(byNation, want) {
		t.Errorf("districts by nation = %v, want %v", byNation, want)
	}
}

func mapsEqual[K comparable](a, b map[K]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestFigures checks published figures the data must reproduce. Sources:
// ONS mid-2019 population estimates (MYE2, released June 2020): Hartlepool
// 93,663, Cardiff 366,903; English Indices of Deprivation 2019, File 10
// (local authority district summaries): Hartlepool "IMD - Average score"
// 35.037, Blackpool 45.039 (rank 1 of 317), Tower Hamlets 27.913.
func TestFigures(t *testing.T) {
	g := geo(t)
	tests := []struct {
		code  string
		pop   int
		score float64
	}{
		{"E06000001", 93663, 35.037},
		{"E06000009", 139446, 45.039},
		{"E09000030", 324745, 27.913},
		{"W06000015", 366903, 0},
	}
	for _, tt := range tests {
		a, ok := g.Area(tt.code)
		if !ok {
			t.Fatalf("Area(%s) missing", tt.code)
		}
		if a.Population != tt.pop {
			t.Errorf("Area(%s).Population = %d, want %d", tt.code, a.Population, tt.pop)
		}
		if tt.score != 0 && (a.NeedIndex == nil || *a.NeedIndex < tt.score-0.0005 || *a.NeedIndex > tt.score+0.0005) {
			t.Errorf("Area(%s).NeedIndex = %v, want %v", tt.code, a.NeedIndex, tt.score)
		}
	}
	if a, _ := g.Area("E06000009"); a.NeedRank != 1 {
		t.Errorf("Blackpool need rank = %d, want 1 (the most deprived district in England)", a.NeedRank)
	}
}

func TestResolve(t *testing.T) {
	g := geo(t)
	tests := []struct {
		code string
		want []string
		kind string
	}{
		{"e09000022", []string{"E09000022"}, "district"},
		{"E12000007", []string{"E12000007"}, "region"},
		{"E07000004", []string{"E06000060"}, "retired district"},            // Aylesbury Vale → Buckinghamshire (2020)
		{"E07000026", []string{"E06000063"}, "retired district"},            // Allerdale → Cumberland (2023)
		{"E08000016", []string{"E08000038"}, "retired district"},            // Barnsley's new code (2024)
		{"S12000046", []string{"S12000049"}, "retired district"},            // Glasgow City (2019)
		{"E10000021", []string{"E06000061", "E06000062"}, "retired county"}, // Northamptonshire, split
		{"E01000001", []string{"E09000001"}, "LSOA 2011 or LSOA 2021"},      // City of London 001A
		{"S01006506", []string{"S12000033"}, "Data Zone 2011"},              // Culter, Aberdeen
		{"95AA01S1", []string{"N09000001"}, "NI Super Output Area"},         // Aldergrove 1
		{"E05014095", []string{"E09000022"}, "ward"},                        // Brixton Acre Lane
	}
	for _, tt := range tests {
		m, ok := g.Resolve(tt.code)
		slices.Sort(m.Areas)
		if !ok || !slices.Equal(m.Areas, tt.want) || m.Kind != tt.kind {
			t.Errorf("Resolve(%s) = %+v, %v; want %v %q", tt.code, m, ok, tt.want, tt.kind)
		}
	}
	if _, ok := g.Resolve("X99999999"); ok {
		t.Errorf("Resolve(X99999999) found something")
	}
}

func TestNamed(t *testing.T) {
	g := geo(t)
	tests := []struct {
		name string
		want []string
	}{
		{"UK Wide", []string{"K02000001"}},
		{"UK - whole", []string{"K02000001"}},
		{"Nationwide", []string{"K02000001"}},
		{"England - Wide", []string{"E92000001"}},
		{"Greater London", []string{"E12000007"}},
		{"LAMBETH", []string{"E09000022"}},
		{"Hartlepool Borough Council", []string{"E06000001"}},
		{"Brighton & Hove", []string{"E06000043"}},
		{"nowhere at all", nil},
	}
	for _, tt := range tests {
		if got := g.Named(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("Named(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSmallAreaDistrict(t *testing.T) {
	g := geo(t)
	tests := []struct {
		name, want string
	}{
		{"Oxford 008A", "E07000178"},
		{"Vale of White Horse 007C", "E07000180"},
		{"Cherwell 019", "E07000177"},
		{"Aylesbury Vale 001A", "E06000060"}, // a 2011 district, now Buckinghamshire
		{"Oxford", ""},
		{"Atlantis 001A", ""},
	}
	for _, tt := range tests {
		got, ok := g.SmallAreaDistrict(tt.name)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("SmallAreaDistrict(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

func TestSelect(t *testing.T) {
	g := geo(t)
	areas, err := g.Select("E12000007")
	if err != nil {
		t.Fatal(err)
	}
	// The UK, England, London and its 33 districts (32 boroughs and the City).
	if len(areas) != 36 || areas[0].Code != "K02000001" || areas[1].Code != "E92000001" || areas[2].Code != "E12000007" {
		t.Fatalf("Select(London) = %d areas starting %v", len(areas), areas[:3])
	}
	if _, err := g.Select("E12000007", "X1"); err == nil {
		t.Fatalf("Select(unknown) gave no error")
	}
}

// TestGeometry decodes every boundary and checks it is a valid GeoJSON
// geometry (store.NormalizeGeometry) whose positions lie within the UK.
func TestGeometry(t *testing.T) {
	g := geo(t)
	for _, a := range g.Areas() {
		s := g.Geometry(a.Code)
		if s == "" {
			t.Errorf("area %s has no boundary", a.Code)
			continue
		}
		if _, err := store.NormalizeGeometry(s); err != nil {
			t.Errorf("area %s boundary: %v", a.Code, err)
		}
	}
}
