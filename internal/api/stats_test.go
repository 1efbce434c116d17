package api

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/wire"
	"github.com/dvhc-vn/dvhc/tabular"
)

// postStats posts a JSON body to /v1/stats?query and decodes the answer.
func postStats(t *testing.T, query, body string, status int) wire.Stats {
	t.Helper()
	w := do(t, "POST", "/v1/stats?"+query, body)
	if w.Code != status {
		t.Fatalf("POST /v1/stats?%s: status %d, want %d: %s", query, w.Code, status, w.Body)
	}
	var s wire.Stats
	if status == 200 {
		if err := json.Unmarshal(w.Body.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// row returns the answer's row of the unit code.
func row(s wire.Stats, code string) []string {
	for _, r := range s.Rows {
		if r[0] == code {
			return r
		}
	}
	return nil
}

func TestStatsJSON(t *testing.T) {
	body := `{"rows": [{"code": "00004", "n": 1}, {"code": "00013", "n": "2"}, {"code": "00553", "n": 90}, {"code": "99999", "n": 5}, {"code": "4", "n": 1}]}`
	s := postStats(t, "to=2025-07-01&sum=n", body, 200)
	if len(s.Rows) != 3321 || strings.Join(s.Columns, ",") != "code,name,n,assumed_weight,sources" {
		t.Fatalf("%d rows, columns %v", len(s.Rows), s.Columns)
	}
	if got := strings.Join(row(s, "00004"), ","); got != "00004,Phường Ba Đình,4,no,2" {
		t.Errorf("Ba Đình: %s", got)
	}
	rep := s.Report
	if rep.UnknownCount != 1 || rep.Unknown[0].Row != 4 || rep.DuplicateCount != 1 || rep.Duplicates[0].Row != 5 || !rep.Findings {
		t.Errorf("report: %+v", rep)
	}
	if tot := rep.Totals[0]; tot.In != 99 || tot.Unknown != 5 || tot.Out != 94 {
		t.Errorf("totals: %+v", tot)
	}
	// A weight table in the body; to the province.
	body = `{"rows": [{"code": "00553", "n": 100}], "weights": [{"old": "00553", "new": "00136", "weight": 1}, {"old": "00553", "new": "00541", "weight": 1}, {"old": "00553", "new": "00565", "weight": 2}]}`
	s = postStats(t, "to=2025-07-01&sum=n", body, 200)
	if got := strings.Join(row(s, "00565"), ","); got != "00565,Xã Gia Lâm,50,no,1" {
		t.Errorf("weight table: Gia Lâm %s", got)
	}
	s = postStats(t, "to=2025-07-01&sum=n&level=province", body, 200)
	if len(s.Rows) != 34 || strings.Join(row(s, "01"), ",") != "01,Thành phố Hà Nội,100,no,1" {
		t.Errorf("province: %d rows, Hà Nội %v", len(s.Rows), row(s, "01"))
	}
	postStats(t, "to=2025-07-01&sum=nope", body, 400)
	postStats(t, "to=2025-07-01&sum=n&weight=people", body, 400) // no such column
	s = postStats(t, "to=2025-07-01&sum=pop&weight=pop", `{"rows": [{"code": "00988", "pop": 6000}, {"code": "00700", "pop": 5000}, {"code": "00994", "pop": 4000}, {"code": "01009", "pop": 2000}]}`, 200)
	if got := strings.Join(row(s, "00700"), ","); got != "00700,Xã Ngọc Đường,8620.77702703,yes,2" {
		t.Errorf("weight column: %s", got)
	}
	postStats(t, "to=2025-07-01&sum=n", `{"rows": [`, 400)
}

func TestStatsUpload(t *testing.T) {
	content := table(t, tabular.XLSX, [][]string{{"Mã xã", "dan_so"}, {"00004", "100"}, {"00013", "50"}})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "old.xlsx")
	fw.Write(content)
	mw.Close()
	r := httptest.NewRequest("POST", "/v1/stats?to=2025-07-01&sum=dan_so&format=csv", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	server(t).ServeHTTP(w, r)
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") || w.Header().Get("Dvhc-Findings") != "false" {
		t.Fatalf("status %d, headers %v: %s", w.Code, w.Header(), w.Body)
	}
	if !strings.Contains(w.Body.String(), "\n00004,Phường Ba Đình,150,no,2\n") {
		t.Errorf("body: %.300s", w.Body)
	}
}

func TestStatsExcelAnswer(t *testing.T) {
	w := do(t, "POST", "/v1/stats?to=2025-07-01&sum=n&format=xlsx", `{"rows": [{"code": "00004", "n": 1}, {"code": "00013", "n": 2}]}`)
	if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("status %d, headers %v", w.Code, w.Header())
	}
	r, err := tabular.NewReader(bytes.NewReader(w.Body.Bytes()), tabular.XLSX, tabular.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var rw tabular.Row
	n, found := 0, false
	for r.Next(&rw) == nil {
		n++
		found = found || strings.Join(rw.Fields, ",") == "00004,Phường Ba Đình,3,no,2"
	}
	if n != 3321 || !found {
		t.Errorf("%d rows, Ba Đình found: %v", n, found)
	}
}

// TestStatsUploadTitleRows: an upload with title rows above the header,
// found or named by header_row, reads as the CLI reads it.
func TestStatsUploadTitleRows(t *testing.T) {
	content := "SỞ THỐNG KÊ\nSỐ DÂN\n\nMã xã,dan_so\n00004,100\n00013,50\n"
	for _, c := range []struct {
		query  string
		status int
	}{
		{"", 200}, {"&header_row=4", 200}, {"&header_row=0", 400}, {"&header_row=x", 400}, {"&header_row=3", 400},
	} {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "old.csv")
		fw.Write([]byte(content))
		mw.Close()
		r := httptest.NewRequest("POST", "/v1/stats?to=2025-07-01&sum=dan_so&format=csv"+c.query, &body)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		w := httptest.NewRecorder()
		server(t).ServeHTTP(w, r)
		if w.Code != c.status {
			t.Errorf("%q: status %d, want %d: %s", c.query, w.Code, c.status, w.Body)
			continue
		}
		if c.status == 200 && (w.Header().Get("Dvhc-Rows-Read") != "2" || !strings.Contains(w.Body.String(), "\n00004,Phường Ba Đình,150,no,2\n")) {
			t.Errorf("%q: rows read %s, body %.300s", c.query, w.Header().Get("Dvhc-Rows-Read"), w.Body)
		}
	}
}
