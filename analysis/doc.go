// Package analysis computes network measures on a snapshot of the place
// network: centrality with NetworkX 3 conventions, Louvain communities and a
// network summary. It is pure: it imports only gonum and the standard
// library, knows nothing of GraphQL or storage, and is deterministic.
package analysis
