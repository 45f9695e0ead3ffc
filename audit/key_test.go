package audit_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/audit"
)

// TestSubjectsAreKeyedHashes checks the form of a record's subjects: the
// ids never appear in the file, each is HMAC-SHA-256 under the key in the
// key file (computed here independently from the file's bytes), truncated
// to 128 bits, and the key file is 64 hex digits with mode 0600.
func TestSubjectsAreKeyedHashes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	l := mustOpen(t, path)
	if !l.KeyCreated() || l.KeyPath() != path+audit.KeySuffix {
		t.Fatalf("KeyCreated %v, KeyPath %q; want a new key at %s", l.KeyCreated(), l.KeyPath(), path+audit.KeySuffix)
	}
	ids := []string{"p-margaret-ellis", "p-jordan-blake"}
	if _, err := l.Append(t.Context(), audit.Record{KeyID: "ana", Role: "admin", Operation: "mutation forgetPerson", Subjects: ids}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if bytes.Contains(data, []byte(id)) {
			t.Fatalf("the log holds the id %q:\n%s", id, data)
		}
	}
	keyFile, err := os.ReadFile(l.KeyPath())
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}\n$`).Match(keyFile) {
		t.Fatalf("key file = %q, want 64 hex digits and a newline", keyFile)
	}
	if fi, _ := os.Stat(l.KeyPath()); fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode = %v, want 0600", fi.Mode().Perm())
	}
	secret, _ := hex.DecodeString(strings.TrimSpace(string(keyFile)))
	var want []string
	for _, id := range ids {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte("voicemap audit subject\x00" + id))
		want = append(want, hex.EncodeToString(m.Sum(nil)[:16]))
	}
	slices.Sort(want)
	recs, err := audit.Find(path, l.Key(), ids[0])
	if err != nil || len(recs) != 1 {
		t.Fatalf("Find = %v, %v; want the record", recs, err)
	}
	if !slices.Equal(recs[0].Subjects, want) {
		t.Errorf("subjects = %v, want HMAC-SHA-256 under the key file's secret, truncated: %v", recs[0].Subjects, want)
	}
	if got := l.Key().Subject(ids[0]); got != audit.Key.Subject(mustLoadKey(t, l.KeyPath()), ids[0]) {
		t.Errorf("LoadKey gives another key than Open")
	}
	// The same log opened again uses the same key.
	again := mustOpen(t, path)
	if again.KeyCreated() || again.Key().ID() != l.Key().ID() {
		t.Errorf("reopened: created %v, key %s; want the key %s", again.KeyCreated(), again.Key().ID(), l.Key().ID())
	}
}

func mustLoadKey(t *testing.T, path string) audit.Key {
	t.Helper()
	k, err := audit.LoadKey(path)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestOpenRefusesWrongOrMissingKey checks that a log written with one key
// is never appended to with another, nor with a new key when its own is
// lost, and that a key file others may read is refused.
func TestOpenRefusesWrongOrMissingKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	l := mustOpen(t, path)
	if _, err := l.Append(t.Context(), audit.Record{KeyID: "k", Operation: "query person", Subjects: []string{"p1"}}); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.key")
	if _, err := audit.Open(filepath.Join(dir, "other.log"), audit.WithKeyFile(other)); err != nil {
		t.Fatal(err)
	}
	if _, err := audit.Open(path, audit.WithKeyFile(other)); err == nil || !strings.Contains(err.Error(), "restore the key file") {
		t.Errorf("Open with another key = %v, want a refusal", err)
	}
	if err := os.Rename(l.KeyPath(), filepath.Join(dir, "moved.key")); err != nil {
		t.Fatal(err)
	}
	if _, err := audit.Open(path); err == nil || !strings.Contains(err.Error(), "is missing") {
		t.Errorf("Open with the key gone = %v, want a refusal", err)
	}
	if _, err := os.Stat(l.KeyPath()); err == nil {
		t.Error("Open made a new key for a log written with another")
	}
	if err := os.Rename(filepath.Join(dir, "moved.key"), l.KeyPath()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(l.KeyPath(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := audit.Open(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("Open with a world-readable key = %v, want a refusal", err)
	}
}

// TestLegacyLog checks a log written before subjects were hashed (plain
// ids, no subjectKey): it is opened (its key created), appended to with
// hashed subjects on the same chain, and Find finds an id in the old
// records (plain) and the new ones (hashed).
func TestLegacyLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	legacy := `{"seq":1,"time":"2025-01-01T00:00:00Z","keyId":"ana","role":"admin","operation":"query person","subjects":["p1"],"prev":"` + audit.Genesis + `"}` + "\n"
	if err := os.WriteFile(path, []byte(legacy), 0o600); err != nil {
		t.Fatal(err)
	}
	l := mustOpen(t, path)
	if !l.KeyCreated() {
		t.Fatal("no key created for a legacy log")
	}
	if _, err := l.Append(t.Context(), audit.Record{KeyID: "ana", Operation: "mutation forgetPerson", Subjects: []string{"p1"}}); err != nil {
		t.Fatal(err)
	}
	if n, err := audit.VerifyFile(path); err != nil || n != 2 {
		t.Fatalf("VerifyFile = %d, %v; want 2, nil", n, err)
	}
	recs, err := audit.Find(path, l.Key(), "p1")
	if err != nil || len(recs) != 2 || recs[0].SubjectKey != "" || recs[1].SubjectKey != l.Key().ID() {
		t.Fatalf("Find(p1) = %+v, %v; want the legacy and the new record", recs, err)
	}
	if recs, err := audit.Find(path, l.Key(), "p2"); err != nil || len(recs) != 0 {
		t.Fatalf("Find(p2) = %+v, %v; want none", recs, err)
	}
}
