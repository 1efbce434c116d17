package mcp

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// TestChanges drives "dvhc --changes DIR mcp": the tools answer from the
// registry with the user's change set (communes 00004 and 00008 merged
// into a new 00004 on 2026-12-01), and data_version is its date.
func TestChanges(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "changes")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../dataset/changeset/testdata/merger.csv") // two communes merge
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "2026-12-01.csv"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	s := startArgs(t, []string{"--changes", dir, "mcp"})
	defer s.cs.Close()
	call := func(name string, args map[string]any, out any) {
		t.Helper()
		res, err := s.cs.CallTool(context.Background(), &sdk.CallToolParams{Name: name, Arguments: args})
		if err != nil || res.IsError {
			t.Fatalf("%s: %v %v", name, err, res)
		}
		b, _ := json.Marshal(res.StructuredContent)
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatal(err)
		}
	}
	var lk LookupUnitOutput
	call("lookup_unit", map[string]any{"code": "00004", "at": "2026-12-01"}, &lk)
	if len(lk.Units) != 1 || lk.Units[0].Name != "Phường Ba Đình Mới" || lk.DataVersion != "2026-12-01" {
		t.Errorf("lookup_unit 00004 on 2026-12-01: %+v, data version %q; want Phường Ba Đình Mới, 2026-12-01", lk.Units, lk.DataVersion)
	}
	var conv ConvertAddressOutput
	call("convert_address", map[string]any{"address": "Phường Ngọc Hà, Hà Nội", "to": "2026-12-01"}, &conv)
	if conv.Status != "ok" || conv.CommuneCode != "00004" || conv.Commune != "Phường Ba Đình Mới" {
		t.Errorf("convert_address Phường Ngọc Hà to 2026-12-01: %+v", conv.Conversion)
	}
}
