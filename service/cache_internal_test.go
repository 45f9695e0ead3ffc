package service

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func constant(v any) func(context.Context) (computed, error) {
	return func(context.Context) (computed, error) { return computed{value: v}, nil }
}

// versions is a store's versions for cache tests: one per place ("" the
// global one) and the erasure version, changed by the test.
type versions struct {
	mu       sync.Mutex
	of       map[string]int64
	erasures int64
	seen     atomic.Int64 // the erasure version last read
	err      error
}

func newVersions() *versions { return &versions{of: map[string]int64{}} }

func (v *versions) read(_ context.Context, place string) (int64, int64, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.err != nil {
		return 0, 0, v.err
	}
	v.seen.Store(v.erasures)
	return v.of[place], v.erasures, nil
}

func (v *versions) set(place string, version int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.of[place] = version
}

func (v *versions) erase() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.erasures++
}

func (v *versions) cache(max int) *cache { return newCache(max, v.read, v.seen.Load) }

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	t.Parallel()
	c := newVersions().cache(2)
	ctx := context.Background()
	for _, k := range []string{"a", "b", "a", "c"} { // b is then the least recently used
		if _, err := c.get(ctx, cacheKey{place: k}, constant(k)); err != nil {
			t.Fatal(err)
		}
	}
	if n := c.len(); n != 2 {
		t.Fatalf("cache holds %d entries, want 2", n)
	}
	var computedB atomic.Bool
	_, _ = c.get(ctx, cacheKey{place: "b"}, func(context.Context) (computed, error) {
		computedB.Store(true)
		return computed{value: "b"}, nil
	})
	if !computedB.Load() {
		t.Errorf("b was served from the cache, want evicted")
	}
}

func TestCacheAbandonedComputationCancelled(t *testing.T) {
	t.Parallel()
	c := newVersions().cache(8)
	cancelled := make(chan struct{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := c.get(ctx, cacheKey{op: "slow"}, func(ctx context.Context) (computed, error) {
		<-ctx.Done()
		close(cancelled)
		return computed{}, ctx.Err()
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("get = %v, want the caller's deadline", err)
	}
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the computation was not cancelled when its only caller left")
	}
}

func TestCacheComputationSurvivesOneCallerLeaving(t *testing.T) {
	t.Parallel()
	c := newVersions().cache(8)
	release := make(chan struct{})
	started := make(chan struct{})
	compute := func(ctx context.Context) (computed, error) {
		close(started)
		select {
		case <-release:
			return computed{value: 42}, nil
		case <-ctx.Done():
			return computed{}, ctx.Err()
		}
	}
	key := cacheKey{op: "shared"}
	impatient, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.get(impatient, key, compute)
		done <- err
	}()
	<-started
	result := make(chan any, 1)
	go func() {
		v, _ := c.get(context.Background(), key, func(context.Context) (computed, error) {
			t.Error("a second computation started, want the running one joined")
			return computed{}, nil
		})
		result <- v
	}()
	// Wait until the patient caller has joined the flight.
	for {
		c.mu.Lock()
		n := c.flights[flightKey{key: key}].waiters
		c.mu.Unlock()
		if n == 2 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("impatient caller got %v, want context.Canceled", err)
	}
	close(release)
	if v := <-result; v != 42 {
		t.Errorf("patient caller got %v, want 42", v)
	}
}

// counted returns a computation of v that counts its runs in n.
func counted(n *atomic.Int32, v any) func(context.Context) (computed, error) {
	return func(context.Context) (computed, error) {
		n.Add(1)
		return computed{value: v}, nil
	}
}

func TestCacheServesOnlyAtTheStoredVersion(t *testing.T) {
	vs := newVersions()
	c := vs.cache(8)
	ctx := context.Background()
	key := cacheKey{place: "A"}
	var runs atomic.Int32
	vs.set("A", 1)
	for range 2 {
		if v, err := c.get(ctx, key, counted(&runs, "one")); err != nil || v != "one" {
			t.Fatalf("get(A) = %v, %v, want one", v, err)
		}
	}
	if n := runs.Load(); n != 1 {
		t.Fatalf("computed %d times at one version, want 1", n)
	}
	vs.set("B", 7) // another place's write leaves A's entry
	if _, err := c.get(ctx, key, counted(&runs, "one")); err != nil || runs.Load() != 1 {
		t.Fatalf("a write elsewhere recomputed A (%d runs, %v), want it served from the cache", runs.Load(), err)
	}
	vs.set("A", 2) // a write in A, through any server
	v, err := c.get(ctx, key, counted(&runs, "two"))
	if err != nil || v != "two" || runs.Load() != 2 {
		t.Fatalf("get(A) after A's version changed = %v, %v after %d runs, want two recomputed", v, err, runs.Load())
	}
	if n := c.len(); n != 1 {
		t.Errorf("cache holds %d entries, want 1 (the stale one replaced)", n)
	}
}

func TestCacheResultOfAWriteDuringTheComputationIsStale(t *testing.T) {
	vs := newVersions()
	c := vs.cache(8)
	key := cacheKey{place: "A"}
	vs.set("A", 1)
	_, err := c.get(context.Background(), key, func(context.Context) (computed, error) {
		vs.set("A", 2) // a write lands while computing: the result may predate it
		return computed{value: "old"}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.get(context.Background(), key, constant("new"))
	if err != nil || v != "new" {
		t.Errorf("get(A) after a write during the computation = %v, %v, want new (recomputed)", v, err)
	}
}

func TestCacheDoesNotKeepResultComputedAcrossAnErasure(t *testing.T) {
	vs := newVersions()
	c := vs.cache(8)
	key := cacheKey{place: "A"}
	_, err := c.get(context.Background(), key, func(ctx context.Context) (computed, error) {
		vs.erase()
		_, _, _ = vs.read(ctx, "") // the service sees the erasure meanwhile
		return computed{value: 1}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := c.len(); n != 0 {
		t.Errorf("cache holds %d entries, want 0: the result may hold the erased person", n)
	}
}

func TestCacheDoesNotKeepResultComputedAcrossAPurge(t *testing.T) {
	c := newVersions().cache(8)
	key := cacheKey{place: "A"}
	_, err := c.get(context.Background(), key, func(context.Context) (computed, error) {
		c.purge()
		return computed{value: 1}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := c.len(); n != 0 {
		t.Errorf("cache holds %d entries, want 0: the result may predate the purge", n)
	}
}

func TestCacheVersionReadFails(t *testing.T) {
	vs := newVersions()
	c := vs.cache(8)
	want := errors.New("store unreachable")
	vs.err = want
	_, err := c.get(context.Background(), cacheKey{place: "A"}, func(context.Context) (computed, error) {
		t.Error("computed without knowing the version, want the read's error")
		return computed{}, nil
	})
	if !errors.Is(err, want) {
		t.Errorf("get = %v, want %v", err, want)
	}
}

func TestCacheCallerAtANewerVersionDoesNotJoinAnOlderComputation(t *testing.T) {
	vs := newVersions()
	c := vs.cache(8)
	key := cacheKey{place: "A"}
	vs.set("A", 1)
	release, started := make(chan struct{}), make(chan struct{})
	old := make(chan any, 1)
	go func() {
		v, _ := c.get(context.Background(), key, func(context.Context) (computed, error) {
			close(started)
			<-release
			return computed{value: "old"}, nil
		})
		old <- v
	}()
	<-started
	vs.set("A", 2)
	v, err := c.get(context.Background(), key, constant("new"))
	close(release)
	if err != nil || v != "new" {
		t.Errorf("get at version 2 during a computation at version 1 = %v, %v, want new", v, err)
	}
	if v := <-old; v != "old" {
		t.Errorf("the first caller got %v, want old", v)
	}
}
