package httpapi

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// TestSurveyLinkOverHTTP follows a survey link through the real
// authentication and GraphQL handler: the link's token, sent as a Bearer
// credential, opens its questionnaire and records consent; a token of the
// same form that no invitation holds is 401 like an unknown key; the
// link's fields refuse an API key (here the keyless local admin).
func TestSurveyLinkOverHTTP(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	admin := auth.With(t.Context(), auth.LocalAdmin)
	if _, err := st.Import(admin, store.Batch{
		Places: []store.Place{{ID: "ward", Name: "Ward"}},
		People: []store.Person{{ID: "ann", Name: "Ann Example", PlaceID: "ward", Consent: store.ConsentUnknown}},
	}); err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(st, logger)
	if _, err := svc.UpsertSurvey(admin, store.Survey{ID: "sv", Name: "Ward survey", PlaceID: "ward", Groups: []string{"carer"}, CreatedOn: time.Now()}); err != nil {
		t.Fatal(err)
	}
	inv, err := svc.Invite(admin, "sv", "ann", 0)
	if err != nil {
		t.Fatal(err)
	}
	h := authenticate(nil, svc.LinkPrincipal, logger)(resolvers.NewHandler(svc, logger, resolvers.Options{}))

	w := postGraphQL(t, h, "Bearer "+inv.Token, `{ questionnaire { me surveyName status groups } }`)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"me":"Ann Example"`) || !strings.Contains(w.Body.String(), `"status":"INVITED"`) {
		t.Fatalf("questionnaire by link: %d %s", w.Code, w.Body)
	}
	w = postGraphQL(t, h, "Bearer "+inv.Token, `mutation { answerConsent(give: true) }`)
	if !strings.Contains(w.Body.String(), `"answerConsent":"CONSENTED"`) {
		t.Fatalf("answerConsent by link: %d %s", w.Code, w.Body)
	}
	if p, err := st.Actor(admin, "ann"); err != nil || p.Person.Consent != store.ConsentGiven {
		t.Fatalf("ann after consenting: %+v, %v; want consent GIVEN", p.Person, err)
	}
	w = postGraphQL(t, h, "Bearer "+inv.Token, `{ myData { id name consent } }`)
	if !strings.Contains(w.Body.String(), `"myData":{"id":"ann","name":"Ann Example","consent":"GIVEN"}`) {
		t.Fatalf("myData by link: %d %s, want ann's id, name and consent", w.Code, w.Body)
	}
	w = postGraphQL(t, h, "Bearer "+inv.Token, `{ person(id: "ann") { name } }`)
	if !strings.Contains(w.Body.String(), `"code":"FORBIDDEN"`) {
		t.Fatalf("person by link: %d %s, want FORBIDDEN", w.Code, w.Body)
	}
	w = postGraphQL(t, h, "Bearer "+auth.LinkPrefix+strings.Repeat("ab", 32), `{ questionnaire { me } }`)
	if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), resolvers.CodeUnauthenticated) {
		t.Fatalf("unknown link: %d %s, want 401 UNAUTHENTICATED", w.Code, w.Body)
	}
	w = postGraphQL(t, h, "", `{ questionnaire { me } }`)
	if !strings.Contains(w.Body.String(), `"code":"FORBIDDEN"`) {
		t.Fatalf("questionnaire as the local admin: %d %s, want FORBIDDEN", w.Code, w.Body)
	}
	w = postGraphQL(t, h, "", `mutation { invite(surveyId: "sv", personId: "ann") { link } }`)
	if !strings.Contains(w.Body.String(), `"link":"/respond#vs_`) {
		t.Fatalf("invite: %d %s, want a /respond#vs_ link", w.Code, w.Body)
	}
}
