package fileconv

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/address"
)

// TestAddressRecordsMatchAddresses: over more rows than the slot window
// (so slots are recycled), every record comes in order with the status
// and commune of the same row of Addresses' output.
func TestAddressRecordsMatchAddresses(t *testing.T) {
	addrs := []string{"P7, Q5, TP.HCM", "Xã Cổ Bi, Huyện Gia Lâm, Hà Nội", "???", "\"broken", "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", "a,b,c"}
	var b strings.Builder
	b.WriteString("id,address\n")
	const n = 12000
	for i := range n {
		fmt.Fprintf(&b, "%d,%s\n", i, addrs[i%len(addrs)])
	}
	in := b.String()
	want := convertCSV(t, in, Options{To: reform, Workers: 1})[1:]
	conv, _ := address.Default()
	k := 0
	var head Table
	err := AddressRecords(context.Background(), conv, strings.NewReader(in), "x.csv", Options{To: reform, Workers: 1},
		func(t Table) error { head = t; return nil },
		func(r *Record) error {
			w := want[k]
			k++
			if r.Num != k || r.Result.Status.String() != w[2] || (r.Result.Commune != nil) != (w[3] != "") {
				t.Fatalf("record %d: num %d, %s %v; want %v", k, r.Num, r.Result.Status, r.Result.Commune, w)
			}
			if r.Result.Status == address.StatusInvalid && r.Result.Note != w[len(w)-1] {
				t.Fatalf("record %d: note %q, want %q", k, r.Result.Note, w[len(w)-1])
			}
			return nil
		})
	if err != nil || k != n || head.AddressColumn != "address" {
		t.Fatalf("err %v, %d records of %d, head %+v", err, k, n, head)
	}
	tab, rows, err := CheckTable(context.Background(), strings.NewReader(in), "x.csv", Options{})
	if err != nil || rows != n || tab.AddressColumn != "address" {
		t.Errorf("CheckTable: %v, %d rows, %+v", err, rows, tab)
	}
	if _, _, err := CheckTable(context.Background(), strings.NewReader(in), "x.csv", Options{MaxRows: 100}); !errors.Is(err, ErrTooManyRows) {
		t.Errorf("CheckTable over MaxRows: %v", err)
	}
	err = AddressRecords(context.Background(), conv, strings.NewReader(in), "x.csv", Options{MaxRows: 100}, nil, func(*Record) error { return nil })
	if !errors.Is(err, ErrTooManyRows) {
		t.Errorf("AddressRecords over MaxRows: %v", err)
	}
}
