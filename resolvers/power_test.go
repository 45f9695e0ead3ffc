package resolvers_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// demoEnv serves the Millbrook demo (package demo) and returns a second
// service over the same store, against which the API's answers are checked.
func demoEnv(t *testing.T) (*env, *service.Service) {
	t.Helper()
	st := servicetest.MustOpenStore(t)
	if _, err := st.Import(admin(context.Background()), demo.Network()); err != nil {
		t.Fatalf("Import(demo): %v", err)
	}
	return newEnvOver(t, st, resolvers.Options{}), service.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

type actorRef struct{ ID string }

func refIDs(as []actorRef) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

const demoAsOf = "2024-06-01"

func TestUnheardVoicesQuery(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	var resp struct {
		UnheardVoices []struct {
			Person      actorRef
			Score       float64
			Reasons     []string
			PathToPower []actorRef
			Gatekeeper  *actorRef
			HopsToPower *int
			Unheard     bool
		}
	}
	e.do(t, `query($p: ID, $d: Date) {
		unheardVoices(placeId: $p, asOf: $d, group: "young person", first: 3) {
			person { id } score reasons pathToPower { id } gatekeeper { id } hopsToPower unheard
		}
	}`, &resp, client.Var("p", demo.Town), client.Var("d", demoAsOf))
	if len(resp.UnheardVoices) != 3 {
		t.Fatalf("unheardVoices(first: 3) = %d items, want 3", len(resp.UnheardVoices))
	}
	for _, v := range resp.UnheardVoices {
		path := refIDs(v.PathToPower)
		if v.Gatekeeper == nil || v.Gatekeeper.ID != demo.YouthWorker || !slices.Contains(v.Reasons, "SINGLE_GATEKEEPER") ||
			!v.Unheard || v.HopsToPower == nil || *v.HopsToPower != len(path)-1 || path[0] != v.Person.ID || !slices.Contains(path, demo.YouthWorker) {
			t.Errorf("unheardVoices(young person) item = %+v, want gated by %s with a path through them", v, demo.YouthWorker)
		}
	}
	if a, b := resp.UnheardVoices[0].Score, resp.UnheardVoices[2].Score; a < b {
		t.Errorf("unheardVoices scores %v then %v, want most unheard first", a, b)
	}

	// The largest page with a full selection stays within the complexity
	// limit.
	var all map[string]any
	e.do(t, `{ unheardVoices(placeId: "millbrook", asOf: "2024-06-01", first: 500) {
		person { id name } score reasons pathToPower { id name } gatekeeper { id name } hopsToPower unheard
	} }`, &all)

	// The isolated: no path (empty list), no hops, no gatekeeper.
	var iso struct {
		UnheardVoices []struct {
			Reasons     []string
			PathToPower []actorRef
			Gatekeeper  *actorRef
			HopsToPower *int
		}
	}
	e.do(t, `{ unheardVoices(placeId: "millbrook", asOf: "2024-06-01", first: 1) { reasons pathToPower { id } gatekeeper { id } hopsToPower } }`, &iso)
	if v := iso.UnheardVoices; len(v) != 1 || !slices.Equal(v[0].Reasons, []string{"ISOLATED", "FAR_FROM_POWER", "NEVER_INVOLVED"}) ||
		v[0].PathToPower == nil || len(v[0].PathToPower) != 0 || v[0].Gatekeeper != nil || v[0].HopsToPower != nil {
		t.Errorf("unheardVoices(first: 1) = %+v, want an isolated person with an empty path and null hops", v)
	}
}

func TestPathToPowerQuery(t *testing.T) {
	t.Parallel()
	e, svc := demoEnv(t)
	want, err := svc.PathToPower(admin(context.Background()), "p-yp-01", dayOf(t, demoAsOf), true)
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		Strong []actorRef
		Short  []actorRef
		None   []actorRef
	}
	e.do(t, `query($d: Date) {
		strong: pathToPower(personId: "p-yp-01", asOf: $d, weighted: true) { id }
		short: pathToPower(personId: "p-yp-01", asOf: $d) { id }
		none: pathToPower(personId: "p-res-001", asOf: $d) { id }
	}`, &resp, client.Var("d", demoAsOf))
	var wantIDs []string
	for _, a := range want {
		wantIDs = append(wantIDs, a.ID())
	}
	if got := refIDs(resp.Strong); !slices.Equal(got, wantIDs) || !slices.Contains(got, demo.YouthWorker) {
		t.Errorf("pathToPower(weighted) = %v, want %v through %s", got, wantIDs, demo.YouthWorker)
	}
	if len(resp.Short) < 3 || resp.Short[0].ID != "p-yp-01" || resp.None != nil {
		t.Errorf("pathToPower = %v and %v, want a chain from p-yp-01 and null for the isolated", resp.Short, resp.None)
	}
}

func TestPowerConcentrationQuery(t *testing.T) {
	t.Parallel()
	e, svc := demoEnv(t)
	scope := store.Scope{PlaceID: demo.Town, AsOf: dayOf(t, demoAsOf)}
	want, err := svc.PowerConcentration(admin(context.Background()), scope)
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		PowerConcentration struct {
			Actors                    int
			DegreeCentralization      float64
			BetweennessCentralization float64
			BetweennessGini           float64
			PageRankGini              float64
			TopShare                  float64
			TopShareActors            int
			Seats                     struct {
				Seats, Holders, MajorityHolders                      int
				Hhi                                                  float64
				ProfessionalShare, CommunityShare, OrganisationShare float64
				HolderList                                           []struct {
					Actor actorRef
					Kind  string
					Seats int
				}
			}
			Gatekeepers []struct {
				Actor   actorRef
				CutsOff int
			}
			Brokers []struct {
				Actor         actorRef
				Constraint    float64
				EffectiveSize float64
			}
			Approximate bool
			ErrorBound  *float64
		}
	}
	e.do(t, `query($p: ID, $d: Date) { powerConcentration(placeId: $p, asOf: $d) {
		actors degreeCentralization betweennessCentralization betweennessGini pageRankGini topShare topShareActors
		seats { seats holders hhi majorityHolders professionalShare communityShare organisationShare holderList { actor { id } kind seats } }
		gatekeepers { actor { id } cutsOff }
		brokers { actor { id } constraint effectiveSize }
		approximate errorBound
	} }`, &resp, client.Var("p", demo.Town), client.Var("d", demoAsOf))
	r := resp.PowerConcentration
	if r.Actors != want.Actors || r.DegreeCentralization != want.DegreeCentralization || r.BetweennessCentralization != want.BetweennessCentralization ||
		r.BetweennessGini != want.BetweennessGini || r.PageRankGini != want.PageRankGini || r.TopShare != want.TopShare || r.TopShareActors != want.TopShareActors {
		t.Errorf("powerConcentration = %+v, want the service's %+v", r, want)
	}
	s := r.Seats
	if s.Seats != want.Seats.Seats || s.Holders != len(s.HolderList) || s.Hhi != want.Seats.HHI || s.MajorityHolders != want.Seats.MajorityHolders ||
		s.ProfessionalShare != want.Seats.ProfessionalShare || s.HolderList[0].Actor.ID != "p-helen-marsh" || s.HolderList[0].Kind != "PROFESSIONAL" {
		t.Errorf("powerConcentration.seats = %+v, want the service's %+v", s, want.Seats)
	}
	if len(r.Gatekeepers) != len(want.Gatekeepers) || r.Gatekeepers[0].Actor.ID != demo.YouthWorker || r.Gatekeepers[0].CutsOff != 18 {
		t.Errorf("powerConcentration.gatekeepers = %+v, want %s first cutting off 18", r.Gatekeepers, demo.YouthWorker)
	}
	if len(r.Brokers) != service.MaxBrokers || !slices.IsSortedFunc(r.Brokers, func(a, b struct {
		Actor         actorRef
		Constraint    float64
		EffectiveSize float64
	}) int {
		if a.Constraint < b.Constraint-1e-9 {
			return -1
		}
		if a.Constraint > b.Constraint+1e-9 {
			return 1
		}
		return 0
	}) {
		t.Errorf("powerConcentration.brokers = %+v, want %d by constraint", r.Brokers, service.MaxBrokers)
	}
	if r.Approximate || r.ErrorBound != nil {
		t.Errorf("powerConcentration approximate = %v %v, want false, null", r.Approximate, r.ErrorBound)
	}
}

func TestRepresentationQueries(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	var resp struct {
		Representation []struct {
			Group                string
			Members              int
			CommunityShare       float64
			ShareSource          string
			Seats                int
			SeatShare            float64
			Ratio                *float64
			Representatives      int
			RepresentativePeople []actorRef
			Token                bool
			InvolvedFromStart    bool
		}
		NothingAboutUsWithoutUs []struct {
			Forum   struct{ ID, Name string }
			Group   string
			Present []actorRef
		}
	}
	e.do(t, `query($p: ID!, $d: Date) {
		representation(placeId: $p, asOf: $d) { group members communityShare shareSource seats seatShare ratio representatives representativePeople { id } token involvedFromStart }
		nothingAboutUsWithoutUs(placeId: $p, asOf: $d) { forum { id name } group present { id } }
	}`, &resp, client.Var("p", demo.Town), client.Var("d", demoAsOf))
	var groups []string
	for _, r := range resp.Representation {
		groups = append(groups, r.Group)
		if r.Group == "disabled person" && (!r.Token || r.Representatives != 1 || !slices.Equal(refIDs(r.RepresentativePeople), []string{"p-tariq-hussain"})) {
			t.Errorf("representation(disabled person) = %+v, want a token: Tariq Hussain alone", r)
		}
		if r.ShareSource != "POPULATION" || r.Ratio == nil {
			t.Errorf("representation(%s) = %+v, want a population share and a ratio", r.Group, r)
		}
	}
	if want := []string{"carer", "disabled person", "older person", "parent", "young person"}; !slices.Equal(groups, want) {
		t.Errorf("representation groups = %v, want %v", groups, want)
	}
	found := false
	for _, x := range resp.NothingAboutUsWithoutUs {
		if x.Forum.ID == demo.YouthCommissioning && x.Group == "young person" {
			found = x.Forum.Name == "Youth Services Commissioning Panel" && len(x.Present) == 0
		}
	}
	if !found {
		t.Errorf("nothingAboutUsWithoutUs = %+v, want the youth commissioning panel for young person", resp.NothingAboutUsWithoutUs)
	}
}

func TestRelationshipQualityQuery(t *testing.T) {
	t.Parallel()
	e, svc := demoEnv(t)
	want, err := svc.RelationshipQuality(admin(context.Background()), store.Scope{PlaceID: demo.Town, AsOf: dayOf(t, demoAsOf)})
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		RelationshipQuality struct {
			AsOf                                            string
			LongLivedDays, Ties, Reciprocal, OneWay         int
			LongLived, ShortLived, UnknownDuration          int
			Multiplex, SingleKind                           int
			ReciprocalShare, LongLivedShare, MultiplexShare float64
		}
	}
	e.do(t, `query($p: ID, $d: Date) { relationshipQuality(placeId: $p, asOf: $d) {
		asOf longLivedDays ties reciprocal oneWay longLived shortLived unknownDuration multiplex singleKind reciprocalShare longLivedShare multiplexShare
	} }`, &resp, client.Var("p", demo.Town), client.Var("d", demoAsOf))
	q := resp.RelationshipQuality
	if q.AsOf != demoAsOf || q.LongLivedDays != 365 || q.Ties != want.Ties || q.Reciprocal+q.OneWay != q.Ties ||
		q.LongLived+q.ShortLived+q.UnknownDuration != q.Ties || q.Multiplex != want.Multiplex || q.Multiplex+q.SingleKind != q.Ties ||
		q.ReciprocalShare != want.ReciprocalShare || q.LongLivedShare != want.LongLivedShare || q.MultiplexShare != want.MultiplexShare || q.Multiplex == 0 {
		t.Errorf("relationshipQuality = %+v, want the service's %+v", q, want)
	}
}

func TestPowerTrendQuery(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	var resp struct {
		PowerTrend []struct {
			Date                                              string
			DegreeCentralization, BetweennessCentralization   float64
			BetweennessGini, PageRankGini, CommunitySeatShare float64
			UnheardVoices                                     int
		}
	}
	e.do(t, `{ powerTrend(placeId: "millbrook", from: "2019-01-01", to: "2025-01-01", step: YEAR) {
		date degreeCentralization betweennessCentralization betweennessGini pageRankGini communitySeatShare unheardVoices
	} }`, &resp)
	var dates []string
	for _, p := range resp.PowerTrend {
		dates = append(dates, p.Date)
	}
	if want := []string{"2019-01-01", "2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01", "2024-01-01", "2025-01-01"}; !slices.Equal(dates, want) {
		t.Fatalf("powerTrend dates = %v, want %v", dates, want)
	}
	if first, last := resp.PowerTrend[0], resp.PowerTrend[6]; last.UnheardVoices >= first.UnheardVoices || last.CommunitySeatShare <= 0 {
		t.Errorf("powerTrend 2019 %+v .. 2025 %+v, want fewer unheard voices and community seats by 2025", first, last)
	}
}

// TestVoicePowerErrors checks the error codes of the new queries.
func TestVoicePowerErrors(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	tests := []struct {
		name, query, code string
	}{
		{"unheardVoices unknown place", `{ unheardVoices(placeId: "nowhere") { score } }`, "NOT_FOUND"},
		{"unheardVoices first 0", `{ unheardVoices(first: 0) { score } }`, "BAD_USER_INPUT"},
		{"unheardVoices first 501", `{ unheardVoices(first: 501) { score } }`, "BAD_USER_INPUT"},
		{"pathToPower unknown person", `{ pathToPower(personId: "nobody") { id } }`, "NOT_FOUND"},
		{"pathToPower of an organisation", `{ pathToPower(personId: "o-council") { id } }`, "NOT_FOUND"},
		{"powerConcentration unknown place", `{ powerConcentration(placeId: "nowhere") { actors } }`, "NOT_FOUND"},
		{"representation unknown place", `{ representation(placeId: "nowhere") { group } }`, "NOT_FOUND"},
		{"nothingAboutUsWithoutUs unknown place", `{ nothingAboutUsWithoutUs(placeId: "nowhere") { group } }`, "NOT_FOUND"},
		{"relationshipQuality unknown place", `{ relationshipQuality(placeId: "nowhere") { ties } }`, "NOT_FOUND"},
		{"powerTrend unknown place", `{ powerTrend(placeId: "nowhere", from: "2024-01-01", to: "2024-02-01", step: MONTH) { date } }`, "NOT_FOUND"},
		{"powerTrend to before from", `{ powerTrend(from: "2024-02-01", to: "2024-01-01", step: MONTH) { date } }`, "BAD_USER_INPUT"},
		{"powerTrend 241 points", `{ powerTrend(from: "2000-01-01", to: "2020-01-01", step: MONTH) { date } }`, "BAD_USER_INPUT"},
		{"powerTrend bad date", `{ powerTrend(from: "2024-13-01", to: "2025-01-01", step: MONTH) { date } }`, "BAD_USER_INPUT"},
		{"powerTrend unknown step", `{ powerTrend(from: "2024-01-01", to: "2025-01-01", step: WEEK) { date } }`, "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := code(e.fail(t, tt.query)); got != tt.code {
				t.Errorf("%s: code %q, want %q", tt.query, got, tt.code)
			}
		})
	}
}

// TestPlacePopulationByGroup round-trips a place's population by group
// through upsertPlace and checks the refusals.
func TestPlacePopulationByGroup(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	var resp struct {
		UpsertPlace struct {
			PopulationByGroup []struct {
				Group string
				Count int
			}
		}
	}
	e.do(t, `mutation { upsertPlace(input: {id: "w", name: "Ward", population: 900,
		populationByGroup: [{group: "young person", count: 120}, {group: " carer ", count: 40}]}) { populationByGroup { group count } } }`, &resp)
	got := resp.UpsertPlace.PopulationByGroup
	if len(got) != 2 || got[0].Group != "carer" || got[0].Count != 40 || got[1].Group != "young person" || got[1].Count != 120 {
		t.Errorf("upsertPlace populationByGroup = %+v, want carer 40, young person 120 (sorted, trimmed)", got)
	}
	var none struct {
		Place struct{ PopulationByGroup []struct{ Group string } }
	}
	var ignored map[string]any
	e.do(t, `mutation { upsertPlace(input: {id: "w", name: "Ward"}) { id } }`, &ignored)
	e.do(t, `{ place(id: "w") { populationByGroup { group } } }`, &none)
	if none.Place.PopulationByGroup == nil || len(none.Place.PopulationByGroup) != 0 {
		t.Errorf("place without figures populationByGroup = %v, want []", none.Place.PopulationByGroup)
	}
	for _, q := range []string{
		`mutation { upsertPlace(input: {id: "w", name: "Ward", populationByGroup: [{group: "carer", count: 1}, {group: "carer", count: 2}]}) { id } }`,
		`mutation { upsertPlace(input: {id: "w", name: "Ward", populationByGroup: [{group: "carer", count: -1}]}) { id } }`,
		`mutation { upsertPlace(input: {id: "w", name: "Ward", populationByGroup: [{group: " ", count: 1}]}) { id } }`,
	} {
		if c := code(e.fail(t, q)); c != "BAD_USER_INPUT" {
			t.Errorf("%s: code %q, want BAD_USER_INPUT", q, c)
		}
	}
}

// dayOf parses a YYYY-MM-DD date.
func dayOf(t *testing.T, s string) *time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}
