package giving_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/store"
)

// collect parses with parse and returns the grants fn received and the error.
func collect(t *testing.T, parse func(io.Reader, func(giving.Grant) error) error, r io.Reader) ([]giving.Grant, error) {
	t.Helper()
	var got []giving.Grant
	err := parse(r, func(g giving.Grant) error {
		got = append(got, g)
		return nil
	})
	return got, err
}

// mustOpen opens a file of testdata.
func mustOpen(tb testing.TB, name string) *os.File {
	tb.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// details returns the problems of an EINVALID error, failing on any other.
func details(t *testing.T, err error) []string {
	t.Helper()
	var e *store.Error
	if !errors.As(err, &e) || e.Code != store.EINVALID {
		t.Fatalf("error = %v, want a *store.Error with code %s", err, store.EINVALID)
	}
	return e.Details
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Real records: testdata/covid19_tracker_grants.json, from
// ThreeSixtyGiving/covid19-tracker (see testdata/README.md).
func TestParseJSONRealRecords(t *testing.T) {
	t.Parallel()
	got, err := collect(t, giving.ParseJSON, mustOpen(t, "covid19_tracker_grants.json"))
	if err != nil {
		t.Fatalf("ParseJSON(covid19_tracker_grants.json) error = %v, details %v", err, store.ErrorDetails(err))
	}
	if len(got) != 12 {
		t.Fatalf("ParseJSON(covid19_tracker_grants.json) gave %d grants, want 12", len(got))
	}
	want := map[int]giving.Grant{
		0: {
			ID:            "360G-woodward:WCT2962",
			Title:         "Emergency match funding appeal for those affect by COVID-19 virus",
			Description:   "Towards the emergency match funding appeal to raise money for those who will be affected by the COVID-19 virus.",
			Currency:      "GBP",
			Amount:        1000000,
			AwardDate:     day(2020, 3, 17),
			FundingOrg:    giving.Org{ID: "GB-CHC-299963", Name: "Woodward Charitable Trust"},
			RecipientOrg:  giving.Org{ID: "GB-CHC-1136547", Name: "Big Give Trust, The"},
			Beneficiaries: []giving.Location{{Name: "UK"}},
			Row:           0,
		},
		2: { // awardDate "2020-03-19T00:00:00.000Z", amountAwarded 10000.0, a \u escape
			ID:            "360G-EFF-20-0465",
			Title:         "Grant to The Social Investment Business Group",
			Description:   "Towards project costs for building an insight tool for needs analysis of communities during the covid-9 pandemic.",
			Currency:      "GBP",
			Amount:        1000000,
			AwardDate:     day(2020, 3, 19),
			FundingOrg:    giving.Org{ID: "GB-CHC-200051", Name: "Esmée Fairbairn Foundation"},
			RecipientOrg:  giving.Org{ID: "360G-EFF-001b000003VLyGR", Name: "The Social Investment Business Group"},
			Beneficiaries: []giving.Location{{Name: "UK Whole"}},
			Programme:     "Main Grant",
			Row:           2,
		},
		10: { // awardDate "2020-03-23T00:00:00+00:00", a located beneficiary
			ID:            "360G-Walcot-0061E00001HbdPBQAZ",
			Title:         "COVID19 Information Hub Website",
			Description:   "COVID19 Information Hub Website",
			Currency:      "GBP",
			Amount:        950000,
			AwardDate:     day(2020, 3, 23),
			FundingOrg:    giving.Org{ID: "GB-CHC-312800", Name: "Walcot Foundation"},
			RecipientOrg:  giving.Org{ID: "GB-COH-11872527", Name: "Lambeth Larder"},
			Beneficiaries: []giving.Location{{Name: "Lambeth", GeoCode: "E09000022", GeoCodeType: "LONB"}},
			Programme:     "Organisation Grant",
			Row:           10,
		},
	}
	for i, w := range want {
		if !reflect.DeepEqual(got[i], w) {
			t.Errorf("ParseJSON grant %d =\n%+v\nwant\n%+v", i, got[i], w)
		}
	}
	// The sum of amountAwarded over the file, by
	// python3 -c "import json; print(sum(g['amountAwarded'] for g in json.load(open('covid19_tracker_grants.json'))['grants']))"
	// is 4558500.0 pounds.
	var total int64
	for i, g := range got {
		total += g.Amount
		if g.Row != i {
			t.Errorf("grant %s Row = %d, want %d", g.ID, g.Row, i)
		}
	}
	if total != 455850000 {
		t.Errorf("total Amount = %d pence, want 455850000", total)
	}
}

// The flat CSV form of the same real records parses to the same grants.
func TestParseCSVRealRecordsMatchJSON(t *testing.T) {
	t.Parallel()
	fromJSON, err := collect(t, giving.ParseJSON, mustOpen(t, "covid19_tracker_grants.json"))
	if err != nil {
		t.Fatal(err)
	}
	fromCSV, err := collect(t, giving.ParseCSV, mustOpen(t, "covid19_tracker_grants.csv"))
	if err != nil {
		t.Fatalf("ParseCSV(covid19_tracker_grants.csv) error = %v, details %v", err, store.ErrorDetails(err))
	}
	if len(fromCSV) != len(fromJSON) {
		t.Fatalf("ParseCSV gave %d grants, ParseJSON %d", len(fromCSV), len(fromJSON))
	}
	for i := range fromJSON {
		if want := i + 2; fromCSV[i].Row != want { // line 1 is the header
			t.Errorf("CSV grant %d Row = %d, want line %d", i, fromCSV[i].Row, want)
		}
		c, j := fromCSV[i], fromJSON[i]
		c.Row, j.Row = 0, 0
		if !reflect.DeepEqual(c, j) {
			t.Errorf("grant %d: ParseCSV =\n%+v\nParseJSON =\n%+v", i, c, j)
		}
	}
}

// A real CSV published in 2015 writes its award dates day first; it is
// refused, every row named, and fn never called.
func TestParseCSVRealRecordsRefused(t *testing.T) {
	t.Parallel()
	got, err := collect(t, giving.ParseCSV, mustOpen(t, "indigo_trust_2015.csv"))
	if len(got) != 0 {
		t.Errorf("fn received %d grants, want none: the first row is already invalid", len(got))
	}
	d := details(t, err)
	// Records start on these lines; two of them hold a line break inside a quoted description.
	lines := []int{2, 3, 4, 5, 6, 7, 8, 10, 12}
	dates := []string{"26/03/2001", "26/09/2001", "26/09/2001", "26/09/2001", "25/03/2002", "28/08/2002", "28/08/2002", "28/08/2002", "28/08/2002"}
	if len(d) != len(lines) {
		t.Fatalf("ParseCSV(indigo_trust_2015.csv) details = %q, want %d", d, len(lines))
	}
	for i, line := range lines {
		want := fmt.Sprintf(`line %d, Award Date: "%s 00:00" is not an ISO 8601 date`, line, dates[i])
		if !strings.HasPrefix(d[i], want) {
			t.Errorf("detail %d = %q, want it to start %q", i, d[i], want)
		}
	}
	if msg := store.ErrorMessage(err); msg != "360Giving CSV file refused: 9 problems found, nothing imported" {
		t.Errorf("message = %q", msg)
	}
}
