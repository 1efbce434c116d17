package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/dvhc-vn/dvhc/tabular"
)

// eval returns the value of a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true.
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: %s still false after 15s", what, cond)
}

// TestVietnamesePage: the page reads Vietnamese (notes from the API in
// Vietnamese, dates as dd/mm/yyyy), re-renders the results on screen in
// English, counts invalid rows apart, and downloads the results as Excel.
func TestVietnamesePage(t *testing.T) {
	base := start(t)
	ctx := browser(t, 1200, 900)
	run(t, ctx, "converter",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#addresses")),
	)
	if v := eval[string](t, ctx, `document.getElementById("convert-to").value`); !regexp.MustCompile(`^\d{2}/\d{2}/\d{4}$`).MatchString(v) {
		t.Errorf("date field shows %q, want dd/mm/yyyy", v)
	}
	if v := eval[string](t, ctx, `document.getElementById("convert-to").placeholder`); v != "dd/mm/yyyy" {
		t.Errorf("date placeholder %q", v)
	}
	run(t, ctx, "convert",
		chromedp.SetValue(chromedp.CSS("#convert-to"), "01/07/2025"),
		chromedp.SendKeys(chromedp.CSS("#addresses"), "12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN\n???\nPhường Trúc Bạch, Quận Ba Đình, Hà Nội"),
		chromedp.Click(chromedp.CSS("#convert-button")),
		chromedp.WaitVisible(chromedp.CSS(`#convert-results .card[data-status="ambiguous"] fieldset`)),
	)
	split := text(t, ctx, `#convert-results .card[data-status="ambiguous"]`)
	if !strings.Contains(split, "Phường Cửa Đông đã được chia cho 2 xã, phường mới") {
		t.Errorf("Vietnamese page, split note: %q", split)
	}
	if inv := text(t, ctx, `#convert-results .card[data-status="invalid"]`); !strings.Contains(inv, "địa chỉ trống") {
		t.Errorf("Vietnamese page, invalid note: %q", inv)
	}
	if s := text(t, ctx, "#convert-status"); !strings.Contains(s, "0 không tìm thấy, 1 không hợp lệ") {
		t.Errorf("status %q: invalid not counted apart", s)
	}
	// The language switch re-renders the results already on screen.
	run(t, ctx, "english", chromedp.Click(chromedp.CSS(`button[data-lang="en"]`)))
	waitFor(t, ctx, "English notes", `(document.querySelector('#convert-results .card[data-status="ambiguous"]')||{}).textContent.includes("was split among 2 communes")`)
	if s := text(t, ctx, "#convert-status"); !strings.Contains(s, "1 invalid") {
		t.Errorf("English status %q", s)
	}
	run(t, ctx, "vietnamese", chromedp.Click(chromedp.CSS(`button[data-lang="vi"]`)))
	waitFor(t, ctx, "Vietnamese notes again", `(document.querySelector('#convert-results .card[data-status="ambiguous"]')||{}).textContent.includes("đã được chia")`)

	// Excel download: the server converts the same addresses to a workbook.
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	run(t, ctx, "download", chromedp.Click(chromedp.CSS("#download-xlsx")))
	path := filepath.Join(dir, "dvhc-converted.xlsx")
	var f *os.File
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var err error
		if f, err = os.Open(path); err == nil {
			if st, _ := f.Stat(); st.Size() > 0 {
				break
			}
			f.Close()
			f = nil
		}
	}
	if f == nil {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("no %s downloaded (dir has %v)", path, entries)
	}
	defer f.Close()
	rd, err := tabular.NewReader(f, tabular.XLSX, tabular.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var row tabular.Row
	var got []string
	for rd.Next(&row) == nil {
		got = append(got, row.Fields[1]+" "+row.Fields[len(row.Fields)-1])
	}
	if h := rd.Header(); len(h) < 3 || h[1] != "dvhc_status" || len(got) != 3 || !strings.HasPrefix(got[0], "ambiguous Phường Cửa Đông đã được chia") ||
		!strings.HasPrefix(got[1], "invalid") || !strings.HasPrefix(got[2], "ok") {
		t.Errorf("downloaded workbook: header %q, rows %q", rd.Header(), got)
	}
}

// TestPagingPast500 converts a 600-row CSV file (';'-delimited, as Excel
// writes it in Vietnamese locales): the page shows 500 cards, then the
// next page the other 100.
func TestPagingPast500(t *testing.T) {
	base := start(t)
	var csv strings.Builder
	csv.WriteString("stt;dia_chi\n")
	for i := 1; i <= 600; i++ {
		fmt.Fprintf(&csv, "%d;Số %d Nguyễn Trãi, Phường 7, Quận 5, TP.HCM\n", i, i)
	}
	path := tempFile(t, "600.csv", []byte(csv.String()))
	ctx := browser(t, 1200, 900)
	run(t, ctx, "upload and convert",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#addresses")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path}),
	)
	run(t, ctx, "converted on upload", chromedp.WaitVisible(chromedp.CSS("#convert-results .pager")))
	if n := eval[int](t, ctx, `document.querySelectorAll("#convert-results .card.result").length`); n != 500 {
		t.Errorf("page 1: %d cards, want 500", n)
	}
	if first := text(t, ctx, "#convert-results .card.result .input"); !strings.Contains(first, "Số 1 Nguyễn Trãi") {
		t.Errorf("page 1 starts with %q", first)
	}
	if s := text(t, ctx, "#convert-status"); !strings.Contains(s, "600 địa chỉ: 600 chuyển được") {
		t.Errorf("status %q", s)
	}
	run(t, ctx, "next page", chromedp.Click(chromedp.CSS("#convert-results .pager .next")))
	waitFor(t, ctx, "page 2", `document.querySelectorAll("#convert-results .card.result").length === 100`)
	if first := text(t, ctx, "#convert-results .card.result .input"); !strings.Contains(first, "Số 501 Nguyễn Trãi") {
		t.Errorf("page 2 starts with %q", first)
	}
	if info := text(t, ctx, "#convert-results .pager .page-info"); !strings.Contains(info, "501–600") {
		t.Errorf("page info %q", info)
	}
}

// TestOfflineBaseMap: without --tiles the map draws the embedded outlines
// (the provinces, the communes around a commune, an old commune as the new
// communes that took it, coloured by share), and no request leaves the
// server the page came from.
func TestOfflineBaseMap(t *testing.T) {
	base := start(t)
	ctx := browser(t, 1200, 900)
	var mu sync.Mutex
	var urls []string
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	run(t, ctx, "listen", chromedp.Func(func(c context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(c, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		events := cdp.Events(lctx, tg, network.RequestWillBeSent)
		go func() {
			for ev, err := range events {
				if err != nil {
					return
				}
				mu.Lock()
				urls = append(urls, ev.Request.URL)
				mu.Unlock()
			}
		}()
		return nil
	}))
	run(t, ctx, "old commune",
		chromedp.Navigate(base+"/#/unit/commune/00553?at=2025-06-30"),
		chromedp.WaitVisible(chromedp.CSS(`#unit-lineage a`)),
	)
	waitFor(t, ctx, "successors by share", `document.querySelectorAll("#map path.share-part").length === 3`)
	waitFor(t, ctx, "province outlines", `document.querySelectorAll("#map path.base-province").length === 34`)
	if legend := text(t, ctx, "#map .map-legend"); !strings.Contains(legend, "nhận một phần") {
		t.Errorf("legend %q", legend)
	}
	run(t, ctx, "new commune",
		chromedp.Navigate(base+"/#/unit/commune/00004?at=2025-07-01"),
		chromedp.WaitVisible(chromedp.CSS(`#map path.leaflet-interactive`)),
	)
	waitFor(t, ctx, "neighbour communes", `document.querySelectorAll("#map path.base-commune").length === 126`)
	mu.Lock()
	defer mu.Unlock()
	if len(urls) < 5 {
		t.Fatalf("saw %d requests: the listener does not work", len(urls))
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("request left the page's server: %s", u)
		}
	}
}

// TestLegacyEncodingUpload: a CSV file in TCVN3 uploaded on the page is
// read by the server, detected and converted.
func TestLegacyEncodingUpload(t *testing.T) {
	base := start(t)
	// "Phường Trúc Bạch, Quận Ba Đình, Hà Nội" in TCVN3
	path := tempFile(t, "tcvn3.csv", []byte("stt,\xae\xdea ch\xd8\n1,\"Ph\xad\xeang Tr\xf3c B\xb9ch, Qu\xcbn Ba \xa7\xd7nh, H\xb5 N\xe9i\"\n"))
	ctx := browser(t, 1200, 900)
	run(t, ctx, "upload",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#addresses")),
		chromedp.SetValue(chromedp.CSS("#convert-to"), "01/07/2025"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path}),
		chromedp.WaitVisible(chromedp.CSS(`#convert-results .card[data-status="ok"]`)),
	)
	if res := text(t, ctx, "#convert-results"); !strings.Contains(res, "Phường Trúc Bạch, Quận Ba Đình, Hà Nội") || !strings.Contains(res, "Phường Ba Đình, Thành phố Hà Nội") {
		t.Errorf("TCVN3 upload: %q", res)
	}
}
