package interchange_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

// checkEINVALID fails unless err is a *store.Error EINVALID with details.
func checkEINVALID(t *testing.T, fn string, err error) {
	t.Helper()
	var e *store.Error
	if !errors.As(err, &e) || e.Code != store.EINVALID || len(e.Details) == 0 {
		t.Fatalf("%s error = %#v, want a *store.Error EINVALID with details", fn, err)
	}
}

// FuzzParsePlacesCSV checks that ParsePlacesCSV never panics and returns
// either EINVALID with details, or places in normal form with distinct ids
// and codes, every parent in the file listed before its children.
func FuzzParsePlacesCSV(f *testing.F) {
	f.Add(readTestdata(f, "places_lambeth.csv"), false)
	f.Add([]byte("code,name,parent code\nA,a,B\nB,b,A\n"), false)
	f.Add([]byte("Code,Name,Parent Code,Population,Need Index,Need Scale,population:carer\nE05000436,Vassall,e09000022,1,2,IMD2019_SCORE,\n"), true)
	stored := storedPlaces(
		store.Place{ID: "lambeth", Name: "Lambeth", Code: "E09000022"},
		store.Place{ID: "vassall", Name: "Vassall", Code: "E05000436", ParentID: "lambeth", PopulationByGroup: map[string]int{"carer": 3}},
	)
	f.Fuzz(func(t *testing.T, data []byte, withStored bool) {
		var lookup interchange.PlaceLookup
		if withStored {
			lookup = stored
		}
		places, err := interchange.ParsePlacesCSV(bytes.NewReader(data), lookup)
		if err != nil {
			checkEINVALID(t, "ParsePlacesCSV", err)
			return
		}
		assertNormalized(t, store.Batch{Places: places})
		pos := map[string]int{}
		codes := map[string]bool{}
		for i, p := range places {
			if _, dup := pos[p.ID]; dup {
				t.Fatalf("place id %q appears twice", p.ID)
			}
			if codes[strings.ToLower(p.Code)] {
				t.Fatalf("code %q appears twice", p.Code)
			}
			pos[p.ID], codes[strings.ToLower(p.Code)] = i, true
		}
		for i, p := range places {
			if j, in := pos[p.ParentID]; in && j >= i {
				t.Fatalf("place %q at %d comes before its parent %q at %d", p.ID, i, p.ParentID, j)
			}
		}
	})
}
