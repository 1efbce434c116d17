package tabular_test

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dvhc-vn/dvhc/tabular"
)

// Read a messy CSV: every physical line is a row, broken ones carry an
// error naming the row and the column.
func ExampleNewReader() {
	in := "id,address\n1,\"Số 5, Lê Lợi\"\n\n3,caf\xe9\n4,\"ok\"x\n5,Huế\n"
	r, err := tabular.NewReader(strings.NewReader(in), tabular.CSV, tabular.ReaderOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Header())
	var row tabular.Row
	for {
		if err := r.Next(&row); err == io.EOF {
			break
		} else if err != nil {
			panic(err)
		}
		if row.Err != nil {
			fmt.Println(row.Err)
			continue
		}
		fmt.Printf("row %d: %q\n", row.Num, row.Fields)
	}
	// Output:
	// [id address]
	// row 1: ["1" "Số 5, Lê Lợi"]
	// row 2 (line 3): empty line
	// row 3 (line 4), column "address": invalid UTF-8
	// row 4 (line 5), column "address": bad quoting: 'x' after a closing quote
	// row 5: ["5" "Huế"]
}

// Write JSONL: the header gives the keys, every value is a string.
func ExampleNewWriter() {
	w, err := tabular.NewWriter(os.Stdout, tabular.JSONL, tabular.WriterOptions{})
	if err != nil {
		panic(err)
	}
	w.WriteHeader([]string{"id", "address"})
	w.WriteRow([]string{"1", `Ngõ 5 "A"`})
	w.WriteRow([]string{"2"})
	if err := w.Close(); err != nil {
		panic(err)
	}
	// Output:
	// {"id":"1","address":"Ngõ 5 \"A\""}
	// {"id":"2","address":""}
}

func ExampleFormatFromPath() {
	f, err := tabular.FormatFromPath("addresses.NDJSON")
	fmt.Println(f, err)
	_, err = tabular.FormatFromPath("addresses.xls")
	fmt.Println(err)
	// Output:
	// jsonl <nil>
	// cannot tell the table format of "addresses.xls" from its extension (want .csv, .tsv, .jsonl or .xlsx)
}
