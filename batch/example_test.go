package batch_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/dvhc-vn/dvhc/batch"
	"github.com/dvhc-vn/dvhc/tabular"
)

func ExampleRun() {
	in := "id,address\n1,Phường Trúc Bạch\n\n3,Xã Tân Phú\n"
	r, err := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	if err != nil {
		panic(err)
	}
	w, err := tabular.NewWriter(os.Stdout, tabular.CSV, tabular.WriterOptions{})
	if err != nil {
		panic(err)
	}
	addr := 1 // index of the address column in r.Header()
	opts := batch.Options{Columns: []string{"status", "note", "new_address"}}
	sum, err := batch.Run(context.Background(), r, w, opts, func(row *tabular.Row, out []string) {
		// out[0] status, out[1] note, out[2] new_address
		if strings.HasPrefix(row.Fields[addr], "Phường") {
			out[0], out[2] = "ok", "Phường Ba Đình"
			return
		}
		out[0], out[1] = "not_found", "no such unit"
	})
	if err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	fmt.Println(sum)
	// Output:
	// id,address,status,note,new_address
	// 1,Phường Trúc Bạch,ok,,Phường Ba Đình
	// ,,invalid,row 2 (line 3): empty line,
	// 3,Xã Tân Phú,not_found,no such unit,
	// invalid: 1, not_found: 1, ok: 1
}
