package mcp

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/registry"
)

// TestREADME checks the README's section on AI assistants: its
// configuration snippets are valid JSON that start "dvhc mcp", its one-line
// command does, the error message it quotes is the one TestStdio gets, and
// its table of tools lists the tools the server has.
func TestREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "### AI assistants (MCP)\n")
	if !ok {
		t.Fatal("README has no section \"AI assistants (MCP)\"")
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	if !strings.Contains(sec, "\nclaude mcp add dvhc -- dvhc mcp\n") {
		t.Error("README lacks the one-line claude mcp add command")
	}
	if !strings.Contains(sec, "`4 addresses in one call; at most 3: split the list`") {
		t.Error("README does not quote the batch-limit message that TestStdio checks")
	}
	var listed []string
	for _, line := range strings.Split(sec, "\n") {
		if name, ok := strings.CutPrefix(line, "| `"); ok {
			name, _, _ = strings.Cut(name, "`")
			listed = append(listed, name)
		}
	}
	slices.Sort(listed)
	if tools := serverTools(t); !slices.Equal(listed, tools) {
		t.Errorf("README's table of tools lists %v, the server has %v", listed, tools)
	}
	blocks := strings.Split(sec, "```json\n")[1:]
	if len(blocks) != 2 {
		t.Fatalf("%d JSON snippets, want 2 (Claude Desktop, VS Code)", len(blocks))
	}
	for _, blk := range blocks {
		blk, _, _ = strings.Cut(blk, "```")
		var cfg map[string]map[string]struct {
			Type    string   `json:"type"`
			Command string   `json:"command"`
			Args    []string `json:"args"`
		}
		if err := json.Unmarshal([]byte(blk), &cfg); err != nil {
			t.Errorf("snippet is not valid JSON: %v\n%s", err, blk)
			continue
		}
		n := 0
		for _, key := range []string{"mcpServers", "servers"} {
			if srv, ok := cfg[key]["dvhc"]; ok {
				n++
				if srv.Command != "dvhc" || !slices.Equal(srv.Args, []string{"mcp"}) || (key == "servers" && srv.Type != "stdio") {
					t.Errorf("%s.dvhc = %+v, want dvhc mcp over stdio", key, srv)
				}
			}
		}
		if n != 1 {
			t.Errorf("snippet does not configure one dvhc server:\n%s", blk)
		}
	}
}

// serverTools returns the names of the server's tools, sorted, from a
// session in memory.
func serverTools(t *testing.T) []string {
	t.Helper()
	reg, err := registry.Default()
	if err != nil {
		t.Fatal(err)
	}
	conv, err := address.Default()
	if err != nil {
		t.Fatal(err)
	}
	ct, st := sdk.NewInMemoryTransports()
	ctx := context.Background()
	ss, err := New(Config{Registry: reg, Converter: conv}).s.Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "readme", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	res, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
	}
	slices.Sort(names)
	return names
}
