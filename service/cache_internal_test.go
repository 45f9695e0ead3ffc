package service

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func constant(v any, places ...string) func(context.Context) (computed, error) {
	return func(context.Context) (computed, error) { return computed{value: v, places: places}, nil }
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	t.Parallel()
	c := newCache(2)
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
	c := newCache(8)
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
	c := newCache(8)
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
		n := c.flights[key].waiters
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

func TestCacheDoesNotKeepResultComputedAcrossAWrite(t *testing.T) {
	t.Parallel()
	c := newCache(8)
	key := cacheKey{place: "A"}
	_, err := c.get(context.Background(), key, func(context.Context) (computed, error) {
		c.invalidate([]string{"elsewhere"}) // a write lands while computing
		return computed{value: 1, places: []string{"A"}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := c.len(); n != 0 {
		t.Errorf("cache holds %d entries, want 0: the result may predate the write", n)
	}
}
