package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/demo"
)

// Names that the log scan's workload writes through the API, beside the
// demo's people. They hold an apostrophe, a hyphen and non-ASCII letters,
// which the log handlers might escape.
const (
	logScanNewName    = "Siobhán O'Neill-Ørsted"
	logScanRenamed    = "Wiremu Te Rangi"
	logScanFailedName = "Bartholomew Quince"
	logScanImportName = "Anneliese Vorster"
	// logScanBodyMarker is a value sent only inside request bodies and
	// query strings: finding it in the logs means a body was logged.
	logScanBodyMarker = "BODY-MARKER-7f3a"
)

// logScanRequest is one request of the log scan's workload.
type logScanRequest struct {
	name     string
	get      bool           // send as GET with the query and variables in the URL
	raw      string         // a raw POST body instead of query and vars
	query    string         // GraphQL document
	vars     map[string]any // GraphQL variables
	wantFail bool           // the request must fail (a 4xx status or an errors entry)
}

// logScanWorkload returns the requests that TestLogsHoldNoPersonalData
// sends: reads of people by id and by list, person-level analysis,
// mutations that succeed and mutations that fail with messages naming ids,
// imports with problems, GET queries with variables, and bodies the HTTP
// layer refuses.
func logScanWorkload() []logScanRequest {
	const personQ = `query($id: ID!) { person(id: $id) { id name groups place { name } relationships(first: 5) { edges { node { id } } } } }`
	badDoc := `{"version": 1, "people": [{"id": "p-import-1", "name": "` + logScanImportName + `", "placeId": "no-such-place"}]}`
	return []logScanRequest{
		{name: "person by id", query: personQ, vars: map[string]any{"id": "p-helen-marsh"}},
		{name: "young person by id", query: personQ, vars: map[string]any{"id": "p-yp-01"}},
		{name: "missing person", query: personQ, vars: map[string]any{"id": "p-missing"}},
		{name: "node", query: `{ node(id: "p-tariq-hussain") { id ... on Person { name consent } } }`},
		{name: "people list", query: `{ people(first: 200) { totalCount edges { node { id name groups } } } }`},
		{name: "people by place and group", query: `{ people(placeId: "millbrook-riverside", group: "young person", first: 50) { edges { node { name } } } }`},
		{name: "unheard voices", query: `{ unheardVoices(first: 50) { person { id name } score reasons } }`},
		{name: "unheard voices in a place", query: `{ unheardVoices(placeId: "millbrook-northgate", first: 10) { person { name } score } }`},
		{name: "path to power", query: `query($p: ID!) { pathToPower(personId: $p) { id ... on Person { name } } }`, vars: map[string]any{"p": "p-yp-03"}},
		{name: "path to power of an isolated resident", query: `{ pathToPower(personId: "p-res-001") { id } }`},
		{name: "betweenness", query: `{ centrality(measure: BETWEENNESS, first: 10) { actor { id name } score rank } }`},
		{name: "closeness weighted", query: `{ centrality(measure: CLOSENESS, weighted: true, first: 10) { actor { name } score } }`},
		{name: "power concentration", query: `{ powerConcentration { actors degreeCentralization betweennessGini } }`},
		{name: "nothing about us", query: `{ nothingAboutUsWithoutUs { forum { name } group present { id ... on Person { name } } } }`},
		{name: "export graphml", query: `{ exportNetwork(format: GRAPHML) }`},
		{name: "upsert a new person", query: `mutation($n: String!) { upsertPerson(input: {id: "p-new-1", name: $n, placeId: "millbrook-riverside", groups: ["carers"]}) { id name } }`,
			vars: map[string]any{"n": logScanNewName}},
		{name: "rename the new person", query: `mutation($n: String!) { upsertPerson(input: {id: "p-new-1", name: $n, placeId: "millbrook-riverside"}) { id name } }`,
			vars: map[string]any{"n": logScanRenamed}},
		{name: "connect the new person", query: `mutation { connect(input: {id: "r-new-1", fromId: "p-new-1", toId: "p-helen-marsh", kind: KNOWS}) { id } }`},
		{name: "read the new person", query: personQ, vars: map[string]any{"id": "p-new-1"}},
		{name: "upsert into a missing place", query: `mutation($n: String!) { upsertPerson(input: {id: "p-new-2", name: $n, placeId: "no-such-place"}) { id } }`,
			vars: map[string]any{"n": logScanFailedName}, wantFail: true},
		{name: "upsert with an empty name", query: `mutation { upsertPerson(input: {id: "p-new-3", name: "", placeId: "millbrook"}) { id } }`, wantFail: true},
		{name: "upsert with a bad capacity", query: `mutation($n: String!) { upsertPerson(input: {id: "p-new-4", name: $n, placeId: "millbrook", capacity: KING}) { id } }`,
			vars: map[string]any{"n": logScanFailedName}, wantFail: true},
		{name: "connect to a missing actor", query: `mutation { connect(input: {id: "r-new-2", fromId: "p-helen-marsh", toId: "p-missing", kind: KNOWS}) { id } }`, wantFail: true},
		{name: "connect to oneself", query: `mutation { connect(input: {id: "r-new-3", fromId: "p-grace-mensah", toId: "p-grace-mensah", kind: KNOWS}) { id } }`, wantFail: true},
		{name: "delete a missing actor", query: `mutation { deleteActor(id: "p-missing") }`, wantFail: true},
		{name: "path to power of a missing person", query: `{ pathToPower(personId: "p-missing") { id } }`, wantFail: true},
		{name: "import with a problem", query: `mutation($d: String!) { importNetwork(format: JSON, data: $d) { people } }`,
			vars: map[string]any{"d": badDoc}, wantFail: true},
		{name: "import that is not JSON", query: `mutation($d: String!) { importNetwork(format: JSON, data: $d) { people } }`,
			vars: map[string]any{"d": `{"people": [{"name": "` + logScanImportName + `"`}, wantFail: true},
		{name: "import graphml with a problem", query: `mutation($d: String!) { importNetwork(format: GRAPHML, data: $d) { people } }`,
			vars: map[string]any{"d": `<graphml><graph><node id="x"><data key="name">` + logScanImportName + `</data></node></graph></graphml>`}, wantFail: true},
		{name: "parse error quoting a name", query: `{ person(id: "` + logScanFailedName + `" { name } }`, wantFail: true},
		{name: "validation error", query: `query($id: ID!) { person(id: $id) { nickname } }`, vars: map[string]any{"id": logScanBodyMarker}, wantFail: true},
		{name: "GET person with variables", get: true, query: personQ, vars: map[string]any{"id": "p-margaret-ellis", "marker": logScanBodyMarker}},
		{name: "GET unheard voices", get: true, query: `query($g: String) { unheardVoices(group: $g, first: 5) { person { name } } }`, vars: map[string]any{"g": "young person"}},
		{name: "GET mutation refused", get: true, query: `mutation($n: String!) { upsertPerson(input: {id: "p-new-5", name: $n, placeId: "millbrook"}) { id } }`,
			vars: map[string]any{"n": logScanFailedName}, wantFail: true},
		{name: "malformed body", raw: `{"query": "{ __typename }", "variables": {"n": "` + logScanFailedName + `"`, wantFail: true},
		{name: "batch body", raw: `[{"query": "{ __typename }", "variables": {"n": "` + logScanFailedName + `"}}]`, wantFail: true},
		{name: "forget the new person", query: `mutation { forgetPerson(id: "p-new-1") { id relationships } }`},
		{name: "forgotten person is gone", query: personQ, vars: map[string]any{"id": "p-new-1"}},
	}
}

// TestLogsHoldNoPersonalData runs the real server with debug logging, in
// both log formats, drives logScanWorkload over HTTP and scans everything
// logged for every person's name in the demo network and every name the
// workload sent, and for a marker that travels only in request bodies and
// query strings. Error messages returned to clients may carry ids; the logs
// may carry neither names nor bodies.
func TestLogsHoldNoPersonalData(t *testing.T) {
	names := []string{logScanNewName, logScanRenamed, logScanFailedName, logScanImportName}
	for _, p := range demo.Network().People {
		names = append(names, p.Name)
	}
	for _, format := range []string{"json", "text"} {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "v.db")
			s := startRun(t, []string{"-addr", "127.0.0.1:0", "-data", path, "-demo", "-log-level", "debug",
				"-log-format", format, "-rate-limit", "0"}, nil)
			for _, rq := range logScanWorkload() {
				status, body := logScanDo(t, s.base, rq)
				failed := status >= 400 || strings.Contains(body, `"errors"`)
				if failed != rq.wantFail || status >= 500 {
					t.Errorf("%s: %d %.300s, want failure %v and no 5xx", rq.name, status, body, rq.wantFail)
				}
			}
			if err := s.stop(t); err != nil {
				t.Fatalf("run returned %v; stderr:\n%s", err, s.stderr)
			}
			logs := s.stderr.String()
			if !strings.Contains(logs, "demo loaded") || strings.Count(logs, "/graphql") < len(logScanWorkload()) {
				t.Fatalf("logs lack the demo load or a line per request, so the scan would prove nothing:\n%s", logs)
			}
			if format == "json" {
				for i, line := range strings.Split(strings.TrimSpace(logs), "\n") {
					if !json.Valid([]byte(line)) {
						t.Errorf("log line %d is not JSON: %s", i+1, line)
					}
				}
			}
			for _, hit := range personalDataHits(logs, append(names, logScanBodyMarker)) {
				t.Errorf("logs contain %q (personal data or a request body):\n%s", hit, logs)
			}
		})
	}
}

// TestPersonalDataHits checks that the scan finds a name however the slog
// handlers write it (raw, JSON-escaped or quoted), so that
// TestLogsHoldNoPersonalData can fail.
func TestPersonalDataHits(t *testing.T) {
	names := []string{logScanNewName, "Helen Marsh", "Ann \"Nan\" Lee", "Zoë <Tab>\tJones"}
	for _, name := range names {
		for _, format := range []string{"json", "text"} {
			var buf bytes.Buffer
			var h slog.Handler = slog.NewTextHandler(&buf, nil)
			if format == "json" {
				h = slog.NewJSONHandler(&buf, nil)
			}
			slog.New(h).Info("upsert", "who", name, "err", io.EOF)
			if got := personalDataHits(buf.String(), names); len(got) != 1 || got[0] != name {
				t.Errorf("personalDataHits(%s log of %q) = %q, want [%q]; log: %s", format, name, got, name, buf.String())
			}
		}
	}
	if got := personalDataHits(`level=INFO msg=request path=/graphql id=p-helen-marsh`, names); len(got) != 0 {
		t.Errorf("personalDataHits(a line with an id only) = %q, want none", got)
	}
}

// personalDataHits returns the names of names that occur in logs, raw,
// case-insensitively, or in the escaped forms a JSON or text slog handler
// writes.
func personalDataHits(logs string, names []string) []string {
	lower := strings.ToLower(logs)
	var hits []string
	for _, name := range names {
		jsonForm, _ := json.Marshal(name)
		forms := []string{
			name,
			strings.Trim(string(jsonForm), `"`),
			strings.Trim(strconv.Quote(name), `"`),
			strings.Trim(strconv.QuoteToASCII(name), `"`),
			strings.Trim(jsonNoEscapeHTML(name), `"`),
		}
		for _, f := range forms {
			if strings.Contains(lower, strings.ToLower(f)) {
				hits = append(hits, name)
				break
			}
		}
	}
	return hits
}

// jsonNoEscapeHTML is name as a JSON string with <, > and & left as they
// are (json.Marshal escapes them).
func jsonNoEscapeHTML(name string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(name)
	return strings.TrimSpace(buf.String())
}

// logScanDo sends rq to the server at base and returns the status and body.
func logScanDo(t *testing.T, base string, rq logScanRequest) (int, string) {
	t.Helper()
	var resp *http.Response
	var err error
	switch {
	case rq.get:
		q := url.Values{"query": {rq.query}}
		if rq.vars != nil {
			v, _ := json.Marshal(rq.vars)
			q.Set("variables", string(v))
		}
		resp, err = http.Get(base + "/graphql?" + q.Encode())
	default:
		body := rq.raw
		if body == "" {
			b, _ := json.Marshal(map[string]any{"query": rq.query, "variables": rq.vars})
			body = string(b)
		}
		resp, err = http.Post(base+"/graphql", "application/json", strings.NewReader(body))
	}
	if err != nil {
		t.Fatalf("%s: %v", rq.name, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: read response: %v", rq.name, err)
	}
	return resp.StatusCode, string(b)
}
