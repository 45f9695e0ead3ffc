// Package audittest is the conformance suite of audit.Lines: every place
// an audit log's lines are kept (a file, a database several API servers
// share) must pass it.
package audittest

import (
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/store"
)

// Opener opens the lines of one empty log for a test. Each call opens
// them anew over the same log, as another API server (or process) would:
// what one appends, every other reads.
type Opener func(t *testing.T) (open func() audit.Lines)

// Run runs the suite. Each log's key file is created in a test directory
// and shared by every server of the test, as the servers of one
// deployment share it.
func Run(t *testing.T, log Opener) {
	t.Run("AppendReadVerify", func(t *testing.T) { testAppendReadVerify(t, log(t)) })
	t.Run("Servers", func(t *testing.T) { testServers(t, log(t)) })
	t.Run("ConcurrentServers", func(t *testing.T) { testConcurrent(t, log(t)) })
	t.Run("KeyMismatch", func(t *testing.T) { testKeyMismatch(t, log(t)) })
}

// mustOpen opens a Log over lines with the key at keyPath.
func mustOpen(t *testing.T, lines audit.Lines, keyPath string) *audit.Log {
	t.Helper()
	l, err := audit.OpenLines(t.Context(), lines, keyPath)
	if err != nil {
		t.Fatalf("OpenLines(%s): %v", lines.Where(), err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

func mustAppend(t *testing.T, l *audit.Log, op string, subjects ...string) audit.Record {
	t.Helper()
	rec, err := l.Append(t.Context(), audit.Record{KeyID: "k", Role: "admin", Operation: op, Subjects: subjects})
	if err != nil {
		t.Fatalf("Append(%s): %v", op, err)
	}
	return rec
}

func mustVerify(t *testing.T, lines audit.Lines, want int) {
	t.Helper()
	if n, err := audit.VerifyLines(t.Context(), lines); err != nil || n != want {
		t.Fatalf("VerifyLines(%s) = %d, %v; want %d, nil", lines.Where(), n, err, want)
	}
}

func testAppendReadVerify(t *testing.T, open func() audit.Lines) {
	key := filepath.Join(t.TempDir(), "audit.key")
	lines := open()
	l := mustOpen(t, lines, key)
	if !l.KeyCreated() {
		t.Errorf("KeyCreated = false for a new log, want a new key")
	}
	if c, err := audit.ReadLines(t.Context(), lines, store.Page{}); err != nil || c.TotalCount != 0 || len(c.Items) != 0 {
		t.Fatalf("ReadLines(empty) = %+v, %v; want nothing", c, err)
	}
	mustVerify(t, lines, 0)
	for i := range 5 {
		rec := mustAppend(t, l, "query person", "p"+strconv.Itoa(i), "p-all")
		if rec.Seq != i+1 {
			t.Fatalf("Append seq = %d, want %d", rec.Seq, i+1)
		}
	}
	c, err := audit.ReadLines(t.Context(), lines, store.Page{First: 2})
	if err != nil {
		t.Fatal(err)
	}
	if c.TotalCount != 5 || len(c.Items) != 2 || !c.HasNextPage || c.Items[0].Seq != 1 || c.Items[0].Prev != audit.Genesis {
		t.Fatalf("ReadLines(first 2) = %+v, want records 1 and 2 of 5, the first after Genesis", c)
	}
	var seqs []int
	for p := (store.Page{First: 2}); ; {
		c, err := audit.ReadLines(t.Context(), lines, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range c.Items {
			seqs = append(seqs, r.Seq)
		}
		if !c.HasNextPage {
			break
		}
		p.After = c.EndCursor
	}
	if !slices.Equal(seqs, []int{1, 2, 3, 4, 5}) {
		t.Errorf("ReadLines page by page = %v, want 1 to 5", seqs)
	}
	mustVerify(t, lines, 5)
	found, err := audit.FindLines(t.Context(), lines, l.Key(), "p3")
	if err != nil || len(found) != 1 || found[0].Seq != 4 {
		t.Errorf("FindLines(p3) = %+v, %v; want record 4", found, err)
	}
	if found, err := audit.FindLines(t.Context(), lines, l.Key(), "p-all"); err != nil || len(found) != 5 {
		t.Errorf("FindLines(p-all) = %d records, %v; want 5", len(found), err)
	}
}

// testServers appends through one server, then another that opened the
// log meanwhile, and reads from a third: one chain, read alike by all.
func testServers(t *testing.T, open func() audit.Lines) {
	key := filepath.Join(t.TempDir(), "audit.key")
	a := mustOpen(t, open(), key)
	b := mustOpen(t, open(), key)
	if r := mustAppend(t, a, "query people", "p1"); r.Seq != 1 {
		t.Fatalf("A's first record seq %d, want 1", r.Seq)
	}
	r := mustAppend(t, b, "query people", "p2")
	if r.Seq != 2 {
		t.Fatalf("B's record after A's seq %d, want 2", r.Seq)
	}
	r3 := mustAppend(t, a, "query people", "p3")
	if r3.Seq != 3 {
		t.Fatalf("A's record after B's seq %d, want 3", r3.Seq)
	}
	c := open()
	mustVerify(t, c, 3)
	got, err := audit.ReadLines(t.Context(), c, store.Page{})
	if err != nil || len(got.Items) != 3 {
		t.Fatalf("ReadLines from a third server = %+v, %v; want the 3 records", got.Items, err)
	}
	if last := got.Items[2]; last.Seq != 3 || last.Prev != r3.Prev || !last.Time.Equal(r3.Time) || !slices.Equal(last.Subjects, r3.Subjects) {
		t.Errorf("the third record read from a third server = %+v, want it as A wrote it: %+v", last, r3)
	}
}

// testConcurrent appends 2×100 records from two servers at once, each
// with two requests in flight, and checks that none is lost and the chain
// holds.
func testConcurrent(t *testing.T, open func() audit.Lines) {
	key := filepath.Join(t.TempDir(), "audit.key")
	servers := []*audit.Log{mustOpen(t, open(), key), mustOpen(t, open(), key)}
	const workers, each = 2, 50 // per server: 2 requests in flight, 100 records
	var wg sync.WaitGroup
	for s, l := range servers {
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					if _, err := l.Append(t.Context(), audit.Record{KeyID: "k" + strconv.Itoa(s), Operation: "query people",
						Subjects: []string{"p-" + strconv.Itoa(s) + "-" + strconv.Itoa(w) + "-" + strconv.Itoa(i)}}); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
	}
	wg.Wait()
	want := len(servers) * workers * each
	mustVerify(t, open(), want)
	found, err := audit.FindLines(t.Context(), open(), servers[0].Key(), "p-1-1-49")
	if err != nil || len(found) != 1 {
		t.Errorf("FindLines(a record of server 1) = %d, %v; want 1", len(found), err)
	}
}

// testKeyMismatch checks that a server whose key file is not the log's
// is refused at open, and that records appended by it would not be mixed
// into the chain.
func testKeyMismatch(t *testing.T, open func() audit.Lines) {
	dir := t.TempDir()
	a := mustOpen(t, open(), filepath.Join(dir, "a.key"))
	mustAppend(t, a, "query people", "p1")
	if l, err := audit.OpenLines(t.Context(), open(), filepath.Join(dir, "b.key")); err == nil {
		_ = l.Close()
		t.Fatalf("OpenLines with a new key file over a log written with another succeeded, want an error")
	}
}
