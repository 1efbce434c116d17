package tabular

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc/internal/golden"
)

// copyJSON copies a JSONL input to format f, through WriteJSONRow when the
// writer has it, adding a column "dvhc_status" = "ok" as batch does.
func copyJSON(t *testing.T, in string, f Format) string {
	t.Helper()
	r, err := NewReader(strings.NewReader(in), JSONL, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, f, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w.WriteHeader(append(append([]string{}, r.Header()...), "dvhc_status"))
	jw, _ := w.(JSONRowWriter)
	eachRow(t, r, func(row *Row) {
		if row.Err != nil {
			t.Errorf("row %d: %v", row.Num, row.Err)
		}
		line := append(append([]string{}, row.Fields...), "ok")
		if jw != nil {
			err = jw.WriteJSONRow(line, row.JSON)
		} else {
			err = w.WriteRow(line)
		}
		if err != nil {
			t.Fatal(err)
		}
	})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestJSONLHeterogeneousKeys: the columns are the union of the keys (a key
// such as dia_chi or lat first seen on a later line is a column), and a
// JSONL output writes every value back with its JSON type, leaving out the
// keys an object did not have; a CSV output has every column.
func TestJSONLHeterogeneousKeys(t *testing.T) {
	in, err := readTestdata("hetero.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "hetero.jsonl.golden", []byte(copyJSON(t, in, JSONL)))
	golden.Check(t, "hetero.csv.golden", []byte(copyJSON(t, in, CSV)))
}

// TestJSONLKeyAfterLookahead: a key first seen after LookaheadLines lines
// cannot become a column of a streamed output: it is reported.
func TestJSONLKeyAfterLookahead(t *testing.T) {
	var b strings.Builder
	for range LookaheadLines {
		b.WriteString(`{"a":1}` + "\n")
	}
	b.WriteString(`{"a":2,"late":3}` + "\n")
	header, rows := readAll(t, JSONL, b.String(), ReaderOptions{})
	if len(header) != 1 || len(rows) != LookaheadLines+1 {
		t.Fatalf("header %q, %d rows", header, len(rows))
	}
	if last := rows[len(rows)-1]; last.Err != ErrFieldCount || last.Column != "late" {
		t.Errorf("late key: %+v", last)
	}
}

func readTestdata(name string) (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	return string(b), err
}
