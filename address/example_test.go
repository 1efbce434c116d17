package address_test

import (
	"fmt"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/address"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

func Example() {
	c, err := address.Default()
	if err != nil {
		panic(err)
	}
	to := dvhc.NewDate(2026, 1, 1)
	r := c.Convert("Số 12 Nguyễn Trãi, P.7, Q.5, TP.HCM", address.Options{To: to})
	fmt.Println(r.Status, "|", r.Street, "|", r.Commune.Code, r.Commune.Name)
	fmt.Println(r.Address)

	r = c.Convert("p truc bach, q.ba dinh, hn", address.Options{To: to})
	fmt.Println(r.Status, r.Address)

	// A commune split among several new communes is never placed silently.
	r = c.Convert("Xã Hòa Thắng, Huyện Bắc Bình, Bình Thuận", address.Options{To: to})
	fmt.Println(r.Status)
	for _, cand := range r.Candidates {
		fmt.Println(" ", cand.Commune.Code, cand.Commune.Name, "—", cand.Note)
	}
	// Output:
	// ok | Số 12 Nguyễn Trãi | 27316 Phường An Đông
	// Số 12 Nguyễn Trãi, Phường An Đông, Thành phố Hồ Chí Minh
	// ok Phường Ba Đình, Thành phố Hà Nội
	// ambiguous
	//   23053 Xã Hòa Thắng — Nhập toàn bộ
	//   23041 Xã Hồng Thái — Nhập một phần (theo văn bản trước sáp nhập)
}

func ExampleConverter_Parse() {
	c, _ := address.Default()
	p := c.Parse("12 Trần Hưng Đạo F7 Q5 HCM")
	fmt.Println(p.Street, "|", p.Commune.Name, "|", p.District.Name, "|", p.Province.Name, "|", p.Vintage)
	// Output:
	// 12 Trần Hưng Đạo | Phường 7 | Quận 5 | Thành phố Hồ Chí Minh | old
}

// A point is checked against the words; when they disagree, Prefer says
// which to trust. The value comes from every door (--prefer, prefer=)
// through ParsePrefer.
func ExampleParsePrefer() {
	c := address.New(registry.MustDefault(), geo.Default())
	saiGon := &dvhc.LatLon{Lat: 10.78105, Lon: 106.703947} // a point in Phường Sài Gòn
	for _, s := range []string{"both", "text", "point"} {
		prefer, err := address.ParsePrefer(s)
		if err != nil {
			panic(err)
		}
		r := c.Convert("Phường Trúc Bạch, Quận Ba Đình, Hà Nội", address.Options{Point: saiGon, Prefer: prefer})
		if r.Status == address.StatusOK {
			fmt.Println(prefer, r.Status, r.Commune.Code, r.Commune.Name)
		} else {
			fmt.Println(prefer, r.Status, r.Candidates[0].Commune.Code, r.Candidates[1].Commune.Code)
		}
	}
	_, err := address.ParsePrefer("words")
	fmt.Println(err)
	// Output:
	// both ambiguous 00004 26740
	// text ok 00004 Phường Ba Đình
	// point ok 26740 Phường Sài Gòn
	// want both, text or point, got "words"
}
