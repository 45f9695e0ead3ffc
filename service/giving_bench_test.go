package service_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// The shape of a generated 360Giving file: about the proportions of a
// regional funder network.
const (
	benchFunders    = 20
	benchRecipients = 2000
	benchPlaces     = 300
)

var benchWords = strings.Fields(`community project support young people families older residents
	mental health wellbeing food bank advice service volunteers training employment housing
	isolation carers disabled children school holiday activities arts heritage sport outdoor
	environment energy debt refugees women men parents local neighbourhood centre core costs
	capacity building outreach digital inclusion befriending transport youth club garden`)

// benchGrant is one generated grant in both forms' terms.
type benchGrant struct {
	id, title, description, amount, date string
	recID, recName, fundID, fundName     string
	programme                            string
	locs                                 [][2]string // name, code
}

// benchGrants generates n grants deterministically (seeded): ~20 funders,
// ~2,000 recipients, ~300 beneficiary wards by ONS-style code (one in ten
// grants for two wards), amounts in pounds and pence, award dates over ten
// years, titles and descriptions of realistic length (~200 bytes).
func benchGrants(n int, fn func(benchGrant)) {
	r := rand.New(rand.NewPCG(360, 2024))
	sentence := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(benchWords[r.IntN(len(benchWords))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		f := r.IntN(benchFunders)
		rc := r.IntN(benchRecipients)
		g := benchGrant{
			id:          fmt.Sprintf("360G-bench-%02d:G%07d", f, i),
			title:       sentence(5 + r.IntN(4)),
			description: sentence(25+r.IntN(10)) + ".",
			amount:      fmt.Sprintf("%d.%02d", 500+r.IntN(50000), r.IntN(100)),
			date:        start.AddDate(0, 0, r.IntN(3652)).Format(time.DateOnly),
			recID:       fmt.Sprintf("GB-CHC-%07d", 1000000+rc),
			recName:     fmt.Sprintf("Community Organisation %d", rc),
			fundID:      fmt.Sprintf("GB-CHC-%06d", 200000+f),
			fundName:    fmt.Sprintf("Foundation %d", f),
			programme:   fmt.Sprintf("Programme %d", r.IntN(8)),
		}
		for range 1 + r.IntN(10)/9 {
			w := r.IntN(benchPlaces)
			g.locs = append(g.locs, [2]string{fmt.Sprintf("Ward %d", w), fmt.Sprintf("E05%06d", 10000+w)})
		}
		fn(g)
	}
}

// givingCSV returns a generated flat 360Giving CSV of n grants.
func givingCSV(n int) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
		"Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name", "Grant Programme:Title",
		"Beneficiary Location:0:Name", "Beneficiary Location:0:Geographic Code", "Beneficiary Location:0:Geographic Code Type",
		"Beneficiary Location:1:Name", "Beneficiary Location:1:Geographic Code", "Beneficiary Location:1:Geographic Code Type"})
	benchGrants(n, func(g benchGrant) {
		row := []string{g.id, g.title, g.description, "GBP", g.amount, g.date, g.recID, g.recName, g.fundID, g.fundName, g.programme}
		for i := range 2 {
			if i < len(g.locs) {
				row = append(row, g.locs[i][0], g.locs[i][1], "WD")
			} else {
				row = append(row, "", "", "")
			}
		}
		_ = w.Write(row)
	})
	w.Flush()
	return buf.Bytes()
}

// writeGivingJSON writes a generated 360Giving JSON package of n grants.
func writeGivingJSON(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	_, _ = w.WriteString(`{"grants": [`)
	i := 0
	type org struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	type loc struct {
		Name    string `json:"name"`
		GeoCode string `json:"geoCode"`
		Type    string `json:"geoCodeType"`
	}
	benchGrants(n, func(g benchGrant) {
		if i > 0 {
			_, _ = w.WriteString(",")
		}
		i++
		var locs []loc
		for _, l := range g.locs {
			locs = append(locs, loc{l[0], l[1], "WD"})
		}
		_ = enc.Encode(map[string]any{
			"id": g.id, "title": g.title, "description": g.description, "currency": "GBP",
			"amountAwarded": json.Number(g.amount), "awardDate": g.date,
			"recipientOrganization": []org{{g.recID, g.recName}}, "fundingOrganization": []org{{g.fundID, g.fundName}},
			"grantProgramme": []map[string]string{{"title": g.programme}}, "beneficiaryLocation": locs,
		})
	})
	_, _ = w.WriteString("]}\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// peakHeap samples the live heap every 5 ms until stop is called, and
// returns the largest value seen, in bytes.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		return peak.Load()
	}
}

// benchGivingGrants is the size of the generated file: 100,000 grants, or
// the number in GIVING_BENCH_GRANTS (NornicDB, the CI stand-in for Neo4j,
// writes about 20 grants a second, so its figure is measured on smaller
// files; see BENCHMARKS.md).
func benchGivingGrants(b *testing.B) int {
	if v := os.Getenv("GIVING_BENCH_GRANTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("GIVING_BENCH_GRANTS=%q is not a positive number", v)
		}
		return n
	}
	return 100_000
}

// BenchmarkImportGiving100k imports a generated 100,000-grant 360Giving
// file (CSV and JSON) into a fresh store per iteration: the embedded store
// always, Neo4j when NEO4J_TEST_URI is set. It reports grants/s, the file
// size and the peak live heap during the import.
//
//	go test ./service/ -run '^$' -bench ImportGiving100k -benchtime 1x
func BenchmarkImportGiving100k(b *testing.B) {
	grants := benchGivingGrants(b)
	dir := b.TempDir()
	csvPath, jsonPath := filepath.Join(dir, "grants.csv"), filepath.Join(dir, "grants.json")
	if err := os.WriteFile(csvPath, givingCSV(grants), 0o600); err != nil {
		b.Fatal(err)
	}
	if err := writeGivingJSON(jsonPath, grants); err != nil {
		b.Fatal(err)
	}
	stores := []struct {
		name string
		open func(b *testing.B) store.Store
	}{
		{"bolt", func(b *testing.B) store.Store { return servicetest.MustOpenStore(b) }},
		{"neo4j", func(b *testing.B) store.Store { return neo4jtest.Open(b) }},
	}
	files := []struct {
		name string
		form service.GivingForm
		path string
	}{{"csv", service.GivingCSV, csvPath}, {"json", service.GivingJSON, jsonPath}}
	for _, s := range stores {
		for _, f := range files {
			b.Run(f.name+"/"+s.name, func(b *testing.B) {
				info, err := os.Stat(f.path)
				if err != nil {
					b.Fatal(err)
				}
				var peak uint64
				for b.Loop() {
					b.StopTimer()
					st := s.open(b)
					// The region and its wards are stored: an import matches
					// locations, it never creates places.
					wards := store.Batch{Places: []store.Place{{ID: "region", Name: "Region"}}}
					for w := range benchPlaces {
						wards.Places = append(wards.Places, store.Place{ID: fmt.Sprintf("ward-%d", w), Name: fmt.Sprintf("Ward %d", w),
							Code: fmt.Sprintf("E05%06d", 10000+w), ParentID: "region"})
					}
					if _, err := st.Import(admin(b.Context()), wards); err != nil {
						b.Fatal(err)
					}
					file, err := os.Open(f.path)
					if err != nil {
						b.Fatal(err)
					}
					runtime.GC()
					stop := peakHeap()
					b.StartTimer()
					n, err := service.New(st, nil).ImportGiving(admin(b.Context()), file, service.GivingImport{Form: f.form, PlaceID: "region"})
					b.StopTimer()
					peak = max(peak, stop())
					file.Close()
					if err != nil {
						b.Fatalf("ImportGiving = %v", err)
					}
					if n.Grants != grants || n.OrganisationsCreated > benchFunders+benchRecipients || len(n.Unmatched) > 0 ||
						grants >= 50_000 && n.OrganisationsCreated != benchFunders+benchRecipients {
						b.Fatalf("ImportGiving = %+v, want %d grants, %d organisations, every location matched", n, grants, benchFunders+benchRecipients)
					}
					b.StartTimer()
				}
				b.ReportMetric(float64(grants)*float64(b.N)/b.Elapsed().Seconds(), "grants/s")
				b.ReportMetric(float64(info.Size())/1e6, "file-MB")
				b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
			})
		}
	}
}
