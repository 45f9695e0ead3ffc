package graph

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed *.graphqls
var schemaFiles embed.FS

// SchemaSDL returns the whole GraphQL schema: every graph/*.graphqls file,
// by name, each preceded by a comment naming it. The server publishes it
// as /schema.graphql for client code generation and the dashboard's
// explorer (introspection stays off in production).
func SchemaSDL() []byte {
	names, err := fs.Glob(schemaFiles, "*.graphqls")
	if err != nil {
		panic(err) // the pattern is constant and valid
	}
	var b strings.Builder
	for _, name := range names {
		data, err := schemaFiles.ReadFile(name)
		if err != nil {
			panic(err) // embedded: cannot fail
		}
		b.WriteString("# " + name + "\n")
		b.Write(data)
		if !strings.HasSuffix(string(data), "\n") {
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}
