package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneCSVWriter checks that interchange.CSVWriter is the only CSV
// writer of the project: no other non-test Go file calls csv.NewWriter, so
// no CSV leaves voicemap without its cells made safe for spreadsheets.
func TestOneCSVWriter(t *testing.T) {
	const writer = "interchange/csvwrite.go"
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.ToSlash(path) == writer {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), "csv.NewWriter(") {
			t.Errorf("%s calls csv.NewWriter: write CSV through interchange.NewCSVWriter", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
