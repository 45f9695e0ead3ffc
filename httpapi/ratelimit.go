package httpapi

import (
	"container/list"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/voicemap/voicemap/resolvers"
)

// MaxRateClients is how many clients the rate limiter remembers; beyond
// it the least recently seen is forgotten. (The default rate and burst are
// app.DefaultRateLimit and app.DefaultRateBurst.)
const MaxRateClients = 10_000

// clientKey names the client a request is counted against (clientOf: the
// key's id, or the remote address's host for the local administrator).
type clientKey func(*http.Request) string

// remoteHost is the host of the request's remote address.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// rateLimiter is a token bucket per client: each bucket holds up to burst
// tokens, refills at rate tokens per second, and a request takes one.
// Buckets are kept in least-recently-seen order; one idle long enough to
// have refilled completely is dropped (a fresh bucket is the same), and
// beyond maxClients the least recently seen is dropped. It is safe for
// concurrent use.
type rateLimiter struct {
	rate, burst float64
	maxClients  int
	idle        time.Duration // time to refill an empty bucket
	now         func() time.Time

	mu      sync.Mutex
	clients map[string]*list.Element // of *bucket
	order   *list.List               // most recently seen first
}

type bucket struct {
	key    string
	tokens float64
	last   time.Time
}

// newRateLimiter returns a limiter of rate requests per second with the
// given burst (at least 1), remembering at most maxClients clients, reading
// the time from now.
func newRateLimiter(rate float64, burst, maxClients int, now func() time.Time) *rateLimiter {
	burst = max(burst, 1)
	return &rateLimiter{
		rate: rate, burst: float64(burst), maxClients: max(maxClients, 1),
		idle:    time.Duration(float64(burst) / rate * float64(time.Second)),
		now:     now,
		clients: map[string]*list.Element{},
		order:   list.New(),
	}
}

// allow takes a token from key's bucket. When the bucket is empty it
// returns false and how long until a token is available.
func (l *rateLimiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.evictIdle(now)
	var b *bucket
	if e, ok := l.clients[key]; ok {
		b = e.Value.(*bucket)
		b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
		b.last = now
		l.order.MoveToFront(e)
	} else {
		b = &bucket{key: key, tokens: l.burst, last: now}
		l.clients[key] = l.order.PushFront(b)
		for l.order.Len() > l.maxClients {
			l.remove(l.order.Back())
		}
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// evictIdle drops the buckets, least recently seen first, that have been
// idle long enough to be full again.
func (l *rateLimiter) evictIdle(now time.Time) {
	for e := l.order.Back(); e != nil; e = l.order.Back() {
		if now.Sub(e.Value.(*bucket).last) < l.idle {
			return
		}
		l.remove(e)
	}
}

func (l *rateLimiter) remove(e *list.Element) {
	delete(l.clients, e.Value.(*bucket).key)
	l.order.Remove(e)
}

// size is how many clients the limiter remembers.
func (l *rateLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.clients)
}

// rateLimit refuses a request whose client (by key) has no token left
// with 429, a Retry-After header in whole seconds, and a GraphQL-shaped
// error coded RATE_LIMITED. A nil limiter limits nothing.
func rateLimit(l *rateLimiter, key clientKey) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		if l == nil {
			return h
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ok, wait := l.allow(key(r))
			if ok {
				h.ServeHTTP(w, r)
				return
			}
			secs := max(1, int(math.Ceil(wait.Seconds())))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			writeGraphQLError(w, http.StatusTooManyRequests, resolvers.CodeRateLimited,
				fmt.Sprintf("too many requests: retry after %d s", secs))
		})
	}
}
