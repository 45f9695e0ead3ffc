// Package model holds the GraphQL types that have no domain counterpart in
// package store or service: the generated connection, edge and input types
// (models_gen.go) and the hand-written Date scalar and interface types.
package model
