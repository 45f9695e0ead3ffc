package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Import formats, as -format names them.
const (
	formatGraphML     = "graphml"
	formatJSON        = "json"
	formatGivingJSON  = "360giving-json"
	formatGivingCSV   = "360giving-csv"
	formatGivingXLSX  = "360giving-xlsx"
	formatPlacesCSV   = "places-csv"
	formatKumu        = "kumu"
	formatBoundaries  = "geojson"
	detectPeekBytes   = 64 << 10
	detectAskForFlags = "; give -format graphml, json, 360giving-json, 360giving-csv, 360giving-xlsx, places-csv, kumu or geojson"
)

// detectFormat decides the format of the file at path (for "-", stdin)
// whose first bytes r buffers: by extension (.graphml and .xml are GraphML,
// .gexf is refused, .geojson is GeoJSON boundaries), then by content: a
// JSON object with a top-level "grants" key is 360Giving JSON, one with
// "features" GeoJSON boundaries, and any other JSON object voicemap JSON;
// XML is GraphML; a CSV whose header has "Amount Awarded" is 360Giving CSV,
// one with "code" and "name" columns places CSV, one with "Label" a Kumu
// elements sheet (column names case-insensitive). Anything else, or a
// header matching two formats, is a usageError asking for -format.
func detectFormat(path string, r *bufio.Reader) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".graphml", ".xml":
		return formatGraphML, nil
	case ".gexf":
		return "", usageErrorf("import: %s: GEXF import is not supported (voicemap exports GEXF for Gephi; import GraphML, which Gephi also writes)", path)
	case ".geojson":
		return formatBoundaries, nil
	case ".xlsx":
		return formatGivingXLSX, nil
	}
	head, err := r.Peek(detectPeekBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return "", err
	}
	complete := len(head) < detectPeekBytes
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return "", usageErrorf("import: %s is empty", path)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		// A zip archive: voicemap reads one kind, the Excel workbook.
		return formatGivingXLSX, nil
	case trimmed[0] == '{':
		return detectJSON(path, trimmed, complete)
	case trimmed[0] == '<':
		if bytes.Contains(trimmed[:min(len(trimmed), 4096)], []byte("<gexf")) {
			return "", usageErrorf("import: %s: GEXF import is not supported (import GraphML, which Gephi also writes)", path)
		}
		return formatGraphML, nil
	}
	return detectCSV(path, head)
}

// voicemapSections are the top-level keys of a voicemap JSON document.
var voicemapSections = []string{"version", "places", "people", "organisations", "relationships", "forums", "participations"}

// detectJSON tells 360Giving JSON ("grants") and GeoJSON ("features") from
// voicemap JSON by the top-level keys
// in head, the start of the document (all of it when complete).
func detectJSON(path string, head []byte, complete bool) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(head))
	if _, err := dec.Token(); err != nil { // the opening brace
		return "", usageErrorf("import: %s: not valid JSON%s", path, detectAskForFlags)
	}
	voicemap := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break // cut off, or malformed: decide on the keys seen
		}
		key, _ := tok.(string)
		switch key {
		case "grants":
			return formatGivingJSON, nil
		case "features":
			return formatBoundaries, nil
		}
		voicemap = voicemap || slices.Contains(voicemapSections, key)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			break
		}
	}
	if complete || voicemap {
		return formatJSON, nil
	}
	return "", usageErrorf("import: %s: cannot tell 360Giving JSON from voicemap JSON in its first %d bytes%s", path, detectPeekBytes, detectAskForFlags)
}

// detectCSV decides a CSV format by the header row at the start of head.
func detectCSV(path string, head []byte) (string, error) {
	cr := csv.NewReader(bytes.NewReader(head))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err != nil {
		return "", usageErrorf("import: %s: not a CSV, JSON or GraphML file%s", path, detectAskForFlags)
	}
	cols := map[string]bool{}
	for _, h := range header {
		cols[strings.ToLower(strings.Join(strings.Fields(h), " "))] = true
	}
	if cols["amount awarded"] {
		return formatGivingCSV, nil
	}
	places, kumu := cols["code"] && cols["name"], cols["label"]
	switch {
	case places && kumu:
		return "", usageErrorf("import: %s: the header fits both places-csv and kumu%s", path, detectAskForFlags)
	case places:
		return formatPlacesCSV, nil
	case kumu:
		return formatKumu, nil
	}
	return "", usageErrorf("import: %s: cannot tell the format from its header%s", path, detectAskForFlags)
}
