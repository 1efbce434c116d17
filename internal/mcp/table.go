package mcp

import (
	"context"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/api"
	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/stats"
	"github.com/dvhc-vn/dvhc/tabular"
)

// ConvertTableInput is the input of convert_table: a table keyed by unit
// codes, as JSON rows (the body of POST /v1/stats) or as CSV text, and the
// options of POST /v1/stats.
type ConvertTableInput struct {
	wire.StatsRows
	CSV      string   `json:"csv,omitempty" jsonschema:"the table as CSV text with a header line, instead of rows"`
	Key      string   `json:"key,omitempty" jsonschema:"the column of unit codes; default a column named code, ma, mã xã, mã tỉnh…, else the first column"`
	From     string   `json:"from,omitempty" jsonschema:"date of the units the table is keyed by, YYYY-MM-DD; default 2025-06-30 (the units before the reorganisation)"`
	To       string   `json:"to,omitempty" jsonschema:"date of the units to convert to, YYYY-MM-DD; default today. Earlier than from: back to the older units"`
	Level    string   `json:"level,omitempty" jsonschema:"level of the output: commune, district or province; default the level of the codes (province aggregates)"`
	Sum      []string `json:"sum,omitempty" jsonschema:"count columns (population, households…): added up on merges, apportioned on splits"`
	Mean     []string `json:"mean,omitempty" jsonschema:"rate columns (a poverty rate…): means weighted by the column weight_by"`
	WeightBy string   `json:"weight_by,omitempty" jsonschema:"the column weighting the means (e.g. households for a poverty rate); default equal weights"`
	Weight   string   `json:"weight,omitempty" jsonschema:"how a split unit's figure is apportioned: population (default), area, equal, or the name of a column holding the old units' populations"`
	AllUnits bool     `json:"all_units,omitempty" jsonschema:"list every unit of the target date, also those that received no data (thousands of rows at commune level); default only the units with data"`
}

// ConvertTableOutput is the output of convert_table: the answer of POST
// /v1/stats in JSON (columns, rows, report), without the rows of units that
// received no data unless all_units is set.
type ConvertTableOutput struct {
	wire.Stats
	Omitted int `json:"omitted_rows" jsonschema:"rows of units that received no data, left out (all_units false); report.no_data lists their codes"`
	Version
}

// maxTableBytes bounds the CSV text of convert_table, as the HTTP API
// bounds a request body.
const maxTableBytes = api.DefaultMaxBody

const convertTableDescription = "Converts a table of figures keyed by administrative unit codes from the units of one date (from, default 2025-06-30) " +
	"to those of another (to, default today): counts (sum) are added up on merges and apportioned on splits; rates (mean) are averaged, weighted by weight_by; " +
	"level province aggregates. Give the table as rows (JSON objects) or csv (text with a header). " +
	"Each output row is a unit of the target date: code, name, the converted columns, assumed_weight (yes when a split share was estimated, not known: " +
	"the sources hold no populations of the old communes) and sources (the number of input units that contributed). " +
	"The report gives each column's total before and after, unknown keys, duplicate keys (added up) and bad values with their row numbers, " +
	"and the units without data: tell the user about every one of them, and that assumed shares are estimates."

func (s *Server) addTableTool(ro *sdk.ToolAnnotations) {
	sdk.AddTool(s.s, &sdk.Tool{Name: "convert_table", Title: "Convert a statistical table", Annotations: ro,
		Description: convertTableDescription}, s.convertTable)
}

func (s *Server) convertTable(ctx context.Context, _ *sdk.CallToolRequest, in ConvertTableInput) (*sdk.CallToolResult, ConvertTableOutput, error) {
	var out ConvertTableOutput
	var opts stats.Options
	var err error
	if opts.From, err = date("from", in.From, stats.DefaultFrom); err != nil {
		return nil, out, err
	}
	if opts.To, err = date("to", in.To, s.cfg.Today()); err != nil {
		return nil, out, err
	}
	if opts.Level, err = level(in.Level); err != nil {
		return nil, out, err
	}
	opts.Key, opts.Sum, opts.Mean, opts.WeightBy = strings.TrimSpace(in.Key), in.Sum, in.Mean, strings.TrimSpace(in.WeightBy)
	wire.SetStatsWeight(&opts, strings.TrimSpace(in.Weight))

	var table tabular.Reader
	switch {
	case len(in.Rows) > 0 && in.CSV != "":
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "give rows or csv, not both")
	case len(in.Rows) > 0:
		if n := len(in.Rows); n > api.MaxStatsJSONRows {
			return nil, out, dvhc.Errorf(dvhc.EINVALID, "%d rows in one call; at most %d", n, api.MaxStatsJSONRows)
		}
		var wt *stats.WeightTable
		if table, wt, err = in.StatsRows.Table(); err != nil {
			return nil, out, err
		}
		opts.Weight.Table = wt
	case strings.TrimSpace(in.CSV) != "":
		if len(in.CSV) > maxTableBytes {
			return nil, out, dvhc.Errorf(dvhc.EINVALID, "argument csv is longer than %d bytes", maxTableBytes)
		}
		if table, err = tabular.NewReader(strings.NewReader(in.CSV), tabular.CSV, tabular.ReaderOptions{}); err != nil {
			return nil, out, dvhc.Errorf(dvhc.EINVALID, "argument csv: %v", err)
		}
		if opts.Weight.Table, err = in.StatsRows.WeightTable(); err != nil {
			return nil, out, err
		}
	default:
		return nil, out, dvhc.Errorf(dvhc.EINVALID, "give the table: rows (JSON objects) or csv (text with a header line)")
	}
	defer table.Close()
	res, _, err := wire.ConvertStats(ctx, s.reg, table, opts)
	if err != nil {
		return nil, out, err
	}
	if !in.AllUnits {
		kept := res.Rows[:0]
		for _, r := range res.Rows {
			if r[len(r)-1] != "0" { // the sources column
				kept = append(kept, r)
			}
		}
		out.Omitted = len(res.Rows) - len(kept)
		res.Rows = kept
	}
	out.Stats, out.DataVersion = res, s.version
	return nil, out, nil
}
