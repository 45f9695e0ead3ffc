// Package graph holds voicemap's GraphQL schema, split by domain into
// *.graphqls files, and the executable schema gqlgen generates from it
// (generated.go). The resolvers live in package resolvers; regenerate with
// `go generate ./resolvers`. Nothing here is edited by hand except the
// schema files.
package graph
