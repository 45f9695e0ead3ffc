package demo_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/store"
)

// The example files of the README and the command line are the demo
// written out; regenerate them with
//
//	go test ./demo -run TestExamples -update
var update = flag.Bool("update", false, "rewrite the example files under ../examples")

const examplesDir = "../examples"

// groupOrder is the order of the population-by-group columns of the place
// data example.
var groupOrder = []string{"young person", "parent", "carer", "older person", "disabled person"}

// geoCodeType is the 360Giving geoCodeType of a demo place: the town is
// a borough with its own council, a local authority district (LAD); its
// neighbourhoods are written as wards (WD).
func geoCodeType(p store.Place) string {
	if p.ParentID == "" {
		return "LAD"
	}
	return "WD"
}

// demoIndex holds the demo's places and organisations, by id.
type demoIndex struct {
	places map[string]store.Place
	orgs   map[string]store.Organisation
}

func newDemoIndex() demoIndex {
	net, gb := demo.Network(), demo.Grants()
	ix := demoIndex{places: map[string]store.Place{}, orgs: map[string]store.Organisation{}}
	for _, p := range net.Places {
		ix.places[p.ID] = p
	}
	for _, o := range slices.Concat(net.Organisations, gb.Organisations) {
		ix.orgs[o.ID] = o
	}
	return ix
}

// maxLocations is the largest number of beneficiary places of a demo grant.
func maxLocations(gs []store.Grant) int {
	n := 0
	for _, g := range gs {
		n = max(n, len(g.PlaceIDs))
	}
	return n
}

// grantsCSV writes the demo grants as a 360Giving flat CSV, with the
// spreadsheet template's column titles and numbered beneficiary location
// columns.
func grantsCSV(t *testing.T) []byte {
	t.Helper()
	ix, gs := newDemoIndex(), demo.Grants().Grants
	header := []string{"Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
		"Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name",
		"Grant Programme:Title"}
	locs := maxLocations(gs)
	for i := range locs {
		n := "Beneficiary Location:" + strconv.Itoa(i)
		header = append(header, n+":Name", n+":Geographic Code", n+":Geographic Code Type")
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	rows := [][]string{header}
	for _, g := range gs {
		row := []string{g.ID, g.Title, g.Description, g.Currency, giving.FormatAmount(g.Amount, g.Currency),
			g.AwardedOn.Format("2006-01-02"), g.RecipientID, ix.orgs[g.RecipientID].Name,
			g.FunderID, ix.orgs[g.FunderID].Name, g.Programme}
		for i := range locs {
			if i < len(g.PlaceIDs) {
				p := ix.places[g.PlaceIDs[i]]
				row = append(row, p.Name, p.Code, geoCodeType(p))
			} else {
				row = append(row, "", "", "")
			}
		}
		rows = append(rows, row)
	}
	if err := w.WriteAll(rows); err != nil {
		t.Fatalf("write CSV: %v", err)
	}
	return buf.Bytes()
}

// The 360Giving JSON package form, with only the fields voicemap reads.
type (
	jsonPackage struct {
		Grants []jsonGrant `json:"grants"`
	}
	jsonGrant struct {
		ID                    string         `json:"id"`
		Title                 string         `json:"title"`
		Description           string         `json:"description"`
		Currency              string         `json:"currency"`
		AmountAwarded         json.Number    `json:"amountAwarded"`
		AwardDate             string         `json:"awardDate"`
		RecipientOrganization []jsonOrg      `json:"recipientOrganization"`
		FundingOrganization   []jsonOrg      `json:"fundingOrganization"`
		GrantProgramme        []jsonTitle    `json:"grantProgramme,omitempty"`
		BeneficiaryLocation   []jsonLocation `json:"beneficiaryLocation,omitempty"`
	}
	jsonOrg struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	jsonTitle struct {
		Title string `json:"title"`
	}
	jsonLocation struct {
		Name        string `json:"name"`
		GeoCode     string `json:"geoCode"`
		GeoCodeType string `json:"geoCodeType"`
	}
)

// grantsJSON writes the demo grants as a 360Giving JSON package.
func grantsJSON(t *testing.T) []byte {
	t.Helper()
	ix := newDemoIndex()
	var pkg jsonPackage
	for _, g := range demo.Grants().Grants {
		jg := jsonGrant{
			ID: g.ID, Title: g.Title, Description: g.Description, Currency: g.Currency,
			AmountAwarded:         json.Number(giving.FormatAmount(g.Amount, g.Currency)),
			AwardDate:             g.AwardedOn.Format("2006-01-02"),
			RecipientOrganization: []jsonOrg{{ID: g.RecipientID, Name: ix.orgs[g.RecipientID].Name}},
			FundingOrganization:   []jsonOrg{{ID: g.FunderID, Name: ix.orgs[g.FunderID].Name}},
		}
		if g.Programme != "" {
			jg.GrantProgramme = []jsonTitle{{Title: g.Programme}}
		}
		for _, id := range g.PlaceIDs {
			p := ix.places[id]
			jg.BeneficiaryLocation = append(jg.BeneficiaryLocation, jsonLocation{Name: p.Name, GeoCode: p.Code, GeoCodeType: geoCodeType(p)})
		}
		pkg.Grants = append(pkg.Grants, jg)
	}
	out, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		t.Fatalf("marshal JSON: %v", err)
	}
	return append(out, '\n')
}

// placesHeader is the header of the place data example.
func placesHeader() []string {
	h := []string{"code", "name", "parent code", "population", "need index", "need scale"}
	for _, g := range groupOrder {
		h = append(h, "population:"+g)
	}
	return h
}

// placesCSV writes the demo places as a place data CSV, parents first.
func placesCSV(t *testing.T) []byte {
	t.Helper()
	ix := newDemoIndex()
	rows := [][]string{placesHeader()}
	for _, p := range demo.Network().Places {
		row := []string{p.Code, p.Name, "", "", "", p.NeedScale}
		if p.ParentID != "" {
			row[2] = ix.places[p.ParentID].Code
		}
		if p.Population != nil {
			row[3] = strconv.Itoa(*p.Population)
		}
		if p.NeedIndex != nil {
			row[4] = strconv.FormatFloat(*p.NeedIndex, 'f', -1, 64)
		}
		for _, g := range groupOrder {
			if n, ok := p.PopulationByGroup[g]; ok {
				row = append(row, strconv.Itoa(n))
			} else {
				row = append(row, "")
			}
		}
		for g := range p.PopulationByGroup {
			if !slices.Contains(groupOrder, g) {
				t.Fatalf("place %q has group %q missing from groupOrder", p.ID, g)
			}
		}
		rows = append(rows, row)
	}
	var buf bytes.Buffer
	if err := csv.NewWriter(&buf).WriteAll(rows); err != nil {
		t.Fatalf("write CSV: %v", err)
	}
	return buf.Bytes()
}

// boundariesGeoJSON writes the demo places' boundaries as a GeoJSON
// FeatureCollection keyed by code, one feature a line.
func boundariesGeoJSON(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	for i, p := range demo.Network().Places {
		props, err := json.Marshal(map[string]string{"code": p.Code, "name": p.Name})
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"type":"Feature","properties":` + string(props) + `,"geometry":` + p.Geometry + `}`)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// checkBoundaries reads the boundaries example with the importer, the
// demo places stored without their boundaries, and gets back the demo
// places whole.
func checkBoundaries(t *testing.T, file []byte) {
	t.Helper()
	want := demo.Network().Places
	byCode := map[string]store.Place{}
	for _, p := range want {
		p.Geometry = ""
		byCode[strings.ToLower(p.Code)] = p
	}
	got, err := interchange.ParseBoundaries(bytes.NewReader(file), func(code string) (store.Place, bool) {
		p, ok := byCode[strings.ToLower(code)]
		return p, ok
	}, "")
	if err != nil {
		t.Fatalf("ParseBoundaries: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseBoundaries = %+v, want %+v", got, want)
	}
}

// TestExamples checks each example file is the demo written out (or
// rewrites it with -update) and reads it back.
func TestExamples(t *testing.T) {
	files := []struct {
		name  string
		write func(*testing.T) []byte
		check func(*testing.T, []byte)
	}{
		{"millbrook-grants.csv", grantsCSV, func(t *testing.T, b []byte) { checkGrants(t, b, giving.ParseCSV) }},
		{"millbrook-grants.json", grantsJSON, func(t *testing.T, b []byte) { checkGrants(t, b, giving.ParseJSON) }},
		{"millbrook-places.csv", placesCSV, checkPlaces},
		{"millbrook-boundaries.geojson", boundariesGeoJSON, checkBoundaries},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			path := filepath.Join(examplesDir, f.name)
			want := f.write(t)
			if *update {
				if err := os.MkdirAll(examplesDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read example: %v (regenerate with go test ./demo -run TestExamples -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the demo written out; regenerate with go test ./demo -run TestExamples -update", path)
			}
			f.check(t, got)
		})
	}
}

// checkGrants parses a 360Giving file and checks it holds exactly the
// demo grants: ids, text, amounts, dates, funders and recipients with their
// names, and beneficiary places whose codes are the demo places' codes.
func checkGrants(t *testing.T, file []byte, parse func(io.Reader, func(giving.Grant) error) error) {
	t.Helper()
	ix := newDemoIndex()
	byCode := map[string]store.Place{}
	for _, p := range ix.places {
		byCode[p.Code] = p
	}
	var got []giving.Grant
	if err := parse(bytes.NewReader(file), func(g giving.Grant) error {
		got = append(got, g)
		return nil
	}); err != nil {
		t.Fatalf("parse: %v", err)
	}
	want := demo.Grants().Grants
	if len(got) != len(want) {
		t.Fatalf("parsed %d grants, want %d", len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		var places []string
		for _, l := range g.Beneficiaries {
			p, ok := byCode[l.GeoCode]
			if !ok || p.Name != l.Name || l.GeoCodeType != geoCodeType(p) {
				t.Errorf("grant %q: beneficiary %+v is not a demo place", g.ID, l)
			}
			places = append(places, p.ID)
		}
		type fields struct {
			ID, Title, Description, Currency, Date, Funder, FunderName, Recipient, RecipientName, Programme string
			Amount                                                                                          int64
			Places                                                                                          []string
		}
		gotF := fields{g.ID, g.Title, g.Description, g.Currency, g.AwardDate.Format("2006-01-02"),
			g.FundingOrg.ID, g.FundingOrg.Name, g.RecipientOrg.ID, g.RecipientOrg.Name, g.Programme, g.Amount, places}
		wantF := fields{w.ID, w.Title, w.Description, w.Currency, w.AwardedOn.Format("2006-01-02"),
			w.FunderID, ix.orgs[w.FunderID].Name, w.RecipientID, ix.orgs[w.RecipientID].Name, w.Programme, w.Amount, w.PlaceIDs}
		if !reflect.DeepEqual(gotF, wantF) {
			t.Errorf("grant %d = %+v, want %+v", i, gotF, wantF)
		}
	}
}

// checkPlaces reads the place data example with encoding/csv and checks
// it holds exactly the demo places.
func checkPlaces(t *testing.T, file []byte) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
	if err != nil {
		t.Fatalf("read CSV: %v", err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], placesHeader()) {
		t.Fatalf("header = %q, want %q", rows[0], placesHeader())
	}
	ix := newDemoIndex()
	byCode := map[string]store.Place{}
	for _, p := range ix.places {
		byCode[p.Code] = p
	}
	var got []store.Place
	for _, r := range rows[1:] {
		p := store.Place{Code: r[0], Name: r[1], NeedScale: r[5]}
		// Ids are not in the file: a place is known by its code.
		p.ID = byCode[r[0]].ID
		if r[2] != "" {
			p.ParentID = byCode[r[2]].ID
		}
		if r[3] != "" {
			n, err := strconv.Atoi(r[3])
			if err != nil {
				t.Errorf("place %s: population %q: %v", r[0], r[3], err)
			}
			p.Population = &n
		}
		if r[4] != "" {
			v, err := strconv.ParseFloat(r[4], 64)
			if err != nil {
				t.Errorf("place %s: need index %q: %v", r[0], r[4], err)
			}
			p.NeedIndex = &v
		}
		for i, g := range groupOrder {
			if s := strings.TrimSpace(r[6+i]); s != "" {
				n, err := strconv.Atoi(s)
				if err != nil {
					t.Errorf("place %s: %s %q: %v", r[0], rows[0][6+i], s, err)
				}
				if p.PopulationByGroup == nil {
					p.PopulationByGroup = map[string]int{}
				}
				p.PopulationByGroup[g] = n
			}
		}
		got = append(got, p)
	}
	// The boundaries are in their own example file (checkBoundaries).
	want := demo.Network().Places
	for i := range want {
		want[i].Geometry = ""
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("places read back = %+v, want %+v", got, want)
	}

	// The place data importer, with the demo places stored, updates them
	// to the values they already have.
	parsed, err := interchange.ParsePlacesCSV(bytes.NewReader(file), func(code string) (store.Place, bool) {
		p, ok := byCode[strings.ToUpper(code)]
		return p, ok
	})
	if err != nil {
		t.Fatalf("ParsePlacesCSV: %v", err)
	}
	if want := demo.Network().Places; !reflect.DeepEqual(parsed, want) {
		t.Errorf("ParsePlacesCSV = %+v, want %+v", parsed, want)
	}
}
