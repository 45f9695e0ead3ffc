package service

import (
	"context"
	"sync"
	"time"

	"github.com/voicemap/voicemap/store"
)

// Freshness of the cached analyses, with one API server or several over
// one store.
//
// Every cached result (cache.go: analyses, the networks they share, the
// withdrawn-consent set and the suppression pattern) is kept with the
// version of its scope it was computed at: the store's version of its
// place, or the global version for an answer about everything (the rules
// of what a write advances are store.Versions'). Before answering from
// the cache, the service reads that version from the store and recomputes
// when it differs. Every write advances the versions in its own
// transaction, whichever server (or command) wrote, so an answer never
// outlives the data it was computed from, on any server, by more than the
// request that reads the version: a write acknowledged by one server is
// in every server's analyses at its next request. The embedded store,
// which one process holds, goes through the same reads.
//
// The version is read before a computation starts and the result keeps
// that version, so a write that lands during the computation leaves the
// result stale at once rather than stamped as newer than its data.
//
// A request reads each version once (WithRequestVersions): the first
// cached answer of a scope the request asks for reads that scope's
// version together with the global one, and every later answer of the
// request uses the same read; a write through the request's own service
// forgets them. A service used without one (the command line, tests)
// reads the version for every cached answer.
//
// An erasure (ForgetPerson) advances the erasure version, and a service
// that reads a new erasure version drops every cached result and layout
// hint (layouthints.go), which may carry the erased person's id: at once
// on the server that erased, at the next request or within WatchInterval
// (Watch) on the others.

// WatchInterval is how often Watch reads the versions.
const WatchInterval = 5 * time.Second

// requestVersions is the versions one request has read, by place ("" for
// the global version), and the erasure version of its first read.
type requestVersions struct {
	mu       sync.Mutex
	reads    map[string]*versionRead
	erasures *int64
}

// versionRead is one read of a version, shared by the callers that ask
// for it while it runs.
type versionRead struct {
	done    chan struct{}
	version int64
	err     error
}

type requestVersionsKey struct{}

// WithRequestVersions returns ctx carrying a fresh record of the versions
// read, so that the analyses asked with it (and with contexts derived from
// it) are checked against one read of each version. Install it once per
// request (resolvers.WithLoaders does).
func WithRequestVersions(ctx context.Context) context.Context {
	return context.WithValue(ctx, requestVersionsKey{}, &requestVersions{reads: map[string]*versionRead{}})
}

// version returns the store's version of the answers about place with its
// descendants ("" for everything), once per request (see
// WithRequestVersions), and the erasure version the request read first.
func (s *Service) version(ctx context.Context, place string) (version, erasures int64, err error) {
	rv, _ := ctx.Value(requestVersionsKey{}).(*requestVersions)
	if rv == nil {
		vs, err := s.readVersions(ctx, place)
		return vs.Of(place), vs.Erasures, err
	}
	rv.mu.Lock()
	r, ok := rv.reads[place]
	if !ok {
		r = &versionRead{done: make(chan struct{})}
		rv.reads[place] = r
		rv.mu.Unlock()
		vs, err := s.readVersions(ctx, place)
		r.version, r.err = vs.Of(place), err
		rv.mu.Lock()
		if err == nil {
			if rv.erasures == nil {
				rv.erasures = &vs.Erasures
			}
			if _, ok := rv.reads[""]; !ok && place != "" {
				g := &versionRead{done: make(chan struct{}), version: vs.Global}
				close(g.done)
				rv.reads[""] = g
			}
		}
		rv.mu.Unlock()
		close(r.done)
	} else {
		rv.mu.Unlock()
		select {
		case <-r.done:
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		}
	}
	if r.err != nil {
		return 0, 0, r.err
	}
	rv.mu.Lock()
	defer rv.mu.Unlock()
	return r.version, *rv.erasures, nil
}

// readVersions reads the global and erasure versions and place's (none
// for "") from the store, and drops everything held in memory when the
// erasure version changed (observe).
func (s *Service) readVersions(ctx context.Context, place string) (store.Versions, error) {
	var places []string
	if place != "" {
		places = []string{place}
	}
	vs, err := s.st.Versions(ctx, places)
	if err != nil {
		return store.Versions{}, err
	}
	s.observe(vs)
	return vs, nil
}

// observe purges the caches and layout hints when the erasure version of
// vs is not the last one seen.
func (s *Service) observe(vs store.Versions) {
	if s.erasures.Swap(vs.Erasures) != vs.Erasures {
		s.purge()
	}
}

// purge drops every cached network and result and every layout hint, and
// keeps those being computed now out of memory.
func (s *Service) purge() {
	s.nets.purge()
	s.cache.purge()
	s.hints.clear()
}

// wrote forgets the versions the request has read: a write through this
// service has just advanced some.
func (s *Service) wrote(ctx context.Context) {
	if rv, _ := ctx.Value(requestVersionsKey{}).(*requestVersions); rv != nil {
		rv.mu.Lock()
		clear(rv.reads)
		rv.erasures = nil
		rv.mu.Unlock()
	}
}

// Watch reads s's store's versions every interval until ctx is done, so
// that an erasure made through another server or a command clears s's
// memory within an interval even when no request comes (see
// WithRequestVersions). A failed read is logged at debug level and tried
// again at the next interval. It is a function, not a method: it is no
// operation of the policy table (policy.go), and reads no data.
func Watch(ctx context.Context, s *Service, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := s.readVersions(ctx, ""); err != nil && ctx.Err() == nil {
				s.logger.DebugContext(ctx, "service: reading the store's versions failed", "err", err)
			}
		}
	}
}
