package httpapi

import (
	"encoding/json"
	"mime"
	"net/http"
	"net/url"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/voicemap/voicemap/resolvers"
)

// checkTransport answers, with a GraphQL-shaped error coded
// BAD_USER_INPUT, every /graphql request that gqlgen's GET and POST
// transports would refuse with an uncoded error (or, for an empty body, an
// INTERNAL one), so that every refusal carries extensions.code:
//
//   - a method other than GET, POST and OPTIONS: 405 with Allow;
//   - a POST whose Content-Type is not application/json (form-encoded and
//     multipart bodies, which a browser sends cross-site without a
//     preflight, and text/plain): 415;
//   - a POST with an empty body: 400;
//   - a GET whose query string is malformed, or whose variables or
//     extensions are not JSON objects: 400;
//   - a GET of a mutation or subscription: 405 with Allow: POST (a GET must
//     never change anything; browsers and proxies may repeat or prefetch
//     it);
//   - a request asking for a protocol upgrade (websockets): 400.
//
// A GET query that does not parse is left to gqlgen, which answers
// GRAPHQL_PARSE_FAILED.
func checkTransport(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" {
			badRequest(w, "protocol upgrades (websockets) are not supported: send queries with GET or POST")
			return
		}
		switch r.Method {
		case http.MethodPost:
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				writeGraphQLError(w, http.StatusUnsupportedMediaType, resolvers.CodeBadUserInput,
					"a POST to /graphql must have Content-Type: application/json (form and multipart bodies are refused)")
				return
			}
			if r.ContentLength == 0 {
				badRequest(w, "the request body is empty: send a JSON object with a query")
				return
			}
		case http.MethodGet:
			if status, msg := checkGet(r); msg != "" {
				if status == http.StatusMethodNotAllowed {
					w.Header().Set("Allow", http.MethodPost)
				}
				writeGraphQLError(w, status, resolvers.CodeBadUserInput, msg)
				return
			}
		case http.MethodOptions:
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeGraphQLError(w, http.StatusMethodNotAllowed, resolvers.CodeBadUserInput,
				"method "+r.Method+" is not allowed on /graphql: use POST, or GET for a query")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// checkGet returns the status and message refusing a GET request to
// /graphql, or 0 and "" to let it through (see checkTransport).
func checkGet(r *http.Request) (int, string) {
	params, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return http.StatusBadRequest, "the query string is malformed"
	}
	for _, name := range []string{"variables", "extensions"} {
		if v := params.Get(name); v != "" && !isJSONObject(v) {
			return http.StatusBadRequest, "the " + name + " parameter must be a JSON object"
		}
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Get("query")}, resolvers.MaxTokens)
	if err != nil {
		return 0, ""
	}
	if op := doc.Operations.ForName(params.Get("operationName")); op != nil && op.Operation != ast.Query {
		return http.StatusMethodNotAllowed, "a " + string(op.Operation) + " must be sent with POST; GET is for queries only"
	}
	return 0, ""
}

// isJSONObject reports whether s is a JSON object (or null, which gqlgen
// takes as none).
func isJSONObject(s string) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal([]byte(s), &m) == nil
}
