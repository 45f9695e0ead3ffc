package recommend_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/recommend"
)

// BenchmarkRecommend times Recommend (first = 10) on Barabási–Albert
// places of 2,000 and 10,000 actors (baPlace): "full" computes the
// baseline harmonic centrality and core numbers itself (the harmonic
// centrality, O(n·m), dominates at 10,000), "cached" is given them, as the
// service does from its centrality cache, so it times candidate generation
// and the incremental evaluation.
func BenchmarkRecommend(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{2000, 10_000} {
		in := baPlace(b, n)
		b.Run(fmt.Sprintf("full/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := recommend.Recommend(ctx, in, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
		cached := in
		var err error
		if cached.Voice.Harmonic, err = analysis.Centrality(ctx, in.Voice.Graph, analysis.Harmonic, false); err != nil {
			b.Fatal(err)
		}
		if cached.Voice.Coreness, err = analysis.Centrality(ctx, in.Voice.Graph, analysis.Coreness, false); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("cached/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := recommend.Recommend(ctx, cached, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
