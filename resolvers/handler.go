package resolvers

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/graph"
	"github.com/voicemap/voicemap/service"
)

// QueryCacheSize is how many parsed and validated queries the handler keeps.
const QueryCacheSize = 1000

// Options configures NewHandler.
type Options struct {
	// Dev enables schema introspection and field suggestions ("Did you
	// mean ...?" in validation errors), both off in production.
	Dev bool
	// RequestTimeout is the deadline of each request, passed down to the
	// store and analysis; zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// Audit, when set, receives a record of every operation that reads
	// or changes person-level data (auditExtension), and is what the
	// auditLog query reads. Without it nothing is audited.
	Audit *audit.Log
}

// NewHandler returns the GraphQL endpoint over svc: POST with a JSON body
// for every operation, GET for queries only (a mutation over GET is
// refused), no form-encoded or multipart transport (a browser sends those
// cross-origin without a preflight), an LRU cache of parsed queries, the
// parser token limit MaxTokens, the validation budget (MaxOperations,
// MaxVariables, MaxDirectives, MaxValidationVisits, MaxFieldComparisons)
// checked before validation (budget.go), the depth limit MaxDepth and
// alias cap MaxAliases (limits.go), the complexity limit MaxComplexity
// computed with fragments memoised (cost.go),
// introspection and field suggestions only with opts.Dev, a deadline of
// opts.RequestTimeout on each request (answered UNAVAILABLE when it
// passes), store error codes translated to extensions.code, panics logged
// and answered as INTERNAL, operations on person-level data recorded in
// opts.Audit (auditExtension), and fresh dataloaders installed for each
// request.
func NewHandler(svc *service.Service, logger *slog.Logger, opts Options) http.Handler {
	if logger == nil {
		logger = slog.Default()
	}
	cfg := graph.Config{
		Resolvers:  &Resolver{Service: svc, Logger: logger, Audit: opts.Audit, Dev: opts.Dev},
		Complexity: complexity(),
	}
	es := graph.NewExecutableSchema(cfg)
	srv := handler.New(es)
	srv.AddTransport(transport.Options{AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions}})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	cache := lru.New[*ast.QueryDocument](QueryCacheSize)
	srv.SetQueryCache(cache)
	srv.SetParserTokenLimit(MaxTokens)
	srv.SetDisableSuggestion(!opts.Dev)
	if opts.Dev {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
	}
	srv.Use(validationBudget{cache: cache, limits: defaultBudget})
	srv.Use(queryLimits{maxDepth: MaxDepth, maxAliases: MaxAliases})
	srv.Use(costLimit{es: es, max: MaxComplexity})
	if opts.Audit != nil {
		srv.Use(auditExtension{log: opts.Audit, logger: logger})
	}
	timeout := opts.RequestTimeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	srv.SetErrorPresenter(deadlinePresenter(timeout, logger, errorPresenter(logger)))
	srv.SetRecoverFunc(recoverFunc(logger))
	return withDeadline(timeout, WithLoaders(svc)(srv))
}
