package resolvers

import (
	"time"

	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/store"
)

// erasureTime renders an erasure's time as RFC 3339 in UTC, to the second.
func erasureTime(e *store.Erasure) string { return e.At.UTC().Format(time.RFC3339) }

func erasureConnection(c store.Connection[store.Erasure]) *model.ErasureConnection {
	return &model.ErasureConnection{
		Edges:      edges(c, func(cur string, n *store.Erasure) model.ErasureEdge { return model.ErasureEdge{Cursor: cur, Node: n} }),
		PageInfo:   pageInfo(c),
		TotalCount: c.TotalCount,
	}
}
