package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadmeCodeLayout keeps README's "Code layout" table and the tree in
// step: every path the table names exists (a file named in a row's
// description is looked for in that row's directories, then at the top),
// every top-level directory holding Go code has a row, and every Go file
// at the top (the thin main and its end-to-end tests) is named.
func TestReadmeCodeLayout(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "\n## Code layout\n")
	if start < 0 {
		t.Fatal(`README has no "## Code layout" section`)
	}
	section := text[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	code := regexp.MustCompile("`([^`]+)`")
	named := map[string]bool{}
	rows := 0
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") || strings.TrimSpace(cells[1]) == "path" {
			continue
		}
		rows++
		var dirs []string
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			p := m[1]
			named[strings.TrimSuffix(p, "/")] = true
			if strings.Contains(p, "*") {
				continue
			}
			st, err := os.Stat(p)
			if err != nil {
				t.Errorf("README code layout names %s, which does not exist", p)
				continue
			}
			if st.IsDir() {
				dirs = append(dirs, p)
			}
		}
		for _, m := range code.FindAllStringSubmatch(cells[2], -1) {
			p := m[1]
			if !strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, ".conf") && !strings.HasSuffix(p, "/") {
				continue // an identifier or a command, not a path
			}
			named[p] = true
			found := exists(p)
			for _, d := range dirs {
				found = found || exists(filepath.Join(d, p))
			}
			if !found {
				t.Errorf("README code layout row %s names %s, found neither there nor at the top", strings.TrimSpace(cells[1]), p)
			}
		}
	}
	if rows < 10 {
		t.Fatalf("README code layout: %d rows read, want the whole table", rows)
	}
	top, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range top {
		name := e.Name()
		switch {
		case e.IsDir() && !strings.HasPrefix(name, ".") && holdsGo(t, name) && !named[name]:
			t.Errorf("README code layout has no row for %s/, which holds Go code", name)
		case !e.IsDir() && strings.HasSuffix(name, ".go") && !named[name]:
			t.Errorf("README code layout does not name %s", name)
		}
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// holdsGo tells whether a directory or any below it holds a Go file.
func holdsGo(t *testing.T, dir string) bool {
	t.Helper()
	var found bool
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found {
			return fs.SkipDir
		}
		if d.IsDir() && slices.Contains([]string{"node_modules", "dist", "testdata"}, d.Name()) {
			return fs.SkipDir
		}
		found = !d.IsDir() && strings.HasSuffix(p, ".go")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}
