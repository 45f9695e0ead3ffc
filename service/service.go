package service

import (
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/voicemap/voicemap/store"
)

// DefaultCacheEntries bounds the analysis cache: at most this many results
// (one per scope, date, measure and options) are kept, least recently used
// evicted first.
const DefaultCacheEntries = 256

// DefaultNetworkEntries bounds the network cache: at most this many scope
// snapshots with their graphs (one per scope and date) are kept for the
// analyses to share, least recently used evicted first. It is small because
// a network holds the whole snapshot of its scope.
const DefaultNetworkEntries = 8

// Service is the application layer over a store. It is safe for concurrent
// use. Its caches live in this process and are checked against the
// store's versions before every answer (versions.go), so that several
// services (API servers) over one store answer alike.
type Service struct {
	st     store.Store
	logger *slog.Logger
	cache  *cache
	// nets caches the networks (snapshot and graph) the analyses of one
	// scope and date share, checked like cache.
	nets *cache
	// erasures is the last erasure version read from the store
	// (versions.go).
	erasures atomic.Int64
	// scale decides which centralities are estimated on large networks
	// (scale.go).
	scale ScalePolicy
	// hints keeps the positions of past layouts, the starting points that
	// make layouts stable over time (layouthints.go).
	hints layoutHints
	// now is the clock of surveys: when links are made, expire and are
	// answered.
	now func() time.Time
}

// WithClock replaces time.Now as the clock of surveys (for tests of
// expiry).
func WithClock(now func() time.Time) Option {
	return func(s *Service) { s.now = now }
}

// New returns a Service over st that logs to logger (slog.Default when nil),
// with DefaultScalePolicy unless an option says otherwise.
func New(st store.Store, logger *slog.Logger, opts ...Option) *Service {
	if logger == nil {
		logger = slog.Default()
	}
	s := &Service{st: st, logger: logger, scale: DefaultScalePolicy(), now: time.Now}
	s.cache = newCache(DefaultCacheEntries, s.version, s.erasures.Load)
	s.nets = newCache(DefaultNetworkEntries, s.version, s.erasures.Load)
	s.hints.erasures = &s.erasures
	for _, opt := range opts {
		opt(s)
	}
	return s
}
