package service_test

import (
	"context"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

func TestLoadUK(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	svc, st := newImportService(t)
	// A stored Lambeth (another id, with counts by group) is updated in place.
	if _, err := svc.ImportPlaces(ctx, strings.NewReader(lambethPlaces)); err != nil {
		t.Fatal(err)
	}
	n, err := svc.LoadUK(ctx, service.UKLoad{Areas: []string{"Greater London"}, Boundaries: true})
	if err != nil {
		t.Fatalf("LoadUK(London): %v %q", err, store.ErrorDetails(err))
	}
	// UK, England, London and its 33 districts.
	if n.Places != 36 {
		t.Errorf("LoadUK(London) wrote %d places, want 36", n.Places)
	}
	lambeth, err := st.Place(ctx, "E09000022")
	if err != nil {
		t.Fatal(err)
	}
	if lambeth.Name != "Lambeth" || lambeth.ParentID != "E12000007" || lambeth.Population == nil || *lambeth.Population <= 300000 ||
		lambeth.NeedScale != "IMD2019_LAD_AVG_SCORE" || lambeth.NeedIndex == nil || !strings.HasPrefix(lambeth.Geometry, `{"type":"Polygon"`) {
		t.Errorf("Lambeth after LoadUK = %+v", lambeth)
	}
	london, err := st.Place(ctx, "E12000007")
	if err != nil || london.ParentID != "E92000001" {
		t.Errorf("London after LoadUK = %+v, %v; want under England", london, err)
	}
	ward, err := st.Place(ctx, "E05000436")
	if err != nil || ward.ParentID != "E09000022" || ward.PopulationByGroup["carer"] != 1250 {
		t.Errorf("a ward of the place data = %+v, %v; want kept under Lambeth with its counts", ward, err)
	}
	before := allPlaces(t, st)
	if _, err := svc.LoadUK(ctx, service.UKLoad{Areas: []string{"E12000007"}, Boundaries: true}); err != nil {
		t.Fatal(err)
	}
	if after := allPlaces(t, st); len(after) != len(before) {
		t.Errorf("loading London again: %d places, want %d", len(after), len(before))
	}
	for _, tt := range []struct{ areas []string }{{nil}, {[]string{"Atlantis"}}, {[]string{"X12345678"}}} {
		if _, err := svc.LoadUK(ctx, service.UKLoad{Areas: tt.areas}); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("LoadUK(%q) error %v, want EINVALID", tt.areas, err)
		}
	}
	if _, err := svc.LoadUK(as(t, auth.RoleAnalyst), service.UKLoad{Areas: []string{"Wales"}}); store.ErrorCode(err) != store.EFORBIDDEN {
		t.Errorf("LoadUK as an analyst: %v, want EFORBIDDEN", err)
	}
}
