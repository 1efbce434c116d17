package parquet

import (
	"bytes"
	"slices"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
	"github.com/dvhc-vn/dvhc/registry"
)

// readBack reads a Parquet file with Read.
func readBack(t *testing.T, b []byte, _ []export.Type) ([]string, [][]any) {
	t.Helper()
	cols, rows, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return cols, rows
}

// TestRoundTrip writes every registry table and reads it back: same
// columns in the same order, same values, NULLs kept.
func TestRoundTrip(t *testing.T) {
	for _, tb := range export.FileTables(registry.MustDefault(), dvhc.Today()) {
		var buf bytes.Buffer
		if err := WriteTable(&buf, tb); err != nil {
			t.Fatal(err)
		}
		var names []string
		var types []export.Type
		for _, c := range tb.Columns {
			names = append(names, c.Name)
			types = append(types, c.Type)
		}
		var want [][]any
		tb.Rows(func(row []any) error {
			want = append(want, slices.Clone(row))
			return nil
		})
		gotNames, got := readBack(t, buf.Bytes(), types)
		if !slices.Equal(gotNames, names) {
			t.Errorf("%s: columns %q, want %q", tb.Name, gotNames, names)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", tb.Name, len(got), len(want))
		}
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("%s row %d:\n got %v\nwant %v", tb.Name, i, got[i], want[i])
			}
		}
		t.Logf("%s: %d rows, %d bytes", tb.Name, len(got), buf.Len())
	}
}

// TestDates checks the DATE encoding on known days: 1970-01-01 is 0.
func TestDates(t *testing.T) {
	for _, tt := range []struct {
		d    string
		days int32
	}{{"1970-01-01", 0}, {"2025-07-01", 20270}, {"1969-12-31", -1}} {
		v := value(dvhc.MustParseDate(tt.d), true, 0)
		if v.Int32() != tt.days {
			t.Errorf("%s: %d, want %d", tt.d, v.Int32(), tt.days)
		}
	}
}

// TestTableWriter writes string rows (empty is NULL) and reads them back.
func TestTableWriter(t *testing.T) {
	var buf bytes.Buffer
	tw := NewTableWriter(&buf)
	if err := tw.WriteHeader([]string{"id", "dia_chi", ""}); err != nil {
		t.Fatal(err)
	}
	for _, rec := range [][]string{{"1", "P7, Q5, TP.HCM", "ok"}, {"2", "", "invalid"}, {"3"}} {
		if err := tw.WriteRow(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.WriteRow([]string{"1", "2", "3", "4"}); err == nil {
		t.Error("4 values for 3 columns: no error")
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	names, rows := readBack(t, buf.Bytes(), []export.Type{export.Text, export.Text, export.Text})
	want := [][]any{{"1", "P7, Q5, TP.HCM", "ok"}, {"2", nil, "invalid"}, {"3", nil, nil}}
	if !slices.Equal(names, []string{"id", "dia_chi", "column_3"}) || !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("got %q %v, want %v", names, rows, want)
	}
}

// TestTableWriterNames makes repeated column names distinct.
func TestTableWriterNames(t *testing.T) {
	var buf bytes.Buffer
	tw := NewTableWriter(&buf)
	tw.WriteHeader([]string{"a", "a", "a_2", ""})
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	names, _ := readBack(t, buf.Bytes(), make([]export.Type, 4))
	if want := []string{"a", "a_2", "a_2_2", "column_4"}; !slices.Equal(names, want) {
		t.Errorf("columns %q, want %q", names, want)
	}
}
