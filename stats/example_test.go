package stats_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/registry"
	"github.com/dvhc-vn/dvhc/stats"
	"github.com/dvhc-vn/dvhc/tabular"
)

// Households of three old communes of Hà Nội brought to the communes of
// 2025-07-01: Trúc Bạch and Quán Thánh merged into Ba Đình; Cổ Bi was split
// in three, its figure apportioned by an assumed weight.
func ExampleConvertTable() {
	in := "code,households\n00004,100\n00013,50\n00553,90\n"
	r, _ := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	var out strings.Builder
	w, _ := tabular.NewWriter(&out, tabular.CSV, tabular.WriterOptions{})
	rep, err := stats.ConvertTable(context.Background(), registry.MustDefault(), r, w, stats.Options{
		From: dvhc.MustParseDate("2025-06-30"), To: dvhc.MustParseDate("2025-07-01"), Sum: []string{"households"},
	})
	if err != nil {
		panic(err)
	}
	w.Close()
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "code") || (line != "" && !strings.HasSuffix(line, ",0")) {
			fmt.Println(line)
		}
	}
	fmt.Printf("total %s → %s\n", stats.FormatNumber(rep.Totals[0].In), stats.FormatNumber(rep.Totals[0].Out))
	// Output:
	// code,name,households,assumed_weight,sources
	// 00004,Phường Ba Đình,150,no,2
	// 00136,Phường Phúc Lợi,27.5389242543,yes,1
	// 00541,Xã Phù Đổng,34.4754016122,yes,1
	// 00565,Xã Gia Lâm,27.9856741335,yes,1
	// total 240 → 240
}

// The shares of a split commune under the default (population) weights:
// Thụy Khuê gave "part of the area, all of the population" to Tây Hồ.
func ExamplePlan_Shares() {
	p, err := stats.NewPlan(registry.MustDefault(), dvhc.MustParseDate("2025-06-30"), dvhc.MustParseDate("2025-07-01"),
		dvhc.LevelCommune, dvhc.LevelCommune, stats.Weighting{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	for _, s := range p.Shares("00112") {
		fmt.Println(s.To.Code, s.To.Name, s.Weight, s.Kind, s.Assumed)
	}
	// Output:
	// 00103 Phường Tây Hồ 1 population false
}
