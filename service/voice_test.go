package service_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis/voice"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// voiceLine renders an unheard voice as "id score [reasons] gatekeeper hops
// path unheard" for comparison.
func voiceLine(v service.UnheardVoice) string {
	gate, hops := "-", "-"
	if v.Gatekeeper != nil {
		gate = v.Gatekeeper.ID()
	}
	if v.HopsToPower != nil {
		hops = fmt.Sprint(*v.HopsToPower)
	}
	return fmt.Sprintf("%s %.2f %v %s %s %v %v", v.Person.ID, v.Score, v.Reasons, gate, hops, ids(v.PathToPower), v.Unheard)
}

// TestUnheardVoicesHamlet checks every community member of the hamlet on
// 2024-06-01 against reasons worked out by hand (points out of 20: ISOLATED
// 8, SINGLE_GATEKEEPER 7, FAR_FROM_POWER 6, NEVER_INVOLVED 6,
// CONSULTED_ONLY 3, JOINED_LATE 2, PERIPHERAL 1).
//
// Core numbers: chair, officer, ann, cons and late form a 2-core (ann,
// cons and late each tie to chair and officer); council, worker, yp1 and
// far have core number 1; iso 0. Nine actors have ties, so the
// nearest-rank 10th percentile of harmonic centrality is the smallest
// value and no one lies strictly below it: PERIPHERAL comes from core
// number 1 only.
//
//   - iso: no tie (ISOLATED), no holder reachable (FAR_FROM_POWER), no
//     forum (NEVER_INVOLVED): 8+6+6 = 20.
//   - far: core 1 (PERIPHERAL), every path to power runs through yp1 and
//     worker, yp1 nearest (SINGLE_GATEKEEPER), three steps to chair
//     (FAR_FROM_POWER), consulted in the workshop only (CONSULTED_ONLY):
//     1+7+6+3 = 17.
//   - yp1: core 1, gated by worker (a non-holder between yp1 and chair),
//     two steps is near, no forum: 1+7+6 = 14.
//   - cons: tied to two holders, consulted on the board: 3.
//   - late: tied to two holders, co-designs the board (above CONSULT) but
//     joined at DELIVERY: JOINED_LATE 2.
//   - ann holds power and has no reason: score 0, not listed. chair,
//     officer and worker are professionals: not listed.
//
// Unheard (a network reason, no power): iso, far, yp1.
func TestUnheardVoicesHamlet(t *testing.T) {
	t.Parallel()
	svc, _ := hamlet(t)
	ctx := admin(context.Background())
	tests := []struct {
		name   string
		filter service.VoiceFilter
		want   []string
	}{
		{
			name:   "all",
			filter: service.VoiceFilter{First: 20},
			want: []string{
				"iso 1.00 [ISOLATED FAR_FROM_POWER NEVER_INVOLVED] - - [] true",
				"far 0.85 [PERIPHERAL SINGLE_GATEKEEPER FAR_FROM_POWER CONSULTED_ONLY] yp1 3 [far yp1 worker chair] true",
				"yp1 0.70 [PERIPHERAL SINGLE_GATEKEEPER NEVER_INVOLVED] worker 2 [yp1 worker chair] true",
				"cons 0.15 [CONSULTED_ONLY] - 1 [cons chair] false",
				"late 0.10 [JOINED_LATE] - 1 [late chair] false",
			},
		},
		{
			name:   "first two",
			filter: service.VoiceFilter{First: 2},
			want: []string{
				"iso 1.00 [ISOLATED FAR_FROM_POWER NEVER_INVOLVED] - - [] true",
				"far 0.85 [PERIPHERAL SINGLE_GATEKEEPER FAR_FROM_POWER CONSULTED_ONLY] yp1 3 [far yp1 worker chair] true",
			},
		},
		{
			name:   "group young person",
			filter: service.VoiceFilter{Group: "young person", First: 20},
			want:   []string{"yp1 0.70 [PERIPHERAL SINGLE_GATEKEEPER NEVER_INVOLVED] worker 2 [yp1 worker chair] true"},
		},
		{
			name:   "group parent: ann holds power, only cons",
			filter: service.VoiceFilter{Group: " parent ", First: 20},
			want:   []string{"cons 0.15 [CONSULTED_ONLY] - 1 [cons chair] false"},
		},
		{name: "unknown group", filter: service.VoiceFilter{Group: "pilot", First: 20}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, err := svc.UnheardVoices(ctx, hamletScope, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range vs {
				got = append(got, voiceLine(v))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("UnheardVoices(%+v) =\n%q\nwant\n%q", tt.filter, got, tt.want)
			}
		})
	}

	// Every reason appears in the answer.
	vs, err := svc.UnheardVoices(ctx, hamletScope, service.VoiceFilter{First: 20})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[voice.Reason]bool{}
	for _, v := range vs {
		for _, r := range v.Reasons {
			seen[r] = true
		}
	}
	for _, r := range voice.Reasons {
		if !seen[r] {
			t.Errorf("UnheardVoices(hamlet) has no %s", r)
		}
	}
}

// TestUnheardVoicesErrors checks the codes of bad input and unknown places.
func TestUnheardVoicesErrors(t *testing.T) {
	t.Parallel()
	svc, _ := hamlet(t)
	ctx := admin(context.Background())
	tests := []struct {
		name  string
		scope store.Scope
		first int
		code  string
	}{
		{name: "first 0", scope: hamletScope, first: 0, code: store.EINVALID},
		{name: "first above the page cap", scope: hamletScope, first: store.MaxPageSize + 1, code: store.EINVALID},
		{name: "unknown place", scope: store.Scope{PlaceID: "nowhere"}, first: 5, code: store.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := svc.UnheardVoices(ctx, tt.scope, service.VoiceFilter{First: tt.first})
			if got := store.ErrorCode(err); got != tt.code {
				t.Errorf("UnheardVoices(%s) code = %q (%v), want %q", tt.name, got, err, tt.code)
			}
		})
	}
}

// TestPathToPower checks chains through the whole network. cons is tied
// to two holders, chair (two REFERS_TO records, summed strength 2, length
// 1/2) and officer (strength 4, length 1/4): fewest steps picks chair, the
// smaller id; strongest picks officer. iso has no tie on 2024-06-01 but two
// from 2025.
func TestPathToPower(t *testing.T) {
	t.Parallel()
	svc, _ := hamlet(t)
	ctx := admin(context.Background())
	tests := []struct {
		name     string
		person   string
		asOf     string
		weighted bool
		want     []string // nil: unreachable
	}{
		{name: "three steps", person: "far", asOf: "2024-06-01", want: []string{"far", "yp1", "worker", "chair"}},
		{name: "fewest steps", person: "cons", asOf: "2024-06-01", want: []string{"cons", "chair"}},
		{name: "strongest", person: "cons", asOf: "2024-06-01", weighted: true, want: []string{"cons", "officer"}},
		{name: "a holder", person: "ann", asOf: "2024-06-01", want: []string{"ann"}},
		{name: "unreachable", person: "iso", asOf: "2024-06-01", want: nil},
		{name: "reachable once tied", person: "iso", asOf: "2025-02-01", want: []string{"iso", "chair"}},
		{name: "before the youth tie", person: "far", asOf: "2023-06-01", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, err := svc.PathToPower(ctx, tt.person, dayPtr(tt.asOf), tt.weighted)
			if err != nil {
				t.Fatal(err)
			}
			if (path == nil) != (tt.want == nil) || !slices.Equal(ids(path), tt.want) {
				t.Errorf("PathToPower(%s, %s, weighted %v) = %v, want %v", tt.person, tt.asOf, tt.weighted, ids(path), tt.want)
			}
		})
	}
	for _, id := range []string{"nobody", "council"} {
		if _, err := svc.PathToPower(ctx, id, nil, false); store.ErrorCode(err) != store.ENOTFOUND {
			t.Errorf("PathToPower(%s) error = %v, want ENOTFOUND", id, err)
		}
	}
}
