package cli

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/store"
)

func TestAuditLogPathConfig(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{name: "default beside the default data file", want: filepath.Join("data", "audit.log")},
		{name: "beside -data", args: []string{"-data", "/srv/v/voicemap.db"}, want: "/srv/v/audit.log"},
		{name: "beside VOICEMAP_DATA, also with Neo4j", env: map[string]string{"VOICEMAP_DATA": "/srv/w/x.db", "NEO4J_URI": "bolt://db:7687"}, want: "/srv/w/audit.log"},
		{name: "environment", env: map[string]string{"VOICEMAP_AUDIT_LOG": "/var/log/vm-audit.log"}, want: "/var/log/vm-audit.log"},
		{name: "flag overrides environment", args: []string{"-audit-log", "/tmp/a.log"}, env: map[string]string{"VOICEMAP_AUDIT_LOG": "/var/log/vm-audit.log"}, want: "/tmp/a.log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseConfig(tt.args, env(tt.env), io.Discard)
			if err != nil {
				t.Fatalf("parseConfig(%q): %v", tt.args, err)
			}
			if cfg.AuditPath != tt.want {
				t.Errorf("parseConfig(%q).AuditPath = %q, want %q", tt.args, cfg.AuditPath, tt.want)
			}
		})
	}
}

// TestCLIExportReportAudited checks that export and report each append one
// record, key cli, naming the people the service handed them (for the
// export, exactly the people it wrote out) and none of their names, to the
// log beside the data file.
func TestCLIExportReportAudited(t *testing.T) {
	t.Parallel()
	path := demoData(t)
	logPath := filepath.Join(filepath.Dir(path), "audit.log")
	r := mustRunCLI(t, path, nil, "export", "-format", "csv")
	mustRunCLI(t, path, nil, "report", "-place", demo.Riverside, "-format", "csv")

	// The people the export wrote out.
	rows, err := csv.NewReader(strings.NewReader(strings.SplitN(r.stdout, "\n\n", 2)[0])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var exported []string
	for _, row := range rows[1:] {
		if row[2] == "person" {
			exported = append(exported, row[0])
		}
	}
	slices.Sort(exported)
	if len(exported) == 0 {
		t.Fatal("the export holds no people")
	}

	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range demo.Network().People {
		if strings.Contains(string(data), p.Name) {
			t.Errorf("audit log holds the name %q", p.Name)
		}
	}
	if n, err := audit.VerifyFile(logPath); err != nil || n != 2 {
		t.Fatalf("VerifyFile = %d, %v; want 2, nil", n, err)
	}
	c, err := audit.Read(logPath, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	key, err := audit.LoadKey(logPath + audit.KeySuffix)
	if err != nil {
		t.Fatal(err)
	}
	exportedHashes := make([]string, len(exported))
	for i, id := range exported {
		exportedHashes[i] = key.Subject(id)
		if strings.Contains(string(data), `"`+id+`"`) {
			t.Errorf("audit log holds the id %q", id)
		}
	}
	slices.Sort(exportedHashes)
	exp, rep := c.Items[0], c.Items[1]
	if exp.KeyID != CLIKeyID || exp.Operation != "cli export csv" || exp.Scope != "all" || !slices.Equal(exp.Subjects, exportedHashes) {
		t.Errorf("export record = %+v, want cli export csv of all with the %d exported people", exp, len(exported))
	}
	if rep.KeyID != CLIKeyID || rep.Operation != "cli report csv" || rep.Scope != "place="+demo.Riverside || len(rep.Subjects) == 0 || len(rep.Subjects) >= len(exp.Subjects) {
		t.Errorf("report record = %+v, want cli report csv of Riverside with some of the people", rep)
	}
	for _, h := range rep.Subjects {
		if !slices.Contains(exportedHashes, h) {
			t.Errorf("report subject %q is not a person's", h)
		}
	}
}

// TestCLIOutputWaitsForItsRecord checks that an export whose audit record
// cannot be written publishes nothing: no file, nothing on stdout.
func TestCLIOutputWaitsForItsRecord(t *testing.T) {
	t.Parallel()
	path := demoData(t)
	blocker := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	badLog := filepath.Join(blocker, "audit.log")
	out := filepath.Join(t.TempDir(), "net.graphml")
	for _, args := range [][]string{
		{"export", "-format", "graphml", "-audit-log", badLog},
		{"export", "-format", "graphml", "-audit-log", badLog, "-out", out},
		{"report", "-place", demo.Riverside, "-audit-log", badLog},
	} {
		r := runCLI(t, path, nil, args...)
		if r.code == ExitOK {
			t.Errorf("voicemap %q with an unwritable audit log succeeded", args)
		}
		if r.stdout != "" {
			t.Errorf("voicemap %q wrote %d bytes to stdout without its audit record", args, len(r.stdout))
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("voicemap %q left %s without its audit record (%v)", args, out, err)
		}
	}
}

func TestAuditKeyPathConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{name: "default beside the log", args: []string{"-audit-log", "/srv/a.log"}, want: "/srv/a.log.key"},
		{name: "environment", env: map[string]string{"VOICEMAP_AUDIT_KEY_FILE": "/etc/vm/audit.key"}, want: "/etc/vm/audit.key"},
		{name: "flag overrides environment", args: []string{"-audit-key", "/k"}, env: map[string]string{"VOICEMAP_AUDIT_KEY_FILE": "/etc/vm/audit.key"}, want: "/k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseConfig(tt.args, env(tt.env), io.Discard)
			if err != nil {
				t.Fatalf("parseConfig(%q): %v", tt.args, err)
			}
			if cfg.AuditKeyPath != tt.want {
				t.Errorf("parseConfig(%q).AuditKeyPath = %q, want %q", tt.args, cfg.AuditKeyPath, tt.want)
			}
		})
	}
}
