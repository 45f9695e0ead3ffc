// Package resolvers implements voicemap's GraphQL API over package service:
// the resolvers gqlgen lays out one file per schema file (*.resolvers.go),
// the HTTP handler (NewHandler) with its transports, limits and error
// presenter, and the per-request dataloaders.
package resolvers
