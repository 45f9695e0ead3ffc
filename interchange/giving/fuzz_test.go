package giving_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/store"
)

// checkParsed is the property both fuzz targets check: the parser never
// panics; it returns either grants that all meet the package's rules, with
// distinct identifiers, which written out as CSV parse back the same; or a
// *store.Error with code EINVALID and 1 to MaxProblems+1 details, fn having
// received only grants that meet the rules.
func checkParsed(t *testing.T, grants []giving.Grant, err error) {
	t.Helper()
	seen := map[string]bool{}
	for _, g := range grants {
		if store.ValidID("id", g.ID) != nil || seen[g.ID] {
			t.Fatalf("grant id %q is invalid or repeated", g.ID)
		}
		seen[g.ID] = true
		if strings.TrimSpace(g.Title) == "" || strings.TrimSpace(g.Description) == "" {
			t.Fatalf("grant %q has no title or description", g.ID)
		}
		if !giving.ValidCurrency(g.Currency) || g.Amount < 0 {
			t.Fatalf("grant %q: currency %q amount %d", g.ID, g.Currency, g.Amount)
		}
		if y := g.AwardDate.Year(); y < 1900 || y > 2100 || !g.AwardDate.Equal(store.Day(g.AwardDate)) || g.AwardDate.Location() != time.UTC {
			t.Fatalf("grant %q: award date %v", g.ID, g.AwardDate)
		}
		for _, o := range []giving.Org{g.FundingOrg, g.RecipientOrg} {
			if store.ValidID("org", o.ID) != nil || strings.TrimSpace(o.Name) == "" {
				t.Fatalf("grant %q: organisation %+v", g.ID, o)
			}
		}
		for _, l := range g.Beneficiaries {
			if l.Name == "" && l.GeoCode == "" {
				t.Fatalf("grant %q: empty location", g.ID)
			}
		}
	}
	if err != nil {
		var e *store.Error
		if !errors.As(err, &e) || e.Code != store.EINVALID || len(e.Details) == 0 || len(e.Details) > giving.MaxProblems+1 {
			t.Fatalf("error = %#v, want a *store.Error EINVALID with 1 to %d details", err, giving.MaxProblems+1)
		}
		return
	}
	var buf bytes.Buffer
	if !writeCSV(&buf, grants) {
		return // a carriage return inside a field: CSV reads "\r\n" back as "\n"
	}
	var again []giving.Grant
	if err := giving.ParseCSV(&buf, func(g giving.Grant) error { again = append(again, g); return nil }); err != nil {
		t.Fatalf("ParseCSV of the grants written as CSV: %v %q", err, store.ErrorDetails(err))
	}
	if len(again) != len(grants) {
		t.Fatalf("round trip through CSV gave %d grants, want %d", len(again), len(grants))
	}
	for i := range grants {
		a, b := grants[i], again[i]
		a.Row, b.Row = 0, 0
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip through CSV:\n%+v\nbecame\n%+v", a, b)
		}
	}
}

// writeCSV writes grants in the flat template form, and reports false when a
// field holds a carriage return, which CSV does not carry exactly.
func writeCSV(w io.Writer, grants []giving.Grant) bool {
	nloc := 0
	for _, g := range grants {
		nloc = max(nloc, len(g.Beneficiaries))
	}
	header := []string{"Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
		"Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name", "Grant Programme:Title"}
	for i := range nloc {
		p := "Beneficiary Location:" + strconv.Itoa(i) + ":"
		header = append(header, p+"Name", p+"Geographic Code", p+"Geographic Code Type")
	}
	cw := csv.NewWriter(w)
	_ = cw.Write(header)
	for _, g := range grants {
		row := []string{g.ID, g.Title, g.Description, g.Currency, g.AmountString(), g.AwardDate.Format(time.DateOnly),
			g.RecipientOrg.ID, g.RecipientOrg.Name, g.FundingOrg.ID, g.FundingOrg.Name, g.Programme}
		for i := range nloc {
			var l giving.Location
			if i < len(g.Beneficiaries) {
				l = g.Beneficiaries[i]
			}
			row = append(row, l.Name, l.GeoCode, l.GeoCodeType)
		}
		for _, f := range row {
			if strings.ContainsRune(f, '\r') {
				return false
			}
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return true
}

func addSeeds(f *testing.F, names ...string) {
	for _, name := range names {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzParseJSON(f *testing.F) {
	addSeeds(f, "covid19_tracker_grants.json")
	f.Add([]byte(pkg(jsonGrant(nil), jsonGrant(map[string]string{"id": `"g2"`, "amountAwarded": `1.5e-2`}))))
	f.Add([]byte(pkg(jsonGrant(map[string]string{"beneficiaryLocation": `[{"name": " Ward ", "geoCode": "E05000001"}, {"countryCode": "GB"}]`}))))
	f.Add([]byte(`{"grants": [{"id": 1}, [], null]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got []giving.Grant
		err := giving.ParseJSON(bytes.NewReader(data), func(g giving.Grant) error { got = append(got, g); return nil })
		checkParsed(t, got, err)
	})
}

func FuzzParseCSV(f *testing.F) {
	addSeeds(f, "covid19_tracker_grants.csv", "indigo_trust_2015.csv")
	f.Add([]byte(csvHeader + csvRow("g1", "1.5") + csvRow("g2", "10")))
	f.Add([]byte("\uFEFFIdentifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Ind:Identifier,Funding Org:Identifier,Funding Org:Name\ng,t,d,GBP,1,2024-01-01,i,f,n\n"))
	f.Add([]byte(csvHeader + "\"a\nb\",t,d,GBP,1,2024-01-01T00:00:00Z,r,rn,f,fn,,,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got []giving.Grant
		err := giving.ParseCSV(bytes.NewReader(data), func(g giving.Grant) error { got = append(got, g); return nil })
		checkParsed(t, got, err)
	})
}
