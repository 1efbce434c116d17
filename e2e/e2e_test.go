// Package e2e drives the dvhc web page in headless Chromium against a real
// server on 127.0.0.1: the browser test of the converter, search and unit
// pages. It skips when /usr/bin/chromium is absent, except under CI=true.
package e2e

import (
	"bytes"
	"context"
	"flag"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/internal/api"
	"github.com/dvhc-vn/dvhc/internal/web"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/tabular"
)

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

var updateScreenshot = flag.Bool("update-screenshot", os.Getenv("UPDATE_SCREENSHOT") != "", "write docs/screenshot-*.png")

// start serves the API and page on 127.0.0.1:0 and returns the base URL.
func start(t *testing.T) string {
	t.Helper()
	reg := registry.MustDefault()
	cfg := api.Config{Registry: reg, Converter: address.New(reg, geo.Default()), Log: testLog{t}}
	page, err := web.Handler(web.Config{MaxBatch: api.DefaultMaxBatch, Features: cfg.Features()})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Web = page
	s := api.New(cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- api.Serve(ctx, s, ln, api.ServerConfig{}) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	base := "http://" + ln.Addr().String()
	if resp, err := http.Get(base + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v", err)
	}
	return base
}

// testLog sends the server's log to the test's.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// tempFile writes data to a new file name in a temporary directory, for
// the page to upload, and returns its path.
func tempFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// browser starts headless Chromium with a fresh profile, or skips.
func browser(t *testing.T, width, height int64) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI=true: apt-get install -y chromium", chromiumPath)
		}
		t.Skipf("skipping the browser test: %s not found (install it with: apt-get install -y chromium)", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(int(width), int(height)),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// text returns the visible text of the first element matching the CSS
// selector sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if !*updateScreenshot {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join("..", "docs", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

func TestSearchAndUnitPage(t *testing.T) {
	base := start(t)
	ctx := browser(t, 1200, 900)
	run(t, ctx, "search page",
		chromedp.Navigate(base+"/#/search"),
		chromedp.WaitVisible(chromedp.CSS("#search-q")),
	)
	if title := text(t, ctx, "#view-search h1"); title != "Tra cứu đơn vị hành chính" {
		t.Errorf("search page title %q", title)
	}
	run(t, ctx, "search",
		chromedp.SetValue(chromedp.CSS("#search-at"), "2025-06-30"),
		chromedp.SendKeys(chromedp.CSS("#search-q"), "truc bach"),
		chromedp.Click(chromedp.CSS("#search-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`#search-results a[href^="#/unit/commune/00004"]`)),
	)
	if count := text(t, ctx, "#search-status"); !strings.Contains(count, "kết quả") {
		t.Errorf("search status %q", count)
	}
	run(t, ctx, "unit page",
		chromedp.Click(chromedp.CSS(`#search-results a[href^="#/unit/commune/00004"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#unit-lineage a`)),
		chromedp.WaitVisible(chromedp.CSS(`#map path.leaflet-interactive`)),
	)
	name, lineage, facts := text(t, ctx, "#unit-name"), text(t, ctx, "#unit-lineage"), text(t, ctx, "#unit-facts")
	if name != "Phường Trúc Bạch" || !strings.Contains(lineage, "Phường Ba Đình") || !strings.Contains(facts, "Quận Ba Đình") {
		t.Errorf("unit page: name %q, lineage %q, facts %q", name, lineage, facts)
	}
	// the language switch
	run(t, ctx, "english",
		chromedp.Click(chromedp.CSS(`button[data-lang="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#unit-lineage a`)),
	)
	if h := text(t, ctx, "#unit-lineage-title"); !strings.HasPrefix(h, "Successors on") {
		t.Errorf("English lineage title %q", h)
	}
	// the successor, drawn with its boundary, and what it was formed from
	run(t, ctx, "successor",
		chromedp.Click(chromedp.CSS(`#unit-lineage a[href^="#/unit/commune/00004?at=2025-07-01"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#unit-formed p`)),
		chromedp.WaitVisible(chromedp.CSS(`#unit-lineage a`)),
		chromedp.WaitVisible(chromedp.CSS(`#map path.leaflet-interactive`)),
	)
	name, formed := text(t, ctx, "#unit-name"), text(t, ctx, "#unit-formed")
	if name != "Phường Ba Đình" || !strings.Contains(formed, "Phường Trúc Bạch") || !strings.Contains(text(t, ctx, "#unit-facts"), "Số 2, phố Trúc Bạch") {
		t.Errorf("Phường Ba Đình page: name %q, formed from %q", name, formed)
	}
	screenshot(t, ctx, "screenshot-unit.png")
}

func TestConverter(t *testing.T) {
	base := start(t)
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"screenshot-converter.png", 1200, 900}, {"screenshot-converter-phone.png", 390, 844}} {
		ctx := browser(t, size.width, size.height)
		run(t, ctx, "convert",
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.CSS("#addresses")),
			chromedp.SetValue(chromedp.CSS("#convert-to"), "01/07/2025"),
			chromedp.SendKeys(chromedp.CSS("#addresses"), "Phường Trúc Bạch, Quận Ba Đình, Hà Nội\n12 ngõ 5 P. Cửa Đông, Q. Hoàn Kiếm, HN"),
			chromedp.Click(chromedp.CSS("#convert-button")),
			chromedp.WaitVisible(chromedp.CSS(`#convert-results .card[data-status="ok"] .centre strong`)),
		)
		ok := text(t, ctx, `#convert-results .card[data-status="ok"]`)
		if !strings.Contains(ok, "Phường Ba Đình, Thành phố Hà Nội") {
			t.Errorf("converter result %q lacks Phường Ba Đình, Thành phố Hà Nội", ok)
		}
		if !strings.Contains(ok, "Trụ sở xã, phường mới: Số 2, phố Trúc Bạch, phường Ba Đình") {
			t.Errorf("converter result %q lacks the commune office", ok)
		}
		// the split commune: a choice between its successors, with their notes
		run(t, ctx, "choose",
			chromedp.WaitVisible(chromedp.CSS(`#convert-results .card[data-status="ambiguous"] fieldset input[type=radio]`)),
			chromedp.Click(chromedp.CSS(`#cand-1-1`)),
			chromedp.WaitVisible(chromedp.CSS(`#convert-results .card[data-status="ambiguous"] .chosen .centre strong`)),
		)
		split := text(t, ctx, `#convert-results .card[data-status="ambiguous"]`)
		for _, want := range []string{"Phường Ba Đình", "Phường Hoàn Kiếm", "Nhập một phần", "12 ngõ 5, Phường Hoàn Kiếm, Thành phố Hà Nội"} {
			if !strings.Contains(split, want) {
				t.Errorf("split result %q lacks %q", split, want)
			}
		}
		if status := text(t, ctx, "#convert-status"); !strings.Contains(status, "2 địa chỉ") {
			t.Errorf("status %q", status)
		}
		screenshot(t, ctx, size.name)
	}
}

// TestConverterExcel uploads an Excel file, which the server reads with
// package tabular.
func TestConverterExcel(t *testing.T) {
	base := start(t)
	var b bytes.Buffer
	tw, err := tabular.NewWriter(&b, tabular.XLSX, tabular.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tw.WriteHeader([]string{"Họ tên", "Địa chỉ"})
	tw.WriteRow([]string{"Nguyễn Văn A", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội"})
	tw.WriteRow([]string{"Trần Thị B", "45 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM"})
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	path := tempFile(t, "dia-chi.xlsx", b.Bytes())
	ctx := browser(t, 1200, 900)
	run(t, ctx, "upload",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#addresses")),
		chromedp.SetValue(chromedp.CSS("#convert-to"), "2025-07-01"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path}),
		chromedp.WaitVisible(chromedp.CSS(`#convert-results .card:nth-child(3)`)),
	)
	res := text(t, ctx, "#convert-results")
	if !strings.Contains(res, "Phường Ba Đình, Thành phố Hà Nội") || !strings.Contains(res, "45 Lê Lợi") {
		t.Errorf("Excel results %q", res)
	}
	if v := text(t, ctx, "#convert-status"); !strings.Contains(v, "2 địa chỉ") {
		t.Errorf("status %q", v)
	}
}
