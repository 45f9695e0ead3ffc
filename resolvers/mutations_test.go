package resolvers_test

import (
	"reflect"
	"testing"

	"github.com/voicemap/voicemap/resolvers"
)

func TestUpsertReturnsObject(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	var resp struct {
		UpsertPlace struct {
			ID, Name string
			Parent   struct{ ID string }
		}
		UpsertPerson struct {
			Name, Consent, Capacity string
			Groups                  []string
			Place                   struct{ ID string }
		}
		UpsertOrganisation struct{ Kind string }
		UpsertForum        struct {
			DecisionMaking bool
			AffectsGroups  []string
		}
		Connect struct {
			Weight       float64
			Since, Until string
			From, To     struct{ ID string }
		}
		RecordParticipation struct {
			Level, JoinedAtStage string
			Actor                struct{ ID string }
			Forum                struct{ ID string }
		}
	}
	e.do(t, `mutation {
		upsertPlace(input: {id: "east", name: "East Ward", parentId: "town"}) { id name parent { id } }
		upsertPerson(input: {id: "dev", name: "Dev", placeId: "east", groups: ["carer", " carer ", "parent"]}) { name consent capacity groups place { id } }
		upsertOrganisation(input: {id: "fund", name: "Fund", placeId: "east"}) { kind }
		upsertForum(input: {id: "panel", name: "Panel", placeId: "east"}) { decisionMaking affectsGroups }
		connect(input: {id: "r9", fromId: "dev", toId: "fund", kind: FUNDS, since: "2024-03-01T23:30:00-02:00", until: "2024-12-31"}) { weight since until from { id } to { id } }
		recordParticipation(input: {id: "p9", actorId: "fund", forumId: "panel", level: CO_PRODUCE, joinedAtStage: DESIGN}) { level joinedAtStage actor { id } forum { id } }
	}`, &resp)
	if p := resp.UpsertPlace; p.ID != "east" || p.Parent.ID != "town" {
		t.Errorf("upsertPlace = %+v", p)
	}
	if p := resp.UpsertPerson; p.Consent != "UNKNOWN" || p.Capacity != "COMMUNITY_MEMBER" || !reflect.DeepEqual(p.Groups, []string{"carer", "parent"}) || p.Place.ID != "east" {
		t.Errorf("upsertPerson = %+v, want defaults and normalised groups", p)
	}
	if k := resp.UpsertOrganisation.Kind; k != "OTHER" {
		t.Errorf("upsertOrganisation kind = %q, want OTHER", k)
	}
	if f := resp.UpsertForum; f.DecisionMaking || len(f.AffectsGroups) != 0 {
		t.Errorf("upsertForum = %+v, want not decision making, no groups", f)
	}
	// The RFC 3339 timestamp is truncated to its calendar day in its own offset.
	if c := resp.Connect; c.Weight != 1 || c.Since != "2024-03-01" || c.Until != "2024-12-31" || c.From.ID != "dev" || c.To.ID != "fund" {
		t.Errorf("connect = %+v, want weight 1 since 2024-03-01", c)
	}
	if p := resp.RecordParticipation; p.Level != "CO_PRODUCE" || p.JoinedAtStage != "DESIGN" || p.Actor.ID != "fund" || p.Forum.ID != "panel" {
		t.Errorf("recordParticipation = %+v", p)
	}
}

func TestDisconnectAndDeleteActor(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	var resp struct{ Disconnect, DeleteActor bool }
	e.do(t, `mutation { disconnect(id: "r1") deleteActor(id: "cat") }`, &resp)
	if !resp.Disconnect || !resp.DeleteActor {
		t.Fatalf("disconnect, deleteActor = %+v, want true, true", resp)
	}
	var after struct {
		Relationships struct{ TotalCount int }
		Person        *struct{ ID string }
		Forum         struct {
			Participations struct{ TotalCount int }
		}
	}
	e.do(t, `{ relationships { totalCount } person(id: "cat") { id } forum(id: "board") { participations { totalCount } } }`, &after)
	// r1 disconnected; r3 and r4 went with cat; r2 remains.
	if after.Relationships.TotalCount != 1 || after.Person != nil || after.Forum.Participations.TotalCount != 1 {
		t.Errorf("after disconnect and delete = %+v, want 1 relationship, no cat, 1 participation", after)
	}
	if errs := e.fail(t, `mutation { disconnect(id: "r1") }`); code(errs) != "NOT_FOUND" {
		t.Errorf("second disconnect code = %q, want NOT_FOUND", code(errs))
	}
	if errs := e.fail(t, `mutation { deleteActor(id: "cat") }`); code(errs) != "NOT_FOUND" {
		t.Errorf("second deleteActor code = %q, want NOT_FOUND", code(errs))
	}
}
