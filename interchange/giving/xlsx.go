package giving

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// MaxWorkbookSize caps the size of an XLSX file ParseXLSX reads: a
// workbook is read whole (its parts are compressed in a zip archive), and
// decompressed it may be several times larger.
const MaxWorkbookSize = 64 << 20

// sheetError is a problem with a workbook as a whole.
type sheetError struct{ msg string }

func (e *sheetError) Error() string { return e.msg }

// ParseXLSX reads a 360Giving spreadsheet saved as an Excel workbook
// (.xlsx): its first sheet is read exactly as the flat CSV form (ParseCSV:
// the same column titles, the same checks, line numbers as the
// spreadsheet's row numbers), and the other sheets are ignored. Cells are
// read as stored, not as displayed: text as text, numbers in full (so an
// amount keeps every digit the spreadsheet holds), and a number in the
// Award Date column, which is how Excel stores a date, as that calendar
// date (Excel's 1900 or 1904 date system, as the workbook says). Empty
// rows are skipped.
//
// The workbook is read whole, at most MaxWorkbookSize bytes. A file that
// is not a workbook, an encrypted one, or one without a sheet is refused
// with a problem naming it. opt is as for ParseCSVWith.
func ParseXLSX(r io.Reader, opt Options, fn func(Grant) error) error {
	data, err := io.ReadAll(io.LimitReader(r, MaxWorkbookSize+1))
	if err != nil {
		return fmt.Errorf("giving: read XLSX: %w", err)
	}
	c := newChecker(csvNames, opt)
	if len(data) > MaxWorkbookSize {
		c.probs.addf("XLSX: the workbook is larger than the limit of %d bytes", MaxWorkbookSize)
		return c.probs.err("XLSX")
	}
	src, err := openSheet(data)
	if err != nil {
		c.probs.addf("XLSX: %s", err.Error())
		return c.probs.err("XLSX")
	}
	defer src.close()
	return parseRows(src, "XLSX", opt, fn)
}

// xlsxRows yields the rows of a workbook's first sheet, converting a
// number in the Award Date column to its date.
type xlsxRows struct {
	f        *excelize.File
	rows     *excelize.Rows
	line     int
	dateCol  int // the Award Date column, once the header is read
	date1904 bool
}

func openSheet(data []byte) (_ *xlsxRows, err error) {
	defer func() {
		// The library must not take the process down on a hostile file.
		if p := recover(); p != nil {
			err = fmt.Errorf("the file is not a readable workbook")
		}
	}()
	// Bound what the archive may unpack to, against zip bombs.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 8 * MaxWorkbookSize, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(err.Error(), "zip") {
			return nil, fmt.Errorf("the file is not an Excel workbook (.xlsx)")
		}
		return nil, fmt.Errorf("the workbook cannot be read (%s)", errorClass(err))
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		_ = f.Close()
		return nil, fmt.Errorf("the workbook has no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("its first sheet %q cannot be read (%s)", sheets[0], errorClass(err))
	}
	x := &xlsxRows{f: f, rows: rows, dateCol: -1}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		x.date1904 = *props.Date1904
	}
	return x, nil
}

// errorClass names an error of the library without echoing file content.
func errorClass(err error) string {
	msg := err.Error()
	if len(msg) > 80 {
		msg = msg[:80]
	}
	return msg
}

func (x *xlsxRows) close() {
	_ = x.rows.Close()
	_ = x.f.Close()
}

func (x *xlsxRows) next() (row []string, line int, err error) {
	defer func() {
		if p := recover(); p != nil {
			row, err = nil, &sheetError{fmt.Sprintf("row %d of the sheet cannot be read", x.line+1)}
		}
	}()
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, 0, &sheetError{fmt.Sprintf("after row %d the sheet cannot be read (%s)", x.line, errorClass(err))}
		}
		return nil, 0, io.EOF
	}
	x.line++
	row, err = x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, 0, &sheetError{fmt.Sprintf("row %d of the sheet cannot be read (%s)", x.line, errorClass(err))}
	}
	if x.line == 1 {
		for i, t := range row {
			if normTitle(t) == "award date" {
				x.dateCol = i
			}
		}
	} else if x.dateCol >= 0 && x.dateCol < len(row) {
		row[x.dateCol] = excelDate(row[x.dateCol], x.date1904)
	}
	return row, x.line, nil
}

// excelDate turns a cell holding an Excel date serial number (days since
// the epoch of the workbook's date system, with the time as a fraction)
// into YYYY-MM-DD; any other text is returned as it is.
func excelDate(s string, date1904 bool) string {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || v < 1 || v > 2958465 { // 2958465 is 9999-12-31
		return s
	}
	days := math.Floor(v)
	var epoch time.Time
	switch {
	case date1904:
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days < 60:
		// Before Excel's fictitious 29 February 1900, serial 1 is
		// 1 January 1900.
		epoch = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		epoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	}
	return epoch.AddDate(0, 0, int(days)).Format(time.DateOnly)
}
