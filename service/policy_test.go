package service_test

import (
	"context"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// policyCall runs one operation on authzService's network with arguments
// inside place north, reading its input (if it takes any) from in.
type policyCall func(ctx context.Context, svc *service.Service, in func(string) io.Reader) error

func ignore[T any](_ T, err error) error { return err }

var (
	north     = store.Scope{PlaceID: "north"}
	trendFrom = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	trendTo   = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
)

// policyCalls calls every operation of the policy table. TestPolicyTable
// fails for an operation missing here.
var policyCalls = map[string]policyCall{
	"Ping": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error { return svc.Ping(ctx) },
	"Viewer": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Viewer(ctx))
	},
	"Kind": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Kind(ctx, "club"))
	},
	"Place": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Place(ctx, "north-a"))
	},
	"Person": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Person(ctx, "cat"))
	},
	"Organisation": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Organisation(ctx, "club"))
	},
	"Actor": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Actor(ctx, "club"))
	},
	"Relationship": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Relationship(ctx, "r-ann-cat"))
	},
	"Forum": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Forum(ctx, "board"))
	},
	"Participation": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Participation(ctx, "p-ann"))
	},
	"Grant": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Grant(ctx, "g-north"))
	},
	"PlacesByID": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.PlacesByID(ctx, []string{"north", "south"}))
	},
	"ActorsByID": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.ActorsByID(ctx, []string{"ann", "club", "bob"}))
	},
	"ForumsByID": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.ForumsByID(ctx, []string{"board"}))
	},
	"Places": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Places(ctx, store.PlaceFilter{ParentID: "north"}, store.Page{}))
	},
	"People": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.People(ctx, store.PeopleFilter{PlaceID: "north"}, store.Page{}))
	},
	"Organisations": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Organisations(ctx, store.OrganisationFilter{PlaceID: "north"}, store.Page{}))
	},
	"Forums": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Forums(ctx, store.ForumFilter{PlaceID: "north"}, store.Page{}))
	},
	"Relationships": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Relationships(ctx, store.RelationshipFilter{ActorID: "ann"}, store.Page{}))
	},
	"Participations": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Participations(ctx, store.ParticipationFilter{ForumID: "board"}, store.Page{}))
	},
	"Centrality": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Centrality(ctx, north, analysis.Degree, false))
	},
	"Communities": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Communities(ctx, north))
	},
	"Summary": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Summary(ctx, north))
	},
	"RelationshipQuality": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.RelationshipQuality(ctx, north))
	},
	"PowerTrend": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.PowerTrend(ctx, "north", trendFrom, trendTo, service.StepYear))
	},
	"PowerConcentration": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.PowerConcentration(ctx, north))
	},
	"Representation": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Representation(ctx, north))
	},
	"NothingAboutUsWithoutUs": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.NothingAboutUsWithoutUs(ctx, north))
	},
	"UnheardVoices": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.UnheardVoices(ctx, north, service.VoiceFilter{First: 10}))
	},
	"UnheardVoiceGroups": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.UnheardVoiceGroups(ctx, "north", nil))
	},
	"Recommendations": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Recommendations(ctx, north, 5))
	},
	"PathToPower": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.PathToPower(ctx, "cat", nil, false))
	},
	"NetworkLayout": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.NetworkLayout(ctx, north, 100, nil))
	},
	"ExportNetwork": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return svc.ExportNetwork(ctx, north, service.ExportGraphML, io.Discard)
	},
	"ExportCSV": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return svc.ExportCSV(ctx, north, io.Discard, io.Discard)
	},
	"Underserved": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Underserved(ctx, service.FundingFilter{PlaceID: "north"}, 10))
	},
	"FundingConcentration": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.FundingConcentration(ctx, service.FundingFilter{PlaceID: "north"}))
	},
	"FundingReach": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.FundingReach(ctx, "fund", "north", nil, ""))
	},
	"Grants": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Grants(ctx, service.GrantQuery{PlaceID: "north"}, store.Page{First: 10}))
	},
	"GrantTotals": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.GrantTotals(ctx, service.GrantQuery{PlaceID: "north"}, service.GroupRecipient))
	},
	"UnmatchedLocations": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.UnmatchedLocations(ctx, service.GrantQuery{PlaceID: "north"}))
	},
	"HeadquartersBasis": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.HeadquartersBasis(ctx, service.GrantQuery{PlaceID: "north"}))
	},
	"UpsertPlace": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.UpsertPlace(ctx, store.Place{ID: "north-b", Name: "North B", ParentID: "north"}))
	},
	"UpsertPerson": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.UpsertPerson(ctx, store.Person{ID: "dan", Name: "Dan", PlaceID: "north-a"}))
	},
	"UpsertOrganisation": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.UpsertOrganisation(ctx, store.Organisation{ID: "club", Name: "Club 2", PlaceID: "north", Kind: store.OrgCommunityGroup}))
	},
	"UpsertForum": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.UpsertForum(ctx, store.Forum{ID: "board", Name: "Board 2", PlaceID: "north", DecisionMaking: true}))
	},
	"Connect": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Connect(ctx, store.Relationship{ID: "r-ann-cat", FromID: "cat", ToID: "club", Kind: store.RelMemberOf, Weight: 1}))
	},
	"Disconnect": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return svc.Disconnect(ctx, "r-ann-cat")
	},
	"RecordParticipation": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.RecordParticipation(ctx, store.Participation{ID: "p-cat", ActorID: "cat", ForumID: "board", Level: store.LevelConsult, JoinedAtStage: store.StageDesign}))
	},
	"DeleteActor": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return svc.DeleteActor(ctx, "cat")
	},
	"Import": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Import(ctx, store.Batch{Places: []store.Place{{ID: "east", Name: "East", ParentID: "town"}}}))
	},
	"ImportNetwork": func(ctx context.Context, svc *service.Service, in func(string) io.Reader) error {
		return ignore(svc.ImportNetwork(ctx, interchange.GraphML, in(`<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="n" for="node" attr.name="name" attr.type="string"/>
<graph edgedefault="undirected"><node id="eve"><data key="n">Eve</data></node></graph></graphml>`), "north"))
	},
	"ImportBoundaries": func(ctx context.Context, svc *service.Service, in func(string) io.Reader) error {
		return ignore(svc.ImportBoundaries(ctx, in(`{"type":"FeatureCollection","features":[]}`), ""))
	},
	"ImportKumu": func(ctx context.Context, svc *service.Service, in func(string) io.Reader) error {
		return ignore(svc.ImportKumu(ctx, in("Label,Type\nKumu Newbie,Person\n"), nil, "north"))
	},
	"ImportPlaces": func(ctx context.Context, svc *service.Service, in func(string) io.Reader) error {
		return ignore(svc.ImportPlaces(ctx, in("code,name,parent code,population\nE0001,East,,10\n")))
	},
	"LoadUK": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.LoadUK(ctx, service.UKLoad{Areas: []string{"W06000001"}}))
	},
	"ImportGiving": func(ctx context.Context, svc *service.Service, in func(string) io.Reader) error {
		csv := "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name\n" +
			"g-new,New,Tools,GBP,1000,2024-06-01,club,Club,fund,Fund\n"
		return ignore(svc.ImportGiving(ctx, in(csv), service.GivingImport{Form: service.GivingCSV, PlaceID: "north"}))
	},
	"ForgetPerson": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.ForgetPerson(ctx, "cat"))
	},
	"Erasures": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Erasures(ctx, store.Page{}))
	},
	"UpsertSurvey": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.UpsertSurvey(ctx, policySurvey()))
	},
	"Invite": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Invite(ctx, "sv-north", "cat", 0))
	},
	"Survey": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Survey(ctx, "sv-north"))
	},
	"Surveys": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Surveys(ctx, "north"))
	},
	"Invitations": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Invitations(ctx, "sv-north"))
	},
	"Disputes": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Disputes(ctx, "sv-north", false))
	},
	"ResolveDispute": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.ResolveDispute(ctx, "sv-north", "d-cat", true))
	},
	"SurveyCoverage": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.SurveyCoverage(ctx, "sv-north"))
	},
	"SurveyInfluence": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.SurveyInfluence(ctx, "sv-north"))
	},
	"SurveyFeltVoice": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.SurveyFeltVoice(ctx, "sv-north", nil))
	},
	"LinkPrincipal": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.LinkPrincipal(ctx, policyToken))
	},
	"Respondent": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.Respondent(ctx))
	},
	"RespondentSearch": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.RespondentSearch(ctx, "name"))
	},
	"GiveConsent": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.GiveConsent(ctx, true))
	},
	"SaveDraft": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.SaveDraft(ctx, service.Response{Felt: 2}))
	},
	"SubmitResponse": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.SubmitResponse(ctx, service.Response{Names: []service.Named{{QuestionID: "advice", PersonID: "cat"}}, Felt: 2}))
	},
	"MyData": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.MyData(ctx))
	},
	"CorrectMyData": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.CorrectMyData(ctx, service.Change{EntityID: "ann", Field: service.FieldName, Value: "Ann B"}))
	},
	"DisputeTie": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.DisputeTie(ctx, "r-ann-bob", "I do not know Bob"))
	},
	"WithdrawConsent": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.WithdrawConsent(ctx))
	},
	"AuditLog": func(ctx context.Context, svc *service.Service, _ func(string) io.Reader) error {
		return ignore(svc.AuditLog(ctx, store.Page{}, func(store.Page) (store.Connection[audit.Record], error) {
			return store.Connection[audit.Record]{}, nil
		}))
	},
}

// policyRoles are the principals TestPolicyTable runs every operation as;
// nil is no principal at all.
var policyRoles = []struct {
	name string
	p    *auth.Principal
}{
	{"admin", &auth.LocalAdmin},
	{"editor(north)", &auth.Principal{KeyID: "ed", Role: auth.RoleEditor, Places: []string{"north"}}},
	{"analyst(north)", &auth.Principal{KeyID: "an", Role: auth.RoleAnalyst, Places: []string{"north"}}},
	{"analyst", &auth.Principal{KeyID: "an2", Role: auth.RoleAnalyst}},
	{"funder", &auth.Principal{KeyID: "fu", Role: auth.RoleFunder}},
	{"funder(north)", &auth.Principal{KeyID: "fn", Role: auth.RoleFunder, Places: []string{"north"}}},
	{"respondent(ann)", &auth.Principal{KeyID: auth.LinkKeyID("inv-ann"), Role: auth.RoleRespondent, Invitation: "inv-ann"}},
	{"unknown role", &auth.Principal{KeyID: "ow", Role: auth.Role("owner")}},
	{"none", nil},
}

// tripwire is an input that records whether anything read it.
type tripwire struct {
	r    io.Reader
	read *bool
}

func (t tripwire) Read(p []byte) (int, error) {
	*t.read = true
	return t.r.Read(p)
}

// TestPolicyTable checks the policy table against the Service: every
// exported method has an entry and every entry a method; and, generated
// from the entries, every operation run as every role: a role the entry
// does not allow, or no principal, is refused (EFORBIDDEN,
// EUNAUTHORIZED) before a single store call and before its input is read;
// an allowed role succeeds with arguments inside its place (so the body
// applied its scope rule, which the layer checks); and the operation the
// layer records first is the method itself (its body runs under its own
// entry).
func TestPolicyTable(t *testing.T) {
	t.Parallel()
	table := service.Policies()
	typ := reflect.TypeFor[*service.Service]()
	var methods []string
	for i := range typ.NumMethod() {
		methods = append(methods, typ.Method(i).Name)
	}
	for _, m := range methods {
		if _, ok := table[m]; !ok {
			t.Errorf("Service.%s has no entry in the policy table (service/policy.go): say what it reads or writes and its scope rule", m)
		}
		if _, ok := policyCalls[m]; !ok {
			t.Errorf("Service.%s has no entry in policyCalls (service/policy_test.go)", m)
		}
	}
	for _, op := range service.Operations() {
		if !slices.Contains(methods, op) {
			t.Errorf("policy table entry %s names no Service method", op)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	for _, op := range service.Operations() {
		pol := table[op]
		for _, r := range policyRoles {
			t.Run(op+"/"+r.name, func(t *testing.T) {
				t.Parallel()
				st := servicetest.NewCountingStore(policyStore(t))
				svc := service.New(st, nil)
				ctx, act := service.WithActivity(t.Context())
				if r.p != nil {
					ctx = auth.With(ctx, *r.p)
				}
				read := false
				in := func(s string) io.Reader { return tripwire{r: strings.NewReader(s), read: &read} }
				st.Reset()
				err := policyCalls[op](ctx, svc, in)
				code := store.ErrorCode(err)
				switch {
				case pol.Access != service.Public && r.p == nil:
					if code != store.EUNAUTHORIZED {
						t.Fatalf("%s without a principal: %v, want EUNAUTHORIZED", op, err)
					}
				case pol.Access != service.Public && !pol.Allows(r.p.Role):
					if code != store.EFORBIDDEN {
						t.Fatalf("%s as %s: %v, want EFORBIDDEN (%s %s)", op, r.name, err, pol.Access, pol.Data)
					}
				default:
					if err != nil {
						t.Fatalf("%s as %s: %v, want success", op, r.name, err)
					}
					if ops := act.Ops(); len(ops) == 0 || ops[0] != op {
						t.Fatalf("%s as %s: the layer recorded operations %v, want %s first", op, r.name, ops, op)
					}
					return
				}
				if n := st.Total(); n != 0 {
					t.Errorf("%s refused as %s after %d store calls %v, want none", op, r.name, n, st.Counts())
				}
				if read {
					t.Errorf("%s refused as %s after reading its input", op, r.name)
				}
				if ops := act.Ops(); len(ops) != 0 {
					t.Errorf("%s refused as %s, yet the layer let %v begin", op, r.name, ops)
				}
			})
		}
	}
}

// policyStore is authzStore with a grant from fund to club for north, and
// survey sv-north (policySurvey) with ann's invitation inv-ann (consented,
// its link's token policyToken) and cat's open dispute d-cat of r-ann-cat.
func policyStore(t *testing.T) store.Store {
	t.Helper()
	st := authzStore(t)
	g := store.Grant{ID: "g-north", Title: "North grant", Amount: 100000, Currency: "GBP",
		AwardedOn: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), FunderID: "fund", RecipientID: "club", PlaceIDs: []string{"north"}}
	if _, err := st.(store.GrantStore).UpsertGrant(t.Context(), g); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	in := store.Invitation{ID: "inv-ann", SurveyID: "sv-north", PersonID: "ann", TokenHash: auth.Hash(policyToken),
		Status: store.InvitationConsented, InvitedAt: now.Add(-time.Hour), ExpiresAt: now.Add(24 * time.Hour), ConsentedAt: &now}
	d := store.Dispute{ID: "d-cat", RelationshipID: "r-ann-cat", PersonID: "cat", SurveyID: "sv-north", Reason: "no", RaisedOn: now}
	if _, err := st.WriteSurvey(t.Context(), store.SurveyBatch{Surveys: []store.Survey{policySurvey()},
		Invitations: []store.Invitation{in}, Disputes: []store.Dispute{d}}); err != nil {
		t.Fatal(err)
	}
	return st
}

// policyToken is the token of ann's link in policyStore.
const policyToken = "vs_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

// policySurvey is a survey of north asking for advice, about the board and
// the club's influence.
func policySurvey() store.Survey {
	return store.Survey{ID: "sv-north", Name: "North survey", PlaceID: "north",
		Questions: []store.NameQuestion{{ID: "advice", Prompt: "Who do you go to for advice?", Kind: store.RelAdvises, FromNamed: true}},
		ForumIDs:  []string{"board"}, InfluenceIDs: []string{"club"}, Groups: []string{"carer", "parent"},
		CreatedOn: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
}
