package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voicemap/voicemap/audit"
)

// Sizes of TestSurveySubmissionsAtOnce.
const (
	surveyLoadRespondents = 500
	// surveyLoadBatch is how many people or invitations one setup
	// mutation writes (below the server's 30 aliases).
	surveyLoadBatch = 25
	surveyLoadID    = "sv-load"
	surveyLoadPlace = "load-ward"
)

// surveyLoadPerson is the id of respondent i.
func surveyLoadPerson(i int) string { return fmt.Sprintf("p-resp-%03d", i) }

// TestSurveySubmissionsAtOnce starts the real server (run, on 127.0.0.1:0,
// over a fresh embedded store, no keys: the local administrator sets up)
// and has surveyLoadRespondents respondents answer one survey at the same
// time through their links: one goroutine each gives consent and submits,
// naming the next respondent (a ring) and someone new (a placeholder),
// with a felt voice of 1 to 5. Nothing may be lost: no 5xx and no error,
// every invitation SUBMITTED with its felt voice, exactly 2 ties said by
// each respondent and 3 said ties touching each (the one the previous
// respondent said of them), 2 × N ties of source SURVEY in the survey, N
// placeholders, and the audit log's chain verifies once the server has
// stopped. Wall time and p50/p99 latencies are logged (BENCHMARKS.md).
func TestSurveySubmissionsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: run without -short")
	}
	n := surveyLoadRespondents
	dir := t.TempDir()
	s := startRun(t, []string{"-addr", "127.0.0.1:0", "-data", filepath.Join(dir, "v.db"), "-log-level", "warn",
		"-rate-limit", "1000000", "-rate-burst", "1000000"}, nil)
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConns: n, MaxIdleConnsPerHost: n},
		Timeout:   2 * time.Minute,
	}
	defer client.CloseIdleConnections()
	post := func(token string, query string, vars map[string]any, out any) (int, time.Duration, error) {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		req, err := http.NewRequest(http.MethodPost, s.base+"/graphql", bytes.NewReader(body))
		if err != nil {
			return 0, 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, 0, err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		if err != nil {
			return resp.StatusCode, took, err
		}
		var env struct {
			Data   json.RawMessage   `json:"data"`
			Errors []json.RawMessage `json:"errors"`
		}
		if err := json.Unmarshal(b, &env); err != nil {
			return resp.StatusCode, took, fmt.Errorf("decode %.300s: %w", b, err)
		}
		if resp.StatusCode != http.StatusOK || len(env.Errors) > 0 {
			return resp.StatusCode, took, fmt.Errorf("status %d: %.300s", resp.StatusCode, b)
		}
		if out != nil {
			return resp.StatusCode, took, json.Unmarshal(env.Data, out)
		}
		return resp.StatusCode, took, nil
	}
	admin := func(query string, vars map[string]any, out any) {
		t.Helper()
		if _, _, err := post("", query, vars, out); err != nil {
			t.Fatalf("%.80s: %v", query, err)
		}
	}

	// Setup: the place, N people, the survey and N invitations.
	admin(`mutation { upsertPlace(input: {id: "`+surveyLoadPlace+`", name: "Load Ward"}) { id } }`, nil, nil)
	for from := 0; from < n; from += surveyLoadBatch {
		var m strings.Builder
		m.WriteString("mutation {")
		for i := from; i < min(from+surveyLoadBatch, n); i++ {
			fmt.Fprintf(&m, ` p%d: upsertPerson(input: {id: %q, name: "Respondent %d", placeId: %q}) { id }`, i, surveyLoadPerson(i), i, surveyLoadPlace)
		}
		m.WriteString(" }")
		admin(m.String(), nil, nil)
	}
	admin(`mutation { upsertSurvey(input: {id: "`+surveyLoadID+`", name: "Load survey", placeId: "`+surveyLoadPlace+`",
		questions: [{id: "know", prompt: "Who do you know?", kind: KNOWS}]}) { id } }`, nil, nil)
	tokens := make([]string, n)
	for from := 0; from < n; from += surveyLoadBatch {
		var m strings.Builder
		m.WriteString("mutation {")
		for i := from; i < min(from+surveyLoadBatch, n); i++ {
			fmt.Fprintf(&m, ` i%d: invite(surveyId: %q, personId: %q) { link }`, i, surveyLoadID, surveyLoadPerson(i))
		}
		m.WriteString(" }")
		var links map[string]struct{ Link string }
		admin(m.String(), nil, &links)
		for i := from; i < min(from+surveyLoadBatch, n); i++ {
			_, token, ok := strings.Cut(links[fmt.Sprintf("i%d", i)].Link, "#")
			if !ok {
				t.Fatalf("invite %d: link %q", i, links[fmt.Sprintf("i%d", i)].Link)
			}
			tokens[i] = token
		}
	}

	// N respondents at once: consent, then submit.
	type outcome struct {
		consent, submit time.Duration
		status          int
		err             error
	}
	results := make([]outcome, n)
	const submit = `mutation($answers: ResponseInput!) { submitResponse(answers: $answers) }`
	start := time.Now()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r := &results[i]
			var consent struct{ AnswerConsent string }
			if r.status, r.consent, r.err = post(tokens[i], `mutation { answerConsent(give: true) }`, nil, &consent); r.err != nil {
				return
			}
			if consent.AnswerConsent != "CONSENTED" {
				r.err = fmt.Errorf("answerConsent = %q", consent.AnswerConsent)
				return
			}
			answers := map[string]any{"felt": i%5 + 1, "names": []map[string]any{
				{"questionId": "know", "personId": surveyLoadPerson((i + 1) % n)},
				{"questionId": "know", "label": fmt.Sprintf("Neighbour of respondent %d", i)},
			}}
			var sub struct{ SubmitResponse string }
			if r.status, r.submit, r.err = post(tokens[i], submit, map[string]any{"answers": answers}, &sub); r.err == nil && sub.SubmitResponse != "SUBMITTED" {
				r.err = fmt.Errorf("submitResponse = %q", sub.SubmitResponse)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	var consents, submits []time.Duration
	for i, r := range results {
		if r.err != nil || r.status >= 500 {
			t.Errorf("respondent %d: status %d, %v", i, r.status, r.err)
			continue
		}
		consents, submits = append(consents, r.consent), append(submits, r.submit)
	}
	if t.Failed() {
		t.FailNow()
	}
	slices.Sort(consents)
	slices.Sort(submits)
	t.Logf("%d respondents, consent + submit each, all at once: %v wall (%.0f submissions/s); consent p50 %v p99 %v; submit p50 %v p99 %v",
		n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(),
		percentile(consents, 0.5), percentile(consents, 0.99), percentile(submits, 0.5), percentile(submits, 0.99))

	// Read every submission back.
	var sv struct {
		Survey struct {
			Invitations []struct {
				PersonID string
				Status   string
				Felt     *int
			}
		}
	}
	admin(`{ survey(id: "`+surveyLoadID+`") { invitations { personId status felt } } }`, nil, &sv)
	if len(sv.Survey.Invitations) != n {
		t.Fatalf("%d invitations, want %d", len(sv.Survey.Invitations), n)
	}
	for _, in := range sv.Survey.Invitations {
		var i int
		if _, err := fmt.Sscanf(in.PersonID, "p-resp-%d", &i); err != nil {
			t.Fatalf("invitation of %q", in.PersonID)
		}
		if in.Status != "SUBMITTED" || in.Felt == nil || *in.Felt != i%5+1 {
			t.Errorf("invitation of %s: %s, felt %v; want SUBMITTED, felt %d", in.PersonID, in.Status, in.Felt, i%5+1)
		}
	}
	var said struct{ Relationships struct{ TotalCount int } }
	admin(`{ relationships(source: SURVEY, surveyId: "`+surveyLoadID+`", first: 1) { totalCount } }`, nil, &said)
	if said.Relationships.TotalCount != 2*n {
		t.Errorf("%d ties said in the survey, want %d", said.Relationships.TotalCount, 2*n)
	}
	var people struct{ People struct{ TotalCount int } }
	admin(`{ people(placeId: "`+surveyLoadPlace+`", first: 1) { totalCount } }`, nil, &people)
	if people.People.TotalCount != 2*n {
		t.Errorf("%d people in the place, want %d respondents and %d placeholders", people.People.TotalCount, n, n)
	}
	const ties = `query($id: ID!) { relationships(actorId: $id, source: SURVEY, first: 10) { totalCount edges { node { from { id } to { id } source { kind surveyId by } } } } }`
	for i := range n {
		me, next, prev := surveyLoadPerson(i), surveyLoadPerson((i+1)%n), surveyLoadPerson((i+n-1)%n)
		var got struct {
			Relationships struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						From, To struct{ ID string }
						Source   struct{ Kind, SurveyID, By string }
					}
				}
			}
		}
		admin(ties, map[string]any{"id": me}, &got)
		var seen []string
		for _, e := range got.Relationships.Edges {
			x := e.Node
			if x.Source.Kind != "SURVEY" || x.Source.SurveyID != surveyLoadID || x.Source.By != x.From.ID {
				t.Errorf("%s: tie %+v", me, x)
			}
			other := x.To.ID
			if x.To.ID == me {
				other = "<-" + x.From.ID
			} else if strings.HasPrefix(other, "named-") {
				other = "placeholder"
			}
			seen = append(seen, other)
		}
		slices.Sort(seen)
		want := []string{"<-" + prev, next, "placeholder"}
		slices.Sort(want)
		if got.Relationships.TotalCount != 3 || !slices.Equal(seen, want) {
			t.Errorf("said ties of %s: %d %v, want %v", me, got.Relationships.TotalCount, seen, want)
		}
	}

	client.CloseIdleConnections()
	if err := s.stop(t); err != nil {
		t.Fatalf("run returned %v; stderr:\n%s", err, s.stderr)
	}
	records, err := audit.VerifyFile(filepath.Join(dir, "audit.log"))
	if err != nil {
		t.Fatalf("audit log: %v", err)
	}
	if records < 2*n {
		t.Errorf("audit log holds %d records, want at least one per consent and per submission (%d)", records, 2*n)
	}
}
