package service_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

func mustLayout(t *testing.T, ctx context.Context, svc *service.Service, scope store.Scope, maxNodes int, expand ...string) service.NetworkLayout {
	t.Helper()
	l, err := svc.NetworkLayout(ctx, scope, maxNodes, expand)
	if err != nil {
		t.Fatalf("NetworkLayout(%q, %v, maxNodes %d, expand %v): %v", scope.PlaceID, scope.AsOf, maxNodes, expand, err)
	}
	return l
}

// positions maps node ids to positions.
func positions(l service.NetworkLayout) map[string][2]float64 {
	m := make(map[string][2]float64, len(l.Nodes))
	for _, n := range l.Nodes {
		m[n.ID] = [2]float64{n.X, n.Y}
	}
	return m
}

// samePositions reports whether the layouts have the same nodes at the
// same positions.
func samePositions(a, b service.NetworkLayout) bool {
	return slices.EqualFunc(a.Nodes, b.Nodes, func(x, y service.LayoutNode) bool { return x.ID == y.ID && x.X == y.X && x.Y == y.Y })
}

// rms is the RMS distance of the nodes from their centroid.
func rms(l service.NetworkLayout) float64 {
	var cx, cy float64
	for _, n := range l.Nodes {
		cx += n.X
		cy += n.Y
	}
	cx /= float64(len(l.Nodes))
	cy /= float64(len(l.Nodes))
	var s float64
	for _, n := range l.Nodes {
		s += (n.X-cx)*(n.X-cx) + (n.Y-cy)*(n.Y-cy)
	}
	return math.Sqrt(s / float64(len(l.Nodes)))
}

// ties returns each node's ties as "neighbour:weight" strings, sorted.
func ties(l service.NetworkLayout) map[string][]string {
	m := map[string][]string{}
	for _, e := range l.Edges {
		m[e.Source] = append(m[e.Source], fmt.Sprintf("%s:%g", e.Target, e.Weight))
		m[e.Target] = append(m[e.Target], fmt.Sprintf("%s:%g", e.Source, e.Weight))
	}
	for _, v := range m {
		slices.Sort(v)
	}
	return m
}

// moves returns, for the ids, the distance each moved from a to b divided
// by a's RMS radius.
func moves(a, b service.NetworkLayout, ids []string) []float64 {
	pa, pb, r := positions(a), positions(b), rms(a)
	out := make([]float64, 0, len(ids))
	for _, id := range ids {
		p, q := pa[id], pb[id]
		out = append(out, math.Hypot(p[0]-q[0], p[1]-q[1])/r)
	}
	return out
}

// unchanged returns the actors whose ties (neighbours and strengths) are
// the same in both layouts.
func unchanged(a, b service.NetworkLayout) []string {
	ta, tb := ties(a), ties(b)
	var out []string
	for _, n := range a.Nodes {
		if slices.Equal(ta[n.ID], tb[n.ID]) {
			out = append(out, n.ID)
		}
	}
	return out
}

func quantileOf(xs []float64, q float64) float64 {
	s := slices.Clone(xs)
	sort.Float64s(s)
	k := int(math.Ceil(q*float64(len(s)))) - 1
	return s[max(0, min(k, len(s)-1))]
}

// Stability bounds, as fractions of the layout's RMS radius, for the
// actors whose ties did not change between two layouts: their median move
// and 90th percentile (the actors a changed neighbour pulls along). Those
// none of whose neighbours' ties changed either do not move at all.
const (
	stableMedian = 0.01
	stableP90    = 0.15
)

// untouched returns the actors of same none of whose neighbours (in either
// layout) is outside same.
func untouched(a, b service.NetworkLayout, same []string) []string {
	in := map[string]bool{}
	for _, id := range same {
		in[id] = true
	}
	var out []string
	ta, tb := ties(a), ties(b)
	for _, id := range same {
		ok := true
		for _, t := range append(slices.Clone(ta[id]), tb[id]...) {
			if nb, _, _ := strings.Cut(t, ":"); !in[nb] {
				ok = false
			}
		}
		if ok {
			out = append(out, id)
		}
	}
	return out
}

// checkStable checks the stability bounds between two layouts.
func checkStable(t *testing.T, what string, a, b service.NetworkLayout) (same []string) {
	t.Helper()
	same = unchanged(a, b)
	m := moves(a, b, same)
	med, p90 := quantileOf(m, 0.5), quantileOf(m, 0.9)
	still := untouched(a, b, same)
	var stillMax float64
	for _, d := range moves(a, b, still) {
		stillMax = max(stillMax, d)
	}
	t.Logf("%s: %d of %d actors with unchanged ties moved median %.4f, p90 %.4f; the %d with unchanged neighbours too, at most %.4f", what, len(same), len(a.Nodes), med, p90, len(still), stillMax)
	if med > stableMedian || p90 > stableP90 {
		t.Errorf("%s: actors whose ties did not change moved median %.4f, p90 %.4f of the radius; want at most %.2f and %.2f", what, med, p90, stableMedian, stableP90)
	}
	if stillMax != 0 {
		t.Errorf("%s: an actor whose ties and neighbours' ties did not change moved %.4f of the radius, want 0", what, stillMax)
	}
	return same
}

func TestNetworkLayoutDemo(t *testing.T) {
	t.Parallel()
	svc := demoService(t)
	ctx := admin(t.Context())
	scope := store.Scope{PlaceID: demo.Town, AsOf: dayPtr("2024-06-01")}
	l := mustLayout(t, ctx, svc, scope, service.DefaultLayoutMaxNodes)
	sum, err := svc.Summary(ctx, scope)
	if err != nil {
		t.Fatal(err)
	}
	if l.Collapsed || len(l.Nodes) != sum.Actors || len(l.Edges) != sum.Ties {
		t.Fatalf("NetworkLayout(town) = collapsed %v, %d nodes, %d edges; want every actor (%d) and tie (%d)", l.Collapsed, len(l.Nodes), len(l.Edges), sum.Actors, sum.Ties)
	}
	comms, err := svc.Communities(ctx, scope)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, c := range comms.Communities {
		for _, m := range c.Members {
			want[m.ID()] = c.ID
		}
	}
	ids := make([]string, len(l.Nodes))
	for i, n := range l.Nodes {
		ids[i] = n.ID
		if n.Actor == nil || n.Actor.ID() != n.ID || n.Size != 1 || n.Community != want[n.ID] {
			t.Errorf("node %s: actor %v, size %d, community %s; want the actor, size 1, community %s", n.ID, n.Actor, n.Size, n.Community, want[n.ID])
		}
	}
	if !slices.IsSorted(ids) {
		t.Errorf("the actor view's nodes are not sorted by id")
	}
	for _, e := range l.Edges {
		if !(e.Source < e.Target) || e.Weight <= 0 {
			t.Errorf("edge %+v: want source < target and a positive weight", e)
		}
	}

	// A fresh service (cold caches, no hints) draws the same picture.
	if again := mustLayout(t, ctx, demoService(t), scope, service.DefaultLayoutMaxNodes); !samePositions(again, l) {
		t.Errorf("NetworkLayout(town) on a fresh service differs: the layout is not deterministic")
	}
}

// TestNetworkLayoutStableOverDates moves the date a quarter at a time, as a
// date slider does: the actors whose ties did not change between two
// adjacent dates move little, while a layout of the later date made from
// nothing moves them far.
func TestNetworkLayoutStableOverDates(t *testing.T) {
	t.Parallel()
	svc := demoService(t)
	ctx := admin(t.Context())
	dates := []string{"2022-01-01", "2022-04-01", "2022-07-01", "2022-10-01", "2023-01-01"}
	prev := mustLayout(t, ctx, svc, store.Scope{PlaceID: demo.Town, AsOf: dayPtr(dates[0])}, service.DefaultLayoutMaxNodes)
	for _, d := range dates[1:] {
		scope := store.Scope{PlaceID: demo.Town, AsOf: dayPtr(d)}
		next := mustLayout(t, ctx, svc, scope, service.DefaultLayoutMaxNodes)
		same := checkStable(t, d, prev, next)
		if len(same) < len(prev.Nodes)/2 || len(same) == len(prev.Nodes) {
			t.Fatalf("%s: %d of %d actors kept their ties; the test needs a few changes", d, len(same), len(prev.Nodes))
		}
		cold := moves(prev, mustLayout(t, ctx, demoService(t), scope, service.DefaultLayoutMaxNodes), same)
		t.Logf("%s: a cold layout moved them median %.4f", d, quantileOf(cold, 0.5))
		if quantileOf(cold, 0.5) < 3*stableMedian {
			t.Errorf("%s: a cold layout moved them a median of %.4f only: the bound would not tell stable from unstable", d, quantileOf(cold, 0.5))
		}
		prev = next
	}
}

// TestNetworkLayoutAfterWrite connects two actors: the layout is computed
// again (writes invalidate), from the picture before the write.
func TestNetworkLayoutAfterWrite(t *testing.T) {
	t.Parallel()
	svc := demoService(t)
	ctx := admin(t.Context())
	scope := store.Scope{PlaceID: demo.Town, AsOf: dayPtr("2024-06-01")}
	before := mustLayout(t, ctx, svc, scope, service.DefaultLayoutMaxNodes)
	from, to := before.Nodes[3].ID, before.Nodes[len(before.Nodes)-4].ID
	if _, err := svc.Connect(ctx, store.Relationship{ID: "r-layout-new", FromID: from, ToID: to, Kind: store.RelKnows, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	after := mustLayout(t, ctx, svc, scope, service.DefaultLayoutMaxNodes)
	if len(after.Edges) != len(before.Edges)+1 {
		t.Fatalf("after connect: %d edges, want %d", len(after.Edges), len(before.Edges)+1)
	}
	checkStable(t, "after one new tie", before, after)
	ends := moves(before, after, []string{from, to})
	t.Logf("the ends of the new tie moved %.4f and %.4f", ends[0], ends[1])
	if ends[0] < 0.02 || ends[1] < 0.02 {
		t.Errorf("the ends of the new tie moved %.4f and %.4f of the radius, want each at least 0.02: the picture should change where the network changed", ends[0], ends[1])
	}
}

// TestNetworkLayoutCollapsed asks for fewer nodes than the demo town has
// actors: its communities come as nodes, and an expanded one as its
// members.
func TestNetworkLayoutCollapsed(t *testing.T) {
	t.Parallel()
	svc := demoService(t)
	ctx := admin(t.Context())
	scope := store.Scope{PlaceID: demo.Town, AsOf: dayPtr("2024-06-01")}
	full := mustLayout(t, ctx, svc, scope, service.DefaultLayoutMaxNodes)
	comms, err := svc.Communities(ctx, scope)
	if err != nil {
		t.Fatal(err)
	}
	of := map[string]string{}
	for _, n := range full.Nodes {
		of[n.ID] = n.Community
	}
	// The ties between communities, summed from the actor view.
	between := map[[2]string]float64{}
	var total float64
	for _, e := range full.Edges {
		total += e.Weight
		a, b := of[e.Source], of[e.Target]
		if a != b {
			between[[2]string{min(a, b), max(a, b)}] += e.Weight
		}
	}

	l := mustLayout(t, ctx, svc, scope, 50)
	if !l.Collapsed || len(l.Nodes) != len(comms.Communities) {
		t.Fatalf("NetworkLayout(maxNodes 50) = collapsed %v, %d nodes; want the %d communities", l.Collapsed, len(l.Nodes), len(comms.Communities))
	}
	for i, n := range l.Nodes {
		c := comms.Communities[i]
		if n.ID != c.ID || n.Community != c.ID || n.Size != c.Size || n.Actor != nil {
			t.Errorf("node %d = %+v, want community %s of size %d", i, n, c.ID, c.Size)
		}
	}
	got := map[[2]string]float64{}
	for _, e := range l.Edges {
		got[[2]string{min(e.Source, e.Target), max(e.Source, e.Target)}] += e.Weight
	}
	if len(got) != len(between) {
		t.Errorf("collapsed view: %d community ties, want %d", len(got), len(between))
	}
	for k, w := range between {
		if math.Abs(got[k]-w) > 1e-9 {
			t.Errorf("tie %s–%s weighs %v, want the summed %v", k[0], k[1], got[k], w)
		}
	}

	// Expand the second community.
	c2 := comms.Communities[1]
	x := mustLayout(t, ctx, svc, scope, 50, c2.ID)
	if want := len(comms.Communities) - 1 + c2.Size; !x.Collapsed || len(x.Nodes) != want {
		t.Fatalf("expand %s: %d nodes, want %d", c2.ID, len(x.Nodes), want)
	}
	centre := positions(l)[c2.ID]
	radius := 6 * math.Sqrt(float64(c2.Size))
	var members int
	for _, n := range x.Nodes {
		if n.Actor == nil {
			continue
		}
		members++
		if n.Community != c2.ID || of[n.ID] != c2.ID || n.Size != 1 {
			t.Errorf("expanded node %+v: want a member of %s", n, c2.ID)
		}
		if d := math.Hypot(n.X-centre[0], n.Y-centre[1]); d > 3*radius {
			t.Errorf("member %s is %.1f from its community's position, want within %.1f", n.ID, d, 3*radius)
		}
	}
	if members != c2.Size {
		t.Errorf("expand %s: %d members shown, want %d", c2.ID, members, c2.Size)
	}
	// Every tie is still drawn once, except those inside a collapsed
	// community.
	var inside, shown float64
	for _, e := range full.Edges {
		if c := of[e.Source]; c == of[e.Target] && c != c2.ID {
			inside += e.Weight
		}
	}
	for _, e := range x.Edges {
		shown += e.Weight
	}
	if math.Abs(shown-(total-inside)) > 1e-9 {
		t.Errorf("expanded view's edges weigh %v in all, want %v (every tie but those inside collapsed communities)", shown, total-inside)
	}
}

func TestNetworkLayoutInvalid(t *testing.T) {
	t.Parallel()
	svc := demoService(t)
	ctx := admin(t.Context())
	scope := store.Scope{PlaceID: demo.Town, AsOf: dayPtr("2024-06-01")}
	tests := []struct {
		name     string
		maxNodes int
		expand   []string
		code     string
	}{
		{"maxNodes 0", 0, nil, store.EINVALID},
		{"maxNodes above the cap", service.MaxLayoutNodes + 1, nil, store.EINVALID},
		{"unknown community", 50, []string{"c999"}, store.EINVALID},
		{"not a community id", 50, []string{"p-jordan-blake"}, store.EINVALID},
		{"fewer nodes than communities", 5, nil, store.EINVALID},
		{"expanded members above maxNodes", 20, []string{"c1"}, store.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := svc.NetworkLayout(ctx, scope, tt.maxNodes, tt.expand)
			if store.ErrorCode(err) != tt.code {
				t.Errorf("NetworkLayout(%s) error = %v, want code %s", tt.name, err, tt.code)
			}
		})
	}
	if _, err := svc.NetworkLayout(ctx, store.Scope{PlaceID: "nowhere"}, 100, nil); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("NetworkLayout(unknown place) error = %v, want ENOTFOUND", err)
	}
}

func TestNetworkLayoutAuthz(t *testing.T) {
	t.Parallel()
	svc := authzService(t)
	if _, err := svc.NetworkLayout(t.Context(), store.Scope{}, 100, nil); store.ErrorCode(err) != store.EUNAUTHORIZED {
		t.Errorf("NetworkLayout without a principal: error %v, want EUNAUTHORIZED", err)
	}
	if _, err := svc.NetworkLayout(as(t, auth.RoleFunder), store.Scope{}, 100, nil); store.ErrorCode(err) != store.EFORBIDDEN {
		t.Errorf("NetworkLayout as a funder: error %v, want EFORBIDDEN", err)
	}
	for _, role := range []auth.Role{auth.RoleAnalyst, auth.RoleEditor} {
		ctx := as(t, role, "north")
		if _, err := svc.NetworkLayout(ctx, store.Scope{PlaceID: "south"}, 100, nil); store.ErrorCode(err) != store.ENOTFOUND {
			t.Errorf("NetworkLayout(south) as a %s of north: error %v, want ENOTFOUND", role, err)
		}
		l, err := svc.NetworkLayout(ctx, store.Scope{}, 100, nil)
		if err != nil {
			t.Fatalf("NetworkLayout() as a %s of north: %v", role, err)
		}
		var ids []string
		for _, n := range l.Nodes {
			ids = append(ids, n.ID)
		}
		if want := []string{"ann", "cat", "club"}; !slices.Equal(ids, want) {
			t.Errorf("NetworkLayout() as a %s of north = nodes %v, want %v (north and below)", role, ids, want)
		}
	}
	l, err := svc.NetworkLayout(as(t, auth.RoleAdmin), store.Scope{}, 100, nil)
	if err != nil || len(l.Nodes) != 5 {
		t.Errorf("NetworkLayout() as admin = %d nodes, %v; want all 5 actors", len(l.Nodes), err)
	}
}

// TestNetworkLayoutConsent withdraws a person's consent after a layout was
// made with them: they are gone from the next one, which is exactly the
// layout of a service that never saw them (their earlier picture is not
// used as a starting point). Erasure drops every starting point too.
func TestNetworkLayoutConsent(t *testing.T) {
	t.Parallel()
	ctx := admin(t.Context())
	scope := store.Scope{PlaceID: demo.Town, AsOf: dayPtr("2024-06-01")}
	person := "p-jordan-blake"
	withdraw := func(t *testing.T, svc *service.Service) {
		t.Helper()
		p, err := svc.Person(ctx, person)
		if err != nil {
			t.Fatal(err)
		}
		p.Consent = store.ConsentWithdrawn
		if _, err := svc.UpsertPerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	svc := demoService(t)
	mustLayout(t, ctx, svc, scope, service.DefaultLayoutMaxNodes)
	mustLayout(t, ctx, svc, scope, 50, "c1")
	withdraw(t, svc)
	got := mustLayout(t, ctx, svc, scope, service.DefaultLayoutMaxNodes)
	for _, n := range got.Nodes {
		if n.ID == person {
			t.Fatalf("NetworkLayout after withdrawal shows %s", person)
		}
	}
	for _, e := range got.Edges {
		if e.Source == person || e.Target == person {
			t.Fatalf("NetworkLayout after withdrawal shows a tie of %s", person)
		}
	}
	fresh := demoService(t)
	withdraw(t, fresh)
	want := mustLayout(t, ctx, fresh, scope, service.DefaultLayoutMaxNodes)
	if !samePositions(got, want) {
		t.Errorf("after a withdrawal the layout differs from a fresh service's: it started from a picture that held the person")
	}
	for _, maxNodes := range []int{50} {
		g := mustLayout(t, ctx, svc, scope, maxNodes, "c1")
		w := mustLayout(t, ctx, fresh, scope, maxNodes, "c1")
		if !samePositions(g, w) {
			t.Errorf("after a withdrawal the community view differs from a fresh service's")
		}
	}

	// Erasure: the next layout starts from nothing.
	svc = demoService(t)
	mustLayout(t, ctx, svc, scope, service.DefaultLayoutMaxNodes)
	if _, err := svc.ForgetPerson(ctx, person); err != nil {
		t.Fatal(err)
	}
	got = mustLayout(t, ctx, svc, scope, service.DefaultLayoutMaxNodes)
	fresh = demoService(t)
	if _, err := fresh.ForgetPerson(ctx, person); err != nil {
		t.Fatal(err)
	}
	if want := mustLayout(t, ctx, fresh, scope, service.DefaultLayoutMaxNodes); !samePositions(got, want) {
		t.Errorf("after an erasure the layout differs from a fresh service's: a starting point survived the erasure")
	}
}

func TestNetworkLayoutCached(t *testing.T) {
	t.Parallel()
	svc, cs := fixture(t)
	ctx := admin(t.Context())
	first := mustLayout(t, ctx, svc, store.Scope{PlaceID: "R"}, 100)
	n := snapshots(cs)
	second := mustLayout(t, ctx, svc, store.Scope{PlaceID: "R"}, 100)
	if snapshots(cs) != n || !samePositions(first, second) {
		t.Errorf("a second NetworkLayout(R) took %d more snapshots or changed; want it cached", snapshots(cs)-n)
	}
	if _, err := svc.Connect(ctx, store.Relationship{ID: "r-new", FromID: "a1", ToID: "b1", Kind: store.RelKnows, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	third := mustLayout(t, ctx, svc, store.Scope{PlaceID: "R"}, 100)
	if snapshots(cs) == n || len(third.Edges) != len(first.Edges)+1 {
		t.Errorf("after connect, NetworkLayout(R) has %d edges and took %d more snapshots; want it recomputed with %d edges", len(third.Edges), snapshots(cs)-n, len(first.Edges)+1)
	}
}

// TestNetworkLayoutConcurrent asks for layouts of several dates and views
// at once (run it with -race): every answer arrives, and answers of one
// scope, date and view are the same picture.
func TestNetworkLayoutConcurrent(t *testing.T) {
	t.Parallel()
	svc := demoService(t)
	ctx := admin(t.Context())
	dates := []string{"2021-01-01", "2022-01-01", "2023-01-01", "2024-01-01"}
	type key struct {
		date     string
		maxNodes int
	}
	results := make(chan struct {
		k key
		l service.NetworkLayout
		e error
	}, 32)
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := key{dates[i%len(dates)], []int{service.DefaultLayoutMaxNodes, 100}[i/len(dates)%2]}
			var expand []string
			if k.maxNodes == 100 {
				expand = []string{"c2"}
			}
			l, err := svc.NetworkLayout(ctx, store.Scope{PlaceID: demo.Town, AsOf: dayPtr(k.date)}, k.maxNodes, expand)
			results <- struct {
				k key
				l service.NetworkLayout
				e error
			}{k, l, err}
		}()
	}
	wg.Wait()
	close(results)
	seen := map[key]service.NetworkLayout{}
	for r := range results {
		if r.e != nil {
			t.Fatalf("NetworkLayout(%v): %v", r.k, r.e)
		}
		if prev, ok := seen[r.k]; ok && !samePositions(prev, r.l) {
			t.Errorf("two answers for %v differ", r.k)
		}
		seen[r.k] = r.l
	}
}
