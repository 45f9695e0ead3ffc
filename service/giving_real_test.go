package service_test

import (
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// publisherFiles are real 360Giving files as their publishers published
// them (interchange/giving/testdata/publishers, sources and licences in its
// README): JSON, CSV and XLSX; national ("UK"), district (codes of current
// and retired districts, district names), ward and neighbourhood (LSOA
// codes and LSOA names) locations, foreign countries, and none.
var publisherFiles = []publisherFile{
	{"oxfordshire_cf_2013.json", service.GivingJSON, service.GivingImport{DateOrder: giving.DMY}, 156, 0},
	{"indigo_trust_2015.csv", service.GivingCSV, service.GivingImport{DateOrder: giving.DMY}, 269, 0},
	{"lloyds_bank_foundation_2010_2015.xlsx", service.GivingXLSX, service.GivingImport{SkipInvalid: true}, 4116, 6},
	{"essex_cf_2020.json", service.GivingJSON, service.GivingImport{}, 33, 0},
	{"somerset_cf_2020.json", service.GivingJSON, service.GivingImport{}, 79, 0},
	{"tyne_wear_cf_2020.json", service.GivingJSON, service.GivingImport{}, 19, 0},
	{"wolfson_2014.json", service.GivingJSON, service.GivingImport{DateOrder: giving.DMY}, 379, 0},
}

// publisherFile is a real file, how to import it, and how many grants it
// holds (skipped: how many of them are invalid).
type publisherFile struct {
	name            string
	form            service.GivingForm
	opt             service.GivingImport
	grants, skipped int
}

const publishersDir = "../interchange/giving/testdata/publishers"

// TestRealPublishers imports the real files into the whole UK geography,
// in file order and in reverse order, on each store, and checks:
//   - every file imports (the Lloyds Bank Foundation's with its 6 invalid
//     grants skipped and reported);
//   - the money of each file adds up to the penny: its total (read here
//     independently for the JSON files, as exact decimals) is the money its
//     grants' beneficiary places receive plus its unmatched locations plus
//     its grants naming no location (grantTotals by place, exact), and
//     every place receiving money is a district with a population or an
//     area above districts (so the money reaches ranked districts: the
//     under-served analysis of the funder has no unranked or out-of-scope
//     money, and its ranked + unplaced + unmatched money is the total);
//   - both orders give identical stores (places, organisations, grants).
func TestRealPublishers(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 5,000 real grants twice")
	}
	// On the embedded store all seven files into the whole UK; on Neo4j
	// (in CI the NornicDB test server, whose writes here are minutes where
	// the embedded store's are seconds) the two community foundations of
	// 2020 into the two regions they fund. Organisations shared between
	// publishers (the Lloyds Bank Foundation's recipients in three other
	// files) are in the embedded store's run, and in the store conformance
	// suite's TwoPublishersAnyOrder on both stores.
	for _, s := range []struct {
		name  string
		open  func(testing.TB) store.Store
		files []string
		areas []string
	}{
		{"bolt", func(tb testing.TB) store.Store { return servicetest.MustOpenStore(tb) }, nil, []string{"K02000001"}},
		{"neo4j", func(tb testing.TB) store.Store { return neo4jtest.Open(tb) },
			[]string{"essex_cf_2020.json", "tyne_wear_cf_2020.json"}, []string{"E12000006", "E12000001"}},
	} {
		t.Run(s.name, func(t *testing.T) {
			// Each order in a fresh store (the Neo4j test database is
			// wiped by each open).
			st := s.open(t)
			forward := importPublishers(t, st, s.files, s.areas, false)
			snapA := storeDump(t, st)
			st = s.open(t)
			backward := importPublishers(t, st, s.files, s.areas, true)
			snapB := storeDump(t, st)
			if !reflect.DeepEqual(snapA, snapB) {
				diffDumps(t, snapA, snapB)
			}
			for name, r := range forward {
				if !reflect.DeepEqual(r.Total, backward[name].Total) || !reflect.DeepEqual(r.Unmatched, backward[name].Unmatched) {
					t.Errorf("%s: the import results differ with the order: %+v and %+v", name, r, backward[name])
				}
			}
		})
	}
}

// importPublishers loads the UK geography and imports every publisher
// file (in reverse order when reverse), checking each one's sums.
func importPublishers(t *testing.T, st store.Store, only, areas []string, reverse bool) map[string]service.GivingResult {
	t.Helper()
	ctx := admin(t.Context())
	svc := service.New(st, nil)
	if _, err := svc.LoadUK(ctx, service.UKLoad{Areas: areas}); err != nil {
		t.Fatalf("LoadUK: %v", err)
	}
	files := slices.Clone(publisherFiles)
	if only != nil {
		files = slices.DeleteFunc(files, func(f publisherFile) bool { return !slices.Contains(only, f.name) })
	}
	if reverse {
		slices.Reverse(files)
	}
	out := map[string]service.GivingResult{}
	for _, f := range files {
		opt := f.opt
		opt.Form, opt.PlaceID = f.form, "K02000001"
		r, err := importFile(t, svc, filepath.Join(publishersDir, f.name), opt)
		if err != nil {
			t.Fatalf("ImportGiving(%s) = %v %q", f.name, err, store.ErrorDetails(err))
		}
		if r.Grants+r.SkippedGrants != f.grants || r.SkippedGrants != f.skipped {
			t.Fatalf("ImportGiving(%s) imported %d and skipped %d grants, want %d of %d skipped", f.name, r.Grants, r.SkippedGrants, f.skipped, f.grants)
		}
		if strings.HasSuffix(f.name, ".json") {
			if want := jsonTotal(t, filepath.Join(publishersDir, f.name)); want != r.Total[0].Minor || len(r.Total) != 1 {
				t.Errorf("%s: import total %v, want %d pence read independently", f.name, r.Total, want)
			}
		}
		checkPublisherSums(t, svc, st, f.name, r)
		out[f.name] = r
	}
	return out
}

// checkPublisherSums checks that a file's money adds up to the penny.
func checkPublisherSums(t *testing.T, svc *service.Service, st store.Store, name string, r service.GivingResult) {
	t.Helper()
	ctx := admin(t.Context())
	var funder string
	conn, err := st.Grants(ctx, store.GrantFilter{}, store.Page{First: 1})
	if err != nil || conn.TotalCount == 0 {
		t.Fatalf("no grants after importing %s", name)
	}
	// The file's funder is the funder of its grants: each file has one.
	for _, g := range publisherFunders(t, svc) {
		if groups, _ := svc.GrantTotals(ctx, service.GrantQuery{FunderID: g}, service.GroupNone); len(groups) == 1 &&
			reflect.DeepEqual(groups[0].Amounts, r.Total) && groups[0].Grants == r.Grants {
			funder = g
		}
	}
	if funder == "" {
		t.Fatalf("%s: no funder's grants add up to the file's total %v", name, r.Total)
	}
	groups, err := svc.GrantTotals(ctx, service.GrantQuery{FunderID: funder}, service.GroupPlace)
	if err != nil {
		t.Fatal(err)
	}
	var placed, unmatched, unplaced int64
	for _, g := range groups {
		m := g.Amounts[0].Minor
		switch g.Basis {
		case "PLACE":
			placed += m
			p, err := st.Place(ctx, g.Key)
			if err != nil || p.Population == nil || *p.Population == 0 {
				t.Errorf("%s: money goes to place %s (%v) with no population", name, g.Key, err)
			}
		case "UNMATCHED":
			unmatched += m
		case "UNPLACED":
			unplaced += m
		default:
			t.Errorf("%s: group %+v", name, g)
		}
	}
	var wantUnmatched, wantUnplaced int64
	for _, u := range r.Unmatched {
		wantUnmatched += u.Amounts[0].Minor
	}
	for _, m := range r.Unplaced {
		wantUnplaced += m.Minor
	}
	total := r.Total[0].Minor
	if placed+unmatched+unplaced != total || unmatched != wantUnmatched || unplaced != wantUnplaced {
		t.Errorf("%s: placed %d + unmatched %d + unplaced %d = %d pence, want the file's total %d (import: unmatched %d, unplaced %d)",
			name, placed, unmatched, unplaced, placed+unmatched+unplaced, total, wantUnmatched, wantUnplaced)
	}
	rep, err := svc.Underserved(ctx, service.FundingFilter{FunderID: funder}, 500)
	if err != nil {
		t.Fatal(err)
	}
	if rep.UnrankedAwarded != 0 || rep.OutOfScope != 0 ||
		!within(rep.RankedAwarded*100, float64(placed), 0.5) || !within(rep.Unplaced*100, float64(unplaced), 0.5) || !within(rep.Unmatched*100, float64(unmatched), 0.5) {
		t.Errorf("%s: under-served totals ranked %.2f, unranked %.2f, out of scope %.2f, unplaced %.2f, unmatched %.2f; want ranked %d p, unplaced %d p, unmatched %d p",
			name, rep.RankedAwarded, rep.UnrankedAwarded, rep.OutOfScope, rep.Unplaced, rep.Unmatched, placed, unplaced, unmatched)
	}
	t.Logf("%s: total £%s = £%s to ranked districts + £%s unmatched + £%s unplaced", name,
		giving.FormatAmount(total, "GBP"), giving.FormatAmount(placed, "GBP"), giving.FormatAmount(unmatched, "GBP"), giving.FormatAmount(unplaced, "GBP"))
}

func within(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }

// publisherFunders lists the organisations that fund a grant.
func publisherFunders(t *testing.T, svc *service.Service) []string {
	t.Helper()
	groups, err := svc.GrantTotals(admin(t.Context()), service.GrantQuery{}, service.GroupFunder)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, g := range groups {
		out = append(out, g.Key)
	}
	return out
}

// jsonTotal sums a JSON package's amountAwarded values exactly, as decimal
// numbers, in pence: a count independent of package giving.
func jsonTotal(t *testing.T, path string) int64 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Grants []struct {
			Amount json.Number `json:"amountAwarded"`
		} `json:"grants"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatal(err)
	}
	sum := new(big.Rat)
	for _, g := range pkg.Grants {
		r, ok := new(big.Rat).SetString(g.Amount.String())
		if !ok {
			t.Fatalf("%s: amount %q", path, g.Amount)
		}
		// Float artefacts of whole pennies are what the import rounds.
		p := new(big.Rat).Mul(r, big.NewRat(100, 1))
		f, _ := p.Float64()
		sum.Add(sum, new(big.Rat).SetInt64(int64(f+0.5)))
	}
	return sum.Num().Int64()
}

// dump is what a store holds, for comparing two stores.
type dump struct {
	Places        []store.Place
	Organisations []store.Organisation
	Grants        []store.Grant
}

func storeDump(t *testing.T, st store.Store) dump {
	t.Helper()
	ctx := admin(t.Context())
	snap, err := st.Snapshot(ctx, store.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	var d dump
	d.Places, d.Organisations = snap.Places, snap.Organisations
	page := store.Page{First: store.MaxPageSize}
	for {
		c, err := st.Grants(ctx, store.GrantFilter{}, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range c.Items {
			g.AwardedOn = g.AwardedOn.UTC()
			d.Grants = append(d.Grants, g)
		}
		if !c.HasNextPage {
			return d
		}
		page.After = c.EndCursor
	}
}

// diffDumps reports the first differences between two stores.
func diffDumps(t *testing.T, a, b dump) {
	t.Helper()
	if len(a.Organisations) != len(b.Organisations) || len(a.Grants) != len(b.Grants) || len(a.Places) != len(b.Places) {
		t.Fatalf("stores differ in size: %d/%d/%d and %d/%d/%d places/organisations/grants",
			len(a.Places), len(a.Organisations), len(a.Grants), len(b.Places), len(b.Organisations), len(b.Grants))
	}
	n := 0
	for i := range a.Organisations {
		if a.Organisations[i] != b.Organisations[i] && n < 10 {
			t.Errorf("organisation %+v, in the other order %+v", a.Organisations[i], b.Organisations[i])
			n++
		}
	}
	for i := range a.Grants {
		if !reflect.DeepEqual(a.Grants[i], b.Grants[i]) && n < 20 {
			t.Errorf("grant %+v, in the other order %+v", a.Grants[i], b.Grants[i])
			n++
		}
	}
	for i := range a.Places {
		if !reflect.DeepEqual(a.Places[i], b.Places[i]) && n < 30 {
			t.Errorf("place %+v, in the other order %+v", a.Places[i].ID, b.Places[i].ID)
			n++
		}
	}
	t.Fatalf("the two orders give different stores")
}
