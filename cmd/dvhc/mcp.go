package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/api"
	"github.com/dvhc-vn/dvhc/internal/mcp"
)

var mcpCmd = &command{
	name:    "mcp",
	args:    "[--max-batch N]",
	summary: "serve the registry and the converter to AI assistants (Model Context Protocol, stdio)",
	doc: `Runs a Model Context Protocol server on standard input and output, for AI
assistants (Claude Desktop, Claude Code, VS Code, Cursor...): an assistant
starts "dvhc mcp" itself and calls its tools, convert_address,
convert_addresses, lookup_unit, search_units, lineage, locate and
convert_table (a table of figures to another date's units, like dvhc stats), and reads
its resources, dvhc://provinces and dvhc://events. Every answer carries
data_version, the date of the latest event in the data. Diagnostics go to
stderr; the server exits when its standard input ends.

Examples:
  claude mcp add dvhc -- dvhc mcp
  dvhc mcp --max-batch 1000`,
	setup: func(fs *flag.FlagSet) func(*env, []string) error {
		maxBatch := fs.Int("max-batch", api.DefaultMaxBatch, "most addresses in one convert_addresses call")
		return func(e *env, args []string) error {
			if err := noArgs("mcp", args); err != nil {
				return err
			}
			if *maxBatch <= 0 {
				return dvhc.Errorf(dvhc.EINVALID, "--max-batch must be positive")
			}
			c, err := converter(true)
			if err != nil {
				return err
			}
			s := mcp.New(mcp.Config{Registry: c.Registry(), Converter: c, MaxBatch: *maxBatch})
			if err := s.Serve(e.ctx, e.stdin, e.stdout); err != nil {
				if errors.Is(err, context.Canceled) {
					return err
				}
				return dvhc.Errorf(dvhc.EINTERNAL, "mcp: %v", err)
			}
			fmt.Fprintln(e.stderr, "dvhc: mcp: input closed, stopped")
			return nil
		}
	},
}
