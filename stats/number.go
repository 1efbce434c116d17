package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseNumber reads a figure: "1234", "-12.5", "1e3". A dot is the
// decimal point ("1.5"), unless several dots group thousands ("1.234.567",
// "1.234.567,5" as written in Vietnamese); commas group thousands
// ("1,234,567", "1,234.5"), or are the decimal comma ("12,5"). A single
// comma before exactly three digits ("1,234") is ambiguous and an error.
// Spaces around are ignored; "" is not a number (a missing value).
func ParseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if plain(s) {
		if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(v, 0) {
			return v, nil
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && strings.ContainsAny(s, ",.") {
		if n, ok := regroup(s); ok {
			v, err = strconv.ParseFloat(n, 64)
		} else if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
			return 0, fmt.Errorf("%q is ambiguous: thousands separator or decimal comma?", s)
		}
	}
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(s, "_xXpP") {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

// regroup rewrites a number with thousands separators and a decimal point
// or comma into Go's syntax, and reports whether s is one.
func regroup(s string) (string, bool) {
	sign := ""
	if s != "" && (s[0] == '-' || s[0] == '+') {
		sign, s = s[:1], s[1:]
	}
	// The decimal separator is the last of "." and "," when the other one
	// groups thousands, or a lone comma not followed by three digits.
	group, dec := byte(0), byte(0)
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case dots > 0 && commas > 0:
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			group, dec = ',', '.'
		} else {
			group, dec = '.', ','
		}
	case commas == 1 && dots == 0:
		if i := strings.IndexByte(s, ','); len(s)-i-1 == 3 {
			return "", false // 1,234: ambiguous
		}
		dec = ','
	case commas > 1:
		group = ','
	case dots > 1:
		group = '.'
	default:
		return "", false
	}
	intPart, frac := s, ""
	if dec != 0 {
		i := strings.LastIndexByte(s, dec)
		intPart, frac = s[:i], s[i+1:]
		if strings.IndexByte(frac, group) >= 0 || frac == "" {
			return "", false
		}
	}
	if group != 0 {
		parts := strings.Split(intPart, string(group))
		for k, p := range parts {
			if (k == 0 && (len(p) < 1 || len(p) > 3)) || (k > 0 && len(p) != 3) {
				return "", false
			}
		}
		intPart = strings.Join(parts, "")
	}
	for i := 0; i < len(intPart); i++ {
		if intPart[i] < '0' || intPart[i] > '9' {
			return "", false
		}
	}
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return "", false
		}
	}
	if frac != "" {
		return sign + intPart + "." + frac, true
	}
	return sign + intPart, true
}

// FormatNumber writes a figure as ConvertTable does: rounded to 12
// significant digits (which hides the noise of float arithmetic: 5400, not
// 5399.999999999999), in plain decimal notation.
func FormatNumber(v float64) string {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		r = v
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// plain reports whether s holds only what a decimal number in Go's syntax
// may: digits, a sign, a dot, an exponent (no hex, underscores, Inf, NaN).
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == '-', c == '+', c == 'e', c == 'E':
		default:
			return false
		}
	}
	return s != ""
}
