package cli

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/httpapi"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// TestErasureLeavesNoIDInAuditLog reads, changes and then erases a person
// whose id spells her name through the whole HTTP server with a real audit
// log, and checks that the log never held the id (four records concern
// her, each with the id as a keyed hash), that its chain verifies, and that
// `voicemap audit lookup -id` finds exactly her four records with the log's
// key and refuses with another key.
func TestErasureLeavesNoIDInAuditLog(t *testing.T) {
	t.Parallel()
	const id = "p-margaret-ellis"
	dir := t.TempDir()
	logPath := filepath.Join(dir, "audit.log")
	log, err := audit.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	st := servicetest.MustOpenStore(t)
	ctx := t.Context()
	if _, err := st.UpsertPlace(ctx, store.Place{ID: "ward", Name: "Ward"}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []store.Person{{ID: id, Name: "Margaret Ellis", PlaceID: "ward"}, {ID: "p-other", Name: "Other", PlaceID: "ward"}} {
		if _, err := st.UpsertPerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	logger := slog.New(slog.DiscardHandler)
	h := httpapi.NewServer(logger, st, service.New(st, logger), httpapi.Options{Audit: log})
	for _, q := range []string{
		`{ person(id: "` + id + `") { name } }`,
		`{ people { edges { node { id name } } } }`,
		`mutation { upsertPerson(input: {id: "` + id + `", name: "Margaret Ellis", placeId: "ward", groups: ["carer"]}) { id } }`,
		`mutation { forgetPerson(id: "` + id + `") { id } }`,
		`{ person(id: "p-other") { name } }`,
	} {
		body, _ := json.Marshal(map[string]string{"query": q})
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"errors"`) {
			t.Fatalf("%s = %d %s", q, rec.Code, rec.Body)
		}
	}
	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(id)) || bytes.Contains(data, []byte("margaret")) {
		t.Fatalf("after erasure the audit log still holds the id:\n%s", data)
	}
	if n, err := audit.VerifyFile(logPath); err != nil || n != 5 {
		t.Fatalf("VerifyFile = %d, %v; want 5 records, an intact chain", n, err)
	}
	verify := mustRunCLI(t, "", nil, "audit", "verify", "-audit-log", logPath)
	if !strings.Contains(verify.stdout, "5 records, hash chain intact") {
		t.Errorf("audit verify printed %q", verify.stdout)
	}

	r := mustRunCLI(t, "", nil, "audit", "lookup", "-audit-log", logPath, "-id", id)
	var ops []string
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	for dec.More() {
		var rec audit.Record
		if err := dec.Decode(&rec); err != nil {
			t.Fatal(err)
		}
		ops = append(ops, rec.Operation)
	}
	want := []string{"query person", "query people", "mutation upsertPerson", "mutation forgetPerson"}
	if strings.Join(ops, ";") != strings.Join(want, ";") {
		t.Errorf("audit lookup -id %s found %q, want %q", id, ops, want)
	}
	if r := mustRunCLI(t, "", nil, "audit", "lookup", "-audit-log", logPath, "-id", "p-nobody"); r.stdout != "" {
		t.Errorf("lookup of an id never recorded printed %q", r.stdout)
	}
	// With another key the hashes do not match: a refusal, not a silent "none".
	otherKey := filepath.Join(dir, "other.key")
	other, err := audit.Open(filepath.Join(dir, "other.log"), audit.WithKeyFile(otherKey))
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	if r := runCLI(t, "", nil, "audit", "lookup", "-audit-log", logPath, "-audit-key", otherKey, "-id", id); r.code != ExitError || !strings.Contains(r.stderr, "written with audit key") {
		t.Errorf("lookup with another key: exit %d, stderr %q; want a refusal", r.code, r.stderr)
	}
}
