package neo4jstore_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// cutProxy is a loopback TCP proxy in front of a Bolt server that can cut
// every live connection at once, on demand (Cut) or once a number of bytes
// has passed through it in either direction (CutAfter).
type cutProxy struct {
	ln       net.Listener
	upstream string
	budget   atomic.Int64 // response bytes left before the armed cut; <= 0 disarmed
	down     atomic.Int64 // response bytes forwarded so far
	atCommit atomic.Bool  // cut at the next COMMIT success
	cuts     atomic.Int64 // connections cut so far
	mu       sync.Mutex
	conns    map[net.Conn]struct{}
	wg       sync.WaitGroup
}

// startProxy listens on a free loopback port and forwards every connection
// to upstream, until t ends.
func startProxy(t *testing.T, upstream string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, upstream: upstream, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(func() {
		ln.Close()
		p.Cut()
		p.wg.Wait()
	})
	return p
}

// uri is the proxy's Bolt URI.
func (p *cutProxy) uri() string { return "bolt://" + p.ln.Addr().String() }

func (p *cutProxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", p.upstream)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[up] = struct{}{}, struct{}{}
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pipe(up, c, false)
		go p.pipe(c, up, true)
	}
}

// pipe copies from src to dst; the bytes of responses (server to client)
// are counted against an armed cut. When either side fails both are
// closed.
func (p *cutProxy) pipe(dst, src net.Conn, response bool) {
	defer p.wg.Done()
	defer p.forget(dst, src)
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if response && p.atCommit.Load() && bytes.Contains(buf[:n], commitSuccess) && p.atCommit.CompareAndSwap(true, false) {
				p.Cut()
				return
			}
			if response && p.budget.Load() > 0 {
				// The chunk that spends the budget is not forwarded: the
				// cut comes first.
				if left := p.budget.Add(-int64(n)); left <= 0 && left+int64(n) > 0 {
					p.Cut()
					return
				}
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
			if response {
				p.down.Add(int64(n))
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *cutProxy) forget(a, b net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range []net.Conn{a, b} {
		if _, ok := p.conns[c]; ok {
			delete(p.conns, c)
			c.Close()
		}
	}
}

// Cut closes every live connection, both sides, and counts the client
// connections cut.
func (p *cutProxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.conns) > 0 {
		p.cuts.Add(int64(len(p.conns) / 2))
	}
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

// CutAfter arms a cut of every live connection once n more bytes of
// responses have reached the proxy, the chunk that spends the budget being
// dropped (n <= 0 disarms it). Cutting in the last response of a write,
// that of its COMMIT, makes the driver retry work the server has already
// committed.
func (p *cutProxy) CutAfter(n int64) { p.budget.Store(n) }

// commitSuccess is how the Bolt SUCCESS message answering a COMMIT begins:
// the structure marker and SUCCESS tag (B1 70), then a map of one entry
// (A1), the bookmark, whose key is an 8-byte string (88). (NornicDB also
// puts a bookmark in the SUCCESS ending each result, but in a map of four
// entries.)
var commitSuccess = []byte("\xb1\x70\xa1\x88bookmark")

// CutAtCommit arms a cut of every live connection at the next response
// holding the success of a COMMIT, which is dropped. The
// server has committed the transaction but the driver never hears so, and
// retries it.
func (p *cutProxy) CutAtCommit() { p.atCommit.Store(true) }

// countByID counts, over a direct driver connection, the nodes with label
// and id, or the relationships of type rel with id when rel is set.
func countByID(ctx context.Context, t *testing.T, d neo4j.DriverWithContext, label, rel, id string) int64 {
	t.Helper()
	cypher := "MATCH (n:" + label + " {id: $id}) RETURN count(n) AS c"
	if rel != "" {
		cypher = "MATCH ()-[r:" + rel + " {id: $id}]->() RETURN count(r) AS c"
	}
	res, err := neo4j.ExecuteQuery(ctx, d, cypher, map[string]any{"id": id}, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("count %s %s: %v", label+rel, id, err)
	}
	c, _, err := neo4j.GetRecordValue[int64](res.Records[0], "c")
	if err != nil {
		t.Fatalf("count %s %s: %v", label+rel, id, err)
	}
	return c
}

// TestRetriedWritesIdempotent writes through a proxy that cuts every
// connection at a random point of most writes (seeded), so that the
// driver's retries redo units of work, some of which the server had
// already committed. Afterwards, counted over a direct connection, every
// acknowledged write is there exactly once and no id is duplicated.
func TestRetriedWritesIdempotent(t *testing.T) {
	srv := neo4jtest.StartServer(t, 17836, 17837, 17838)
	proxy := startProxy(t, fmt.Sprintf("127.0.0.1:%d", srv.Bolt))
	s := openDedicated(t, srv, proxy.uri())
	direct, err := neo4j.NewDriverWithContext(srv.URI(), neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = direct.Close(context.Background()) })
	ctx := t.Context()
	if _, err := s.Import(ctx, store.Batch{
		Places: []store.Place{{ID: "retry-ward", Name: "Ward"}},
		Organisations: []store.Organisation{
			{ID: "retry-funder", Name: "Funder", Kind: store.OrgFunder, PlaceID: "retry-ward"},
			{ID: "retry-recipient", Name: "Recipient", Kind: store.OrgVoluntary, PlaceID: "retry-ward"},
		},
	}); err != nil {
		t.Fatalf("Import setup: %v", err)
	}

	type written struct{ label, rel, id string }
	var acked []written
	// ambiguous are the writes that failed: the driver does not retry a
	// transaction whose connection was lost during COMMIT ("Connection
	// lost during commit"), since it may have been committed; the store
	// reports EUNAVAILABLE and the caller may repeat the write.
	type failedWrite struct {
		what []written
		call func(ctx context.Context) error
	}
	var ambiguous []failedWrite
	var writes int
	rng := rand.New(rand.NewPCG(41, 3))
	do := func(what []written, call func(ctx context.Context) error) {
		writes++
		// Cut at a random point of the write's responses (which total
		// about 900 bytes for a person, 3,000 for three grants), or right
		// after its commit, or now and then not at all.
		switch rng.IntN(5) {
		case 1, 2:
			proxy.CutAfter(int64(1 + rng.IntN(1500)))
		case 3, 4:
			proxy.CutAtCommit()
		}
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		err := call(wctx)
		proxy.CutAfter(0)
		proxy.atCommit.Store(false)
		switch {
		case store.ErrorCode(err) == store.EUNAVAILABLE:
			t.Logf("write %s failed: %v", what[0].id, err)
			ambiguous = append(ambiguous, failedWrite{what, call})
			return
		case err != nil:
			t.Errorf("write %s = %v, want success or %s", what[0].id, err, store.EUNAVAILABLE)
			return
		}
		acked = append(acked, what...)
	}
	const people = 32
	for i := range people {
		pid := fmt.Sprintf("retry-p%d", i)
		do([]written{{"Person", "", pid}}, func(ctx context.Context) error {
			_, err := s.UpsertPerson(ctx, store.Person{ID: pid, Name: "Person", PlaceID: "retry-ward"})
			return err
		})
		if i > 0 {
			rid := fmt.Sprintf("retry-r%d", i)
			do([]written{{"", "TIE", rid}}, func(ctx context.Context) error {
				_, err := s.Connect(ctx, store.Relationship{ID: rid, FromID: fmt.Sprintf("retry-p%d", i-1), ToID: pid,
					Kind: store.RelKnows, Weight: 1})
				return err
			})
		}
		switch i % 4 {
		case 1:
			var b store.Batch
			var w []written
			for j := range 3 {
				id := fmt.Sprintf("retry-b%d-p%d", i, j)
				b.People = append(b.People, store.Person{ID: id, Name: "Batch", PlaceID: "retry-ward"})
				w = append(w, written{"Person", "", id})
			}
			for j := 1; j < 3; j++ {
				id := fmt.Sprintf("retry-b%d-r%d", i, j)
				b.Relationships = append(b.Relationships, store.Relationship{ID: id,
					FromID: fmt.Sprintf("retry-b%d-p%d", i, j-1), ToID: fmt.Sprintf("retry-b%d-p%d", i, j),
					Kind: store.RelWorksWith, Weight: 1})
				w = append(w, written{"", "TIE", id})
			}
			do(w, func(ctx context.Context) error { _, err := s.Import(ctx, b); return err })
		case 3:
			var gb store.GrantBatch
			var w []written
			for j := range 3 {
				id := fmt.Sprintf("retry-g%d-%d", i, j)
				gb.Grants = append(gb.Grants, store.Grant{ID: id, Title: "Grant", Amount: 100, Currency: "GBP",
					AwardedOn: time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), FunderID: "retry-funder",
					RecipientID: "retry-recipient", PlaceIDs: []string{"retry-ward"}})
				w = append(w, written{"Grant", "", id})
			}
			do(w, func(ctx context.Context) error { _, err := s.ImportGrants(ctx, gb); return err })
		}
	}
	// A caller repeats a write that failed: it must succeed on whatever the
	// first attempt left behind, and leave one copy of each entity.
	var ambiguousLanded int
	for _, f := range ambiguous {
		if countByID(ctx, t, direct, f.what[0].label, f.what[0].rel, f.what[0].id) > 0 {
			ambiguousLanded++
		}
		if err := f.call(ctx); err != nil {
			t.Errorf("repeating write %s = %v, want success", f.what[0].id, err)
			continue
		}
		acked = append(acked, f.what...)
	}

	var dups, lost int
	for _, w := range acked {
		n := countByID(ctx, t, direct, w.label, w.rel, w.id)
		if n > 1 {
			dups++
			t.Errorf("%s%s %s exists %d times, want once", w.label, w.rel, w.id, n)
		}
		if n == 0 {
			lost++
			t.Errorf("acknowledged %s%s %s is missing", w.label, w.rel, w.id)
		}
	}
	// A retried grant must not gain a second funder, recipient or place.
	for _, w := range acked {
		if w.label != "Grant" {
			continue
		}
		res, err := neo4j.ExecuteQuery(ctx, direct,
			`MATCH (g:Grant {id: $id})-[e]->() RETURN count(e) AS c`, map[string]any{"id": w.id}, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatal(err)
		}
		if c, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "c"); c != 3 {
			t.Errorf("grant %s has %d outgoing relationships, want 3 (funder, recipient, place)", w.id, c)
		}
	}
	t.Logf("%d writes through the proxy, %d connections cut; %d failed with EUNAVAILABLE (%d of them committed) and were repeated; "+
		"%d entities acknowledged, %d duplicated, %d lost", writes, proxy.cuts.Load(), len(ambiguous), ambiguousLanded, len(acked), dups, lost)
	if proxy.cuts.Load() == 0 {
		t.Errorf("the proxy cut no connection: the test checked no retry")
	}
}
