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

// cacheEntry is a cached result with the version of the store it was
// computed at (the version of its scope, store.Versions.Of).
type cacheEntry struct {
	key     cacheKey
	value   any
	version int64
}

// computed is what a computation returns.
type computed struct {
	value any
}

// flightKey identifies one computation: a key at a version, read with an
// erasure version. A caller that has read other versions than a running
// computation does not join it, so that nobody is answered from data
// older than the versions it read.
type flightKey struct {
	key               cacheKey
	version, erasures int64
}

// flight is one running computation, shared by every caller asking for the
// same key at the same version meanwhile. It is cancelled when its last
// caller gives up.
type flight struct {
	done    chan struct{}
	value   any
	err     error
	waiters int
	cancel  context.CancelFunc
}

// versionOf returns the store's version of the answers about a place with
// its descendants ("" for everything), and the erasure version read with
// it: Service.version.
type versionOf func(ctx context.Context, place string) (version, erasures int64, err error)

// cache is a bounded LRU of analysis results, safe for concurrent use, that
// computes each missing key once however many callers ask at the same time.
// An entry is served only while the store's version of its scope is the
// one it was computed at (versions.go): the version is read before the
// computation, so a result is never newer in its stamp than in its data.
type cache struct {
	mu      sync.Mutex
	max     int
	lru     *list.List // of *cacheEntry, most recent first
	items   map[cacheKey]*list.Element
	flights map[flightKey]*flight
	version versionOf
	// erasures returns the last erasure version seen: a result computed
	// with another one is not kept (it may hold an erased person).
	erasures func() int64
	// epoch counts purges; a computation caches its result only if no
	// purge happened while it ran.
	epoch uint64
}

func newCache(max int, version versionOf, erasures func() int64) *cache {
	return &cache{
		max:      max,
		lru:      list.New(),
		items:    make(map[cacheKey]*list.Element),
		flights:  make(map[flightKey]*flight),
		version:  version,
		erasures: erasures,
	}
}

// get returns the value for key: the cached one when it was computed at
// the store's current version of key's scope, else the one computed now
// (joining a computation of the same key at the same version already
// running). The computation runs with a context detached from any single
// caller's cancellation, and is cancelled when every caller waiting for it
// has given up (their contexts done). An error reading the version is
// returned as it is.
func (c *cache) get(ctx context.Context, key cacheKey, compute func(context.Context) (computed, error)) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	version, erasures, err := c.version(ctx, key.place)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if el, ok := c.items[key]; ok {
		e := el.Value.(*cacheEntry)
		if e.version == version {
			c.lru.MoveToFront(el)
			c.mu.Unlock()
			return e.value, nil
		}
		c.remove(el) // computed at another version: stale
	}
	fk := flightKey{key, version, erasures}
	f, ok := c.flights[fk]
	if !ok {
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		f = &flight{done: make(chan struct{}), cancel: cancel}
		c.flights[fk] = f
		go c.run(fctx, fk, f, c.epoch, compute)
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
			if c.flights[fk] == f {
				delete(c.flights, fk)
			}
		}
		c.mu.Unlock()
		return nil, ctx.Err()
	}
}

func (c *cache) run(ctx context.Context, fk flightKey, f *flight, epoch uint64, compute func(context.Context) (computed, error)) {
	defer f.cancel()
	res, err := safeCompute(ctx, compute)
	c.mu.Lock()
	f.value, f.err = res.value, err
	if c.flights[fk] == f {
		delete(c.flights, fk)
	}
	if err == nil && c.epoch == epoch && fk.erasures == c.erasures() {
		c.add(fk, res.value)
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

// add stores a result computed at a version, replacing the key's entry
// and evicting the least recently used beyond max. The caller holds c.mu.
func (c *cache) add(fk flightKey, value any) {
	if el, ok := c.items[fk.key]; ok {
		c.lru.Remove(el)
	}
	c.items[fk.key] = c.lru.PushFront(&cacheEntry{key: fk.key, value: value, version: fk.version})
	for c.lru.Len() > c.max {
		c.remove(c.lru.Back())
	}
}

func (c *cache) remove(el *list.Element) {
	c.lru.Remove(el)
	delete(c.items, el.Value.(*cacheEntry).key)
}

// purge empties the cache, and keeps the results of computations running
// now out of it.
func (c *cache) purge() {
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
