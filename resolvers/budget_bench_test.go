package resolvers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
)

// benchHandler is the production handler over an empty store, as a funder.
func benchHandler(b *testing.B) http.Handler {
	b.Helper()
	logger := slog.New(slog.DiscardHandler)
	h := NewHandler(service.New(servicetest.MustOpenStore(b), logger), logger, Options{})
	p := auth.Principal{KeyID: "fund", Role: auth.RoleFunder}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(auth.With(r.Context(), p)))
	})
}

// processCPU is the CPU time, user and system, this process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loopCPU runs f for every iteration of b and reports, beside the wall
// time, the process's CPU time per iteration (cpu-ms/op), which other
// processes on a loaded machine do not inflate.
func loopCPU(b *testing.B, f func(i int)) {
	b.Helper()
	start := processCPU(b)
	n := 0
	for i := 0; b.Loop(); i++ {
		f(i)
		n++
	}
	b.ReportMetric(float64(processCPU(b)-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
}

// benchPost answers one POST of body; it fails the benchmark on a server
// error.
func benchPost(b *testing.B, h http.Handler, body []byte) {
	r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code >= 500 {
		b.Fatalf("HTTP %d: %.300s", w.Code, w.Body)
	}
}

// BenchmarkHostileDocuments answers every hostile family at the largest
// size under the token limit and the 1 MiB body cap, plus the two
// documents, through the whole handler (JSON decoding, the budget,
// validation when the budget allows it, the depth, alias and cost limits,
// the response). Each iteration sends a different text (a trailing
// comment), so the query cache never answers. Its worst figure is the
// worst refusal BENCHMARKS.md reports.
func BenchmarkHostileDocuments(b *testing.B) {
	h := benchHandler(b)
	docs := []struct{ name, query string }{
		{"issue: fragment fan, 23 levels", fragmentFan(23)},
		{"issue: __typename x9990", typenames(9990)},
	}
	for _, f := range adversarialFamilies {
		n, q := largest(f.doc)
		docs = append(docs, struct{ name, query string }{fmt.Sprintf("%s (n=%d)", f.name, n), q})
	}
	for _, d := range docs {
		b.Run(d.name, func(b *testing.B) {
			bodies := make([][]byte, 0, 64)
			for i := range 64 {
				body, _ := json.Marshal(map[string]string{"query": fmt.Sprintf("%s\n#%d", d.query, i)})
				bodies = append(bodies, body)
			}
			b.SetBytes(int64(len(bodies[0])))
			loopCPU(b, func(i int) { benchPost(b, h, bodies[i%len(bodies)]) })
		})
	}
}

// BenchmarkHostileVariables sends, within the 1 MiB body cap, a list
// variable of 170,000 strings, a list variable nested 5,000 deep (and one
// nested beyond encoding/json's 10,000 levels), and 100 variables of
// 10 KiB each, as a funder: gqlgen decodes and coerces them before any
// resolver runs (the funder is then refused the write).
func BenchmarkHostileVariables(b *testing.B) {
	h := benchHandler(b)
	const upsert = `mutation($g: [String!]) { upsertPerson(input: {id: "a", name: "A", placeId: "p", groups: $g}) { id } }`
	var many strings.Builder
	many.WriteString("query(")
	vars100 := map[string]any{}
	for i := range 100 {
		fmt.Fprintf(&many, " $v%d: ID", i)
		vars100[fmt.Sprintf("v%d", i)] = strings.Repeat("x", 10<<10)
	}
	many.WriteString(`) { place(id: $v0) { id } }`)
	cases := []struct {
		name string
		body string
	}{
		{"list of 170,000 strings", `{"query":` + quote(upsert) + `,"variables":{"g":[` + strings.Repeat(`"g",`, 170_000) + `"g"]}}`},
		{"list nested 5,000 deep", `{"query":"query($v: [[Int]]) { __typename }","variables":{"v":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}}`},
		{"list nested 20,000 deep", `{"query":"query($v: [[Int]]) { __typename }","variables":{"v":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}}`},
		{"100 variables of 10 KiB", func() string {
			body, _ := json.Marshal(map[string]any{"query": many.String(), "variables": vars100})
			return string(body)
		}()},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if len(c.body) > maxBodyBytes {
				b.Fatalf("body of %d bytes, over the cap", len(c.body))
			}
			b.SetBytes(int64(len(c.body)))
			loopCPU(b, func(int) { benchPost(b, h, []byte(c.body)) })
		})
	}
}

func quote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// BenchmarkLargeImportDocument sends an import whose file (36 MiB with
// escapes) is a string literal of the query, refused by the budget for 142
// __typename added, and the same file in a variable: the first is bound by
// parsing the literal, which the budget does once before refusing.
func BenchmarkLargeImportDocument(b *testing.B) {
	h := benchHandler(b)
	file := strings.Repeat(`a,b\n`, 9<<20)
	literal, _ := json.Marshal(map[string]string{
		"query": `mutation { importPlaces(data: "` + file + `") { places }` + strings.Repeat(" __typename", 142) + " }",
	})
	variable, _ := json.Marshal(map[string]any{
		"query":     `mutation($d: String!) { importPlaces(data: $d) { places }` + strings.Repeat(" __typename", 142) + " }",
		"variables": map[string]string{"d": strings.ReplaceAll(file, `\n`, "\n")},
	})
	for _, c := range []struct {
		name string
		body []byte
	}{{"file in the query", literal}, {"file in a variable", variable}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			loopCPU(b, func(int) { benchPost(b, h, c.body) })
		})
	}
}

// BenchmarkValidationUnbounded validates, without the budget, documents the
// budget refuses: what a request cost before it, measured beside it.
func BenchmarkValidationUnbounded(b *testing.B) {
	schema := testSchema(b)
	for _, c := range []struct {
		name, query string
	}{
		{"__typename x142 (allowed)", typenames(142)},
		{"__typename x1000", typenames(1000)},
		{"__typename x2000", typenames(2000)},
		{"fragment chain x250", family(b, "fragment chain")(250)},
	} {
		b.Run(c.name, func(b *testing.B) {
			loopCPU(b, func(int) {
				doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: c.query}, MaxTokens)
				if err != nil {
					b.Fatal(err)
				}
				validator.ValidateWithRules(schema, doc, productionRules(nil))
			})
		})
	}
}
