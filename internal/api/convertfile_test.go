package api

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/tabular"
)

// upload posts a multipart form with the file name and content.
func upload(t *testing.T, name string, content []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("note", "ignored")
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	r := httptest.NewRequest("POST", "/v1/convert/file?to=2025-07-01", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	server(t).ServeHTTP(w, r)
	return w
}

// table writes rows (the first is the header) in format f with package
// tabular.
func table(t *testing.T, f tabular.Format, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	tw, err := tabular.NewWriter(&b, f, tabular.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := tw.WriteHeader(rows[0]); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		if err := tw.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestConvertFile(t *testing.T) {
	rows := [][]string{
		{"STT", "Địa chỉ", "Vĩ độ", "Kinh độ"},
		{"1", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", "", ""},
		{"2", "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN", "21.0287", "105.8524"},
		{"3", "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN", "", ""},
	}
	for _, tc := range []struct {
		name string
		f    tabular.Format
	}{{"dia-chi.xlsx", tabular.XLSX}, {"dia-chi.csv", tabular.CSV}} {
		w := upload(t, tc.name, table(t, tc.f, rows))
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", tc.name, w.Code, w.Body)
		}
		var res ConvertFile
		if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		if res.Count != 3 || res.AddressColumn != "Địa chỉ" || len(res.Rows) != 3 {
			t.Fatalf("%s: %+v", tc.name, res)
		}
		if res.Rows[1].Point == nil || res.Rows[0].Point != nil {
			t.Errorf("%s: points %+v", tc.name, res.Rows)
		}
		got := []string{res.Results[0].CommuneCode, res.Results[1].CommuneCode, res.Results[2].Status}
		if got[0] != "00004" || got[1] != "00070" || got[2] != "ambiguous" {
			t.Errorf("%s: results %v, want [00004 00070 ambiguous]", tc.name, got)
		}
	}
	problem(t, upload(t, "x.pdf", []byte("%PDF")), 400, "invalid", "")
	problem(t, upload(t, "x.xlsx", []byte("not a zip")), 400, "invalid", "XLSX")
	many := [][]string{{"address"}}
	for range 101 {
		many = append(many, []string{"Hà Nội"})
	}
	problem(t, upload(t, "many.csv", table(t, tabular.CSV, many)), 413, "too_large", "more than 100 rows")
	w := httptest.NewRecorder()
	server(t).ServeHTTP(w, httptest.NewRequest("POST", "/v1/convert/file", bytes.NewReader([]byte("{}"))))
	problem(t, w, 400, "invalid", "multipart")
}

// TestConvertFileHostile: an oversized upload is a 413; a table without an
// address column, a 400; broken rows are invalid, not converted.
func TestConvertFileHostile(t *testing.T) {
	big := append([]byte("address\n"), bytes.Repeat([]byte("Hà Nội\n"), 70<<10/8)...)
	problem(t, upload(t, "big.csv", big), 413, "too_large", "larger than")
	problem(t, upload(t, "cols.csv", []byte("a,b\n1,2\n")), 400, "invalid", "which column holds the address")
	w := upload(t, "broken.csv", []byte("id,address\n1,\"P7, Q5, TP.HCM\n2,Ph\xf9\xf4ng 7\n3,\"P7, Q5, TP.HCM\"\n"))
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("X-Content-Type-Options"); ct != "nosniff" {
		t.Errorf("X-Content-Type-Options %q", ct)
	}
	var res ConvertFile
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, r := range res.Results {
		got = append(got, r.Status)
		if r.Status == "invalid" && res.Rows[i].Error == "" {
			t.Errorf("row %d invalid without an error", i+1)
		}
	}
	if strings.Join(got, " ") != "invalid invalid ok" {
		t.Errorf("statuses %v, want invalid invalid ok", got)
	}
}
