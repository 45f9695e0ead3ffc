package httpapi

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
)

// TestGraphQLBodyShape checks that a /graphql POST body that is valid JSON
// but not a GraphQL request object is refused with 400 BAD_USER_INPUT and a
// message saying what the body must be, is not logged as an internal error,
// and is not echoed, while well-shaped bodies still run.
func TestGraphQLBodyShape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want int
	}{
		{name: "batch array", body: `[{"query":"{ __typename }"}]`, want: http.StatusBadRequest},
		{name: "number query, array variables", body: `{"query": 12, "variables": []}`, want: http.StatusBadRequest},
		{name: "array variables", body: `{"query": "{ __typename }", "variables": ["SECRET-NAME"]}`, want: http.StatusBadRequest},
		{name: "number operationName", body: `{"query": "{ __typename }", "operationName": 5}`, want: http.StatusBadRequest},
		{name: "string extensions", body: `{"query": "{ __typename }", "extensions": "SECRET-NAME"}`, want: http.StatusBadRequest},
		{name: "duplicate key of the wrong type first", body: `{"query": 1, "query": "{ __typename }"}`, want: http.StatusBadRequest},
		{name: "string body", body: `"{ __typename }"`, want: http.StatusBadRequest},
		{name: "null body", body: ` null`, want: http.StatusBadRequest},
		{name: "null variables", body: `{"query": "{ __typename }", "variables": null, "operationName": null}`, want: http.StatusOK},
		{name: "object variables", body: `{"query": "{ __typename }", "variables": {"x": [1, 2.5e3]}, "extensions": {}}`, want: http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs servicetest.SyncBuffer
			st := servicetest.MustOpenStore(t)
			logger := slog.New(slog.NewTextHandler(&logs, nil))
			h := NewServer(logger, st, service.New(st, logger), Options{})
			rec := postJSON(h, tt.body)
			var resp struct {
				Errors []struct {
					Message    string            `json:"message"`
					Extensions map[string]string `json:"extensions"`
				} `json:"errors"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("POST %s: response %q is not JSON: %v", tt.body, rec.Body, err)
			}
			if rec.Code != tt.want {
				t.Fatalf("POST %s = %d %s, want %d", tt.body, rec.Code, rec.Body, tt.want)
			}
			if tt.want == http.StatusBadRequest {
				if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" ||
					!strings.Contains(resp.Errors[0].Message, "must be a JSON object with a string query") {
					t.Errorf("POST %s = %s, want one BAD_USER_INPUT error saying what the body must be", tt.body, rec.Body)
				}
				if strings.Contains(rec.Body.String(), "SECRET-NAME") || strings.Contains(rec.Body.String(), "__typename") {
					t.Errorf("POST %s: response echoes the body: %s", tt.body, rec.Body)
				}
			}
			for _, e := range resp.Errors {
				if e.Extensions["code"] == "INTERNAL" {
					t.Errorf("POST %s answered INTERNAL: %s", tt.body, rec.Body)
				}
			}
			if got := logs.String(); strings.Contains(got, "internal error") || strings.Contains(got, "SECRET-NAME") {
				t.Errorf("POST %s logged an internal error or the body:\n%s", tt.body, got)
			}
		})
	}
}
