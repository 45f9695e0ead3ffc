package resolvers_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/graph"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// matrixRole is a principal of the matrix.
type matrixRole struct {
	name string
	p    *auth.Principal // nil: no principal (keys configured, none sent)
}

// scoped reports whether the role is limited to place A.
func (r matrixRole) scoped() bool { return r.p != nil && r.p.Scoped() }

func (r matrixRole) is(role auth.Role) bool { return r.p != nil && r.p.Role == role }

var matrixRoles = []matrixRole{
	{"admin", &auth.Principal{KeyID: "adm", Role: auth.RoleAdmin}},
	// The respondent comes second: the first cell of a mutation that
	// admin may not run (a respondent's) is theirs.
	{"respondent(A)", &auth.Principal{KeyID: auth.LinkKeyID(matrixLink), Role: auth.RoleRespondent, Invitation: matrixLink}},
	{"editor(A)", &auth.Principal{KeyID: "ed", Role: auth.RoleEditor, Places: []string{"a-ward"}}},
	{"analyst(A)", &auth.Principal{KeyID: "ana", Role: auth.RoleAnalyst, Places: []string{"a-ward"}}},
	{"funder", &auth.Principal{KeyID: "fund", Role: auth.RoleFunder}},
	{"funder(A)", &auth.Principal{KeyID: "funda", Role: auth.RoleFunder, Places: []string{"a-ward"}}},
	{"anonymous", nil},
}

// matrixResponse is a decoded GraphQL response.
type matrixResponse struct {
	raw    string
	Data   any        `json:"data"`
	Errors []gqlError `json:"errors"`
}

func decodeResponse(t *testing.T, raw string) matrixResponse {
	t.Helper()
	r := matrixResponse{raw: raw}
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return r
}

// codes returns the sorted distinct error codes of r.
func (r matrixResponse) codes() []string {
	seen := map[string]bool{}
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		seen[c] = true
	}
	var out []string
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// onlyCode reports whether r failed, with code as its only error code.
func (r matrixResponse) onlyCode(code string) bool {
	c := r.codes()
	return len(c) == 1 && c[0] == code
}

// matrixCase is one cell's ids: those of place A or of place B.
var matrixCases = []string{"a", "b"}

// matrixTally counts the matrix: cells run, and leaks and other failures
// found.
type matrixTally struct {
	cells, leaks, failures int
	faults                 int // cells that failed by a known fault of the server
	fields                 map[string]bool
}

func (m *matrixTally) leak(t *testing.T, format string, args ...any) {
	t.Helper()
	m.leaks++
	t.Errorf("LEAK: "+format, args...)
}

func (m *matrixTally) fail(t *testing.T, format string, args ...any) {
	t.Helper()
	m.failures++
	t.Errorf(format, args...)
}

// TestAuthzMatrix runs every query and mutation of the schema as every
// role (admin, editor and analyst of place A, a funder unscoped and one of
// place A, and no principal) with the ids of place A and of its sibling
// place B, through the real handler. What each cell must answer is read
// from the service's policy table (service.Policies) for the operation the
// field runs (the first one the policy layer lets begin as admin; a field
// that runs none fails), and it checks that:
//
//  1. no answer to an editor, analyst or funder of A holds a name, group
//     tag or id of B;
//  2. no answer to a role that may not read person-level data holds a
//     person (object, name, id, or group tag outside a group-level
//     figure);
//  3. a lookup of B's ids by a role scoped to A gives exactly the answer of
//     ids that do not exist, and a lookup of a person-level id by a role
//     that may not read person-level data that of a missing id;
//  4. a role the entry does not allow is refused (FORBIDDEN) and writes
//     nothing; a write of an editor of A reaching B (the Touched rule) is
//     refused and writes nothing; with no principal everything is
//     UNAUTHENTICATED; allowed roles succeed on A's ids, admin everywhere;
//  5. no answer to anyone holds anything of a person whose consent is
//     withdrawn (consent);
//  6. every answer holding a person's name, id or cursor, or the id of a
//     relationship or participation of theirs, comes with an audit record
//     naming them (audit).
func TestAuthzMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("the authorization matrix runs every operation as every role")
	}
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &resolvers.Resolver{}}).Schema()
	for _, root := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range root.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if _, ok := matrixArgs[f.Name]; !ok {
				t.Errorf("%s.%s has no entry in matrixArgs (matrix_ops_test.go): add its arguments so the authorization matrix covers it", root.Name, f.Name)
			}
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	for _, kind := range matrixStoreKinds {
		t.Run(kind.name, func(t *testing.T) {
			runAuthzMatrix(t, schema, kind.open(t))
		})
	}
}

// rootPolicy returns the policy of the operation a root field runs: the
// first the layer let begin (ops, from a run as admin).
func rootPolicy(t *testing.T, field string, ops []string) service.Policy {
	t.Helper()
	if len(ops) == 0 {
		t.Fatalf("%s runs no service operation: it escapes the policy table", field)
	}
	pol, ok := service.Policies()[ops[0]]
	if !ok {
		t.Fatalf("%s runs %s, which has no entry in the policy table", field, ops[0])
	}
	return pol
}

// runAuthzMatrix runs the matrix of TestAuthzMatrix over one store.
func runAuthzMatrix(t *testing.T, schema *ast.Schema, b matrixBackend) {
	t.Helper()
	start := time.Now()
	tally := &matrixTally{fields: map[string]bool{}}

	// Queries run on one shared copy: they write nothing.
	st := b.shared
	posts := map[string]func(string) matrixAnswer{}
	for _, r := range matrixRoles {
		posts[r.name] = matrixHandler(t, st, r.p)
	}
	for _, f := range schema.Query.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		tally.fields[f.Name] = true
		for _, op := range matrixArgs[f.Name] {
			name := strings.Trim("query "+f.Name+" "+op.variant, " ")
			t.Run(name, func(t *testing.T) {
				sel, ops := fitSelection(t, schema, posts["admin"], "query", f, op)
				if len(ops) == 0 { // a field of the holder of a survey link
					sel, ops = fitSelection(t, schema, posts["respondent(A)"], "query", f, op)
				}
				pol := rootPolicy(t, f.Name, ops)
				for _, r := range matrixRoles {
					rsel := pruneForbidden(t, posts[r.name], f.Name, op, sel)
					runQueryCells(t, tally, r, pol, posts[r.name], f.Name, op, rsel)
				}
			})
		}
	}

	// Each mutation runs on a fresh copy, for every role and case; the
	// first cell is admin's on A's ids, whose run names the operation.
	before := dumpStore(t, st)
	for _, f := range schema.Mutation.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		tally.fields[f.Name] = true
		for _, op := range matrixArgs[f.Name] {
			name := strings.Trim("mutation "+f.Name+" "+op.variant, " ")
			t.Run(name, func(t *testing.T) {
				sel := selection(schema, f.Type.Name(), 1)
				var pol *service.Policy
				for _, r := range matrixRoles {
					for _, c := range matrixCases {
						ops := runMutationCell(t, tally, b.fresh(t), before, r, pol, f.Name, op, c, sel, b.faults[f.Name+" "+op.variant])
						if pol == nil && ops != nil {
							p := rootPolicy(t, f.Name, ops)
							pol = &p
						}
					}
				}
			})
		}
	}

	ops := 0
	for _, ops2 := range matrixArgs {
		ops += len(ops2)
	}
	t.Logf("authorization matrix: %d root fields (%d operations with variants) × %d roles × %d cases = %d cells; leaks %d; other failures %d; known server faults %d; %s",
		len(tally.fields), ops, len(matrixRoles), len(matrixCases), tally.cells, tally.leaks, tally.failures, tally.faults, time.Since(start).Round(time.Second))
}

// fitSelection returns the deepest generated selection (up to 4 levels)
// that admin can run on A's ids without a validation, depth or complexity
// error, with the service operations that run began.
func fitSelection(t *testing.T, s *ast.Schema, post func(string) matrixAnswer, kind string, f *ast.FieldDefinition, op matrixOp) (*selNode, []string) {
	t.Helper()
	var last matrixResponse
	for depth := 4; depth >= 0; depth-- {
		sel := selection(s, f.Type.Name(), depth)
		ans := post(operation(kind, f.Name, op, matrixSide("a"), sel))
		last = decodeResponse(t, ans.raw)
		ok := true
		for _, c := range last.codes() {
			switch c {
			case "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "COMPLEXITY_LIMIT_EXCEEDED", resolvers.CodeBadUserInput:
				ok = false
			}
		}
		if ok {
			return sel, ans.ops
		}
	}
	t.Fatalf("no selection of %s runs as admin: %s", f.Name, last.raw)
	return nil, nil
}

// pruneForbidden returns a copy of sel without the nested fields the role
// is refused (FORBIDDEN below the root field) on A's ids, so that the
// matrix sees all the rest the role is given: a funder's view of a
// community without its members' ties, say. A refused root field is kept.
func pruneForbidden(t *testing.T, post func(string) matrixAnswer, field string, op matrixOp, sel *selNode) *selNode {
	t.Helper()
	if sel == nil {
		return nil
	}
	sel = sel.clone()
	for range 50 {
		resp := decodeResponse(t, post(operation("query", field, op, matrixSide("a"), sel)).raw)
		pruned := false
		for _, e := range resp.Errors {
			if c, _ := e.Extensions["code"].(string); c == resolvers.CodeForbidden && len(e.Path) > 1 {
				pruned = sel.prune(e.Path[1:]) || pruned
			}
		}
		if !pruned {
			return sel
		}
	}
	t.Fatalf("%s: pruning the refused fields does not converge", field)
	return nil
}

// personBlind reports whether the role may not read person-level data in
// the operation of pol.
func personBlind(r matrixRole, pol service.Policy) bool {
	return r.p != nil && !pol.Reads(r.p.Role, service.PersonLevel)
}

// runQueryCells runs the query as r with A's and B's ids (and, as the
// reference, missing ids) and checks the answers against pol.
func runQueryCells(t *testing.T, tally *matrixTally, r matrixRole, pol service.Policy, post func(string) matrixAnswer, field string, op matrixOp, sel *selNode) {
	t.Helper()
	missingIDs := matrixSide("m")
	missing := decodeResponse(t, post(operation("query", field, op, missingIDs, sel)).raw)
	personLookup := op.namesPersonLevel()
	for _, c := range matrixCases {
		tally.cells++
		id := matrixSide(c)
		ans := post(operation("query", field, op, id, sel))
		resp := decodeResponse(t, ans.raw)
		where := fmt.Sprintf("%s as %s with %s's ids", field+" "+op.variant, r.name, strings.ToUpper(c))
		checkCommon(t, tally, r, pol, c, where, resp)
		checkAudited(t, tally, where, field, resp, ans, true)
		switch {
		case r.p == nil:
		case !pol.Allows(r.p.Role):
			if !resp.onlyCode(resolvers.CodeForbidden) {
				tally.fail(t, "%s: %s, want FORBIDDEN (%s %s)", where, resp.raw, pol.Access, pol.Data)
			}
		case r.is(auth.RoleAdmin):
			if len(resp.Errors) > 0 {
				tally.fail(t, "%s: %s, want success", where, resp.raw)
			}
		case r.scoped() && c == "b":
			if got, want := normalize(resp.raw, id), normalize(missing.raw, missingIDs); got != want {
				tally.leak(t, "%s: answer differs from a missing id's (probing)\n got %s\nwant %s", where, got, want)
			}
		case c == "a" && !(personLookup && personBlind(r, pol)):
			if len(resp.Errors) > 0 {
				tally.fail(t, "%s: %s, want success within the key's place", where, resp.raw)
			}
		}
		if personLookup && personBlind(r, pol) {
			if got, want := normalize(resp.raw, id), normalize(missing.raw, missingIDs); got != want {
				tally.leak(t, "%s: a person-level id answers unlike a missing id (probing)\n got %s\nwant %s", where, got, want)
			}
		}
	}
}

// runMutationCell runs the mutation as r with the case's ids on st, a
// store holding exactly the fixture, and checks the answer and what it
// wrote against pol (nil for the first cell, admin's, whose run names the
// operation). It returns the operations the run began.
func runMutationCell(t *testing.T, tally *matrixTally, st store.Store, fixtureDump string, r matrixRole, pol *service.Policy, field string, op matrixOp, c string, sel *selNode, fault string) []string {
	t.Helper()
	tally.cells++
	before := dumpStore(t, st)
	if before != fixtureDump {
		t.Fatalf("a fresh copy of the fixture differs from the fixture")
	}
	id := matrixSide(c)
	ans := matrixHandler(t, st, r.p)(operation("mutation", field, op, id, sel))
	resp := decodeResponse(t, ans.raw)
	wrote := dumpStore(t, st) != before
	where := fmt.Sprintf("mutation %s as %s with %s's ids", field+" "+op.variant, r.name, strings.ToUpper(c))
	mustSucceed := func(want string) {
		t.Helper()
		switch {
		case fault != "" && len(resp.Errors) > 0 && !wrote:
			tally.faults++
			t.Logf("%s: %s: known fault, %s", where, resp.raw, fault)
		case len(resp.Errors) > 0 || wrote == op.idempotent:
			tally.fail(t, "%s: %s (wrote %v), want %s", where, resp.raw, wrote, want)
		}
	}
	mustNotWrite := func(code string) {
		t.Helper()
		if len(resp.Errors) == 0 || (code != "" && !resp.onlyCode(code)) {
			tally.fail(t, "%s: %s, want it refused %s", where, resp.raw, code)
		}
		if wrote {
			tally.leak(t, "%s: refused, but the store changed", where)
		}
	}
	if pol == nil {
		switch {
		case r.is(auth.RoleAdmin) && len(ans.ops) == 0 && resp.onlyCode(resolvers.CodeForbidden):
			// A field of the holder of a survey link: the respondent's
			// cell, next, names the operation.
			mustNotWrite(resolvers.CodeForbidden)
			return nil
		case !r.is(auth.RoleAdmin) && !r.is(auth.RoleRespondent):
			t.Fatalf("%s: the first cell must be admin's (or, for a field of a survey link, the respondent's)", where)
		}
		p := rootPolicy(t, field, ans.ops)
		pol = &p
	}
	checkCommon(t, tally, r, *pol, c, where, resp)
	checkAudited(t, tally, where, field, resp, ans, false)
	switch {
	case r.p == nil:
		mustNotWrite(resolvers.CodeUnauthenticated)
	case !pol.Allows(r.p.Role):
		mustNotWrite(resolvers.CodeForbidden)
	case r.is(auth.RoleAdmin):
		mustSucceed("success")
	case r.scoped() && c == "b":
		mustNotWrite("")
	default:
		mustSucceed("success within the key's place")
	}
	return ans.ops
}

// checkCommon checks what holds for every answer to r: nothing of B for a
// role scoped to A (B's ids, when the request named them, are left to the
// comparison with a missing id), no person for a role that may not read
// person-level data, only UNAUTHENTICATED without a principal, nothing
// of a person whose consent is withdrawn, and no placeholder's label
// outside the survey's editors.
func checkCommon(t *testing.T, tally *matrixTally, r matrixRole, pol service.Policy, c, where string, resp matrixResponse) {
	t.Helper()
	if r.p == nil {
		if !resp.onlyCode(resolvers.CodeUnauthenticated) {
			tally.fail(t, "%s: %s, want only UNAUTHENTICATED", where, resp.raw)
		}
		if found := findAny(resp.raw, append(matrixNames("a"), matrixNames("b")...)); len(found) > 0 {
			tally.leak(t, "%s: unauthenticated answer holds %v", where, found)
		}
	}
	if r.scoped() {
		bad := append(matrixNames("b"), matrixTag("b"))
		text := resp.raw
		if c == "b" {
			text = normalize(text, matrixSide("b"))
		}
		for k, v := range matrixSide("b") {
			if k != "x" {
				bad = append(bad, v)
			}
		}
		if found := findAny(text, bad); len(found) > 0 {
			tally.leak(t, "%s: answer holds B's %v: %s", where, found, resp.raw)
		}
	}
	if personBlind(r, pol) {
		if found := funderLeaks(resp); len(found) > 0 {
			tally.leak(t, "%s: the answer to a role that may not read person-level data holds person data %v: %s", where, found, resp.raw)
		}
	}
	if found := withdrawnLeaks(resp); len(found) > 0 {
		tally.leak(t, "%s: the answer holds %v of a person whose consent is withdrawn: %s", where, found, resp.raw)
	}
	if found := placeholderLeaks(r, resp); len(found) > 0 {
		tally.leak(t, "%s: the answer holds the label %v of a placeholder the role may not see: %s", where, found, resp.raw)
	}
}

// personMarkers are the names and ids of every person of the fixture and
// of those the mutations create.
func personMarkers() []string {
	out := []string{"Edited Person", "New Person", "Kumu Newbie", "Graph Newbie", "Edited By File"}
	for _, x := range []string{"a", "b"} {
		id := matrixSide(x)
		m := matrixMarker[x]
		out = append(out, m+" Person One", m+" Person Two", id["person"], id["person2"], x+"-person-new", x+"-gml", x+"-named",
			matrixTag(x)+"-role", matrixTag(x)+"-lived")
	}
	return out
}

// groupLevel are the types whose group tags are group-level figures, which
// a funder may see (suppressed below 5 people where they count people).
var groupLevel = map[string]bool{
	"GroupVoiceCount": true, "GroupCount": true, "GroupRepresentation": true, "Exclusion": true,
	"Forum": true, "GroupReach": true, "RecipientReach": true,
	// A survey's groups are the tags it offers respondents, as a forum's
	// affectsGroups: part of its definition, about nobody.
	"Survey": true, "SurveyGroupCoverage": true, "GroupRatings": true, "RaterAgreement": true,
	"FeltVoice": true,
}

// groupCounts are the fields of group-level types that count people,
// which small-number suppression withholds from 1 to SuppressBelow-1.
var groupCounts = map[string][]string{"GroupVoiceCount": {"people", "unheard"}, "GroupReach": {"people", "reached"},
	"SurveyGroupCoverage": {"invited", "responded"}, "RaterAgreement": {"raters"},
	"FeltVoice": {"answered", "unanswered", "both", "feltOnly", "flaggedOnly", "neither"}}

// funderLeaks returns what a funder's answer must not hold: a Person
// object, a person's name or id (anywhere, exports included), a group tag
// outside a group-level type, or a group-level count of 1 to
// SuppressBelow-1 people.
func funderLeaks(resp matrixResponse) []string {
	found := findAny(resp.raw, personMarkers())
	var walk func(v any, typename string)
	walk = func(v any, typename string) {
		switch v := v.(type) {
		case map[string]any:
			tn, _ := v["__typename"].(string)
			if tn == "Person" {
				found = append(found, "a Person object")
			}
			for _, f := range groupCounts[tn] {
				if n, ok := v[f].(float64); ok && n > 0 && n < service.SuppressBelow {
					found = append(found, fmt.Sprintf("%s.%s of %v people (small-number suppression)", tn, f, n))
				}
			}
			for _, x := range v {
				walk(x, tn)
			}
		case []any:
			for _, x := range v {
				walk(x, typename)
			}
		case string:
			for _, tag := range []string{matrixTag("a"), matrixTag("b")} {
				if strings.Contains(v, tag) && !groupLevel[typename] {
					found = append(found, fmt.Sprintf("group tag %q in %q", tag, typename))
				}
			}
		}
	}
	walk(resp.Data, "")
	return found
}

// findAny returns the markers that occur in text.
func findAny(text string, markers []string) []string {
	var out []string
	for _, m := range markers {
		if strings.Contains(text, m) {
			out = append(out, m)
		}
	}
	return out
}

// normalize replaces in text each of the ids (but the side's letter) by
// its key, longest ids first, so that answers for different sides compare.
func normalize(text string, id matrixIDs) string {
	keys := make([]string, 0, len(id))
	for k := range id {
		if k != "x" {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(id[keys[i]]) != len(id[keys[j]]) {
			return len(id[keys[i]]) > len(id[keys[j]])
		}
		return keys[i] < keys[j]
	})
	var pairs []string
	for _, k := range keys {
		pairs = append(pairs, id[k], "<"+k+">")
	}
	return strings.NewReplacer(pairs...).Replace(text)
}
