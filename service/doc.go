// Package service is voicemap's application layer, between the GraphQL
// resolvers and the store and analysis packages.
//
// Every operation is governed by one entry of the policy table
// (policy.go): what it does with data, which classes of data it reads or
// writes (organisation-level, aggregate, group-level, money,
// person-level) and the rule confining it to a principal's places. One
// layer (gate.go) applies the entry on every call: role checks before any
// store read or input read, the scope rule (scope.go, entity.go,
// writegate.go), consent (consent.go), small-number suppression of
// group-level figures (suppress.go), and the report of the people a
// person-level operation handed out, for the audit log (activity.go).
//
// Reads pass straight through to the store. Writes go to the store, which
// advances, in the write's own transaction, the versions of the places
// they touch; a cached analysis result is served only while the versions
// it was computed at stand, so a write through any API server over the
// same store is seen by every other at its next request (versions.go). Analyses take a
// snapshot of a scope from the store, build an analysis.Graph of its actors
// and relationships (network.go; the network of a scope and date is itself
// cached, in a small cache of its own, so that every analysis of that scope
// and date shares one snapshot), run the measure and map the results back
// to actors. Results are cached per scope, date and options (see cache.go
// and versions.go for the exact rules). On a large scope, betweenness and
// harmonic centrality are estimated by sampling with a stated error bound,
// and the results say so; scale.go holds that policy (ScalePolicy).
//
// The analyses are: centrality, communities and the network summary
// (analysis.go); unheard voices and the path to power (voice.go, over
// package analysis/voice); power concentration with decision seats,
// gatekeepers and brokers (power.go, over analysis/power and
// analysis/participation); representation by group and "nothing about us
// without us" (participation.go); relationship quality (quality.go); the
// power trend over dates (trend.go); and the network layout for drawing
// (layout.go, over package analysis/layout, stable over time through the
// hints of layouthints.go). Each file holds the adapter from a
// store snapshot to its analysis package's input.
package service
