package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"

	"github.com/dvhc-vn/dvhc"
)

// WriteCSV writes t as CSV (RFC 4180, UTF-8, a header line of column
// names). NULL is an empty field; dates are YYYY-MM-DD.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	rec := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		rec[i] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	err := t.Rows(func(row []any) error {
		for i, v := range row {
			rec[i] = textOf(v)
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// textOf formats a value for CSV: "" for NULL.
func textOf(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case dvhc.Date:
		return v.String()
	}
	panic("export: unexpected value type")
}

// WriteJSON writes the tables as one JSON object with one member per
// table, an array of row objects keyed by column name (NULL is null,
// dates are "YYYY-MM-DD"), one row per line.
func WriteJSON(w io.Writer, tables []*Table) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("{")
	var buf []byte
	for ti, t := range tables {
		if ti > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n" + strconv.Quote(t.Name) + ": [")
		n := 0
		err := t.Rows(func(row []any) error {
			buf = buf[:0]
			if n > 0 {
				buf = append(buf, ',')
			}
			n++
			buf = append(buf, "\n{"...)
			for i, v := range row {
				if i > 0 {
					buf = append(buf, ',')
				}
				buf = strconv.AppendQuote(buf, t.Columns[i].Name)
				buf = append(buf, ':')
				var err error
				if buf, err = appendJSON(buf, v); err != nil {
					return err
				}
			}
			buf = append(buf, '}')
			_, err := bw.Write(buf)
			return err
		})
		if err != nil {
			return err
		}
		bw.WriteString("\n]")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

func appendJSON(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case dvhc.Date:
		return append(append(append(b, '"'), v.String()...), '"'), nil
	}
	j, err := json.Marshal(v)
	return append(b, j...), err
}
