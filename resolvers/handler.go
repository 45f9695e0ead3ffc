package resolvers

import (
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/voicemap/voicemap/graph"
	"github.com/voicemap/voicemap/service"
)

// QueryCacheSize is how many parsed and validated queries the handler keeps.
const QueryCacheSize = 1000

// Options configures NewHandler.
type Options struct {
	// Dev enables schema introspection, off in production.
	Dev bool
}

// NewHandler returns the GraphQL endpoint over svc: POST with a JSON body
// for every operation, GET for queries only (a mutation over GET is
// refused with 406), an LRU cache of parsed queries, the complexity limit
// MaxComplexity, introspection only with opts.Dev, store error codes
// translated to extensions.code, panics logged and answered as INTERNAL,
// and fresh dataloaders installed for each request.
func NewHandler(svc *service.Service, logger *slog.Logger, opts Options) http.Handler {
	if logger == nil {
		logger = slog.Default()
	}
	cfg := graph.Config{
		Resolvers:  &Resolver{Service: svc, Logger: logger},
		Complexity: complexity(),
	}
	srv := handler.New(graph.NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions}})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](QueryCacheSize))
	if opts.Dev {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
	}
	srv.Use(extension.FixedComplexityLimit(MaxComplexity))
	srv.SetErrorPresenter(errorPresenter(logger))
	srv.SetRecoverFunc(recoverFunc(logger))
	return WithLoaders(svc)(srv)
}
