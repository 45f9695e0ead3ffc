package httpapi

import (
	"fmt"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a settable clock safe for concurrent reads.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestRateLimiterBucket(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	l := newRateLimiter(2, 3, 100, clock.now) // 2/s, burst 3
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d within the burst refused", i+1)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait != 500*time.Millisecond {
		t.Errorf("request over the burst = %v, wait %v; want refused, wait 500ms", ok, wait)
	}
	if ok, _ := l.allow("b"); !ok {
		t.Errorf("another client refused")
	}
	clock.advance(250 * time.Millisecond)
	if ok, wait := l.allow("a"); ok || wait != 250*time.Millisecond {
		t.Errorf("after 250ms = %v, wait %v; want refused, wait 250ms", ok, wait)
	}
	clock.advance(250 * time.Millisecond)
	if ok, _ := l.allow("a"); !ok {
		t.Errorf("after 500ms (one token) refused")
	}
	if ok, _ := l.allow("a"); ok {
		t.Errorf("second request after one token's refill allowed")
	}
	clock.advance(time.Hour)
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Errorf("request %d after an hour refused: the bucket should refill to its burst only", i+1)
		}
	}
	if ok, _ := l.allow("a"); ok {
		t.Errorf("an hour's idleness gave more than the burst")
	}
}

func TestRateLimiterBounded(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	l := newRateLimiter(1, 1, 3, clock.now)
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		l.allow(k)
	}
	if n := l.size(); n != 3 {
		t.Errorf("after 5 clients with room for 3, size = %d", n)
	}
	// c, d and e are remembered with empty buckets; a was forgotten.
	if ok, _ := l.allow("e"); ok {
		t.Errorf("remembered client e got a fresh bucket")
	}
	if ok, _ := l.allow("a"); !ok {
		t.Errorf("forgotten client a refused, want a fresh bucket")
	}
	// Idle past a full refill (1 s), every bucket is dropped.
	clock.advance(time.Second)
	l.allow("z")
	if n := l.size(); n != 1 {
		t.Errorf("after every client idled a full refill, size = %d, want 1", n)
	}
}

func TestRateLimiterConcurrent(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	l := newRateLimiter(1, 50, 10, clock.now)
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				if ok, _ := l.allow(fmt.Sprint("k", (g+i)%2)); ok {
					allowed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if got := allowed.Load(); got != 100 {
		t.Errorf("800 requests from 2 clients with burst 50 and a stopped clock: %d allowed, want 100", got)
	}
}

func TestRemoteHost(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, addr, want string }{
		{name: "ipv4", addr: "192.0.2.1:1234", want: "192.0.2.1"},
		{name: "ipv6", addr: "[2001:db8::1]:443", want: "2001:db8::1"},
		{name: "no port", addr: "pipe", want: "pipe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.addr
			if got := remoteHost(r); got != tt.want {
				t.Errorf("remoteHost(%q) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
}
