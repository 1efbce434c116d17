package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPreferOnPage: the page's "when coordinates and address disagree"
// select gives the same status and commune as the other doors (cmd/dvhc's
// TestPreferCLI, the API's TestPrefer, the MCP's TestPreferMCP), for a
// table sent to the server (upload) and for one read in the page (POST
// /v1/convert with its points): issue 17's example, then Phường Trúc Bạch
// with a point in Phường Sài Gòn, where the words and the point disagree.
func TestPreferOnPage(t *testing.T) {
	base := start(t)
	table := "dia_chi,lat,lon\n" +
		"\"15 Phố Lý Thường Kiệt, Phan Chu Trinh, Hoàn Kiếm, Hà Nội\",21.0245,105.8530\n" +
		"\"Phường Trúc Bạch, Quận Ba Đình, Hà Nội\",10.78105,106.703947\n"
	dir := t.TempDir()
	csvPath, txtPath := filepath.Join(dir, "prefer.csv"), filepath.Join(dir, "prefer.txt")
	os.WriteFile(csvPath, []byte(table), 0o644)
	os.WriteFile(txtPath, []byte(table), 0o644)
	want := map[string]string{
		"both":  "ok 00082,ambiguous ",
		"text":  "ok 00082,ok 00004",
		"point": "ok 00082,ok 26740",
	}
	const cards = `Array.from(document.querySelectorAll("#convert-results .card.result")).map(function (c) {
		var a = c.querySelector(".meta a");
		return c.dataset.status + " " + (a ? a.getAttribute("href").split("/")[3].split("?")[0] : "");
	}).join(",")`
	ctx := browser(t, 1200, 900)
	for _, prefer := range []string{"both", "text", "point"} {
		// The CSV goes to the server (POST /v1/convert/file?prefer=…).
		run(t, ctx, "open the page",
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.CSS("#addresses")),
			chromedp.SetValue(chromedp.CSS("#convert-prefer"), prefer),
			chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{csvPath}),
		)
		waitFor(t, ctx, "upload converted", `document.querySelectorAll("#convert-results .card.result").length === 2`)
		if got := eval[string](t, ctx, cards); got != want[prefer] {
			t.Errorf("prefer %s, upload: %q, want %q", prefer, got, want[prefer])
		}
		// A .txt table is read in the page, then converted by POST
		// /v1/convert with its points and prefer.
		run(t, ctx, "open the page again",
			chromedp.Navigate(base+"/#/"),
			chromedp.Reload(),
			chromedp.WaitVisible(chromedp.CSS("#addresses")),
			chromedp.SetValue(chromedp.CSS("#convert-prefer"), prefer),
			chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{txtPath}),
		)
		waitFor(t, ctx, "file read", `document.getElementById("addresses").dataset.fromFile === "1"`)
		run(t, ctx, "convert", chromedp.Click(chromedp.CSS("#convert-button")))
		waitFor(t, ctx, "converted", `document.querySelectorAll("#convert-results .card.result").length === 2`)
		if got := eval[string](t, ctx, cards); got != want[prefer] {
			t.Errorf("prefer %s, POST /v1/convert: %q, want %q", prefer, got, want[prefer])
		}
	}
}
