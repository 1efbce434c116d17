package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestStatsPanel uploads a table of old communes on the statistics panel,
// picks the columns and checks the report and the preview.
func TestStatsPanel(t *testing.T) {
	base := start(t)
	path := tempFile(t, "so-lieu.csv", []byte("ma_xa,dan_so\n00004,100\n00013,50\n00553,90\n99999,1\n"))
	ctx := browser(t, 1200, 900)
	run(t, ctx, "upload",
		chromedp.Navigate(base+"/#/stats"),
		chromedp.WaitVisible(chromedp.CSS("#stats-file")),
		chromedp.SetValue(chromedp.CSS("#stats-to"), "2025-07-01"),
		chromedp.SetUploadFiles(chromedp.CSS("#stats-file"), []string{path}),
		chromedp.WaitVisible(chromedp.CSS(`#stats-columns input[name=sum][value=dan_so]`)),
		chromedp.Click(chromedp.CSS(`#stats-columns input[name=sum][value=dan_so]`)),
		chromedp.Click(chromedp.CSS("#stats-button")),
		chromedp.WaitVisible(chromedp.CSS(".stats-preview")),
	)
	if s := text(t, ctx, "#stats-status"); !strings.Contains(s, "4 dòng → 3321 đơn vị; 3 đơn vị dùng trọng số giả định") {
		t.Errorf("status %q", s)
	}
	screenshot(t, ctx, "screenshot-stats.png")
	res := text(t, ctx, "#stats-results")
	for _, want := range []string{"Phường Ba Đình", "150", "Mã không có vào ngày này: 1", "dòng 4"} {
		if !strings.Contains(res, want) {
			t.Errorf("results lack %q: %s", want, res)
		}
	}
}
