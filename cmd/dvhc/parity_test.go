package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/internal/api"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

// TestUploadMatchesCLI: the same files, broken rows included, give the
// same status, commune and province row by row through "dvhc convert FILE"
// and POST /v1/convert/file; a file the CLI refuses, the API refuses.
func TestUploadMatchesCLI(t *testing.T) {
	reg := registry.MustDefault()
	srv := api.New(api.Config{Registry: reg, Converter: address.New(reg, geo.Default()),
		Today: func() dvhc.Date { return dvhc.MustParseDate("2025-07-01") }})
	defer srv.Close()

	xlsx := func() []byte {
		var b bytes.Buffer
		w, _ := tabular.NewWriter(&b, tabular.XLSX, tabular.WriterOptions{})
		w.WriteHeader([]string{"STT", "Địa chỉ", "lat", "lon"})
		w.WriteRow([]string{"1", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", "", ""})
		w.WriteRow([]string{"2", "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN", "21.0335", "105.8465"})
		w.WriteRow([]string{"3", "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN", "abc", "105"})
		w.WriteRow([]string{"4", "", "", ""})
		w.WriteRow([]string{"5", "???", "", ""})
		w.Close()
		return b.Bytes()
	}
	// An office sheet: title rows, a blank row, then the header on row 4.
	titled := func() []byte {
		var b bytes.Buffer
		w, _ := tabular.NewWriter(&b, tabular.XLSX, tabular.WriterOptions{})
		w.WriteHeader([]string{"UBND TỈNH ĐẮK LẮK", "", ""})
		w.WriteRow([]string{"DANH SÁCH HỘ DÂN", "", ""})
		w.WriteRow([]string{"", "", ""})
		w.WriteRow([]string{"STT", "Họ tên", "Địa chỉ"})
		w.WriteRow([]string{"1", "Nguyễn Văn A", "Xã Hòa Phú, TP Buôn Ma Thuột, Đắk Lắk"})
		w.WriteRow([]string{"2", "Trần Thị B", "Phường Tân Lợi, TP Buôn Ma Thuột, Đắk Lắk"})
		w.WriteRow([]string{"3", "Lê Văn C", "???"})
		w.Close()
		return b.Bytes()
	}
	titles := []byte("UBND TỈNH ĐẮK LẮK,,\n\"DANH SÁCH HỘ DÂN, XÃ HÒA PHÚ\",,\n,,\nSTT,Họ tên,Địa chỉ\n" +
		"1,Nguyễn Văn A,\"Xã Hòa Phú, TP Buôn Ma Thuột, Đắk Lắk\"\n2,Trần Thị B,\"x\"y\n")
	files := []struct {
		name      string
		content   []byte
		refused   string // the CLI exits 2 and the API answers 400 with this
		headerRow string // --header-row and header_row, if given
		wantHead  int    // the header's row the API reports (title rows skipped)
	}{
		{"titles.xlsx", titled(), "", "", 4},
		{"titles.csv", titles, "", "", 4},
		{"titles-given.csv", titles, "", "4", 4},
		{"titles-row3.csv", titles, "is blank", "3", 0},
		{"titles.jsonl", []byte("{\"address\":\"x\"}\n"), "not JSONL", "2", 0},
		{"broken.csv", []byte("id,address,lat,lon\n" +
			"1,\"P7, Q5, TP.HCM\",,\n" +
			"2,\"open quote, Q5\n" +
			"3,\"x\"y,,\n" +
			"4,Ph\xf9\xf4ng 7 Qu\xe2n 5,,\n" +
			"5,\"Xã Cổ Bi, Huyện Gia Lâm, Hà Nội\",21.03,105.93\n" +
			"6,\"Xã Cổ Bi, Huyện Gia Lâm, Hà Nội\",north,east\n" +
			"\n" +
			"8,too,many,fields,here\n" +
			"9,5 \"A\" street Phường Bến Thành Quận 1,,\n" +
			"10,=HYPERLINK(\"x\"),,\n"), "", "", 0},
		{"rows.tsv", []byte("id\tdia chi\n1\tP7, Q5, TP.HCM\n2\t\\t\\n\n3\tXã Tân Phú\n"), "", "", 0},
		{"rows.jsonl", []byte("{\"id\":1,\"address\":\"P7, Q5, TP.HCM\"}\nnot json\n{\"id\":3,\"address\":\"Xã Cổ Bi, Huyện Gia Lâm\"}\n{\"id\":4,\"address\":\"x\",\"other\":1}\n"), "", "", 0},
		{"sheet.xlsx", xlsx(), "", "", 0},
		{"nocolumn.csv", []byte("a,b\n1,2\n"), "which column holds the address", "", 0},
		{"empty.csv", nil, "empty", "", 0},
	}
	dir := t.TempDir()
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			in := filepath.Join(dir, f.name)
			os.WriteFile(in, f.content, 0o644)
			out := filepath.Join(dir, f.name+".out.csv")
			args, query := []string{"convert", "--to", "2025-07-01", "-o", out}, ""
			if f.headerRow != "" {
				args, query = append(args, "--header-row", f.headerRow), "&header_row="+f.headerRow
			}
			_, stderr, code := runIn(context.Background(), nil, append(args, in)...)

			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			fw, _ := mw.CreateFormFile("file", f.name)
			fw.Write(f.content)
			mw.Close()
			r := httptest.NewRequest("POST", "/v1/convert/file?to=2025-07-01"+query, &body)
			r.Header.Set("Content-Type", mw.FormDataContentType())
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, r)

			if f.refused != "" {
				if code != 2 || !strings.Contains(stderr, f.refused) {
					t.Errorf("CLI: exit %d, %q; want 2 and %q", code, stderr, f.refused)
				}
				if w.Code != 400 || !strings.Contains(w.Body.String(), f.refused) {
					t.Errorf("API: %d %s; want 400 and %q", w.Code, w.Body, f.refused)
				}
				return
			}
			if code != 0 || w.Code != 200 {
				t.Fatalf("CLI exit %d (%s); API %d %s", code, stderr, w.Code, w.Body)
			}
			var res api.ConvertFile
			if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			if res.HeaderRow != f.wantHead {
				t.Errorf("API header_row %d, want %d", res.HeaderRow, f.wantHead)
			}
			if f.wantHead > 0 && !strings.Contains(stderr, fmt.Sprintf("header on row %d", f.wantHead)) {
				t.Errorf("CLI stderr does not tell the header's row: %s", stderr)
			}
			if f.wantHead > 0 && (len(res.Rows) == 0 || res.Rows[0].Line != f.wantHead+1) {
				t.Errorf("API rows %+v: the first data row is not on line %d of the file", res.Rows, f.wantHead+1)
			}
			_, recs := countRows(t, out, true)
			cols := recs[0]
			st := len(cols) - 8 // dvhc_status
			if len(recs)-1 != len(res.Results) || res.Count != len(res.Results) || len(res.Rows) != len(res.Results) {
				t.Fatalf("CLI %d rows, API %d results (count %d, %d rows)", len(recs)-1, len(res.Results), res.Count, len(res.Rows))
			}
			invalid := 0
			for i, c := range res.Results {
				r := recs[i+1]
				if c.Status == "invalid" {
					invalid++
				}
				cli := []string{r[st], r[st+1], r[st+3]}
				web := []string{c.Status, c.CommuneCode, c.ProvinceCode}
				if strings.Join(cli, "|") != strings.Join(web, "|") {
					t.Errorf("row %d: CLI %q (%s), API %q (%s)", i+1, cli, r[len(r)-1], web, c.Note)
				}
				if r[st] == "invalid" && r[len(r)-1] != c.Note && res.Rows[i].Error == "" {
					t.Errorf("row %d: CLI note %q, API note %q", i+1, r[len(r)-1], c.Note)
				}
			}
			if f.name == "broken.csv" && invalid < 4 {
				t.Errorf("only %d invalid rows in broken.csv", invalid)
			}
		})
	}
}

// TestInterruptLeavesNoOutput: SIGINT during a 2,000,000-row conversion
// (200,000 with -short) exits 130, leaves the previous OUT as it was and no
// temporary file, and says so on stderr. The signal is sent once the
// temporary file has data, whatever the time that takes.
func TestInterruptLeavesNoOutput(t *testing.T) {
	n := 2_000_000
	if testing.Short() || raceEnabled {
		n = 200_000
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	bw.WriteString("id,address\n")
	for i := range n {
		fmt.Fprintf(bw, "%d,\"Phường %d, Quận 5, TP.HCM\"\n", i, i%15+1)
	}
	bw.Flush()
	f.Close()
	out := filepath.Join(dir, "out.csv")
	const prev = "the previous OUT\n"
	os.WriteFile(out, []byte(prev), 0o644)

	cmd := exec.Command(os.Args[0], "convert", "--workers", "1", "-o", out, in)
	cmd.Env = append(os.Environ(), "DVHC_TEST_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Wait until the temporary output has data (or the run ended).
	sent := false
wait:
	for {
		select {
		case <-done:
			break wait
		default:
		}
		ms, _ := filepath.Glob(filepath.Join(dir, ".out.csv.*.tmp"))
		if len(ms) == 1 {
			if st, err := os.Stat(ms[0]); err == nil && st.Size() > 0 {
				cmd.Process.Signal(syscall.SIGINT)
				sent = true
				<-done
				break
			}
		}
		time.Sleep(5 * time.Millisecond) // polling, not a timing assertion
	}
	if !sent {
		t.Skipf("the run ended before it could be interrupted: %s", stderr.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, want 130; stderr %s", code, stderr.String())
	}
	if b, _ := os.ReadFile(out); string(b) != prev {
		t.Errorf("OUT changed: %d bytes", len(b))
	}
	if s := strayFiles(t, dir, "in.csv", "out.csv"); len(s) > 0 {
		t.Errorf("files left: %q", s)
	}
	if msg := stderr.String(); !strings.Contains(msg, "was not replaced") || !strings.Contains(msg, "stopped after") {
		t.Errorf("stderr %q does not say how many rows and that OUT was not replaced", msg)
	}
	t.Logf("stderr: %s", strings.TrimSpace(stderr.String()))
}
