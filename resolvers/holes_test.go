package resolvers_test

import (
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
)

// holeCase is one way around the access rules, tried on the matrix
// fixture: setup runs as admin first (when not empty), then query as the
// principal, and check judges the answer and whether the store changed.
type holeCase struct {
	name  string
	setup string
	as    auth.Principal
	query string
	check func(t *testing.T, resp matrixResponse, wrote bool)
}

var (
	holeAdmin   = auth.Principal{KeyID: "adm", Role: auth.RoleAdmin}
	holeEditor  = auth.Principal{KeyID: "ed", Role: auth.RoleEditor, Places: []string{"a-ward"}}
	holeAnalyst = auth.Principal{KeyID: "ana", Role: auth.RoleAnalyst, Places: []string{"a-ward"}}
)

// refused checks that the answer is refused with code and nothing was
// written.
func refused(code string) func(*testing.T, matrixResponse, bool) {
	return func(t *testing.T, resp matrixResponse, wrote bool) {
		t.Helper()
		if !resp.onlyCode(code) {
			t.Errorf("answer %s, want it refused %s", resp.raw, code)
		}
		if wrote {
			t.Errorf("refused with %v, but the store changed", resp.codes())
		}
	}
}

// answered checks that the answer has no error, holds every one of want
// and none of bad.
func answered(want []string, bad ...string) func(*testing.T, matrixResponse, bool) {
	return func(t *testing.T, resp matrixResponse, _ bool) {
		t.Helper()
		if len(resp.Errors) > 0 {
			t.Fatalf("answer %s, want success", resp.raw)
		}
		for _, w := range want {
			if !strings.Contains(resp.raw, w) {
				t.Errorf("answer %s lacks %s", resp.raw, w)
			}
		}
		if found := findAny(resp.raw, bad); len(found) > 0 {
			t.Errorf("answer %s holds %v", resp.raw, found)
		}
	}
}

// holeCases are the ways around the access rules found by trying the
// service as an attacker would, each closed by the policy layer.
var holeCases = []holeCase{
	{
		name:  "importNetwork parses a document before refusing a role that may not import",
		as:    holeEditor,
		query: `mutation { importNetwork(format: GRAPHML, data: "<graphml><node id=", placeId: "a-ward") { people } }`,
		check: refused(resolvers.CodeForbidden),
	},
	{
		name:  "editor overwrites a tie reaching another place by re-using its id",
		as:    holeEditor,
		query: `mutation { connect(input: {id: "ab-rel", fromId: "a-person-1", toId: "a-person-2", kind: KNOWS}) { id } }`,
		check: refused(resolvers.CodeConflict),
	},
	{
		name:  "editor moves a participation out of another place's forum by re-using its id",
		setup: `mutation { recordParticipation(input: {id: "ab-part", actorId: "a-person-1", forumId: "b-forum", level: CONSULT, joinedAtStage: DESIGN}) { id } }`,
		as:    holeEditor,
		query: `mutation { recordParticipation(input: {id: "ab-part", actorId: "a-person-1", forumId: "a-forum", level: LEAD, joinedAtStage: IDEA}) { id } }`,
		check: refused(resolvers.CodeConflict),
	},
	{
		name:  "editor deletes a person with a tie into another place",
		as:    holeEditor,
		query: `mutation { deleteActor(id: "a-person-1") }`,
		check: refused(resolvers.CodeForbidden),
	},
	{
		name:  "fundingConcentration names a top recipient of another place",
		setup: `mutation { importGrants(format: CSV, data: "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Beneficiary Location:Name,Beneficiary Location:Geographic Code\nab-grant,Cross,Tools,GBP,90000,2024-06-01,b-org,Beta Org,a-fund,Alpha Fund,Alpha Ward,A0001\n") { grants } }`,
		as:    holeAnalyst,
		query: `{ fundingConcentration(placeId: "a-ward") { recipients topShare topRecipient { id name } } }`,
		check: answered([]string{`"topRecipient":null`, `"recipients":2`}, "b-org", "Beta Org"),
	},
	{
		name:  "fundingReach and a grant with a recipient and a place outside the key's",
		setup: `mutation { importGrants(format: CSV, data: "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Beneficiary Location:0:Name,Beneficiary Location:0:Geographic Code,Beneficiary Location:1:Name,Beneficiary Location:1:Geographic Code\nab-grant,Cross,Tools,GBP,90000,2024-06-01,b-org,Beta Org,a-fund,Alpha Fund,Alpha Ward,A0001,Beta Ward,B0001\n") { grants } }`,
		as:    holeAnalyst,
		query: `{ fundingReach(funderId: "a-fund", placeId: "a-ward") { grants recipients { amount organisation { id } } } grant(id: "ab-grant") { recipient { id } places { id } } }`,
		check: answered([]string{`"grants":2`, `"organisation":null`, `"recipient":null`, `"places":[{"id":"a-ward"}]`}, "b-org", "Beta Org", "b-ward"),
	},
	{
		name:  "pathToPower answers [self] for a person whose only chain leaves the key's places",
		setup: `mutation { upsertPerson(input: {id: "a-person-3", name: "Alpha Person Three", placeId: "a-ward"}) { id } connect(input: {id: "a3-b1", fromId: "a-person-3", toId: "b-person-1", kind: KNOWS}) { id } }`,
		as:    holeAnalyst,
		query: `{ pathToPower(personId: "a-person-3") { id } }`,
		check: answered([]string{`"pathToPower":null`}, "b-person", "b-org"),
	},
	{
		name:  "pathToPower through another place reads as a shorter chain",
		setup: `mutation { upsertPerson(input: {id: "a-person-4", name: "Alpha Person Four", placeId: "a-ward"}) { id } c1: connect(input: {id: "a4-borg", fromId: "a-person-4", toId: "b-org", kind: MEMBER_OF}) { id } c2: connect(input: {id: "a4-a1", fromId: "a-person-4", toId: "a-person-1", kind: KNOWS}) { id } }`,
		as:    holeAnalyst,
		query: `{ pathToPower(personId: "a-person-4") { id } }`,
		check: answered([]string{`"pathToPower":[{"id":"a-person-4"},{"id":"a-person-1"},{"id":"a-person-2"},{"id":"a-org"}]`}, "b-org"),
	},
	{
		name:  "unscoped pathToPower runs in the whole network",
		setup: `mutation { upsertPerson(input: {id: "a-person-4", name: "Alpha Person Four", placeId: "a-ward"}) { id } c1: connect(input: {id: "a4-borg", fromId: "a-person-4", toId: "b-org", kind: MEMBER_OF}) { id } }`,
		as:    holeAdmin,
		query: `{ pathToPower(personId: "a-person-4") { id } }`,
		check: answered([]string{`"pathToPower":[{"id":"a-person-4"},{"id":"b-org"}]`}),
	},
	{
		name:  "a tie to a withdrawn person is refused before it is written",
		as:    holeAdmin,
		query: `mutation { connect(input: {id: "x-rel", fromId: "a-person-w", toId: "a-person-1", kind: KNOWS}) { id from { id } } }`,
		check: refused(resolvers.CodeNotFound),
	},
	{
		name:  "a participation of a withdrawn person is refused before it is written",
		as:    holeEditor,
		query: `mutation { recordParticipation(input: {id: "x-part", actorId: "a-person-w", forumId: "a-forum", level: LEAD, joinedAtStage: IDEA}) { id actor { id } } }`,
		check: refused(resolvers.CodeNotFound),
	},
	{
		name:  "withdrawing consent answers success with the ties hidden",
		as:    holeEditor,
		query: `mutation { upsertPerson(input: {id: "a-person-2", name: "Alpha Person Two", placeId: "a-ward", groups: ["alpha-kin"], consent: WITHDRAWN}) { id consent relationships { totalCount } participations { totalCount } } }`,
		check: func(t *testing.T, resp matrixResponse, wrote bool) {
			answered([]string{`"consent":"WITHDRAWN"`, `"relationships":{"totalCount":0}`, `"participations":{"totalCount":0}`})(t, resp, wrote)
			if !wrote {
				t.Error("the write answered success but changed nothing")
			}
		},
	},
}

// TestHolesClosed tries every hole case on each store (the embedded one,
// and Neo4j when NEO4J_TEST_URI is set).
func TestHolesClosed(t *testing.T) {
	for _, kind := range matrixStoreKinds {
		t.Run(kind.name, func(t *testing.T) {
			b := kind.open(t)
			for _, hc := range holeCases {
				t.Run(hc.name, func(t *testing.T) {
					st := b.fresh(t)
					if hc.setup != "" {
						if resp := decodeResponse(t, matrixHandler(t, st, &holeAdmin)(hc.setup).raw); len(resp.Errors) > 0 {
							t.Fatalf("setup: %s", resp.raw)
						}
					}
					before := dumpStore(t, st)
					resp := decodeResponse(t, matrixHandler(t, st, &hc.as)(hc.query).raw)
					hc.check(t, resp, dumpStore(t, st) != before)
				})
			}
		})
	}
}
