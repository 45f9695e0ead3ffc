package ladder_test

import (
	"testing"

	"github.com/voicemap/voicemap/analysis/ladder"
)

func TestLevels(t *testing.T) {
	tests := []struct {
		name  string
		level ladder.Level
		power bool
	}{
		{"INFORM", ladder.Inform, false},
		{"CONSULT", ladder.Consult, false},
		{"CO_DESIGN", ladder.CoDesign, false},
		{"CO_PRODUCE", ladder.CoProduce, true},
		{"LEAD", ladder.Lead, true},
	}
	for i, tt := range tests {
		if got, ok := ladder.ParseLevel(tt.name); !ok || got != tt.level {
			t.Errorf("ParseLevel(%q) = %v, %v, want %v, true", tt.name, got, ok, tt.level)
		}
		if got := tt.level.String(); got != tt.name {
			t.Errorf("%d.String() = %q, want %q", tt.level, got, tt.name)
		}
		if got := tt.level.HoldsPower(); got != tt.power {
			t.Errorf("%s.HoldsPower() = %v, want %v", tt.name, got, tt.power)
		}
		if ladder.Levels[i] != tt.level {
			t.Errorf("Levels[%d] = %v, want %v", i, ladder.Levels[i], tt.level)
		}
	}
	for _, bad := range []string{"", "inform", "SHOUT"} {
		if _, ok := ladder.ParseLevel(bad); ok {
			t.Errorf("ParseLevel(%q) ok, want not", bad)
		}
	}
	if s := ladder.Level(5).String(); s != "" {
		t.Errorf("Level(5).String() = %q, want empty", s)
	}
}

func TestStages(t *testing.T) {
	for i, name := range []string{"IDEA", "DESIGN", "DELIVERY", "EVALUATION"} {
		got, ok := ladder.ParseStage(name)
		if !ok || got != ladder.Stage(i) || got.String() != name || ladder.Stages[i] != got {
			t.Errorf("ParseStage(%q) = %v, %v; want stage %d named so", name, got, ok, i)
		}
	}
	if _, ok := ladder.ParseStage("LATER"); ok {
		t.Errorf("ParseStage(LATER) ok, want not")
	}
}
