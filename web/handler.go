package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
)

// CSP is the Content-Security-Policy of every page and asset: scripts,
// workers, styles, fonts, images and requests only from the server itself
// (no inline script, no eval, no CDN); inline styles are allowed because
// the charting, map and editor libraries set style attributes and SVG
// <style> elements as they draw. Images may be data: or blob: URLs (the
// PNG export and map sprites), fonts data: URLs (GraphiQL's stylesheet
// carries its fonts inline); the page may not be framed.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Cache policies.
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// file is one servable file with its precompressed variants.
type file struct {
	data, gz, br []byte
	ctype, etag  string
	immutable    bool
}

// Options are what the dashboard needs to know of the server.
type Options struct {
	// KeysRequired is true when the API asks for a key: the dashboard then
	// asks for one before its first request, rather than after a 401.
	KeysRequired bool
}

// Handler returns the handler of the dashboard, of /schema.graphql
// (schema is the SDL to publish) and of /dashboard.json (the Options the
// page reads at start). It indexes the embedded build once; it panics when
// the build is incomplete (no index.html or routes.json), which the
// package's tests rule out.
func Handler(schema []byte, opts Options) http.Handler {
	files, routes, err := index(dist)
	if err != nil {
		panic(err)
	}
	files["/schema.graphql"] = &file{data: schema, ctype: "text/plain; charset=utf-8", etag: etag(schema)}
	conf, err := json.Marshal(map[string]bool{"keysRequired": opts.KeysRequired})
	if err != nil {
		panic(err)
	}
	files["/dashboard.json"] = &file{data: conf, ctype: "application/json", etag: etag(conf)}
	return &handler{files: files, routes: routes}
}

type handler struct {
	files  map[string]*file
	routes map[string]bool
}

// pages are the paths of the build's other pages: the survey respondent's
// page, a small entry of its own, opened by the links that invite returns
// (/respond#vs_..., the secret in the fragment, never sent here).
var pages = map[string]string{"/respond": "/respond.html"}

// index reads the build in fsys: every file under dist/ by its URL path
// (variants NAME.gz and NAME.br attached to NAME), and the dashboard's
// routes from routes.json (written by the build from src/routes.ts).
func index(fsys fs.FS) (map[string]*file, map[string]bool, error) {
	root, err := fs.Sub(fsys, "dist")
	if err != nil {
		return nil, nil, err
	}
	files := map[string]*file{}
	variants := map[string][]byte{}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
			variants["/"+p] = data
			return nil
		}
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		files["/"+p] = &file{data: data, ctype: ctype, etag: etag(data), immutable: strings.HasPrefix(p, "assets/")}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("web: read the embedded build: %w", err)
	}
	for name, data := range variants {
		base, ok := files[name[:len(name)-3]]
		if !ok {
			return nil, nil, fmt.Errorf("web: %s has no uncompressed original", name)
		}
		if strings.HasSuffix(name, ".gz") {
			base.gz = data
		} else {
			base.br = data
		}
	}
	for _, page := range append([]string{"/index.html"}, slices.Sorted(maps.Values(pages))...) {
		if files[page] == nil {
			return nil, nil, fmt.Errorf("web: the embedded build has no %s: run npm ci && npm run build in web/", page[1:])
		}
	}
	rf := files["/routes.json"]
	if rf == nil {
		return nil, nil, fmt.Errorf("web: the embedded build has no routes.json")
	}
	var list []string
	if err := json.Unmarshal(rf.data, &list); err != nil {
		return nil, nil, fmt.Errorf("web: routes.json: %w", err)
	}
	routes := map[string]bool{}
	for _, r := range list {
		routes[r] = true
	}
	return files, routes, nil
}

func etag(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if h.routes[p] {
		p = "/index.html"
	} else if page, ok := pages[p]; ok {
		p = page
	}
	f := h.files[p]
	if f == nil || p == "/routes.json" {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Security-Policy", CSP)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Content-Type", f.ctype)
	hd.Add("Vary", "Accept-Encoding")
	if f.immutable {
		hd.Set("Cache-Control", cacheImmutable)
	} else {
		hd.Set("Cache-Control", cacheRevalidate)
	}
	hd.Set("ETag", f.etag)
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, f.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := f.data
	switch enc := pickEncoding(r.Header.Get("Accept-Encoding"), f.br != nil, f.gz != nil); enc {
	case "br":
		body = f.br
		hd.Set("Content-Encoding", enc)
	case "gzip":
		body = f.gz
		hd.Set("Content-Encoding", enc)
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = bytes.NewReader(body).WriteTo(w)
}

// pickEncoding chooses br, then gzip, among those the client accepts (a
// coding listed with q=0 is refused) and the file has; "" for identity.
func pickEncoding(accept string, hasBr, hasGz bool) string {
	ok := map[string]bool{}
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, found := strings.CutPrefix(strings.TrimSpace(params), "q="); found {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		ok[strings.ToLower(strings.TrimSpace(name))] = q > 0
	}
	switch {
	case hasBr && ok["br"]:
		return "br"
	case hasGz && ok["gzip"]:
		return "gzip"
	}
	return ""
}
