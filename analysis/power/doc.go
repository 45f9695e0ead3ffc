// Package power measures how concentrated power is in a place network and
// who brokers or gates access to it: Freeman centralization (matching
// igraph's centralization_* functions), the Gini coefficient, top share,
// the Herfindahl–Hirschman index and the smallest majority of holders,
// articulation points with the number of people each one separates from
// decision holders, and Burt's constraint and effective size (matching
// NetworkX's constraint and effective_size).
//
// Like its parent package analysis it is pure: it imports only the standard
// library and analysis, knows nothing of GraphQL or storage, and gives the
// same answer on every run. Reference values come from
// scripts/reference/power_reference.py (NetworkX and python-igraph from
// Debian) and are checked by the tests to 1e-6.
package power
