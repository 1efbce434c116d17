package tabular

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestExcelSafe(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		"Hà Nội":            "Hà Nội",
		"=1+1":              "'=1+1",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+84 912":           "'+84 912",
		"-12.5":             "-12.5",
		"+3":                "+3",
		"-1e-3":             "-1e-3",
		"-21,03":            "-21,03",
		"-":                 "'-",
		"-1-2":              "'-1-2",
		"@SUM(A1)":          "'@SUM(A1)",
		"\tx":               "'\tx",
		"\rx":               "'\rx",
		"a=b":               "a=b",
	} {
		if got := ExcelSafe(in); got != want {
			t.Errorf("ExcelSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriterExcelSafe(t *testing.T) {
	var b bytes.Buffer
	w, _ := NewWriter(&b, CSV, WriterOptions{ExcelSafe: true})
	w.WriteHeader([]string{"=a", "b"})
	w.WriteRow([]string{"-5", "=cmd|' /C calc'!A0"})
	w.Close()
	if want := "'=a,b\n-5,'=cmd|' /C calc'!A0\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// FuzzExcelSafe: the result is the input or ' and the input; a cell left
// alone never starts a formula unless it is a number.
func FuzzExcelSafe(f *testing.F) {
	for _, s := range []string{"", "=1", "-1.5", "+", "-1e5", "@", "\t", "abc", "-,5", "1e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ExcelSafe(s)
		switch {
		case got == "'"+s:
			if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
				t.Errorf("%q escaped", s)
			}
		case got == s:
			if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
				_, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
				if err != nil && !errors.Is(err, strconv.ErrRange) {
					t.Errorf("%q left alone but not a number", s)
				}
			}
		default:
			t.Errorf("ExcelSafe(%q) = %q", s, got)
		}
	})
}
