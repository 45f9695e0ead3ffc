package model

// Node is the GraphQL Node interface. Its implementations are the store
// types bound in gqlgen.yml (*store.Place, *store.Person, ...), which carry
// no GraphQL marker methods, so the Go type is an empty interface and the
// generated executor dispatches on the concrete type.
type Node interface{}

// Actor is the GraphQL Actor interface, implemented by *store.Person and
// *store.Organisation.
type Actor interface{}
