package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/registry"
)

// binDir holds the dvhc binary that the tests build.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dvhc-mcp-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
	buildOut  []byte
)

// dvhcBinary builds cmd/dvhc once per test run, into a temporary
// directory, so that the tests drive the real "dvhc mcp".
func dvhcBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binary = filepath.Join(binDir, "dvhc")
		goCmd, err := exec.LookPath("go")
		if err != nil {
			buildErr = err
			return
		}
		buildOut, buildErr = exec.Command(goCmd, "build", "-o", binary, "github.com/dvhc-vn/dvhc/cmd/dvhc").CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build ./cmd/dvhc: %v\n%s", buildErr, buildOut)
	}
	return binary
}

// session is a client session with a "dvhc mcp" subprocess, with the
// output schemas of its tools compiled.
type session struct {
	t       *testing.T
	cs      *sdk.ClientSession
	stderr  *bytes.Buffer
	schemas map[string]*jsonschema.Resolved
	called  map[string]bool // tools whose output was validated
}

func start(t *testing.T, args ...string) *session {
	t.Helper()
	return startArgs(t, append([]string{"mcp"}, args...))
}

// startArgs starts dvhc with args (global flags, then "mcp" and its own).
func startArgs(t *testing.T, args []string) *session {
	t.Helper()
	cmd := exec.Command(dvhcBinary(t), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	client := sdk.NewClient(&sdk.Implementation{Name: "dvhc-test", Version: "1"}, nil)
	cs, err := client.Connect(context.Background(), &sdk.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connect: %v\nstderr: %s", err, stderr.String())
	}
	return &session{t: t, cs: cs, stderr: &stderr, schemas: map[string]*jsonschema.Resolved{}, called: map[string]bool{}}
}

// tools lists the tools and compiles their output schemas.
func (s *session) tools() []*sdk.Tool {
	s.t.Helper()
	res, err := s.cs.ListTools(context.Background(), nil)
	if err != nil {
		s.t.Fatalf("tools/list: %v", err)
	}
	for _, tool := range res.Tools {
		if tool.OutputSchema == nil {
			s.t.Errorf("tool %s has no output schema", tool.Name)
			continue
		}
		var sch jsonschema.Schema
		b, _ := json.Marshal(tool.OutputSchema)
		if err := json.Unmarshal(b, &sch); err != nil {
			s.t.Fatalf("tool %s: output schema: %v", tool.Name, err)
		}
		r, err := sch.Resolve(nil)
		if err != nil {
			s.t.Fatalf("tool %s: output schema: %v", tool.Name, err)
		}
		s.schemas[tool.Name] = r
	}
	return res.Tools
}

// call calls a tool. A result that is not an error must carry structured
// content valid against the tool's output schema, with the data version;
// it is decoded into out.
func (s *session) call(name string, args map[string]any, out any) *sdk.CallToolResult {
	s.t.Helper()
	res, err := s.cs.CallTool(context.Background(), &sdk.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		s.t.Fatalf("%s(%v): protocol error: %v\nstderr: %s", name, args, err, s.stderr.String())
	}
	if res.IsError {
		return res
	}
	b, err := json.Marshal(res.StructuredContent)
	if err != nil {
		s.t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		s.t.Fatal(err)
	}
	sch, ok := s.schemas[name]
	if !ok {
		s.t.Fatalf("%s: no output schema listed", name)
	}
	if err := sch.Validate(v); err != nil {
		s.t.Errorf("%s(%v): output does not match its schema: %v\n%s", name, args, err, b)
	}
	var ver Version
	if err := json.Unmarshal(b, &ver); err != nil || ver.DataVersion != dataVersion(s.t) {
		s.t.Errorf("%s: data_version %q, want %q", name, ver.DataVersion, dataVersion(s.t))
	}
	s.called[name] = true
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			s.t.Fatalf("%s: decode output: %v\n%s", name, err, b)
		}
	}
	return res
}

func text(res *sdk.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

func dataVersion(t *testing.T) string {
	r, err := registry.Default()
	if err != nil {
		t.Fatal(err)
	}
	return r.DataDate().String()
}

func candidateCodes(c wire.Conversion) []string {
	var out []string
	for _, k := range c.Candidates {
		out = append(out, k.CommuneCode)
	}
	return out
}

func linkCodes(ls []wire.Link) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Code+" "+l.Share)
	}
	return out
}

// TestStdio drives "dvhc mcp" as a subprocess through the SDK's client
// over stdio: the tools, their answers on real data checked against their
// output schemas, tool errors for bad arguments, the resources, and a clean
// exit when the client closes the server's input.
func TestStdio(t *testing.T) {
	s := start(t, "--max-batch", "3")

	init := s.cs.InitializeResult()
	if init.ServerInfo.Name != "dvhc" {
		t.Errorf("server name %q", init.ServerInfo.Name)
	}
	for _, w := range []string{"ambiguous", "Never pick one yourself", "ask the user", "data_version"} {
		if !strings.Contains(init.Instructions, w) {
			t.Errorf("instructions lack %q", w)
		}
	}

	var names []string
	for _, tool := range s.tools() {
		names = append(names, tool.Name)
		if tool.Description == "" || tool.Annotations == nil || !tool.Annotations.ReadOnlyHint {
			t.Errorf("tool %s: want a description and the read-only hint", tool.Name)
		}
	}
	slices.Sort(names)
	want := []string{"convert_address", "convert_addresses", "convert_table", "lineage", "locate", "lookup_unit", "search_units"}
	if !slices.Equal(names, want) {
		t.Fatalf("tools %v, want %v", names, want)
	}

	t.Run("convert_address split", func(t *testing.T) {
		var out ConvertAddressOutput
		s.call("convert_address", map[string]any{"address": "Xã Cổ Bi, Huyện Gia Lâm, Hà Nội", "to": "2025-07-01"}, &out)
		if out.Status != "ambiguous" || out.CommuneCode != "" || out.Address != "" {
			t.Errorf("status %q commune %q address %q: want ambiguous with no commune (no guessed default)", out.Status, out.CommuneCode, out.Address)
		}
		if got := candidateCodes(out.Conversion); !slices.Equal(got, []string{"00136", "00541", "00565"}) {
			t.Errorf("candidates %v, want every successor 00136 00541 00565", got)
		}
		for _, c := range out.Candidates {
			if c.Share != "part" || c.Note == "" || c.Address == "" {
				t.Errorf("candidate %+v: want share part, the official note and the rewritten address", c)
			}
		}
		if out.ProvinceCode != "01" || out.Note == "" || out.To != "2025-07-01" {
			t.Errorf("province %q note %q to %q", out.ProvinceCode, out.Note, out.To)
		}
	})

	t.Run("convert_address split with a point", func(t *testing.T) {
		var out ConvertAddressOutput
		s.call("convert_address", map[string]any{"address": "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN", "to": "2025-07-01", "lat": 21.0335, "lon": 105.8465}, &out)
		if out.Status != "ok" || out.CommuneCode != "00070" {
			t.Errorf("status %q commune %q, want ok 00070 (the point decides)", out.Status, out.CommuneCode)
		}
	})

	t.Run("convert_address merged", func(t *testing.T) {
		var out ConvertAddressOutput
		s.call("convert_address", map[string]any{"address": "Số 12 Nguyễn Trãi, Phường 7, Quận 5, TP.HCM", "to": "2025-07-01"}, &out)
		if out.Status != "ok" || out.CommuneCode != "27316" || out.ProvinceCode != "79" ||
			out.Address != "Số 12 Nguyễn Trãi, Phường An Đông, Thành phố Hồ Chí Minh" || len(out.Candidates) != 0 {
			t.Errorf("got %+v, want ok 27316 Phường An Đông", out.Conversion)
		}
	})

	t.Run("convert_addresses", func(t *testing.T) {
		var out ConvertAddressesOutput
		s.call("convert_addresses", map[string]any{
			"addresses": []string{"P7, Q5, TP.HCM", "xa co bi, huyen gia lam, ha noi", "???"},
			"to":        "2025-07-01",
		}, &out)
		var st []string
		for _, r := range out.Results {
			st = append(st, r.Status)
		}
		if !slices.Equal(st, []string{"ok", "ambiguous", "invalid"}) || out.Count != 3 || out.To != "2025-07-01" {
			t.Errorf("statuses %v count %d to %q", st, out.Count, out.To)
		}
		if out.Statuses["ok"] != 1 || out.Statuses["ambiguous"] != 1 || out.Statuses["invalid"] != 1 {
			t.Errorf("statuses %v", out.Statuses)
		}
		if got := candidateCodes(out.Results[1]); !slices.Equal(got, []string{"00136", "00541", "00565"}) {
			t.Errorf("candidates %v", got)
		}
	})

	t.Run("lineage forward", func(t *testing.T) {
		var out LineageOutput
		s.call("lineage", map[string]any{"code": "00004", "at": "2025-06-30", "to": "2025-07-01"}, &out)
		if out.Unit.Name != "Phường Trúc Bạch" || out.Direction != "successors" {
			t.Errorf("unit %q direction %q", out.Unit.Name, out.Direction)
		}
		if got := linkCodes(out.Links); !slices.Equal(got, []string{"00004 whole"}) || out.Links[0].Name != "Phường Ba Đình" ||
			out.Links[0].EventResolution != "1656/NQ-UBTVQH15" {
			t.Errorf("links %v, want 00004 Phường Ba Đình whole by 1656/NQ-UBTVQH15", got)
		}
	})

	t.Run("lineage backward", func(t *testing.T) {
		var out LineageOutput
		s.call("lineage", map[string]any{"code": "00004", "at": "2025-07-01", "to": "2025-06-30"}, &out)
		if out.Unit.Name != "Phường Ba Đình" || out.Direction != "predecessors" {
			t.Errorf("unit %q direction %q", out.Unit.Name, out.Direction)
		}
		want := []string{"00004 whole", "00013 whole", "00016 part", "00019 part", "00022 part", "00028 part", "00040 part", "00055 part", "00073 part", "00112 part"}
		if got := linkCodes(out.Links); !slices.Equal(got, want) {
			t.Errorf("links %v, want %v", got, want)
		}
	})

	t.Run("lineage split", func(t *testing.T) {
		var out LineageOutput
		s.call("lineage", map[string]any{"code": "00553", "at": "2025-06-30", "to": "2025-07-01"}, &out)
		if got := linkCodes(out.Links); !slices.Equal(got, []string{"00136 part", "00541 part", "00565 part"}) {
			t.Errorf("links %v", got)
		}
	})

	t.Run("lookup_unit", func(t *testing.T) {
		var before, after LookupUnitOutput
		s.call("lookup_unit", map[string]any{"code": "00004", "at": "2025-06-30"}, &before)
		s.call("lookup_unit", map[string]any{"code": "00004", "at": "2025-07-01"}, &after)
		if len(before.Units) != 1 || before.Units[0].Name != "Phường Trúc Bạch" || before.Units[0].Parent == nil || before.Units[0].Parent.Code != "001" {
			t.Errorf("00004 on 2025-06-30: %+v", before.Units)
		}
		if len(after.Units) != 1 || after.Units[0].Name != "Phường Ba Đình" || after.Units[0].FormedFrom == nil {
			t.Errorf("00004 on 2025-07-01: %+v", after.Units)
		}
		var byName LookupUnitOutput
		s.call("lookup_unit", map[string]any{"name": "phuong ba dinh", "at": "2025-07-01"}, &byName)
		if len(byName.Units) != 1 || byName.Units[0].Code != "00004" {
			t.Errorf("by name: %+v", byName.Units)
		}
		var shared LookupUnitOutput
		s.call("lookup_unit", map[string]any{"name": "Ba Đình", "level": "commune", "at": "2025-07-01"}, &shared)
		var codes []string
		for _, u := range shared.Units {
			codes = append(codes, u.Code)
		}
		if !slices.Equal(codes, []string{"00004", "16171", "21499"}) || !strings.Contains(shared.Note, "ask the user") {
			t.Errorf("shared name: %v %q, want 00004 16171 21499 and a note to ask the user", codes, shared.Note)
		}
	})

	t.Run("search_units", func(t *testing.T) {
		var out SearchUnitsOutput
		s.call("search_units", map[string]any{"query": "buon ma thuot", "at": "2025-06-30"}, &out)
		if len(out.Matches) == 0 || out.Matches[0].Code != "643" || out.Matches[0].Level != "district" {
			t.Errorf("matches %+v, want district 643 first", out.Matches)
		}
	})

	t.Run("locate", func(t *testing.T) {
		var out LocateOutput
		s.call("locate", map[string]any{"lat": 21.0287, "lon": 105.8524, "at": "2025-07-01"}, &out)
		if out.Commune.Code != "00070" || out.Province.Code != "01" {
			t.Errorf("commune %s province %s, want 00070 01", out.Commune.Code, out.Province.Code)
		}
	})

	t.Run("convert_table", func(t *testing.T) {
		// Old communes 00004 Phường Trúc Bạch and 00013 merged whole into
		// the new 00004 Phường Ba Đình; 00553 Xã Cổ Bi was split among
		// 00136, 00541 and 00565; 99999 is no commune; "4" repeats 00004.
		rows := []map[string]any{
			{"code": "00004", "households": 100, "poor": 10},
			{"code": "00013", "households": "300", "poor": 20},
			{"code": "00553", "households": 900, "poor": 5},
			{"code": "99999", "households": 7, "poor": 1},
			{"code": 4, "households": 1},
		}
		var out ConvertTableOutput
		s.call("convert_table", map[string]any{"rows": rows, "to": "2025-07-01", "sum": []string{"households"},
			"mean": []string{"poor"}, "weight_by": "households"}, &out)
		if got := strings.Join(out.Columns, ","); got != "code,name,households,poor,assumed_weight,sources" {
			t.Errorf("columns %s", got)
		}
		var got []string
		for _, r := range out.Rows {
			got = append(got, strings.Join(r, ","))
		}
		// The merge adds up (100 + 1 + 300); the means are weighted by
		// households ((10·100 + 20·300) / 400; the repeated row has no
		// rate); the split commune's figure is shared by an assumed weight.
		want := []string{
			"00004,Phường Ba Đình,401,17.5,no,2",
			"00136,Phường Phúc Lợi,",
			"00541,Xã Phù Đổng,",
			"00565,Xã Gia Lâm,",
		}
		if len(got) != len(want) {
			t.Fatalf("rows %q, want the 4 units with data", got)
		}
		var split float64
		for i, w := range want {
			if !strings.HasPrefix(got[i], w) {
				t.Errorf("row %d: %q, want %q…", i, got[i], w)
			}
			if i > 0 {
				r := out.Rows[i]
				if r[3] != "5" || r[4] != "yes" || r[5] != "1" {
					t.Errorf("split row %q: want poor 5, assumed_weight yes, 1 source", got[i])
				}
				var v float64
				fmt.Sscan(r[2], &v)
				split += v
			}
		}
		if split < 899.999 || split > 900.001 {
			t.Errorf("the split commune's 900 households went out as %g", split)
		}
		rep := out.Report
		if out.Omitted != 3321-4 || rep.TargetUnits != 3321 || rep.NoDataCount != 3321-4 || rep.Assumed != 3 {
			t.Errorf("omitted %d, target units %d, no data %d, assumed %d", out.Omitted, rep.TargetUnits, rep.NoDataCount, rep.Assumed)
		}
		if tot := rep.Totals[0]; tot.Column != "households" || tot.In != 1308 || tot.Unknown != 7 || tot.Out < 1300.999 || tot.Out > 1301.001 {
			t.Errorf("households total: %+v, want in 1308 (7 unknown), out 1301", tot)
		}
		if rep.UnknownCount != 1 || rep.Unknown[0].Row != 4 || rep.Unknown[0].Key != "99999" ||
			rep.DuplicateCount != 1 || rep.Duplicates[0].Row != 5 || !rep.Findings {
			t.Errorf("report: unknown %+v, duplicates %+v, findings %v", rep.Unknown, rep.Duplicates, rep.Findings)
		}

		// The same table as CSV text, to the province.
		var prov ConvertTableOutput
		s.call("convert_table", map[string]any{"csv": "ma,households\n00004,100\n00013,300\n00553,900\n",
			"to": "2025-07-01", "level": "province", "sum": []string{"households"}}, &prov)
		if len(prov.Rows) != 1 || strings.Join(prov.Rows[0], ",") != "01,Thành phố Hà Nội,1300,no,3" || prov.Omitted != 33 || prov.Report.Findings {
			t.Errorf("province: rows %q, omitted %d, findings %v", prov.Rows, prov.Omitted, prov.Report.Findings)
		}
		var all ConvertTableOutput
		s.call("convert_table", map[string]any{"csv": "ma,households\n00004,100\n", "to": "2025-07-01", "level": "province",
			"sum": []string{"households"}, "all_units": true}, &all)
		if len(all.Rows) != 34 || all.Omitted != 0 {
			t.Errorf("all_units: %d rows, omitted %d; want 34, 0", len(all.Rows), all.Omitted)
		}
	})

	// Bad arguments: tool errors with a message naming the problem.
	bad := []struct {
		tool string
		args map[string]any
		want string
	}{
		{"convert_address", map[string]any{}, "address"},
		{"convert_address", map[string]any{"address": "  "}, "argument address is required"},
		{"convert_address", map[string]any{"address": strings.Repeat("x", 1001)}, "longer than 1000 bytes"},
		{"convert_address", map[string]any{"address": "P7, Q5, TP.HCM", "to": "2025-13-01"}, "argument to"},
		{"convert_address", map[string]any{"address": "P7, Q5, TP.HCM", "lat": 21.0}, "lat and lon go together"},
		{"convert_address", map[string]any{"address": "P7, Q5, TP.HCM", "colour": "red"}, "colour"},
		{"convert_address", map[string]any{"address": 12}, "address"},
		{"convert_addresses", map[string]any{"addresses": []string{"a", "b", "c", "d"}}, "4 addresses in one call; at most 3: split the list"},
		{"convert_addresses", map[string]any{"addresses": []string{}}, "at least one"},
		{"convert_addresses", map[string]any{"addresses": []string{"a", "b"}, "points": []any{nil}}, "1 points for 2 addresses"},
		{"convert_address", map[string]any{"address": "P7, Q5, TP.HCM", "prefer": "words"}, `argument prefer: want both, text or point, got "words"`},
		{"convert_addresses", map[string]any{"addresses": []string{"a"}, "prefer": "words"}, "argument prefer"},
		{"lookup_unit", map[string]any{}, "code or the name"},
		{"lookup_unit", map[string]any{"code": "abc"}, "not all digits"},
		{"lookup_unit", map[string]any{"code": "00004", "name": "Ba Đình"}, "not both"},
		{"lookup_unit", map[string]any{"code": "99999", "at": "2025-07-01"}, "99999"},
		{"lookup_unit", map[string]any{"code": "00004", "level": "hamlet"}, "argument level"},
		{"lookup_unit", map[string]any{"name": "Nowhere at all", "at": "2025-07-01"}, "no unit named"},
		{"search_units", map[string]any{"query": ""}, "argument query is required"},
		{"search_units", map[string]any{"query": "ba dinh", "limit": 1000}, "argument limit"},
		{"lineage", map[string]any{"code": "00004", "at": "yesterday"}, "argument at"},
		{"lineage", map[string]any{"name": "Ba Đình", "level": "commune", "at": "2025-07-01"}, "give the code"},
		{"lineage", map[string]any{"code": "00004", "at": "2025-06-30", "to": "2025-07-01", "level": "province"}, "province code"},
		{"locate", map[string]any{"lat": 200.0, "lon": 105.0}, "not a WGS 84 position"},
		{"locate", map[string]any{"lat": 10.0, "lon": 110.0, "at": "2025-07-01"}, "no commune contains the point"},
		{"locate", map[string]any{"lat": "x", "lon": 105.0}, "lat"},
		{"convert_table", map[string]any{"sum": []string{"n"}}, "give the table"},
		{"convert_table", map[string]any{"rows": []any{map[string]any{"code": "00004", "n": 1}}, "csv": "code,n\n00004,1\n", "sum": []string{"n"}}, "not both"},
		{"convert_table", map[string]any{"csv": "code,n\n00004,1\n"}, "name the columns to convert"},
		{"convert_table", map[string]any{"csv": "code,n\n00004,1\n", "sum": []string{"m"}}, `no --sum column "m"`},
		{"convert_table", map[string]any{"csv": "code,n\n00004,1\n", "sum": []string{"n"}, "from": "2025-02-30"}, "argument from"},
		{"convert_table", map[string]any{"rows": []any{map[string]any{"code": "00004", "n": []int{1}}}, "sum": []string{"n"}}, `row 1, column "n"`},
		{"convert_table", map[string]any{"csv": "code,n\n00004,1\n", "sum": []string{"n"}, "weights": []any{map[string]any{"old": "", "weight": 1}}}, "weights[0]"},
		{"no_such_tool", map[string]any{}, ""},
	}
	for _, b := range bad {
		res, err := s.cs.CallTool(context.Background(), &sdk.CallToolParams{Name: b.tool, Arguments: b.args})
		if b.tool == "no_such_tool" {
			if err == nil && !res.IsError {
				t.Errorf("unknown tool: no error")
			}
			continue
		}
		if err != nil {
			t.Errorf("%s(%v): protocol error %v, want a tool error", b.tool, b.args, err)
			continue
		}
		if !res.IsError || !strings.Contains(text(res), b.want) {
			t.Errorf("%s(%v): isError %v %q, want a tool error mentioning %q", b.tool, b.args, res.IsError, text(res), b.want)
		}
	}

	t.Run("resources", func(t *testing.T) {
		lr, err := s.cs.ListResources(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		var uris []string
		for _, r := range lr.Resources {
			uris = append(uris, r.URI)
		}
		slices.Sort(uris)
		if !slices.Equal(uris, []string{EventsURI, ProvincesURI}) {
			t.Errorf("resources %v", uris)
		}
		read := func(uri string, v any) {
			res, err := s.cs.ReadResource(context.Background(), &sdk.ReadResourceParams{URI: uri})
			if err != nil {
				t.Fatalf("read %s: %v", uri, err)
			}
			if len(res.Contents) != 1 || res.Contents[0].MIMEType != "application/json" {
				t.Fatalf("read %s: %+v", uri, res.Contents)
			}
			if err := json.Unmarshal([]byte(res.Contents[0].Text), v); err != nil {
				t.Fatalf("read %s: %v", uri, err)
			}
		}
		var old, now Provinces
		read("dvhc://provinces/2025-06-30", &old)
		read("dvhc://provinces/2025-07-01", &now)
		if old.Count != 63 || now.Count != 34 || old.DataVersion != dataVersion(t) {
			t.Errorf("provinces: %d on 2025-06-30, %d on 2025-07-01 (data version %q)", old.Count, now.Count, old.DataVersion)
		}
		var evs Events
		read(EventsURI, &evs)
		found := false
		for _, e := range evs.Events {
			found = found || (e.Resolution == "202/2025/QH15" && e.Adopted == "2025-06-12" && e.Operative == "2025-07-01")
		}
		if !found || evs.DataVersion != dataVersion(t) {
			t.Errorf("events lack 202/2025/QH15 adopted 2025-06-12, operative 2025-07-01: %+v", evs.Events)
		}
		if _, err := s.cs.ReadResource(context.Background(), &sdk.ReadResourceParams{URI: "dvhc://provinces/someday"}); err == nil {
			t.Errorf("dvhc://provinces/someday: no error")
		}
	})

	for _, name := range want {
		if !s.called[name] {
			t.Errorf("tool %s: no output validated", name)
		}
	}

	// Closing the session closes the server's input: it must exit with
	// status 0 by itself (a server killed by the transport's SIGTERM exits
	// 130, "interrupted", which Close reports as an error).
	if err := s.cs.Close(); err != nil {
		t.Errorf("server exit: %v\nstderr: %s", err, s.stderr.String())
	}
	if !strings.Contains(s.stderr.String(), "input closed") {
		t.Errorf("stderr %q, want the clean stop", s.stderr.String())
	}
}
