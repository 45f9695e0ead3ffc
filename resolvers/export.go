package resolvers

import (
	"context"
	"strings"

	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// exportNetwork renders the network of sc in format as one string.
func (r *Resolver) exportNetwork(ctx context.Context, sc store.Scope, format service.ExportFormat) (string, error) {
	var b strings.Builder
	if err := r.Service.ExportNetwork(ctx, sc, format, &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// exportNetworkCSV renders the network of sc as the two CSV tables.
func (r *Resolver) exportNetworkCSV(ctx context.Context, sc store.Scope) (*model.NetworkCSV, error) {
	var nodes, edges strings.Builder
	if err := r.Service.ExportCSV(ctx, sc, &nodes, &edges); err != nil {
		return nil, err
	}
	return &model.NetworkCSV{Nodes: nodes.String(), Edges: edges.String()}, nil
}
