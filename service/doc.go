// Package service is voicemap's application layer, between the GraphQL
// resolvers and the store and analysis packages.
//
// Reads pass straight through to the store. Writes go to the store and then
// invalidate the cached analysis results they affect. Analyses (centrality,
// communities, network summary) take a snapshot of a scope from the store,
// build an analysis.Graph of its actors and relationships, run the measure
// and map the results back to actors; results are cached per scope, date and
// options (see cache.go and invalidate.go for the exact rules).
package service
