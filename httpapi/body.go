package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/resolvers"
)

// limitBody caps the request body at n bytes. A declared Content-Length
// above it is refused at once with 413; a body without one (chunked) is
// read up to the cap and refused with 413 when it goes over, so that no
// handler ever sees a truncated body. A POST body that is not valid JSON is
// refused with 400 here, so that gqlgen's decoder (whose message would echo
// the body, and whose error has no code) never reports it.
func limitBody(n int64, h http.Handler) http.Handler {
	return limitBodyChecking(n, n, nil, "", h)
}

// limitGraphQLBody caps a /graphql body at MaxBodyBytes, except for an
// import by a principal that may import, and refuses a POST JSON body of
// the wrong shape with 400 BAD_USER_INPUT (checkGraphQLBody). It runs after
// authentication, so the principal is known before any of the body is
// read: for one that may not import (auth.Principal.MayImport: a funder,
// an analyst, an editor) the body is read up to MaxBodyBytes only, and a
// declared Content-Length above it is refused before reading anything, so
// such a key can never make the server buffer more than MaxBodyBytes per
// request. For one that may, the body is read up to MaxGraphQLBodyBytes
// and, when it is larger than MaxBodyBytes, its operation is parsed
// (resolvers.IsImportOperation); a mutation whose root fields are all
// import mutations goes on, anything else gets 413 coded BAD_USER_INPUT.
// Deciding costs one parse of a query of at most resolvers.MaxTokens
// tokens.
func limitGraphQLBody(h http.Handler) http.Handler {
	importer := limitBodyChecking(MaxBodyBytes, MaxGraphQLBodyBytes, checkGraphQLBody, "; "+interchange.UseCommandLine, h)
	other := limitBodyChecking(MaxBodyBytes, MaxBodyBytes, checkGraphQLBody,
		fmt.Sprintf("; only an import mutation, by a key whose role may import, may send up to %d", MaxGraphQLBodyBytes), h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p, ok := auth.From(r.Context()); ok && p.MayImport() {
			importer.ServeHTTP(w, r)
			return
		}
		other.ServeHTTP(w, r)
	})
}

// bodyCheck inspects a POST body that is valid JSON (with a JSON content
// type) before the handler sees it. It returns a client-safe message, never
// quoting the body, when the body is refused with 400 BAD_USER_INPUT, and
// whether the body may be larger than the ordinary cap.
type bodyCheck func(body []byte) (allowLarge bool, problem string)

// graphQLShapeMessage is the answer to a /graphql POST body that is JSON
// but not a GraphQL request.
const graphQLShapeMessage = "the body must be a JSON object with a string query, an optional string operationName, and optional objects variables and extensions"

// checkGraphQLBody is the bodyCheck of /graphql. It decodes the body just
// as gqlgen's POST transport does (into graphql.RawParams, numbers kept as
// json.Number), so a body it accepts decodes there too: a JSON object whose
// query and operationName are strings and whose variables and extensions
// are objects (each may be null or absent); gqlgen would take a null body
// too, and find no operation in it. gqlgen's own refusal of any
// other JSON would quote the body and carry no code, so it would be logged,
// body and all, as an internal error. A body larger than MaxBodyBytes is
// allowed when its operation is an import.
func checkGraphQLBody(body []byte) (allowLarge bool, problem string) {
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); len(trimmed) == 0 || trimmed[0] != '{' {
		return false, graphQLShapeMessage // null, an array (a batch), a string ...
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		return false, graphQLShapeMessage
	}
	if len(body) <= MaxBodyBytes {
		return false, ""
	}
	return resolvers.IsImportOperation(params.Query, params.OperationName), ""
}

// limitBodyChecking caps the request body at n bytes, or at large bytes for
// a body that check (when not nil) allows, and refuses a POST JSON body that
// check finds malformed; see limitBody. hint ends the message of a body
// over large.
func limitBodyChecking(n, large int64, check bodyCheck, hint string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > large {
			tooLarge(w, large, hint)
			return
		}
		if r.Body == nil || r.Body == http.NoBody {
			h.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, large))
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			tooLarge(w, large, hint)
			return
		case err != nil:
			badRequest(w, "could not read request body")
			return
		}
		postJSON := r.Method == http.MethodPost && isJSON(r.Header.Get("Content-Type"))
		if postJSON && !json.Valid(body) {
			badRequest(w, "request body is not valid JSON")
			return
		}
		allowLarge := false
		if postJSON && check != nil {
			var problem string
			if allowLarge, problem = check(body); problem != "" {
				badRequest(w, problem)
				return
			}
		}
		if int64(len(body)) > n && !allowLarge {
			w.Header().Set("Connection", "close")
			writeGraphQLError(w, http.StatusRequestEntityTooLarge, resolvers.CodeBadUserInput,
				fmt.Sprintf("request body is larger than %d bytes; only an import mutation may send up to %d", n, large))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		h.ServeHTTP(w, r)
	})
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

func tooLarge(w http.ResponseWriter, n int64, hint string) {
	w.Header().Set("Connection", "close")
	writeGraphQLError(w, http.StatusRequestEntityTooLarge, resolvers.CodeBadUserInput, fmt.Sprintf("request body is larger than %d bytes%s", n, hint))
}

func badRequest(w http.ResponseWriter, msg string) {
	writeGraphQLError(w, http.StatusBadRequest, resolvers.CodeBadUserInput, msg)
}

// writeGraphQLError answers with a GraphQL-shaped error with the given
// extensions.code.
func writeGraphQLError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{
		"message": msg, "extensions": map[string]string{"code": code},
	}}})
}
