package service_test

import (
	"context"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// onGivingStores runs fn on a fresh embedded store and, when
// NEO4J_TEST_URI is set, on a freshly wiped Neo4j test database.
func onGivingStores(t *testing.T, fn func(t *testing.T, st store.Store)) {
	t.Helper()
	t.Run("bolt", func(t *testing.T) { fn(t, servicetest.MustOpenStore(t)) })
	t.Run("neo4j", func(t *testing.T) { fn(t, neo4jtest.Open(t)) })
}

// The real records of interchange/giving/testdata (see its README): 12
// grants from 6 funders to 8 recipients, for the locations "UK", "UK
// Whole" and Lambeth (E09000022).
var givingFiles = []struct {
	name string
	form service.GivingForm
	path string
}{
	{"json", service.GivingJSON, "../interchange/giving/testdata/covid19_tracker_grants.json"},
	{"csv", service.GivingCSV, "../interchange/giving/testdata/covid19_tracker_grants.csv"},
}

// importFile imports a file of the testdata.
func importFile(t *testing.T, svc *service.Service, path string, opt service.GivingImport) (service.GivingResult, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return svc.ImportGiving(admin(t.Context()), f, opt)
}

// totals counts what a store holds: grants, places and organisations.
type totals struct{ Grants, Places, Organisations int }

func countAll(t *testing.T, st store.Store) totals {
	t.Helper()
	ctx, one := admin(t.Context()), store.Page{First: 1}
	g, err := st.Grants(ctx, store.GrantFilter{}, one)
	if err != nil {
		t.Fatalf("Grants: %v", err)
	}
	p, err := st.Places(ctx, store.PlaceFilter{}, one)
	if err != nil {
		t.Fatalf("Places: %v", err)
	}
	o, err := st.Organisations(ctx, store.OrganisationFilter{}, one)
	if err != nil {
		t.Fatalf("Organisations: %v", err)
	}
	return totals{g.TotalCount, p.TotalCount, o.TotalCount}
}

// seedBorough stores the place new organisations go to, and Lambeth with
// its ONS code written in lower case, to be matched case-insensitively.
func seedBorough(t *testing.T, st store.Store) {
	t.Helper()
	for _, p := range []store.Place{{ID: "borough", Name: "Borough"}, {ID: "lambeth", Name: "Lambeth", Code: "e09000022"}} {
		if _, err := st.UpsertPlace(admin(t.Context()), p); err != nil {
			t.Fatalf("UpsertPlace(%s): %v", p.ID, err)
		}
	}
}

func TestImportGivingReal(t *testing.T) {
	for _, file := range givingFiles {
		t.Run(file.name, func(t *testing.T) {
			onGivingStores(t, func(t *testing.T, st store.Store) {
				ctx := admin(t.Context())
				seedBorough(t, st)
				svc := service.New(st, nil)
				var progress []int
				opt := service.GivingImport{Form: file.form, PlaceID: "borough", Progress: func(n int) { progress = append(progress, n) }}
				got, err := importFile(t, svc, file.path, opt)
				if err != nil {
					t.Fatalf("ImportGiving(%s) = %v", file.name, err)
				}
				if got.Grants != 12 || got.GrantsCreated != 12 || got.OrganisationsCreated != 14 || got.OrganisationsUpdated != 0 {
					t.Fatalf("ImportGiving(%s) = %+v, want 12 grants and 14 organisations created", file.name, got)
				}
				if !slices.Equal(progress, []int{12}) {
					t.Errorf("progress calls = %v, want [12]", progress)
				}
				// "UK" and "UK Whole" are UK-wide labels, not stored:
				// unmatched, with a hint; nothing is created.
				var labels []string
				for _, u := range got.Unmatched {
					labels = append(labels, u.Location)
					if !strings.Contains(u.Hint, "places load-uk -area K02000001") {
						t.Errorf("unmatched %q hint = %q, want the UK to load", u.Location, u.Hint)
					}
				}
				if !slices.Equal(labels, []string{"UK", "UK Whole"}) || got.Unmatched[0].Grants != 10 {
					t.Errorf("unmatched = %+v, want UK (10 grants) and UK Whole", got.Unmatched)
				}
				checkGivingSums(t, st, got)

				g, err := st.Grant(ctx, "360G-Walcot-0061E00001HbdPBQAZ")
				if err != nil {
					t.Fatalf("Grant(Walcot) = %v", err)
				}
				g.AwardedOn = g.AwardedOn.UTC()
				want := store.Grant{ID: "360G-Walcot-0061E00001HbdPBQAZ", Title: "COVID19 Information Hub Website",
					Description: "COVID19 Information Hub Website", Amount: 950000, Currency: "GBP",
					AwardedOn: time.Date(2020, 3, 23, 0, 0, 0, 0, time.UTC), FunderID: "GB-CHC-312800",
					RecipientID: "GB-COH-11872527", PlaceIDs: []string{"lambeth"}, Programme: "Organisation Grant"}
				if !reflect.DeepEqual(g, want) {
					t.Errorf("Grant(Walcot) = %+v, want %+v", g, want)
				}
				eff, err := st.Grant(ctx, "360G-EFF-20-0465")
				if err != nil {
					t.Fatalf("Grant(EFF) = %v", err)
				}
				if eff.Amount != 1000000 || len(eff.PlaceIDs) != 0 || !slices.Equal(eff.Unmatched, []string{"UK Whole"}) || eff.Programme != "Main Grant" {
					t.Errorf("Grant(EFF) = %+v, want 1000000 pence, unmatched UK Whole, in Main Grant", eff)
				}

				// Kinds come from the identifier's scheme, never from the
				// role: funders and recipients alike.
				orgs := []store.Organisation{
					{ID: "GB-CHC-299963", Name: "Woodward Charitable Trust", Kind: store.OrgVoluntary, PlaceID: "borough"},
					{ID: "GB-CHC-1075920", Name: "Indigo Trust", Kind: store.OrgVoluntary, PlaceID: "borough"},
					{ID: "GB-CHC-1136547", Name: "Big Give Trust, The", Kind: store.OrgVoluntary, PlaceID: "borough"},
					{ID: "GB-COH-11872527", Name: "Lambeth Larder", Kind: store.OrgVoluntary, PlaceID: "borough"},
				}
				for _, o := range orgs {
					if got, err := st.Organisation(ctx, o.ID); err != nil || got != o {
						t.Errorf("Organisation(%s) = %+v, %v; want %+v", o.ID, got, err, o)
					}
				}
				before := countAll(t, st)
				if before != (totals{Grants: 12, Places: 2, Organisations: 14}) {
					t.Fatalf("stored after import = %+v, want 12 grants, 2 places (none created), 14 organisations", before)
				}
				// With the United Kingdom stored, the UK-wide labels match it
				// by alias; the second import replaces the 12 grants.
				if _, err := st.UpsertPlace(ctx, store.Place{ID: "uk", Name: "United Kingdom", Code: "K02000001"}); err != nil {
					t.Fatal(err)
				}
				got, err = importFile(t, svc, file.path, service.GivingImport{Form: file.form, PlaceID: "borough"})
				if err != nil {
					t.Fatalf("second ImportGiving(%s) = %v", file.name, err)
				}
				if got.GrantsUpdated != 12 || got.GrantsCreated != 0 || got.OrganisationsCreated != 0 || len(got.Unmatched) != 0 || got.Matched["built-in name"] != 11 {
					t.Errorf("second ImportGiving(%s) = %+v, want 12 updated, nothing created, UK labels matched by built-in name", file.name, got)
				}
				if eff, _ := st.Grant(ctx, "360G-EFF-20-0465"); !slices.Equal(eff.PlaceIDs, []string{"uk"}) || eff.Unmatched != nil {
					t.Errorf("Grant(EFF) after the UK is stored = %+v, want place uk", eff)
				}
				checkGivingSums(t, st, got)
				// Without placeId, now that every organisation exists, the
				// file imports too.
				if _, err := importFile(t, svc, file.path, service.GivingImport{Form: file.form}); err != nil {
					t.Errorf("third ImportGiving(%s) without placeId = %v", file.name, err)
				}
			})
		})
	}
}

// checkGivingSums checks that an import's money adds up to the penny: for
// each currency, the file's total is the money of its grants shared among
// matched places (service.Shares), plus the unmatched locations' amounts,
// plus the money of grants naming no location.
func checkGivingSums(t *testing.T, st store.Store, r service.GivingResult) {
	t.Helper()
	placed := map[string]int64{}
	conn, err := st.Grants(admin(t.Context()), store.GrantFilter{}, store.Page{First: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range conn.Items {
		for _, s := range service.Shares(g.Amount, len(g.PlaceIDs)+len(g.Unmatched))[:len(g.PlaceIDs)] {
			placed[g.Currency] += s
		}
	}
	sum := map[string]int64{}
	for _, u := range r.Unmatched {
		for _, m := range u.Amounts {
			sum[m.Currency] += m.Minor
		}
	}
	for _, m := range r.Unplaced {
		sum[m.Currency] += m.Minor
	}
	for _, m := range r.Total {
		if got := placed[m.Currency] + sum[m.Currency]; got != m.Minor {
			t.Errorf("%s: placed %d + unmatched and unplaced %d = %d, want the file's total %d", m.Currency, placed[m.Currency], sum[m.Currency], got, m.Minor)
		}
	}
}

// refusedGiving checks that an import fails with code and that every want
// appears in the error or its details, and that nothing was written.
func refusedGiving(t *testing.T, st store.Store, svc *service.Service, form service.GivingForm, file string, opt service.GivingImport, code string, want ...string) {
	t.Helper()
	before := countAll(t, st)
	opt.Form = form
	got, err := svc.ImportGiving(admin(t.Context()), strings.NewReader(file), opt)
	if store.ErrorCode(err) != code {
		t.Fatalf("ImportGiving = %+v, %v; want code %s", got, err, code)
	}
	text := err.Error() + "\n" + strings.Join(store.ErrorDetails(err), "\n")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("ImportGiving error %q does not contain %q", text, w)
		}
	}
	if after := countAll(t, st); after != before {
		t.Errorf("refused import wrote something: %+v, was %+v", after, before)
	}
}

const givingHeader = "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Beneficiary Location:Name,Beneficiary Location:Geographic Code\n"

func TestImportGivingRefused(t *testing.T) {
	csvFile, err := os.ReadFile(givingFiles[1].path)
	if err != nil {
		t.Fatal(err)
	}
	jsonFile, err := os.ReadFile(givingFiles[0].path)
	if err != nil {
		t.Fatal(err)
	}
	onGivingStores(t, func(t *testing.T, st store.Store) {
		seedBorough(t, st)
		svc := service.New(st, nil)
		t.Run("bad row", func(t *testing.T) {
			// The real file with one amount written with a thousands
			// separator, on line 5.
			lines := strings.SplitAfter(string(csvFile), "\n")
			lines[4] = strings.Replace(lines[4], ",GBP,1000000,", ",GBP,\"1,000,000\",", 1)
			refusedGiving(t, st, svc, service.GivingCSV, strings.Join(lines, ""), service.GivingImport{PlaceID: "borough"},
				store.EINVALID, "line 5, Amount Awarded")
		})
		t.Run("no placeId", func(t *testing.T) {
			refusedGiving(t, st, svc, service.GivingCSV, string(csvFile), service.GivingImport{},
				store.EINVALID, "placeId is required: the file creates 14 organisations")
		})
		t.Run("placeId of nothing", func(t *testing.T) {
			refusedGiving(t, st, svc, service.GivingJSON, string(jsonFile), service.GivingImport{PlaceID: "nowhere"},
				store.ENOTFOUND, `"nowhere"`)
		})
		t.Run("unknown form", func(t *testing.T) {
			refusedGiving(t, st, svc, "xml", string(csvFile), service.GivingImport{PlaceID: "borough"}, store.EINVALID, "xml")
		})
		// A person's id as a funder is a real conflict.
		if _, err := st.UpsertPerson(admin(t.Context()), store.Person{ID: "GB-CHC-299963", Name: "Woodward", PlaceID: "borough"}); err != nil {
			t.Fatal(err)
		}
		t.Run("funder is a person", func(t *testing.T) {
			refusedGiving(t, st, svc, service.GivingCSV, string(csvFile), service.GivingImport{PlaceID: "borough"}, store.EINVALID,
				`line 2, Funding Org:Identifier: organisation "GB-CHC-299963": the id is a person's, not an organisation's`)
		})
		t.Run("organisation id of a place", func(t *testing.T) {
			file := givingHeader + "g-1,Grant,About,GBP,10,2024-01-02,borough,One,GB-CHC-2,Two,,\n"
			refusedGiving(t, st, svc, service.GivingCSV, file, service.GivingImport{PlaceID: "borough"}, store.EINVALID,
				`line 2, Recipient Org:Identifier: organisation "borough": the id is a place's`)
		})
	})
}

func TestImportGivingMatching(t *testing.T) {
	onGivingStores(t, func(t *testing.T, st store.Store) {
		ctx := admin(t.Context())
		seedBorough(t, st)
		for _, p := range []store.Place{{ID: "rs", Name: "Riverside"}, {ID: "ht1", Name: "Hill Top"}, {ID: "ht2", Name: "hill top"},
			{ID: "bucks", Name: "Bucks", Code: "E06000060"}, {ID: "london", Name: "London Region", Code: "E12000007"}} {
			if _, err := st.UpsertPlace(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		// A stored organisation keeps its kind and place, and takes the
		// name it gives itself as a funder.
		if _, err := st.UpsertOrganisation(ctx, store.Organisation{ID: "GB-CHC-9", Name: "Our Foundation", Kind: store.OrgFunder, PlaceID: "lambeth"}); err != nil {
			t.Fatal(err)
		}
		header := "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Recipient Org:Location:0:Geographic Code," +
			"Funding Org:Identifier,Funding Org:Name,Beneficiary Location:0:Name,Beneficiary Location:0:Geographic Code,Beneficiary Location:1:Name,Beneficiary Location:1:Geographic Code\n"
		file := header +
			"g-1,One,About,GBP,10.50,2024-01-02,GB-CHC-1,Both Ways,,GB-CHC-2,Giver,RIVERSIDE,,,\n" + // a stored name, other case
			"g-2,Two,About,GBP,11,2024-01-03,GB-CHC-2,Giver,,GB-CHC-1,Both Ways,Hill Top,,,\n" + // a name two places share: unmatched
			"g-3,Three,About,GBP,12,2024-01-04,GB-CHC-3,Taker,E05014095,GB-CHC-9,Renamed,Aylesbury Vale,E07000004,,\n" + // retired code → Buckinghamshire
			"g-4,Four,About,GBP,13,2024-01-05,GB-LAE-XYZ,Council,,GB-CHC-9,Renamed,,E01000001,,\n" + // an LSOA of a district not stored
			"g-5,Five,About,GBP,14,2024-01-06,GB-CHC-3,Taker,,GB-CHC-9,Renamed,Brixton Acre Lane,E05014095,,\n" + // a ward → Lambeth
			"g-6,Six,About,GBP,15,2024-01-07,GB-CHC-3,Taker,,GB-CHC-9,Renamed,Greater London,,,\n" + // an alias → London
			"g-7,Seven,About,GBP,15.01,2024-01-08,GB-CHC-3,Taker,,GB-CHC-9,Renamed,Riverside,,Atlantis,X01\n" + // one of two matched
			"g-8,Eight,About,GBP,16,2024-01-09,GB-CHC-3,Taker,,GB-CHC-9,Renamed,,,,\n" // no location
		got, err := service.New(st, nil).ImportGiving(ctx, strings.NewReader(file), service.GivingImport{Form: service.GivingCSV, PlaceID: "borough"})
		if err != nil {
			t.Fatalf("ImportGiving = %v %q", err, store.ErrorDetails(err))
		}
		if got.Grants != 8 || got.OrganisationsCreated != 4 || got.OrganisationsUpdated != 1 || got.UnplacedGrants != 1 {
			t.Fatalf("ImportGiving = %+v, want 8 grants, 4 organisations created and 1 renamed, 1 unplaced", got)
		}
		if want := map[string]int{"name": 2, "built-in code": 2, "built-in name": 1}; !reflect.DeepEqual(got.Matched, want) {
			t.Errorf("matched = %v, want %v", got.Matched, want)
		}
		wantUnmatched := []service.UnmatchedLocation{
			{Location: "E01000001", Hint: "LSOA 2011 or LSOA 2021 E01000001 lies in City of London (E09000001), not loaded (voicemap places load-uk -area E09000001)",
				Grants: 1, Amounts: []service.Sum{{Currency: "GBP", Minor: 1300}}},
			{Location: "Hill Top", Grants: 1, Amounts: []service.Sum{{Currency: "GBP", Minor: 1100}}},
			{Location: "Atlantis (X01)", Grants: 1, Amounts: []service.Sum{{Currency: "GBP", Minor: 750}}},
		}
		if !reflect.DeepEqual(got.Unmatched, wantUnmatched) {
			t.Errorf("unmatched = %+v, want %+v", got.Unmatched, wantUnmatched)
		}
		checkGivingSums(t, st, got)
		wantPlaces := map[string][]string{"g-1": {"rs"}, "g-2": nil, "g-3": {"bucks"}, "g-4": nil, "g-5": {"lambeth"}, "g-6": {"london"}, "g-7": {"rs"}, "g-8": nil}
		for id, want := range wantPlaces {
			g, err := st.Grant(ctx, id)
			if err != nil || !slices.Equal(g.PlaceIDs, want) {
				t.Errorf("Grant(%s).PlaceIDs = %v, %v; want %v", id, g.PlaceIDs, err, want)
			}
		}
		if g, _ := st.Grant(ctx, "g-7"); !slices.Equal(g.Unmatched, []string{"Atlantis (X01)"}) {
			t.Errorf("Grant(g-7).Unmatched = %q", g.Unmatched)
		}
		if c := countAll(t, st); c.Places != 7 {
			t.Errorf("stored places = %d, want 7: an import creates none", c.Places)
		}
		orgs := []store.Organisation{
			{ID: "GB-CHC-1", Name: "Both Ways", Kind: store.OrgVoluntary, PlaceID: "borough"}, // receives, then funds
			{ID: "GB-CHC-2", Name: "Giver", Kind: store.OrgVoluntary, PlaceID: "borough"},
			{ID: "GB-CHC-3", Name: "Taker", Kind: store.OrgVoluntary, PlaceID: "lambeth"}, // its own location, a Lambeth ward
			{ID: "GB-LAE-XYZ", Name: "Council", Kind: store.OrgPublicBody, PlaceID: "borough"},
			{ID: "GB-CHC-9", Name: "Renamed", Kind: store.OrgFunder, PlaceID: "lambeth"},
		}
		for _, o := range orgs {
			if got, err := st.Organisation(ctx, o.ID); err != nil || got != o {
				t.Errorf("Organisation(%s) = %+v, %v; want %+v", o.ID, got, err, o)
			}
		}
	})
}

func TestImportGivingProgress(t *testing.T) {
	st := servicetest.MustOpenStore(t)
	if _, err := st.UpsertPlace(admin(t.Context()), store.Place{ID: "borough", Name: "Borough"}); err != nil {
		t.Fatal(err)
	}
	file := givingCSV(2500)
	var calls []int
	got, err := service.New(st, nil).ImportGiving(admin(t.Context()), strings.NewReader(string(file)),
		service.GivingImport{Form: service.GivingCSV, PlaceID: "borough", Progress: func(n int) { calls = append(calls, n) }})
	if err != nil {
		t.Fatalf("ImportGiving = %v", err)
	}
	if got.Grants != 2500 {
		t.Errorf("ImportGiving grants = %d, want 2500", got.Grants)
	}
	if !slices.Equal(calls, []int{1000, 2000, 2500}) {
		t.Errorf("progress calls = %v, want [1000 2000 2500]", calls)
	}
	// A cancelled context stops the import at the next progress point.
	ctx, cancel := context.WithCancel(admin(t.Context()))
	cancel()
	if _, err := service.New(st, nil).ImportGiving(ctx, strings.NewReader(string(file)), service.GivingImport{Form: service.GivingCSV, PlaceID: "borough"}); err == nil {
		t.Errorf("ImportGiving(cancelled) = nil, want an error")
	}
}
