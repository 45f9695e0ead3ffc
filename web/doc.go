// Package web serves voicemap's dashboard: the static assets built from
// the TypeScript sources beside this file (npm ci && npm run build, output
// in dist/, committed) and embedded in the binary, so the dashboard needs
// no Node.js where voicemap runs.
//
// Handler answers GET and HEAD for:
//
//	/ and the dashboard's routes   index.html, Cache-Control: no-cache
//	/assets/NAME-HASH.EXT          hashed assets, Cache-Control: public, max-age=31536000, immutable
//	/schema.graphql                the GraphQL schema, for client code generation
//	/dashboard.json                whether the API asks for a key
//
// choosing a precompressed brotli or gzip variant by Accept-Encoding, with a
// strict Content-Security-Policy (scripts only from the server itself, no
// inline script) and the usual hardening headers. Anything else is 404.
package web
