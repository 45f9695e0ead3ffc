package interchange_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

func intp(n int) *int           { return &n }
func floatp(v float64) *float64 { return &v }
func placeIDs(ps []store.Place) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

// storedPlaces is a PlaceLookup over the given places, by code
// (case-insensitive).
func storedPlaces(ps ...store.Place) interchange.PlaceLookup {
	return func(code string) (store.Place, bool) {
		for _, p := range ps {
			if strings.EqualFold(p.Code, code) {
				return p, true
			}
		}
		return store.Place{}, false
	}
}

// TestParsePlacesCSVFile reads testdata/places_lambeth.csv (see
// testdata/README.md): a byte order mark, CRLF lines, a three-level
// hierarchy written child first, and population by group.
func TestParsePlacesCSVFile(t *testing.T) {
	t.Parallel()
	got, err := interchange.ParsePlacesCSV(bytes.NewReader(readTestdata(t, "places_lambeth.csv")), nil)
	if err != nil {
		t.Fatalf("ParsePlacesCSV: %v (details %q)", err, store.ErrorDetails(err))
	}
	want := []store.Place{
		{ID: "E12000007", Name: "London", Code: "E12000007"},
		{ID: "E09000022", Name: "Lambeth", Code: "E09000022", ParentID: "E12000007", Population: intp(321800), NeedIndex: floatp(3), NeedScale: "IMD2019_DECILE"},
		{ID: "E05000436", Name: "Vassall", Code: "E05000436", ParentID: "E09000022", Population: intp(15200), NeedIndex: floatp(2), NeedScale: "IMD2019_DECILE",
			PopulationByGroup: map[string]int{"young person": 1900, "carer": 1250}},
		{ID: "E05000416", Name: "Bishop's", Code: "E05000416", ParentID: "E09000022", Population: intp(12400), NeedIndex: floatp(6), NeedScale: "IMD2019_DECILE",
			PopulationByGroup: map[string]int{"young person": 900}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParsePlacesCSV(places_lambeth.csv) = %s, want %s", jsonString(t, got), jsonString(t, want))
	}
	assertNormalized(t, store.Batch{Places: got})
}

// TestParsePlacesCSVUpdate checks upserts by code: a stored place keeps its
// id, takes the row's values, keeps the values of columns the file lacks,
// and a parent code may name a stored place.
func TestParsePlacesCSVUpdate(t *testing.T) {
	t.Parallel()
	stored := []store.Place{
		{ID: "lambeth", Name: "Lambeth", Code: "E09000022"},
		{ID: "vassall", Name: "Vassall ward", Code: "E05000436", ParentID: "lambeth", Population: intp(14000),
			NeedIndex: floatp(2), NeedScale: "IMD2019_DECILE", PopulationByGroup: map[string]int{"carer": 1100, "older person": 2100}},
	}
	tests := []struct {
		name string
		csv  string
		want []store.Place
	}{{
		name: "population only keeps hierarchy and need",
		csv:  "code,name,population\ne05000436,Vassall,15200\n",
		want: []store.Place{{ID: "vassall", Name: "Vassall", Code: "e05000436", ParentID: "lambeth", Population: intp(15200),
			NeedIndex: floatp(2), NeedScale: "IMD2019_DECILE", PopulationByGroup: map[string]int{"carer": 1100, "older person": 2100}}},
	}, {
		name: "empty cells clear, group columns replace their groups",
		csv:  "code,name,parent code,population,need index,need scale,population:carer,population:young person\nE05000436,Vassall,,,,,,1900\n",
		want: []store.Place{{ID: "vassall", Name: "Vassall", Code: "E05000436",
			PopulationByGroup: map[string]int{"older person": 2100, "young person": 1900}}},
	}, {
		name: "new place under a stored parent",
		csv:  "Code,Name,Parent code\nE05000416,Bishop's,e09000022\n",
		want: []store.Place{{ID: "E05000416", Name: "Bishop's", Code: "E05000416", ParentID: "lambeth"}},
	}, {
		name: "file parent wins over a stored place",
		csv:  "code,name,parent code\nE05000436,Vassall,E09000022\nE09000022,Lambeth borough,\n",
		want: []store.Place{{ID: "lambeth", Name: "Lambeth borough", Code: "E09000022"},
			{ID: "vassall", Name: "Vassall", Code: "E05000436", ParentID: "lambeth", Population: intp(14000),
				NeedIndex: floatp(2), NeedScale: "IMD2019_DECILE", PopulationByGroup: map[string]int{"carer": 1100, "older person": 2100}}},
	}, {
		name: "score scale and a scale without index",
		csv:  "code,name,need index,need scale\nE05000436,Vassall,41.2,IMD2019_SCORE\nE05000416,Bishop's,,IMD2019_SCORE\n",
		want: []store.Place{
			{ID: "vassall", Name: "Vassall", Code: "E05000436", ParentID: "lambeth", Population: intp(14000),
				NeedIndex: floatp(41.2), NeedScale: "IMD2019_SCORE", PopulationByGroup: map[string]int{"carer": 1100, "older person": 2100}},
			{ID: "E05000416", Name: "Bishop's", Code: "E05000416"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := interchange.ParsePlacesCSV(strings.NewReader(tt.csv), storedPlaces(stored...))
			if err != nil {
				t.Fatalf("ParsePlacesCSV: %v (details %q)", err, store.ErrorDetails(err))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParsePlacesCSV = %s, want %s", jsonString(t, got), jsonString(t, tt.want))
			}
		})
	}
	if stored[1].PopulationByGroup["carer"] != 1100 {
		t.Errorf("ParsePlacesCSV changed the stored place's map: %v", stored[1].PopulationByGroup)
	}
}

// TestParsePlacesCSVInvalid checks that each kind of bad input is refused
// with every problem named by line and column, and no places.
func TestParsePlacesCSVInvalid(t *testing.T) {
	t.Parallel()
	const head = "code,name,parent code,population,need index,need scale\n"
	tests := []struct {
		name string
		csv  string
		want []string
	}{
		{"bad number", head + "E05000436,Vassall,,12a,,\n", []string{`line 2, population: "12a" is not a whole number`}},
		{"negative population", head + "E05000436,Vassall,,-5,,\n", []string{`line 2, population: -5 must not be negative`}},
		{"negative group count", "Code,Name,Population: carer\nE05000436,Vassall,-1\n", []string{`line 2, Population: carer: -1 must not be negative`}},
		{"need index not a number", head + "E05000436,Vassall,,,high,IMD2019_DECILE\n", []string{`line 2, need index: "high" is not a number`}},
		{"need index NaN", head + "E05000436,Vassall,,,NaN,IMD2019_SCORE\n", []string{`line 2, need index: "NaN" is not a number`}},
		{"need index without scale", head + "E05000436,Vassall,,,2,\n", []string{`line 2, need scale: a need scale is required when need index is set`}},
		{"decile out of range", head + "E05000436,Vassall,,,11,IMD2019_DECILE\n", []string{`line 2, need index: 11 is not a decile (a whole number from 1 to 10) on scale "IMD2019_DECILE"`}},
		{"fractional decile", head + "E05000436,Vassall,,,2.5,imd2019_decile\n", []string{`line 2, need index: 2.5 is not a decile`}},
		{"negative score", head + "E05000436,Vassall,,,-3,IMD2019_SCORE\n", []string{`line 2, need index: -3 is not a score`}},
		{"unknown parent", head + "E09000022,Lambeth,,,,\nE05000436,Vassall,E09999999,,,\n", []string{`line 3, parent code: "E09999999" is not the code of a place in this file or of a stored place`}},
		{"own parent", head + "E05000436,Vassall,e05000436,,,\n", []string{`line 2, parent code: "e05000436" is the place's own code`}},
		{"duplicate code", head + "E05000416,Bishop's,,,,\ne05000416,Bishops,,,,\n", []string{`line 3, code: code "e05000416" is already used on line 2`}},
		{"cycle via parent codes", head + "X1,Ward,X2,,,\nX0,Top,,,,\nX2,Borough,X3,,,\nX3,Region,X1,,,\n",
			[]string{`line 2, parent code: "X2" makes a cycle of parent codes: X1 → X2 → X3 → X1`}},
		{"two cycles", head + "A,a,B,,,\nB,b,A,,,\nC,c,C2,,,\nC2,c2,C,,,\n",
			[]string{`line 2, parent code: "B" makes a cycle of parent codes: A → B → A`, `line 4, parent code: "C2" makes a cycle of parent codes: C → C2 → C`}},
		{"missing required column", "code,population\nE05000436,100\n", []string{`line 1: required column "name" is missing`}},
		{"missing code column", "Name\nVassall\n", []string{`line 1: required column "code" is missing`}},
		{"unknown column", "code,name,ward name\nE05000436,Vassall,x\n", []string{`line 1: unknown column "ward name" (column 3); the columns read are code, name, parent code`}},
		{"index without scale column", "code,name,need index\nE05000436,Vassall,2\n", []string{`line 1: columns "need index" and "need scale" come together`}},
		{"repeated column", "code,Name, NAME \nE05000436,Vassall,Vassall\n", []string{`line 1: columns "Name" (column 2) and "NAME" (column 3) give the same field`}},
		{"repeated group", "code,name,population:carer,Population : carer\nE05000436,Vassall,1,2\n", []string{`line 1, Population : carer: group "carer" is already given by column 3`}},
		{"unnamed group", "code,name,population:\nE05000436,Vassall,1\n", []string{`line 1, population:: column 3 names no group`}},
		{"empty file", "", []string{`line 1: the file is empty`}},
		{"missing cells", head + ",,,,,\n ,Vassall,,,,\nE05000436, ,,,,\n", []string{`line 3, code: a code is required`, `line 4, name: a name is required`}},
		{"bad code", head + "\"E05\x01\",Vassall,,,,\n", []string{`line 2, code: code contains a control character`}},
		{"extra cells", "code,name\nE05000436,Vassall,15200\n", []string{`line 2: 3 cells, but the first line has 2 column titles`}},
		{"bad quoting", "code,name\nE05000436,\"Vass\"all\n", []string{`line 2, column 16: extraneous or missing " in quoted-field; reading stopped here`}},
		{"all problems at once", head + "A,,,x,,\nB,b,Z,-1,5,\n", []string{
			`line 2, name: a name is required`, `line 2, population: "x" is not a whole number`,
			`line 3, population: -1 must not be negative`, `line 3, need scale: a need scale is required`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := interchange.ParsePlacesCSV(strings.NewReader(tt.csv), nil)
			assertPlaceProblems(t, got, err, tt.want)
		})
	}
}

// TestParsePlacesCSVStoredConflict checks that a row whose code finds a
// stored place whose id another row's code gives is refused.
func TestParsePlacesCSVStoredConflict(t *testing.T) {
	t.Parallel()
	lookup := storedPlaces(store.Place{ID: "E05000416", Name: "Old", Code: "OLD-CODE"})
	got, err := interchange.ParsePlacesCSV(strings.NewReader("code,name\nE05000416,Bishop's\nold-code,Old\n"), lookup)
	assertPlaceProblems(t, got, err, []string{`line 3, code: code "old-code" gives place id "E05000416", which line 2 also gives`})
}

func assertPlaceProblems(t *testing.T, got []store.Place, err error, want []string) {
	t.Helper()
	if code := store.ErrorCode(err); code != store.EINVALID {
		t.Fatalf("ParsePlacesCSV error = %v (code %q), want %q", err, code, store.EINVALID)
	}
	details := store.ErrorDetails(err)
	if len(details) != len(want) {
		t.Fatalf("ParsePlacesCSV details = %q, want %d matching %q", details, len(want), want)
	}
	for i := range want {
		if !strings.Contains(details[i], want[i]) {
			t.Errorf("detail %d = %q, want it to contain %q", i, details[i], want[i])
		}
	}
	if len(got) != 0 {
		t.Errorf("ParsePlacesCSV returned %d places with an error, want none", len(got))
	}
}

// endless is a reader of an opening quote followed by endless bytes.
type endless struct{ started bool }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	if !e.started && len(p) > 0 {
		e.started = true
		copy(p, "code,name\n\"")
		return min(len(p), 11), nil
	}
	return len(p), nil
}

// TestParsePlacesCSVLimits checks the size limit and errors of the reader.
func TestParsePlacesCSVLimits(t *testing.T) {
	t.Parallel()
	_, err := interchange.ParsePlacesCSV(&endless{}, nil)
	assertPlaceProblems(t, nil, err, []string{"the file is larger than the limit of 33554432 bytes"})

	boom := errors.New("disk on fire")
	_, err = interchange.ParsePlacesCSV(io.MultiReader(strings.NewReader("code,name\nA,a\n"), iotestErr{boom}), nil)
	if !errors.Is(err, boom) || store.ErrorCode(err) == store.EINVALID {
		t.Errorf("ParsePlacesCSV(failing reader) = %v, want the read error wrapped", err)
	}
}

type iotestErr struct{ err error }

func (r iotestErr) Read([]byte) (int, error) { return 0, r.err }

func jsonString(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestParsePlacesCSVGeometry(t *testing.T) {
	t.Parallel()
	stored := storedPlaces(store.Place{ID: "w1", Name: "Ward", Code: "E05000001", Geometry: `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`})
	in := "code,name,geometry\n" +
		`E05000001,Ward,` + "\n" +
		`E05000002,Ward Two,"{""type"":""Polygon"",""coordinates"":[[[0,0],[0,1],[1,1],[0,0]]]}"` + "\n"
	places, err := interchange.ParsePlacesCSV(strings.NewReader(in), stored)
	if err != nil {
		t.Fatalf("ParsePlacesCSV error %v", err)
	}
	want := []store.Place{
		{ID: "w1", Name: "Ward", Code: "E05000001"}, // an empty cell clears the boundary
		{ID: "E05000002", Name: "Ward Two", Code: "E05000002", Geometry: `{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,1],[0,0]]]}`},
	}
	if !reflect.DeepEqual(places, want) {
		t.Fatalf("ParsePlacesCSV = %+v, want %+v", places, want)
	}
	// Without the column, the stored boundary is kept.
	places, err = interchange.ParsePlacesCSV(strings.NewReader("code,name\nE05000001,Ward\n"), stored)
	if err != nil || places[0].Geometry == "" {
		t.Fatalf("ParsePlacesCSV without a geometry column = %+v, %v; want the stored boundary kept", places, err)
	}
	_, err = interchange.ParsePlacesCSV(strings.NewReader("code,name,geometry\nX1,X,\"{\"\"type\"\":\"\"Point\"\",\"\"coordinates\"\":[0,0]}\"\n"), nil)
	checkEINVALID(t, "ParsePlacesCSV(point geometry)", err)
	if d := store.ErrorDetails(err); len(d) != 1 || !strings.Contains(d[0], "line 2, geometry") {
		t.Fatalf("problems = %q, want one naming line 2, geometry", d)
	}
}
