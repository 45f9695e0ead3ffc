package giving_test

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/voicemap/voicemap/interchange/giving"
)

// generated is an io.Reader producing a 360Giving file of n grants, one
// grant at a time, so that a test can read a large file without holding it.
type generated struct {
	n, next int
	json    bool
	buf     []byte
	done    bool
}

func newGenerated(n int, json bool) *generated {
	g := &generated{n: n, json: json}
	if json {
		g.buf = append(g.buf, `{"grants": [`...)
	} else {
		g.buf = append(g.buf, "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Grant Programme:Title,Beneficiary Location:Name,Beneficiary Location:Geographic Code,Beneficiary Location:Geographic Code Type\r\n"...)
	}
	return g
}

func (g *generated) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && !g.done {
		g.fill()
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}

// fill appends grant number g.next; recipients, wards and dates repeat, as
// in a funder's real file.
func (g *generated) fill() {
	i := g.next
	if i == g.n {
		if g.json {
			g.buf = append(g.buf, "\n]}\n"...)
		}
		g.done = true
		return
	}
	g.next++
	pence := 100000 + (i*7919)%5000000
	date := fmt.Sprintf("20%02d-%02d-%02d", 15+i%10, 1+i%12, 1+i%28)
	rec, ward := i%20000, i%600
	if g.json {
		if i > 0 {
			g.buf = append(g.buf, ',')
		}
		g.buf = fmt.Appendf(g.buf, `
  {"id": "360G-bench-%d", "title": "Grant to community group %d", "description": "Running costs for a community project supporting local people, year %d.",
   "currency": "GBP", "amountAwarded": %d.%02d, "awardDate": "%sT00:00:00+00:00", "dateModified": "2024-01-01T00:00:00Z",
   "recipientOrganization": [{"id": "GB-CHC-%d", "name": "Community Group %d", "postalCode": "AB1 2CD"}],
   "fundingOrganization": [{"id": "GB-CHC-1000000", "name": "Bench Trust"}],
   "grantProgramme": [{"code": "MAIN", "title": "Main Grants"}],
   "beneficiaryLocation": [{"name": "Ward %d", "geoCode": "E05%06d", "geoCodeType": "WD"}]}`,
			i, rec, i%3+1, pence/100, pence%100, date, 1100000+rec, rec, ward, ward)
		return
	}
	g.buf = fmt.Appendf(g.buf, "360G-bench-%d,Grant to community group %d,\"Running costs for a community project supporting local people, year %d.\",GBP,%d.%02d,%s,GB-CHC-%d,Community Group %d,GB-CHC-1000000,Bench Trust,Main Grants,Ward %d,E05%06d,WD\r\n",
		i, rec, i%3+1, pence/100, pence%100, date, 1100000+rec, rec, ward, ward)
}

func benchParse(b *testing.B, json bool, parse func(io.Reader, func(giving.Grant) error) error) {
	const n = 100_000
	data, err := io.ReadAll(newGenerated(n, json))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		count := 0
		if err := parse(bytes.NewReader(data), func(giving.Grant) error { count++; return nil }); err != nil || count != n {
			b.Fatalf("parsed %d grants, error %v", count, err)
		}
	}
}

// BenchmarkParseCSV100k parses a generated flat CSV of 100,000 grants.
func BenchmarkParseCSV100k(b *testing.B) { benchParse(b, false, giving.ParseCSV) }

// BenchmarkParseJSON100k parses a generated JSON package of 100,000 grants.
func BenchmarkParseJSON100k(b *testing.B) { benchParse(b, true, giving.ParseJSON) }

// TestParseStreams parses generated files of 20,000 and 100,000 grants that
// are never held in memory, and checks that the live heap during the parse
// stays well below the file's size and grows between the two only by the
// identifiers kept to find duplicates.
func TestParseStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100,000-grant files")
	}
	for _, form := range []struct {
		name  string
		json  bool
		parse func(io.Reader, func(giving.Grant) error) error
	}{{"CSV", false, giving.ParseCSV}, {"JSON", true, giving.ParseJSON}} {
		t.Run(form.name, func(t *testing.T) {
			peak := map[int]uint64{}
			size := map[int]int64{}
			for _, n := range []int{20_000, 100_000} {
				base := liveHeap()
				src := &countingReader{r: newGenerated(n, form.json)}
				count := 0
				err := form.parse(src, func(giving.Grant) error {
					count++
					if count%10_000 == 0 {
						peak[n] = max(peak[n], liveHeap()-min(base, liveHeap()))
					}
					return nil
				})
				if err != nil || count != n {
					t.Fatalf("parsed %d of %d grants, error %v", count, n, err)
				}
				size[n] = src.n
				t.Logf("%s, %d grants: file %.1f MB, peak live heap above baseline %.1f MB", form.name, n, float64(src.n)/1e6, float64(peak[n])/1e6)
			}
			// The file is never held: the heap stays well under its size.
			if big := int64(peak[100_000]); big > size[100_000]/3 {
				t.Errorf("peak live heap %d bytes for a %d-byte file, want under a third", big, size[100_000])
			}
			// Beyond the identifier set (under 100 bytes an identifier,
			// with its map entry), the heap does not grow with the file.
			if grow := int64(peak[100_000]) - int64(peak[20_000]); grow > 80_000*100 {
				t.Errorf("live heap grew by %d bytes from 20,000 to 100,000 grants, want under %d", grow, 80_000*100)
			}
		})
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
