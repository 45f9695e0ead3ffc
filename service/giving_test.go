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
func importFile(t *testing.T, svc *service.Service, path string, opt service.GivingImport) (store.GrantCounts, error) {
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
				if want := (store.GrantCounts{Places: 2, Organisations: 14, Grants: 12}); got != want {
					t.Fatalf("ImportGiving(%s) = %+v, want %+v", file.name, got, want)
				}
				if !slices.Equal(progress, []int{12}) {
					t.Errorf("progress calls = %v, want [12]", progress)
				}

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
				if eff.Amount != 1000000 || !slices.Equal(eff.PlaceIDs, []string{"place-uk-whole"}) || eff.Programme != "Main Grant" {
					t.Errorf("Grant(EFF) = %+v, want 1000000 pence for place-uk-whole in Main Grant", eff)
				}

				orgs := []store.Organisation{
					{ID: "GB-CHC-299963", Name: "Woodward Charitable Trust", Kind: store.OrgFunder, PlaceID: "borough"},
					{ID: "GB-CHC-1075920", Name: "Indigo Trust", Kind: store.OrgFunder, PlaceID: "borough"},
					{ID: "GB-CHC-1136547", Name: "Big Give Trust, The", Kind: store.OrgVoluntary, PlaceID: "borough"},
					{ID: "GB-COH-11872527", Name: "Lambeth Larder", Kind: store.OrgVoluntary, PlaceID: "borough"},
				}
				for _, o := range orgs {
					if got, err := st.Organisation(ctx, o.ID); err != nil || got != o {
						t.Errorf("Organisation(%s) = %+v, %v; want %+v", o.ID, got, err, o)
					}
				}
				places := []store.Place{
					{ID: "place-uk", Name: "UK"}, {ID: "place-uk-whole", Name: "UK Whole"},
					{ID: "lambeth", Name: "Lambeth", Code: "e09000022"},
				}
				for _, p := range places {
					if got, err := st.Place(ctx, p.ID); err != nil || !reflect.DeepEqual(got, p) {
						t.Errorf("Place(%s) = %+v, %v; want %+v", p.ID, got, err, p)
					}
				}
				if _, err := st.Place(ctx, "E09000022"); store.ErrorCode(err) != store.ENOTFOUND {
					t.Errorf("Place(E09000022) = %v, want ENOTFOUND: Lambeth is matched by code, not created", err)
				}
				uk, err := st.Grants(ctx, store.GrantFilter{PlaceID: "place-uk"}, store.Page{First: 50})
				if err != nil || uk.TotalCount != 10 {
					t.Errorf("Grants(place-uk) = %d, %v; want 10", uk.TotalCount, err)
				}

				// A second import of the same file writes the same grants
				// again and creates nothing.
				before := countAll(t, st)
				if before != (totals{Grants: 12, Places: 4, Organisations: 14}) {
					t.Fatalf("stored after import = %+v, want 12 grants, 4 places, 14 organisations", before)
				}
				got, err = importFile(t, svc, file.path, service.GivingImport{Form: file.form, PlaceID: "borough"})
				if err != nil {
					t.Fatalf("second ImportGiving(%s) = %v", file.name, err)
				}
				if want := (store.GrantCounts{Grants: 12}); got != want {
					t.Errorf("second ImportGiving(%s) = %+v, want %+v", file.name, got, want)
				}
				if after := countAll(t, st); after != before {
					t.Errorf("stored after the second import = %+v, want %+v", after, before)
				}
				// Without placeId, now that every organisation exists, the
				// file imports too.
				if _, err := importFile(t, svc, file.path, service.GivingImport{Form: file.form}); err != nil {
					t.Errorf("third ImportGiving(%s) without placeId = %v", file.name, err)
				}
			})
		})
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
		// The Woodward Charitable Trust, funder of the first two grants,
		// is stored as a public body.
		if _, err := st.UpsertOrganisation(admin(t.Context()), store.Organisation{ID: "GB-CHC-299963", Name: "Woodward", Kind: store.OrgPublicBody, PlaceID: "borough"}); err != nil {
			t.Fatal(err)
		}
		t.Run("funder not FUNDER/csv", func(t *testing.T) {
			refusedGiving(t, st, svc, service.GivingCSV, string(csvFile), service.GivingImport{PlaceID: "borough"}, store.EINVALID,
				`line 2, Funding Org:Identifier: organisation "GB-CHC-299963" exists with kind PUBLIC_BODY; a funder must be of kind FUNDER`,
				`line 3, Funding Org:Identifier: organisation "GB-CHC-299963"`)
		})
		t.Run("funder not FUNDER/json", func(t *testing.T) {
			refusedGiving(t, st, svc, service.GivingJSON, string(jsonFile), service.GivingImport{PlaceID: "borough"}, store.EINVALID,
				`grants[0].fundingOrganization[0].id: organisation "GB-CHC-299963" exists with kind PUBLIC_BODY; a funder must be of kind FUNDER`,
				`grants[1].fundingOrganization[0].id`)
		})
		t.Run("place id taken", func(t *testing.T) {
			if _, err := st.UpsertOrganisation(admin(t.Context()), store.Organisation{ID: "place-mill", Name: "Mill", Kind: store.OrgOther, PlaceID: "borough"}); err != nil {
				t.Fatal(err)
			}
			file := givingHeader + "g-1,Grant,About,GBP,10,2024-01-02,GB-CHC-1,One,GB-CHC-2,Two,Mill,\n"
			refusedGiving(t, st, svc, service.GivingCSV, file, service.GivingImport{PlaceID: "borough"}, store.EINVALID,
				`line 2, Beneficiary Location:0:Name: place "place-mill" for location "Mill": the id is already used by a Organisation`)
		})
		t.Run("place id of a grant", func(t *testing.T) {
			file := givingHeader + "place-oak,Grant,About,GBP,10,2024-01-02,GB-CHC-1,One,GB-CHC-2,Two,Oak,\n"
			refusedGiving(t, st, svc, service.GivingCSV, file, service.GivingImport{PlaceID: "borough"}, store.EINVALID,
				`line 2, Beneficiary Location:0:Name: place "place-oak": the id is a grant's in this file`)
		})
	})
}

func TestImportGivingMatching(t *testing.T) {
	onGivingStores(t, func(t *testing.T, st store.Store) {
		ctx := admin(t.Context())
		seedBorough(t, st)
		for _, p := range []store.Place{{ID: "rs", Name: "Riverside"}, {ID: "ht1", Name: "Hill Top"}, {ID: "ht2", Name: "hill top"}} {
			if _, err := st.UpsertPlace(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		// A stored funder keeps its name, kind and place.
		if _, err := st.UpsertOrganisation(ctx, store.Organisation{ID: "GB-CHC-9", Name: "Our Foundation", Kind: store.OrgFunder, PlaceID: "lambeth"}); err != nil {
			t.Fatal(err)
		}
		file := givingHeader +
			"g-1,One,About,GBP,10.50,2024-01-02,GB-CHC-1,Both Ways,GB-CHC-2,Giver,RIVERSIDE,\n" + // unique name, other case
			"g-2,Two,About,GBP,11,2024-01-03,GB-CHC-2,Giver,GB-CHC-1,Both Ways,Hill Top,\n" + // ambiguous name: created
			"g-3,Three,About,GBP,12,2024-01-04,GB-CHC-3,Taker,GB-CHC-9,Renamed,Northwick,E05000001\n" + // created by code
			"g-4,Four,About,GBP,13,2024-01-05,GB-CHC-3,Taker,GB-CHC-9,Renamed,northwick,\n" + // the place just created, by name
			"g-5,Five,About,GBP,14,2024-01-06,GB-CHC-3,Taker,GB-CHC-9,Renamed,,e05000001\n" + // the same, by code in lower case
			"g-6,Six,About,GBP,15,2024-01-07,GB-CHC-3,Taker,GB-CHC-9,Renamed,,E09000022\n" // stored Lambeth by code
		got, err := service.New(st, nil).ImportGiving(ctx, strings.NewReader(file), service.GivingImport{Form: service.GivingCSV, PlaceID: "borough"})
		if err != nil {
			t.Fatalf("ImportGiving = %v", err)
		}
		if want := (store.GrantCounts{Places: 2, Organisations: 3, Grants: 6}); got != want {
			t.Fatalf("ImportGiving = %+v, want %+v", got, want)
		}
		wantPlaces := map[string][]string{"g-1": {"rs"}, "g-2": {"place-hill-top"}, "g-3": {"E05000001"}, "g-4": {"E05000001"}, "g-5": {"E05000001"}, "g-6": {"lambeth"}}
		for id, want := range wantPlaces {
			g, err := st.Grant(ctx, id)
			if err != nil || !slices.Equal(g.PlaceIDs, want) {
				t.Errorf("Grant(%s).PlaceIDs = %v, %v; want %v", id, g.PlaceIDs, err, want)
			}
		}
		if g, _ := st.Grant(ctx, "g-1"); g.Amount != 1050 {
			t.Errorf("Grant(g-1).Amount = %d, want 1050 pence", g.Amount)
		}
		if p, err := st.Place(ctx, "E05000001"); err != nil || !reflect.DeepEqual(p, store.Place{ID: "E05000001", Name: "Northwick", Code: "E05000001"}) {
			t.Errorf("Place(E05000001) = %+v, %v", p, err)
		}
		orgs := []store.Organisation{
			{ID: "GB-CHC-1", Name: "Both Ways", Kind: store.OrgFunder, PlaceID: "borough"}, // receives, then funds
			{ID: "GB-CHC-2", Name: "Giver", Kind: store.OrgFunder, PlaceID: "borough"},
			{ID: "GB-CHC-3", Name: "Taker", Kind: store.OrgVoluntary, PlaceID: "borough"},
			{ID: "GB-CHC-9", Name: "Our Foundation", Kind: store.OrgFunder, PlaceID: "lambeth"},
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
