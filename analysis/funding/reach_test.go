package funding_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/funding"
)

// reachPath is the path 0–1–2–3–4–5 plus an isolated node 6.
func reachPath(t *testing.T) *analysis.Graph {
	t.Helper()
	var edges []analysis.Edge
	for i := range 5 {
		edges = append(edges, analysis.Edge{U: i, V: i + 1, Weight: 1})
	}
	g, err := analysis.NewGraph(7, edges)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestReach works on reachPath by hand. Recipients r0 at node 0 (£100) and
// r5 at node 5 (£300), and r9 not in the network (£600). Targets: node 2
// (a, b), node 3 (b), node 6 (c, isolated).
//
//   - 2 hops: r0 reaches node 2 (2 steps); r5 reaches node 3 (2 steps);
//     nobody reaches node 6. reaching = 400 of 1000, share 0.4; groups
//     a 1/1, b 2/2, c 0/1.
//   - 1 hop: nobody is reached; share 0.
//   - 3 hops: r0 reaches 2 and 3, r5 reaches 2 and 3: share 0.4, groups as
//     with 2 hops but each recipient reaches 2 people.
func TestReach(t *testing.T) {
	g := reachPath(t)
	recipients := []funding.RecipientTotal{
		{RecipientID: "r9", Grants: 1, Amount: 600},
		{RecipientID: "r0", Grants: 2, Amount: 100},
		{RecipientID: "r5", Grants: 1, Amount: 300},
	}
	nodes := map[string]int{"r0": 0, "r5": 5}
	targets := []funding.ReachTarget{{Node: 2, Groups: []string{"b", "a", "a"}}, {Node: 3, Groups: []string{"b"}}, {Node: 6, Groups: []string{"c", ""}}}
	tests := []struct {
		name          string
		hops          int
		reaching      float64
		reached       int
		r0, r5        int
		r0Groups      []string
		r0Counts      map[string]int // targets reached by r0 carrying each tag (a tag repeated on one target counts once)
		groupsReached []int          // a, b, c
	}{
		{"2 hops (default)", 0, 400, 2, 1, 1, []string{"a", "b"}, map[string]int{"a": 1, "b": 1}, []int{1, 2, 0}},
		{"1 hop", 1, 0, 0, 0, 0, []string{}, map[string]int{}, []int{0, 0, 0}},
		{"3 hops", 3, 400, 2, 2, 2, []string{"a", "b"}, map[string]int{"a": 1, "b": 2}, []int{1, 2, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := funding.Reach(context.Background(), funding.ReachInput{Graph: g, Recipients: recipients, Nodes: nodes, Targets: targets, MaxHops: tt.hops})
			if err != nil {
				t.Fatal(err)
			}
			if !near(rep.Total, 1000) || !near(rep.ReachingAmount, tt.reaching) || !near(rep.Share, tt.reaching/1000) || rep.Targets != 3 || rep.Reached != tt.reached {
				t.Errorf("Reach = total %v reaching %v share %v targets %d reached %d; want 1000 %v %v 3 %d",
					rep.Total, rep.ReachingAmount, rep.Share, rep.Targets, rep.Reached, tt.reaching, tt.reaching/1000, tt.reached)
			}
			ids := make([]string, len(rep.Recipients))
			for i, r := range rep.Recipients {
				ids[i] = r.RecipientID
			}
			if !slices.Equal(ids, []string{"r9", "r5", "r0"}) {
				t.Fatalf("recipients %v, want by amount descending r9 r5 r0", ids)
			}
			r9, r5, r0 := rep.Recipients[0], rep.Recipients[1], rep.Recipients[2]
			if r9.InNetwork || r9.Reaches != 0 || !r0.InNetwork || r0.Reaches != tt.r0 || r5.Reaches != tt.r5 || !slices.Equal(r0.Groups, tt.r0Groups) || r0.Grants != 2 {
				t.Errorf("recipients %+v, want r9 outside, r0 reaching %d %v, r5 reaching %d", rep.Recipients, tt.r0, tt.r0Groups, tt.r5)
			}
			if !maps.Equal(r0.GroupCounts, tt.r0Counts) {
				t.Errorf("r0 group counts %v, want %v", r0.GroupCounts, tt.r0Counts)
			}
			want := []funding.GroupReach{
				{Group: "a", People: 1, Reached: tt.groupsReached[0], Share: float64(tt.groupsReached[0])},
				{Group: "b", People: 2, Reached: tt.groupsReached[1], Share: float64(tt.groupsReached[1]) / 2},
				{Group: "c", People: 1, Reached: tt.groupsReached[2], Share: float64(tt.groupsReached[2])},
			}
			if !slices.Equal(rep.Groups, want) {
				t.Errorf("groups %+v, want %+v", rep.Groups, want)
			}
		})
	}
}

func TestReachEmpty(t *testing.T) {
	rep, err := funding.Reach(context.Background(), funding.ReachInput{Graph: reachPath(t)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total != 0 || rep.Share != 0 || rep.Recipients == nil || rep.Groups == nil || len(rep.Recipients)+len(rep.Groups) != 0 {
		t.Errorf("Reach(nothing) = %+v, want zero figures and empty lists", rep)
	}
	// A recipient with no money shares 0.
	rep, err = funding.Reach(context.Background(), funding.ReachInput{Graph: reachPath(t),
		Recipients: []funding.RecipientTotal{{RecipientID: "r", Grants: 1}}, Nodes: map[string]int{"r": 1},
		Targets: []funding.ReachTarget{{Node: 2}}})
	if err != nil || rep.Share != 0 || rep.Recipients[0].Reaches != 1 {
		t.Errorf("Reach(zero amount) = %+v, %v; want share 0, one person reached", rep, err)
	}
}

func TestReachInvalid(t *testing.T) {
	g := reachPath(t)
	tests := []struct {
		name string
		in   funding.ReachInput
	}{
		{"target out of range", funding.ReachInput{Graph: g, Targets: []funding.ReachTarget{{Node: 7}}}},
		{"repeated target", funding.ReachInput{Graph: g, Targets: []funding.ReachTarget{{Node: 1}, {Node: 1}}}},
		{"recipient out of range", funding.ReachInput{Graph: g, Recipients: []funding.RecipientTotal{{RecipientID: "r"}}, Nodes: map[string]int{"r": -1}}},
		{"repeated recipient", funding.ReachInput{Graph: g, Recipients: []funding.RecipientTotal{{RecipientID: "r"}, {RecipientID: "r"}}}},
		{"negative amount", funding.ReachInput{Graph: g, Recipients: []funding.RecipientTotal{{RecipientID: "r", Amount: -1}}}},
		{"negative hops", funding.ReachInput{Graph: g, MaxHops: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := funding.Reach(context.Background(), tt.in); !errors.Is(err, analysis.ErrInvalid) {
				t.Errorf("Reach(%s) error = %v, want ErrInvalid", tt.name, err)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := funding.Reach(ctx, funding.ReachInput{Graph: g, Recipients: []funding.RecipientTotal{{RecipientID: "r"}}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Reach(cancelled) error = %v, want context.Canceled", err)
	}
}
