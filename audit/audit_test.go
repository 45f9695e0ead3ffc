package audit_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/audit/audittest"
	"github.com/voicemap/voicemap/store"
)

// hashes returns the sorted keyed hashes of ids under k.
func hashes(k audit.Key, ids ...string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = k.Subject(id)
	}
	slices.Sort(out)
	return out
}

func mustOpen(tb testing.TB, path string) *audit.Log {
	tb.Helper()
	l, err := audit.Open(path)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { _ = l.Close() })
	return l
}

func TestAppendReadVerify(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	l := mustOpen(t, path)
	for i := range 3 {
		rec, err := l.Append(t.Context(), audit.Record{KeyID: "ana", Role: "analyst", Operation: "query people", Subjects: []string{"p2", "p1", "p2"}})
		if err != nil {
			t.Fatalf("Append: %v", err)
		}
		if rec.Seq != i+1 {
			t.Errorf("Append seq = %d, want %d", rec.Seq, i+1)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode = %v, want 0600", perm)
	}
	c, err := audit.Read(path, store.Page{First: 2})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if c.TotalCount != 3 || len(c.Items) != 2 || !c.HasNextPage {
		t.Fatalf("Read first 2 = %d items of %d, next %v; want 2 of 3, true", len(c.Items), c.TotalCount, c.HasNextPage)
	}
	if got, want := strings.Join(c.Items[0].Subjects, ","), strings.Join(hashes(l.Key(), "p1", "p2"), ","); got != want {
		t.Errorf("subjects = %q, want the sorted and deduplicated hashes of p1,p2 %q", got, want)
	}
	if c.Items[0].SubjectKey != l.Key().ID() {
		t.Errorf("subjectKey = %q, want %q", c.Items[0].SubjectKey, l.Key().ID())
	}
	if c.Items[0].Prev != audit.Genesis {
		t.Errorf("first prev = %q, want Genesis", c.Items[0].Prev)
	}
	rest, err := audit.Read(path, store.Page{After: c.EndCursor})
	if err != nil {
		t.Fatalf("Read after: %v", err)
	}
	if len(rest.Items) != 1 || rest.Items[0].Seq != 3 || rest.HasNextPage {
		t.Errorf("Read after = %+v, want the third record alone", rest.Items)
	}
	if n, err := audit.VerifyFile(path); err != nil || n != 3 {
		t.Errorf("VerifyFile = %d, %v; want 3, nil", n, err)
	}
	// A log reopened continues the chain.
	_ = l.Close()
	l2 := mustOpen(t, path)
	if rec, err := l2.Append(t.Context(), audit.Record{Operation: "query node", Subjects: []string{"p9"}}); err != nil || rec.Seq != 4 {
		t.Errorf("Append after reopen = %d, %v; want seq 4", rec.Seq, err)
	}
	if n, err := audit.VerifyFile(path); err != nil || n != 4 {
		t.Errorf("VerifyFile after reopen = %d, %v; want 4, nil", n, err)
	}
}

func TestReadMissing(t *testing.T) {
	c, err := audit.Read(filepath.Join(t.TempDir(), "none.log"), store.Page{})
	if err != nil || c.TotalCount != 0 || len(c.Items) != 0 {
		t.Errorf("Read(missing) = %+v, %v; want empty", c, err)
	}
	if _, err := audit.Read(filepath.Join(t.TempDir(), "none.log"), store.Page{After: "!!"}); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("Read(bad cursor) code = %q, want %q", store.ErrorCode(err), store.EINVALID)
	}
}

// TestVerifyDetectsTampering edits, removes and inserts lines of a log and
// checks that Verify fails at the line after.
func TestVerifyDetectsTampering(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	l := mustOpen(t, path)
	for i := range 4 {
		if _, err := l.Append(t.Context(), audit.Record{KeyID: "k", Operation: "query person", Subjects: []string{"p" + strconv.Itoa(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	lines = lines[:len(lines)-1] // the empty piece after the last newline
	join := func(ls ...[]byte) []byte { return bytes.Join(ls, nil) }
	tests := []struct {
		name string
		log  []byte
		want string
	}{
		{name: "edited subject", log: join(lines[0], bytes.Replace(lines[1], []byte(l.Key().Subject("p1")), []byte(l.Key().Subject("p7")), 1), lines[2], lines[3]), want: "line 3"},
		{name: "edited key", log: join(bytes.Replace(lines[0], []byte(`"keyId":"k"`), []byte(`"keyId":"x"`), 1), lines[1], lines[2], lines[3]), want: "line 2"},
		{name: "line removed", log: join(lines[0], lines[2], lines[3]), want: "line 2"},
		{name: "lines swapped", log: join(lines[0], lines[2], lines[1], lines[3]), want: "line 2"},
		{name: "garbage line", log: join(lines[0], []byte("hello\n"), lines[1]), want: "line 2"},
		{name: "torn last line", log: join(lines[0], lines[1][:10]), want: "line 2"},
	}
	if n, err := audit.Verify(bytes.NewReader(data)); err != nil || n != 4 {
		t.Fatalf("Verify(untouched) = %d, %v; want 4, nil", n, err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := audit.Verify(bytes.NewReader(tt.log))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Verify = %v, want an error at %s", err, tt.want)
			}
		})
	}
}

// TestOpenRefusesTornLog checks that a log ending without a newline is
// neither appended to nor repaired.
func TestOpenRefusesTornLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	if err := os.WriteFile(path, []byte(`{"seq":1,"ti`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := audit.Open(path); err == nil {
		t.Fatal("Open(torn log) succeeded, want an error")
	}
	if b, _ := os.ReadFile(path); string(b) != `{"seq":1,"ti` {
		t.Errorf("Open changed the torn log to %q", b)
	}
}

// TestConcurrentAppend appends from many goroutines through two Logs on
// one file (as the server and a command would) and checks one well-formed
// line each and an unbroken chain.
func TestConcurrentAppend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	logs := []*audit.Log{mustOpen(t, path), mustOpen(t, path)}
	const workers, each = 8, 25
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				subjects := make([]string, 50) // long lines, to make torn writes visible
				for j := range subjects {
					subjects[j] = "person-" + strconv.Itoa(w) + "-" + strconv.Itoa(i) + "-" + strconv.Itoa(j)
				}
				if _, err := logs[w%2].Append(t.Context(), audit.Record{KeyID: "k" + strconv.Itoa(w), Operation: "query people", Subjects: subjects}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	n, err := audit.VerifyFile(path)
	if err != nil || n != workers*each {
		t.Errorf("VerifyFile = %d, %v; want %d, nil", n, err, workers*each)
	}
}

// BenchmarkAppend measures one audited record: a tail read, one write and
// one fsync.
func BenchmarkAppend(b *testing.B) {
	l := mustOpen(b, filepath.Join(b.TempDir(), "audit.log"))
	rec := audit.Record{KeyID: "ana", Role: "analyst", Operation: "query people", Subjects: []string{"p1", "p2", "p3"}}
	for b.Loop() {
		if _, err := l.Append(b.Context(), rec); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFileLines runs the conformance suite of audit.Lines on log files:
// each server of a test opens the same file.
func TestFileLines(t *testing.T) {
	audittest.Run(t, func(t *testing.T) func() audit.Lines {
		path := filepath.Join(t.TempDir(), "audit.log")
		return func() audit.Lines {
			l, err := audit.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = l.Close() })
			return l
		}
	})
}
