package service

import (
	"container/list"
	"context"
	"fmt"
	"sync"
)

// cacheKey identifies one analysis result: the scope's place ("" for
// everything), its date ("" for any time, else YYYY-MM-DD) and the analysis
// with its options (e.g. "centrality/PAGERANK/weighted").
type cacheKey struct {
	place, asOf, op string
}

// cacheEntry is a cached result with the ids of the places its scope held.
type cacheEntry struct {
	key    cacheKey
	value  any
	global bool
	places map[string]struct{}
}

// computed is what a computation returns: its value and its scope's places.
type computed struct {
	value  any
	global bool
	places []string
}

// flight is one running computation, shared by every caller asking for the
// same key meanwhile. It is cancelled when its last caller gives up.
type flight struct {
	done    chan struct{}
	value   any
	err     error
	waiters int
	cancel  context.CancelFunc
}

// cache is a bounded LRU of analysis results, safe for concurrent use, that
// computes each missing key once however many callers ask at the same time.
// The process-local invalidation rules are documented in invalidate.go.
type cache struct {
	mu      sync.Mutex
	max     int
	lru     *list.List // of *cacheEntry, most recent first
	items   map[cacheKey]*list.Element
	flights map[cacheKey]*flight
	// epoch counts invalidations; a computation caches its result only if
	// no invalidation happened while it ran.
	epoch uint64
}

func newCache(max int) *cache {
	return &cache{
		max:     max,
		lru:     list.New(),
		items:   make(map[cacheKey]*list.Element),
		flights: make(map[cacheKey]*flight),
	}
}

// get returns the cached value for key, or joins or starts its computation.
// The computation runs with a context detached from any single caller's
// cancellation, and is cancelled when every caller waiting for it has given
// up (their contexts done).
func (c *cache) get(ctx context.Context, key cacheKey, compute func(context.Context) (computed, error)) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.mu.Lock()
	if el, ok := c.items[key]; ok {
		c.lru.MoveToFront(el)
		v := el.Value.(*cacheEntry).value
		c.mu.Unlock()
		return v, nil
	}
	f, ok := c.flights[key]
	if !ok {
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		f = &flight{done: make(chan struct{}), cancel: cancel}
		c.flights[key] = f
		go c.run(fctx, key, f, c.epoch, compute)
	}
	f.waiters++
	c.mu.Unlock()

	select {
	case <-f.done:
		return f.value, f.err
	case <-ctx.Done():
		c.mu.Lock()
		f.waiters--
		if f.waiters == 0 {
			f.cancel()
			if c.flights[key] == f {
				delete(c.flights, key)
			}
		}
		c.mu.Unlock()
		return nil, ctx.Err()
	}
}

func (c *cache) run(ctx context.Context, key cacheKey, f *flight, epoch uint64, compute func(context.Context) (computed, error)) {
	defer f.cancel()
	res, err := safeCompute(ctx, compute)
	c.mu.Lock()
	f.value, f.err = res.value, err
	if c.flights[key] == f {
		delete(c.flights, key)
	}
	if err == nil && c.epoch == epoch {
		c.add(key, res)
	}
	c.mu.Unlock()
	close(f.done)
}

// safeCompute turns a panic in compute, which runs on its own goroutine
// where no request's recover can catch it, into an error.
func safeCompute(ctx context.Context, compute func(context.Context) (computed, error)) (res computed, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("service: analysis panicked: %v", r)
		}
	}()
	return compute(ctx)
}

// add stores a result, evicting the least recently used beyond max. The
// caller holds c.mu.
func (c *cache) add(key cacheKey, res computed) {
	e := &cacheEntry{key: key, value: res.value, global: res.global, places: make(map[string]struct{}, len(res.places))}
	for _, p := range res.places {
		e.places[p] = struct{}{}
	}
	if el, ok := c.items[key]; ok {
		c.lru.Remove(el)
	}
	c.items[key] = c.lru.PushFront(e)
	for c.lru.Len() > c.max {
		c.remove(c.lru.Back())
	}
}

func (c *cache) remove(el *list.Element) {
	c.lru.Remove(el)
	delete(c.items, el.Value.(*cacheEntry).key)
}

// invalidate removes every result whose scope is global or held any of the
// places.
func (c *cache) invalidate(places []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	for el := c.lru.Front(); el != nil; {
		next := el.Next()
		e := el.Value.(*cacheEntry)
		if e.global || holdsAny(e.places, places) {
			c.remove(el)
		}
		el = next
	}
}

// invalidateAll empties the cache.
func (c *cache) invalidateAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.lru.Init()
	clear(c.items)
}

// len returns the number of cached results.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

func holdsAny(set map[string]struct{}, places []string) bool {
	for _, p := range places {
		if _, ok := set[p]; ok {
			return true
		}
	}
	return false
}
