package giving_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/store"
)

// workbook writes a small 360Giving workbook: the header and rows of the
// first sheet, the Award Date column styled as a date (Excel's built-in
// format 14), and a second sheet that must be ignored.
func workbook(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
			if _, isDate := v.(time.Time); isDate {
				_ = f.SetCellStyle("Sheet1", cell, cell, style)
			}
		}
	}
	if _, err := f.NewSheet("Notes"); err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellValue("Notes", "A1", "not grants")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var xlsxHeader = []any{"Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
	"Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name", "Beneficiary Location:Geographic Code"}

func TestParseXLSX(t *testing.T) {
	t.Parallel()
	book := workbook(t, [][]any{
		xlsxHeader,
		{"360G-x-1", "One", "About", "GBP", 41133.770000000004, time.Date(2015, 6, 2, 0, 0, 0, 0, time.UTC), "GB-CHC-1", "Rec", "GB-CHC-2", "Fund", "E09000022"},
		{},
		{"360G-x-2", "Two", "About", "GBP", "1500.5", "2016-01-31", "GB-CHC-1", "Rec", "GB-CHC-2", "Fund", ""},
	})
	var got []giving.Grant
	var rounded []giving.Problem
	err := giving.ParseXLSX(bytes.NewReader(book), giving.Options{Rounded: func(p giving.Problem, _ int64) { rounded = append(rounded, p) }},
		func(g giving.Grant) error { got = append(got, g); return nil })
	if err != nil {
		t.Fatalf("ParseXLSX error %v %q", err, store.ErrorDetails(err))
	}
	if len(got) != 2 || got[0].Amount != 4113377 || got[0].AwardDate != time.Date(2015, 6, 2, 0, 0, 0, 0, time.UTC) ||
		got[0].Row != 2 || got[1].Row != 4 || got[1].Amount != 150050 || len(got[0].Beneficiaries) != 1 {
		t.Fatalf("ParseXLSX = %+v", got)
	}
	if len(rounded) != 1 || rounded[0].At != "line 2" || rounded[0].Field != "Amount Awarded" {
		t.Fatalf("rounded = %+v, want line 2's amount", rounded)
	}

	// A bad row is refused with its spreadsheet row number, or skipped.
	bad := workbook(t, [][]any{xlsxHeader,
		{"360G-x-1", "One", "About", "GBP", "12,00", time.Date(2015, 6, 2, 0, 0, 0, 0, time.UTC), "GB-CHC-1", "Rec", "GB-CHC-2", "Fund", ""},
		{"360G-x-2", "Two", "About", "GBP", 10, time.Date(2015, 6, 3, 0, 0, 0, 0, time.UTC), "GB-CHC-1", "Rec", "GB-CHC-2", "Fund", ""}})
	err = giving.ParseXLSX(bytes.NewReader(bad), giving.Options{}, func(giving.Grant) error { return nil })
	if d := store.ErrorDetails(err); len(d) != 1 || !strings.HasPrefix(d[0], `line 2, Amount Awarded: "12,00" is not a number`) {
		t.Fatalf("ParseXLSX(bad amount) = %v %q", err, d)
	}
	var skipped []giving.Problem
	got = nil
	err = giving.ParseXLSX(bytes.NewReader(bad), giving.Options{SkipInvalid: true, Skipped: func(p giving.Problem) { skipped = append(skipped, p) }},
		func(g giving.Grant) error { got = append(got, g); return nil })
	if err != nil || len(got) != 1 || got[0].ID != "360G-x-2" || len(skipped) != 1 || skipped[0].Value != "12,00" || skipped[0].Row != 2 {
		t.Fatalf("ParseXLSX(skip invalid) = %v, %+v, skipped %+v", err, got, skipped)
	}

	for name, data := range map[string][]byte{"not a workbook": []byte("Identifier,Title\n"), "empty": nil, "truncated": book[:len(book)/2]} {
		err := giving.ParseXLSX(bytes.NewReader(data), giving.Options{}, func(giving.Grant) error { return nil })
		if store.ErrorCode(err) != store.EINVALID {
			t.Errorf("ParseXLSX(%s) = %v, want EINVALID", name, err)
		}
	}
}

// TestParseXLSXReal reads the Lloyds Bank Foundation for England and
// Wales's published workbook (testdata/publishers, see the README): 4,116
// grants, dates stored as Excel serial numbers.
func TestParseXLSXReal(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/publishers/lloyds_bank_foundation_2010_2015.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Read strictly it is refused: six of its rows lack a required field,
	// each named.
	err = giving.ParseXLSX(f, giving.Options{}, func(giving.Grant) error { return nil })
	want := []string{"line 397, Description: is required", "line 460, Description: is required", "line 629, Description: is required",
		"line 1618, Description: is required", "line 2363, Recipient Org:Identifier: is required", "line 3651, Description: is required"}
	if got := store.ErrorDetails(err); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("ParseXLSX(Lloyds Bank Foundation) problems = %q, want %q", got, want)
	}
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	var n, skipped int
	var total int64
	var first giving.Grant
	err = giving.ParseXLSX(f, giving.Options{SkipInvalid: true, Skipped: func(giving.Problem) { skipped++ }}, func(g giving.Grant) error {
		if n == 0 {
			first = g
		}
		n++
		total += g.Amount
		return nil
	})
	if err != nil {
		t.Fatalf("ParseXLSX(Lloyds Bank Foundation) error %v %q", err, store.ErrorDetails(err))
	}
	// The first row: 360G-LBFEW-114001, £15,000 to Women's Aid
	// Leicestershire, awarded on Excel day 42165, which is 10 June 2015
	// (1899-12-30 plus 42165 days, as Python's datetime.date computes it).
	if n != 4110 || skipped != 6 || first.ID != "360G-LBFEW-114001" || first.Amount != 1500000 || first.AwardDate.Format(time.DateOnly) != "2015-06-10" ||
		first.RecipientOrg.ID != "GB-CHC-1136419" || first.FundingOrg.Name != "Lloyds Bank Foundation for England and Wales" {
		t.Fatalf("ParseXLSX read %d grants, first %+v", n, first)
	}
	if total <= 0 {
		t.Fatalf("total %d", total)
	}
}

// TestParseXLSXCorrupt feeds the reader 300 damaged copies of a
// workbook (bytes overwritten at random, seeded): each must end, within 30
// seconds, with its grants or an EINVALID error, never a panic, a hang or
// another error.
func TestParseXLSXCorrupt(t *testing.T) {
	t.Parallel()
	seed := workbook(t, [][]any{xlsxHeader, {"360G-x-1", "One", "About", "GBP", 12.5, time.Date(2015, 6, 2, 0, 0, 0, 0, time.UTC), "GB-CHC-1", "Rec", "GB-CHC-2", "Fund", ""}})
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 300 {
		data := bytes.Clone(seed)
		for range 1 + r.IntN(4) {
			data[r.IntN(len(data))] = byte(r.IntN(256))
		}
		done := make(chan error, 1)
		go func() {
			done <- giving.ParseXLSX(bytes.NewReader(data), giving.Options{SkipInvalid: true}, func(giving.Grant) error { return nil })
		}()
		select {
		case err := <-done:
			if err != nil && store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("damaged copy %d: error %v, want EINVALID", i, err)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("damaged copy %d: still reading after 30 s", i)
		}
	}
}

// FuzzParseXLSX writes hostile cell values into a workbook (the identifier,
// amount and award date cells, the amount also as a number when it reads
// as one) and checks that reading it never panics and fails only with
// EINVALID: the path from the workbook's cells through the date
// conversion to the 360Giving checks. Damaged workbooks are
// TestParseXLSXCorrupt's.
func FuzzParseXLSX(f *testing.F) {
	f.Add("360G-x-1", "12.5", "42165")
	f.Add("", "41133.770000000004", "2015-06-02")
	f.Add("x", "-1e308", "99999999")
	f.Add("\x00", "NaN", "0.5")
	f.Fuzz(func(t *testing.T, id, amount, date string) {
		var amountCell any = amount
		if v, err := strconv.ParseFloat(amount, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			amountCell = v
		}
		book := workbook(t, [][]any{xlsxHeader, {id, "Title", "About", "GBP", amountCell, date, "GB-CHC-1", "Rec", "GB-CHC-2", "Fund", ""}})
		err := giving.ParseXLSX(bytes.NewReader(book), giving.Options{DateOrder: giving.DMY}, func(g giving.Grant) error {
			if g.Amount < 0 || g.AwardDate.IsZero() {
				t.Fatalf("grant %+v has a negative amount or no date", g)
			}
			return nil
		})
		if err != nil && store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("ParseXLSX error %v, want EINVALID", err)
		}
	})
}
