package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/internal/prefertest"
	"github.com/dvhc-vn/dvhc/internal/wire"
)

// postFile posts a multipart form with the file to target.
func postFile(t *testing.T, target, name string, content []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(content)
	mw.Close()
	r := httptest.NewRequest("POST", target, &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	server(t).ServeHTTP(w, r)
	return w
}

// TestPrefer: the same address and point with each prefer value give the
// same status and commune through GET /v1/convert, POST /v1/convert, the
// upload's JSON answer and its CSV download; a bad value is a 400 naming
// the parameter (or field).
func TestPrefer(t *testing.T) {
	var file strings.Builder
	file.WriteString("address,lat,lon\n")
	for _, c := range prefertest.Cases {
		fmt.Fprintf(&file, "%q,%v,%v\n", c.Address, c.Lat, c.Lon)
	}
	for _, prefer := range prefertest.Values {
		var want []string
		for _, c := range prefertest.Cases {
			want = append(want, fmt.Sprint(c.Want[prefer]))
		}
		doors := map[string][]string{}
		for _, c := range prefertest.Cases {
			q := url.Values{"address": {c.Address}, "to": {"2025-07-01"}, "lat": {fmt.Sprint(c.Lat)}, "lon": {fmt.Sprint(c.Lon)}}
			if prefer != "" {
				q.Set("prefer", prefer)
			}
			var res wire.Conversion
			get(t, "/v1/convert?"+q.Encode(), 200, &res)
			doors["GET /v1/convert"] = append(doors["GET /v1/convert"], fmt.Sprint([2]string{res.Status, res.CommuneCode}))
		}
		req := map[string]any{"to": "2025-07-01", "prefer": prefer}
		var addrs []string
		var points []map[string]float64
		for _, c := range prefertest.Cases {
			addrs = append(addrs, c.Address)
			points = append(points, map[string]float64{"lat": c.Lat, "lon": c.Lon})
		}
		req["addresses"], req["points"] = addrs, points
		body, _ := json.Marshal(req)
		w := do(t, "POST", "/v1/convert", string(body))
		var batch ConvertBatch
		if err := json.Unmarshal(w.Body.Bytes(), &batch); w.Code != 200 || err != nil {
			t.Fatalf("POST /v1/convert: %d %s", w.Code, w.Body)
		}
		for _, r := range batch.Results {
			doors["POST /v1/convert"] = append(doors["POST /v1/convert"], fmt.Sprint([2]string{r.Status, r.CommuneCode}))
		}
		target := "/v1/convert/file?to=2025-07-01"
		if prefer != "" {
			target += "&prefer=" + prefer
		}
		w = postFile(t, target, "prefer.csv", []byte(file.String()))
		var up ConvertFile
		if err := json.Unmarshal(w.Body.Bytes(), &up); w.Code != 200 || err != nil {
			t.Fatalf("POST %s: %d %s", target, w.Code, w.Body)
		}
		for _, r := range up.Results {
			doors["POST /v1/convert/file"] = append(doors["POST /v1/convert/file"], fmt.Sprint([2]string{r.Status, r.CommuneCode}))
		}
		w = postFile(t, target+"&format=csv", "prefer.csv", []byte(file.String()))
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(w.Body.Bytes(), []byte("\xef\xbb\xbf")))).ReadAll()
		if w.Code != 200 || err != nil || len(recs) != len(prefertest.Cases)+1 {
			t.Fatalf("POST %s&format=csv: %d %v %s", target, w.Code, err, w.Body)
		}
		for _, r := range recs[1:] {
			doors["POST /v1/convert/file?format=csv"] = append(doors["POST /v1/convert/file?format=csv"], fmt.Sprint([2]string{r[3], r[4]}))
		}
		if len(doors) != 4 {
			t.Fatalf("doors %v", doors)
		}
		for door, got := range doors {
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("prefer %q, %s: %v, want %v", prefer, door, got, want)
			}
		}
	}

	problem(t, do(t, "GET", "/v1/convert?address=x&prefer=words", ""), 400, "invalid", `parameter prefer: want both, text or point, got "words"`)
	problem(t, do(t, "POST", "/v1/convert", `{"addresses":["x"],"prefer":"words"}`), 400, "invalid", `field prefer: want both, text or point, got "words"`)
	problem(t, postFile(t, "/v1/convert/file?prefer=words", "x.csv", []byte("address\nx\n")), 400, "invalid", `parameter prefer: want both, text or point`)
	w := getLang(t, "/v1/convert?address=x&prefer=words", "vi")
	var p Problem
	json.Unmarshal(w.Body.Bytes(), &p)
	if !strings.HasPrefix(p.Detail, "tham số prefer: cần both") {
		t.Errorf("bad prefer in Vietnamese: %q", p.Detail)
	}
}

// TestOpenAPIPrefer: openapi.json documents prefer wherever the API reads
// it, with exactly the values address.ParsePrefer accepts.
func TestOpenAPIPrefer(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name   string `json:"name"`
				Schema struct {
					Enum []string `json:"enum"`
				} `json:"schema"`
			} `json:"parameters"`
		} `json:"paths"`
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Enum []string `json:"enum"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	enums := map[string][]string{"ConvertRequest": doc.Components.Schemas["ConvertRequest"].Properties["prefer"].Enum}
	for _, op := range []string{"get /v1/convert", "post /v1/convert/file"} {
		m, path, _ := strings.Cut(op, " ")
		for _, p := range doc.Paths[path][m].Parameters {
			if p.Name == "prefer" {
				enums[op] = p.Schema.Enum
			}
		}
	}
	for _, where := range []string{"ConvertRequest", "get /v1/convert", "post /v1/convert/file"} {
		if strings.Join(enums[where], ",") != "both,text,point" {
			t.Errorf("%s: prefer enum %v, want both,text,point", where, enums[where])
		}
		for _, v := range enums[where] {
			if p, err := address.ParsePrefer(v); err != nil || p.String() != v {
				t.Errorf("%s: prefer %q: %v, %v", where, v, p, err)
			}
		}
	}
}
