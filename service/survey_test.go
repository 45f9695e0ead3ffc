package service_test

import (
	"context"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// surveyClock is a settable clock for the survey tests.
type surveyClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *surveyClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *surveyClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

var surveyStart = time.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC)

// surveyFixture is authzStore with survey sv-north (policySurvey) made by
// an editor of north, and the service on a clock at surveyStart.
func surveyFixture(t *testing.T) (*service.Service, store.Store, *surveyClock) {
	t.Helper()
	st := authzStore(t)
	clock := &surveyClock{t: surveyStart}
	svc := service.New(st, nil, service.WithClock(clock.now))
	if _, err := svc.UpsertSurvey(as(t, auth.RoleEditor, "north"), policySurvey()); err != nil {
		t.Fatalf("UpsertSurvey: %v", err)
	}
	return svc, st, clock
}

// link invites the person to sv-north as an editor of north and returns
// the context of the link's holder.
func link(t *testing.T, svc *service.Service, personID string) (context.Context, service.Invited) {
	t.Helper()
	inv, err := svc.Invite(as(t, auth.RoleEditor, "north"), "sv-north", personID, 0)
	if err != nil {
		t.Fatalf("Invite(%s): %v", personID, err)
	}
	p, err := svc.LinkPrincipal(t.Context(), inv.Token)
	if err != nil {
		t.Fatalf("LinkPrincipal(%s): %v", personID, err)
	}
	return auth.With(t.Context(), p), inv
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if store.ErrorCode(err) != code {
		t.Fatalf("%s: %v, want %s", what, err, code)
	}
}

func must[T any](t *testing.T, what string) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
}

// TestSurveyEditors checks the editors' side: surveys and invitations are
// confined to the places, the link is given once and kept only hashed, and
// inviting again replaces the link.
func TestSurveyEditors(t *testing.T) {
	t.Parallel()
	svc, st, clock := surveyFixture(t)
	south := as(t, auth.RoleEditor, "south")
	_, err := svc.Survey(south, "sv-north")
	wantCode(t, "Survey as editor(south)", err, store.ENOTFOUND)
	_, err = svc.Survey(as(t, auth.RoleAnalyst), "nope")
	wantCode(t, "Survey(nope)", err, store.ENOTFOUND)
	list := must[[]store.Survey](t, "Surveys(north)")(svc.Surveys(as(t, auth.RoleAnalyst, "north"), "north"))
	if len(list) != 1 || list[0].ID != "sv-north" {
		t.Fatalf("Surveys(north) = %v, want [sv-north]", list)
	}
	if got := must[[]store.Survey](t, "Surveys(south)")(svc.Surveys(as(t, auth.RoleAdmin), "south")); len(got) != 0 {
		t.Fatalf("Surveys(south) = %v, want none", got)
	}
	sv := policySurvey()
	sv.PlaceID = "south"
	_, err = svc.UpsertSurvey(as(t, auth.RoleEditor, "north"), sv)
	wantCode(t, "UpsertSurvey(sv-north moved to south) as editor(north)", err, store.ENOTFOUND)
	_, err = svc.UpsertSurvey(south, sv)
	wantCode(t, "UpsertSurvey(sv-north of north) as editor(south)", err, store.ECONFLICT)

	ed := as(t, auth.RoleEditor, "north")
	_, err = svc.Invite(ed, "sv-north", "bob", 0)
	wantCode(t, "Invite(bob of south) as editor(north)", err, store.ENOTFOUND)
	_, err = svc.Invite(as(t, auth.RoleAdmin), "sv-north", "bob", 0)
	wantCode(t, "Invite(bob of south) as admin", err, store.EINVALID)
	_, err = svc.Invite(ed, "sv-north", "cat", 91*24*time.Hour)
	wantCode(t, "Invite(cat, 91 days)", err, store.EINVALID)
	_, err = svc.Invite(south, "sv-north", "bob", 0)
	wantCode(t, "Invite(sv-north) as editor(south)", err, store.ENOTFOUND)

	first := must[service.Invited](t, "Invite(cat)")(svc.Invite(ed, "sv-north", "cat", 0))
	if !auth.IsLinkToken(first.Token) {
		t.Fatalf("Invite(cat).Token = %q, want a link token", first.Token)
	}
	stored := must[store.Invitation](t, "store Invitation")(st.Invitation(t.Context(), first.Invitation.ID))
	if stored.TokenHash != auth.Hash(first.Token) || stored.TokenHash == first.Token {
		t.Fatalf("stored token %q, want only the hash of the token", stored.TokenHash)
	}
	if want := surveyStart.Add(service.DefaultLinkValidity); !stored.ExpiresAt.Equal(want) {
		t.Fatalf("ExpiresAt = %v, want %v", stored.ExpiresAt, want)
	}
	second := must[service.Invited](t, "Invite(cat) again")(svc.Invite(ed, "sv-north", "cat", 0))
	if second.Invitation.ID != first.Invitation.ID || second.Token == first.Token {
		t.Fatalf("inviting again gave %s/%q, want the same invitation %s with a new token", second.Invitation.ID, second.Token, first.Invitation.ID)
	}
	for _, bad := range []string{first.Token, "vs_short", "vm_key", "", "vs_" + "ab"[0:1] + first.Token[4:]} {
		_, err := svc.LinkPrincipal(t.Context(), bad)
		wantCode(t, "LinkPrincipal(old or bad token)", err, store.EUNAUTHORIZED)
	}
	p := must[auth.Principal](t, "LinkPrincipal(new)")(svc.LinkPrincipal(t.Context(), second.Token))
	if want := auth.Respondent(first.Invitation.ID); p.KeyID != want.KeyID || p.Role != want.Role || p.Invitation != want.Invitation || len(p.Places) != 0 {
		t.Fatalf("LinkPrincipal = %+v, want the respondent of %s", p, first.Invitation.ID)
	}
	ins := must[[]store.Invitation](t, "Invitations")(svc.Invitations(as(t, auth.RoleAnalyst, "north"), "sv-north"))
	if len(ins) != 1 || ins[0].PersonID != "cat" || ins[0].TokenHash != "" {
		t.Fatalf("Invitations = %+v, want cat's without its token hash", ins)
	}
	_, err = svc.Invitations(as(t, auth.RoleFunder), "sv-north")
	wantCode(t, "Invitations as funder", err, store.EFORBIDDEN)

	clock.set(stored.ExpiresAt.Add(time.Second))
	_, err = svc.LinkPrincipal(t.Context(), second.Token)
	wantCode(t, "LinkPrincipal after expiry", err, store.EUNAUTHORIZED)
	_, err = svc.Respondent(auth.With(t.Context(), p))
	wantCode(t, "Respondent after expiry", err, store.EUNAUTHORIZED)
}

// TestSurveyConsentFirst checks that nothing is stored before consent and
// that declining keeps nothing but the answer.
func TestSurveyConsentFirst(t *testing.T) {
	t.Parallel()
	svc, st, _ := surveyFixture(t)
	ctx, inv := link(t, svc, "cat")
	before := must[store.Invitation](t, "Invitation")(st.Invitation(t.Context(), inv.Invitation.ID))
	_, err := svc.SaveDraft(ctx, service.Response{Felt: 3})
	wantCode(t, "SaveDraft before consent", err, store.EINVALID)
	_, err = svc.SubmitResponse(ctx, service.Response{Felt: 3})
	wantCode(t, "SubmitResponse before consent", err, store.EINVALID)
	after := must[store.Invitation](t, "Invitation")(st.Invitation(t.Context(), inv.Invitation.ID))
	if after.Version != before.Version || after.Draft != "" {
		t.Fatalf("after refused answers the invitation is %+v, want it unchanged (%+v)", after, before)
	}
	declined := must[store.Invitation](t, "GiveConsent(false)")(svc.GiveConsent(ctx, false))
	if declined.Status != store.InvitationDeclined {
		t.Fatalf("declined: status %s, want DECLINED", declined.Status)
	}
	cat := must[store.Actor](t, "Actor(cat)")(st.Actor(t.Context(), "cat"))
	if cat.Person.Consent != store.ConsentGiven {
		t.Fatalf("declining changed cat's consent to %s", cat.Person.Consent)
	}
	q := must[service.Questionnaire](t, "Respondent")(svc.Respondent(ctx))
	if q.Survey.ID != "sv-north" || len(q.Forums) != 1 || len(q.Rated) != 1 || q.Person.ID != "cat" || q.Draft != nil || q.Invitation.TokenHash != "" {
		t.Fatalf("Respondent = %+v", q)
	}
	in := must[store.Invitation](t, "GiveConsent(true)")(svc.GiveConsent(ctx, true))
	if in.Status != store.InvitationConsented || in.ConsentedAt == nil {
		t.Fatalf("consented: %+v", in)
	}
	_, err = svc.GiveConsent(ctx, false)
	wantCode(t, "GiveConsent(false) after consent", err, store.ECONFLICT)
}

// TestSurveyRespond follows one respondent from consent to submission:
// the draft resumes, the answers become records said in the survey, and
// the link submits once, also when it submits many times at once.
func TestSurveyRespond(t *testing.T) {
	t.Parallel()
	svc, st, _ := surveyFixture(t)
	ctx, inv := link(t, svc, "ann")
	must[store.Invitation](t, "GiveConsent")(svc.GiveConsent(ctx, true))

	picks := must[[]service.Pick](t, "RespondentSearch")(svc.RespondentSearch(ctx, "NAME OF"))
	if want := []service.Pick{{ID: "cat", Name: "Name of cat"}}; !slices.Equal(picks, want) {
		t.Fatalf("RespondentSearch(name of) = %v, want %v (not ann herself, not bob of south)", picks, want)
	}
	_, err := svc.RespondentSearch(ctx, "n")
	wantCode(t, "RespondentSearch(n)", err, store.EINVALID)

	answers := service.Response{
		Names:   []service.Named{{QuestionID: "advice", PersonID: "cat"}, {QuestionID: "advice", Label: "Dee from the shop"}},
		Forums:  []service.ForumAnswer{{ForumID: "board", Level: store.LevelConsult, Stage: store.StageDesign}},
		Groups:  []string{"carer"},
		Felt:    2,
		Ratings: []store.Rating{{ActorID: "club", Value: 4}},
	}
	bad := []struct {
		name string
		r    service.Response
		code string
	}{
		{"unknown question", service.Response{Names: []service.Named{{QuestionID: "work", PersonID: "cat"}}}, store.EINVALID},
		{"person of another place", service.Response{Names: []service.Named{{QuestionID: "advice", PersonID: "bob"}}}, store.ENOTFOUND},
		{"herself", service.Response{Names: []service.Named{{QuestionID: "advice", PersonID: "ann"}}}, store.ENOTFOUND},
		{"an organisation", service.Response{Names: []service.Named{{QuestionID: "advice", PersonID: "club"}}}, store.ENOTFOUND},
		{"id and label", service.Response{Names: []service.Named{{QuestionID: "advice", PersonID: "cat", Label: "Cat"}}}, store.EINVALID},
		{"named twice", service.Response{Names: []service.Named{{QuestionID: "advice", PersonID: "cat"}, {QuestionID: "advice", PersonID: "cat"}}}, store.EINVALID},
		{"forum not asked", service.Response{Forums: []service.ForumAnswer{{ForumID: "other", Level: store.LevelLead, Stage: store.StageIdea}}}, store.EINVALID},
		{"bad level", service.Response{Forums: []service.ForumAnswer{{ForumID: "board", Level: "BOSS", Stage: store.StageIdea}}}, store.EINVALID},
		{"group not offered", service.Response{Groups: []string{"young person"}}, store.EINVALID},
		{"felt 6", service.Response{Felt: 6}, store.EINVALID},
		{"rating 6", service.Response{Ratings: []store.Rating{{ActorID: "club", Value: 6}}}, store.EINVALID},
		{"actor not asked", service.Response{Ratings: []store.Rating{{ActorID: "fund", Value: 1}}}, store.EINVALID},
	}
	for _, b := range bad {
		_, err := svc.SaveDraft(ctx, b.r)
		wantCode(t, "SaveDraft("+b.name+")", err, b.code)
		_, err = svc.SubmitResponse(ctx, b.r)
		wantCode(t, "SubmitResponse("+b.name+")", err, b.code)
	}

	must[store.Invitation](t, "SaveDraft")(svc.SaveDraft(ctx, answers))
	q := must[service.Questionnaire](t, "Respondent")(svc.Respondent(ctx))
	if q.Draft == nil || q.Draft.Felt != 2 || len(q.Draft.Names) != 2 || q.Draft.Names[1].Label != "Dee from the shop" {
		t.Fatalf("resumed draft = %+v, want the saved answers", q.Draft)
	}
	if want := map[string]string{"cat": "Name of cat"}; !maps.Equal(q.Picked, want) {
		t.Fatalf("resumed draft's picked = %v, want %v", q.Picked, want)
	}

	const attempts = 8
	var wg sync.WaitGroup
	errs := make([]error, attempts)
	for i := range attempts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = svc.SubmitResponse(ctx, answers)
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch store.ErrorCode(err) {
		case "":
			ok++
		case store.ECONFLICT:
		default:
			t.Fatalf("SubmitResponse at once: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of %d simultaneous submissions succeeded, want 1", ok, attempts)
	}
	_, err = svc.SubmitResponse(ctx, answers)
	wantCode(t, "SubmitResponse again", err, store.ECONFLICT)

	in := must[store.Invitation](t, "Invitation")(st.Invitation(t.Context(), inv.Invitation.ID))
	if in.Status != store.InvitationSubmitted || in.Felt != 2 || in.Draft != "" || !slices.Equal(in.Ratings, answers.Ratings) {
		t.Fatalf("submitted invitation = %+v", in)
	}
	day := store.Day(surveyStart)
	rels := must[store.Connection[store.Relationship]](t, "Relationships(ann)")(st.Relationships(t.Context(), store.RelationshipFilter{ActorID: "ann"}, store.Page{First: 50}))
	var said []store.Relationship
	for _, r := range rels.Items {
		if r.Source.Of() == store.SourceSurvey {
			said = append(said, r)
		}
	}
	if len(said) != 2 {
		t.Fatalf("ties said in the survey: %+v, want 2", said)
	}
	for _, r := range said {
		if r.ToID != "ann" || r.Kind != store.RelAdvises || r.Source.SurveyID != "sv-north" || r.Source.By != "ann" || r.Source.On == nil || !r.Source.On.Equal(day) {
			t.Fatalf("tie said in the survey = %+v, want advises→ann said by ann in sv-north on %v", r, day)
		}
	}
	people := must[store.Connection[store.Person]](t, "People(north)")(st.People(t.Context(), store.PeopleFilter{PlaceID: "north"}, store.Page{First: 50}))
	var placeholders, anns []store.Person
	for _, p := range people.Items {
		switch {
		case p.ID == "ann":
			anns = append(anns, p)
		case p.Source.Of() == store.SourceSurvey:
			placeholders = append(placeholders, p)
		}
	}
	if len(placeholders) != 1 || placeholders[0].Name != "Dee from the shop" || placeholders[0].Consent != store.ConsentUnknown || placeholders[0].PlaceID != "north" {
		t.Fatalf("placeholders = %+v, want one, Dee from the shop, consent UNKNOWN, in north", placeholders)
	}
	if !slices.Equal(anns[0].Groups, []string{"carer"}) || anns[0].Source.SurveyID != "sv-north" {
		t.Fatalf("ann after the survey = %+v, want groups [carer] said in sv-north", anns[0])
	}
	part := must[store.Participation](t, "Participation")(st.Participation(t.Context(), inv.Invitation.ID+"-board"))
	if part.Level != store.LevelConsult || part.Source.SurveyID != "sv-north" {
		t.Fatalf("participation = %+v", part)
	}
	if picks := must[[]service.Pick](t, "RespondentSearch(dee)")(svc.RespondentSearch(ctx, "dee")); len(picks) != 0 {
		t.Fatalf("RespondentSearch(dee) = %v: a placeholder was found by a respondent", picks)
	}
}

// TestSurveyLinkLeastPrivilege checks that a link opens only its own
// invitation: every other operation is refused before the store is read.
func TestSurveyLinkLeastPrivilege(t *testing.T) {
	t.Parallel()
	svc, _, _ := surveyFixture(t)
	ctx, _ := link(t, svc, "cat")
	_, err := svc.Person(ctx, "ann")
	wantCode(t, "Person(ann) by cat's link", err, store.EFORBIDDEN)
	_, err = svc.Invitations(ctx, "sv-north")
	wantCode(t, "Invitations by a link", err, store.EFORBIDDEN)
	_, err = svc.Summary(ctx, store.Scope{PlaceID: "north"})
	wantCode(t, "Summary by a link", err, store.EFORBIDDEN)
	_, err = svc.MyData(auth.With(t.Context(), auth.Respondent("inv-of-nobody")))
	wantCode(t, "MyData of an unknown invitation", err, store.EUNAUTHORIZED)
	_, err = svc.MyData(as(t, auth.RoleAdmin))
	wantCode(t, "MyData as admin", err, store.EFORBIDDEN)
	mine := must[service.MyRecord](t, "MyData(cat)")(svc.MyData(ctx))
	if mine.Person.ID != "cat" || len(mine.Ties) != 1 || mine.Ties[0].Relationship.ID != "r-ann-cat" || mine.Ties[0].Other == nil || mine.Ties[0].Other.ID() != "ann" {
		t.Fatalf("MyData(cat) = %+v, want cat with her one tie to ann", mine)
	}
}

// TestSurveyOwnData checks seeing, correcting, disputing and withdrawing
// through a link, the audit of what it reads, and the editors' side of a
// dispute.
func TestSurveyOwnData(t *testing.T) {
	t.Parallel()
	svc, st, _ := surveyFixture(t)
	ctx, inv := link(t, svc, "ann")
	must[store.Invitation](t, "GiveConsent")(svc.GiveConsent(ctx, true))
	must[store.Invitation](t, "SubmitResponse")(svc.SubmitResponse(ctx, service.Response{
		Names: []service.Named{{QuestionID: "advice", Label: "Dee"}}, Felt: 4}))

	actx, act := service.WithActivity(ctx)
	mine := must[service.MyRecord](t, "MyData")(svc.MyData(actx))
	if len(mine.Ties) != 3 || len(mine.Seats) != 1 || len(mine.Invitations) != 1 {
		t.Fatalf("MyData(ann) = %+v, want 3 ties (bob, cat, Dee), 1 seat, 1 invitation", mine)
	}
	if got := act.People(); !slices.Contains(got, "ann") {
		t.Fatalf("MyData recorded people %v for the audit log, want ann among them", got)
	}
	var saidID string
	for _, tie := range mine.Ties {
		if tie.SaidByMe {
			saidID = tie.Relationship.ID
			if tie.Other == nil || tie.Other.Person.Name != "Dee" {
				t.Fatalf("the tie ann said shows %+v, want Dee, whom she named", tie.Other)
			}
		}
	}

	mine = must[service.MyRecord](t, "CorrectMyData(name)")(svc.CorrectMyData(ctx, service.Change{EntityID: "ann", Field: service.FieldName, Value: "Ann Bee"}))
	if mine.Person.Name != "Ann Bee" || len(mine.Corrections) != 1 || !slices.Equal(mine.Person.Groups, []string{"parent"}) {
		t.Fatalf("after correcting the name: %+v, want Ann Bee, her groups as they were (the survey did not ask) and 1 correction", mine)
	}
	c := mine.Corrections[slices.IndexFunc(mine.Corrections, func(c store.Correction) bool { return c.Field == "name" })]
	if c.Previous != "Name of ann" || c.Value != "Ann Bee" || c.SurveyID != "sv-north" || c.EntityID != "ann" {
		t.Fatalf("correction = %+v, want the previous name kept", c)
	}
	must[service.MyRecord](t, "CorrectMyData(level)")(svc.CorrectMyData(ctx, service.Change{EntityID: "p-ann", Field: service.FieldLevel, Value: "CONSULT"}))
	if p := must[store.Participation](t, "Participation")(st.Participation(t.Context(), "p-ann")); p.Level != store.LevelConsult {
		t.Fatalf("p-ann level %s after correction, want CONSULT", p.Level)
	}
	for _, bad := range []struct {
		name string
		ch   service.Change
		code string
	}{
		{"bad level", service.Change{EntityID: "p-ann", Field: service.FieldLevel, Value: "BOSS"}, store.EINVALID},
		{"capacity", service.Change{EntityID: "ann", Field: "capacity", Value: "PROFESSIONAL"}, store.EINVALID},
		{"remove a typed tie", service.Change{EntityID: "r-ann-bob", Field: service.FieldRemoved}, store.EINVALID},
		{"another's person", service.Change{EntityID: "cat", Field: service.FieldName, Value: "X"}, store.EINVALID},
		{"another's tie", service.Change{EntityID: "r-none", Field: service.FieldRemoved}, store.ENOTFOUND},
	} {
		_, err := svc.CorrectMyData(ctx, bad.ch)
		wantCode(t, "CorrectMyData("+bad.name+")", err, bad.code)
	}
	must[service.MyRecord](t, "CorrectMyData(removed)")(svc.CorrectMyData(ctx, service.Change{EntityID: saidID, Field: service.FieldRemoved}))
	_, err := st.Relationship(t.Context(), saidID)
	wantCode(t, "the tie ann removed", err, store.ENOTFOUND)

	_, err = svc.DisputeTie(ctx, saidID, "")
	wantCode(t, "DisputeTie(removed tie)", err, store.ENOTFOUND)
	d := must[store.Dispute](t, "DisputeTie")(svc.DisputeTie(ctx, "r-ann-bob", "I have never met Bob"))
	_, err = svc.DisputeTie(ctx, "r-ann-bob", "again")
	wantCode(t, "DisputeTie again", err, store.ECONFLICT)
	mine = must[service.MyRecord](t, "MyData")(svc.MyData(ctx))
	if i := slices.IndexFunc(mine.Ties, func(t service.Tie) bool { return t.Relationship.ID == "r-ann-bob" }); i < 0 || !mine.Ties[i].Disputed {
		t.Fatalf("r-ann-bob not flagged as disputed: %+v", mine.Ties)
	}
	ed := as(t, auth.RoleEditor, "north")
	open := must[[]store.Dispute](t, "Disputes")(svc.Disputes(ed, "sv-north", true))
	if len(open) != 1 || open[0].ID != d.ID {
		t.Fatalf("open disputes = %+v, want %s", open, d.ID)
	}
	_, err = svc.ResolveDispute(ed, "sv-north", d.ID, true)
	wantCode(t, "ResolveDispute(a tie to south) as editor(north)", err, store.ENOTFOUND)
	admin := as(t, auth.RoleAdmin)
	res := must[store.Dispute](t, "ResolveDispute")(svc.ResolveDispute(admin, "sv-north", d.ID, true))
	if res.Resolution != store.DisputeRemoved || res.ResolvedOn == nil {
		t.Fatalf("resolved dispute = %+v", res)
	}
	_, err = st.Relationship(t.Context(), "r-ann-bob")
	wantCode(t, "the disputed tie after removal", err, store.ENOTFOUND)
	_, err = svc.ResolveDispute(admin, "sv-north", d.ID, false)
	wantCode(t, "ResolveDispute again", err, store.ECONFLICT)

	p := must[store.Person](t, "WithdrawConsent")(svc.WithdrawConsent(ctx))
	if p.Consent != store.ConsentWithdrawn {
		t.Fatalf("WithdrawConsent: consent %s", p.Consent)
	}
	_, err = svc.Person(admin, "ann")
	wantCode(t, "Person(ann) after withdrawal", err, store.ENOTFOUND)
	if ins := must[[]store.Invitation](t, "Invitations")(svc.Invitations(admin, "sv-north")); len(ins) != 0 {
		t.Fatalf("Invitations after withdrawal = %+v, want ann's left out", ins)
	}
	if mine := must[service.MyRecord](t, "MyData after withdrawal")(svc.MyData(ctx)); mine.Person.Consent != store.ConsentWithdrawn {
		t.Fatalf("MyData after withdrawal: consent %s", mine.Person.Consent)
	}
	must[store.Invitation](t, "GiveConsent again")(svc.GiveConsent(ctx, true))
	must[store.Person](t, "Person(ann) after consenting again")(svc.Person(admin, "ann"))
	_ = inv
}

// TestSurveyClosed checks that a closed survey takes no answers.
func TestSurveyClosed(t *testing.T) {
	t.Parallel()
	svc, _, clock := surveyFixture(t)
	sv := policySurvey()
	closes := store.Day(surveyStart).AddDate(0, 0, 3)
	sv.ClosesOn = &closes
	must[store.Survey](t, "UpsertSurvey")(svc.UpsertSurvey(as(t, auth.RoleAdmin), sv))
	ctx, _ := link(t, svc, "cat")
	must[store.Invitation](t, "GiveConsent")(svc.GiveConsent(ctx, true))
	clock.set(closes.Add(30 * time.Hour))
	_, err := svc.SubmitResponse(ctx, service.Response{Felt: 1})
	wantCode(t, "SubmitResponse after closing", err, store.EINVALID)
	clock.set(closes.Add(12 * time.Hour))
	must[store.Invitation](t, "SubmitResponse on the last day")(svc.SubmitResponse(ctx, service.Response{Felt: 1}))
}

// TestSurveyRatedPeople checks that the people among a survey's actors to
// rate are left out for a funder, and for everyone once withdrawn.
func TestSurveyRatedPeople(t *testing.T) {
	t.Parallel()
	svc, st, _ := surveyFixture(t)
	sv := policySurvey()
	sv.InfluenceIDs = []string{"club", "cat"}
	must[store.Survey](t, "UpsertSurvey")(svc.UpsertSurvey(as(t, auth.RoleAdmin), sv))
	for _, c := range []struct {
		name string
		role auth.Role
		want []string
	}{{"admin", auth.RoleAdmin, []string{"cat", "club"}}, {"funder", auth.RoleFunder, []string{"club"}}} {
		got := must[store.Survey](t, "Survey as "+c.name)(svc.Survey(as(t, c.role), "sv-north"))
		if !slices.Equal(got.InfluenceIDs, c.want) {
			t.Errorf("Survey as %s: influenceIds %v, want %v", c.name, got.InfluenceIDs, c.want)
		}
		list := must[[]store.Survey](t, "Surveys as "+c.name)(svc.Surveys(as(t, c.role), ""))
		if len(list) != 1 || !slices.Equal(list[0].InfluenceIDs, c.want) {
			t.Errorf("Surveys as %s = %+v, want influenceIds %v", c.name, list, c.want)
		}
	}
	cat := must[store.Actor](t, "Actor(cat)")(st.Actor(t.Context(), "cat"))
	cat.Person.Consent = store.ConsentWithdrawn
	must[store.Person](t, "withdraw cat")(svc.UpsertPerson(as(t, auth.RoleAdmin), *cat.Person))
	if got := must[store.Survey](t, "Survey")(svc.Survey(as(t, auth.RoleAdmin), "sv-north")); !slices.Equal(got.InfluenceIDs, []string{"club"}) {
		t.Errorf("Survey after cat withdrew: influenceIds %v, want [club]", got.InfluenceIDs)
	}
}
