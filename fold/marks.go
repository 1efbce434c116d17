package fold

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Unaccent returns s written without diacritics, as people type on a
// keyboard without Vietnamese input: tones and other marks removed, đ→d,
// case, spacing and punctuation kept. Unaccent("Phường Hoà Bình") ==
// "Phuong Hoa Binh". It is a way of writing, not a matching key.
func Unaccent(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MarkKey returns the key of s for comparing names with their marks: the
// folded letters of each word (y read as i) followed by the word's marks
// (tones, circumflex, breve, horn, đ) sorted and a space, so that the
// placement of a tone mark does not matter (hoà = hòa) but the marks do
// (Bình ≠ Bính). MarkKey("Hoà Bình") == MarkKey("Hòa Bình"). A text
// without any mark gives no marks for any word, and then compares equal
// only to names without marks.
func MarkKey(s string) string {
	var buf MarkBuf
	return string(AppendMarkKey(nil, s, &buf))
}

// MarkBuf holds the buffers AppendMarkKey reuses from call to call; its
// zero value is ready to use. A MarkBuf must not be used by two goroutines
// at once.
type MarkBuf struct {
	nfd   norm.Iter
	marks []rune
}

// AppendMarkKey appends MarkKey(s), as runes, to dst and returns the
// extended slice. It uses the buffers of buf, and allocates only to grow
// them or dst: a caller that keeps dst and buf between calls compares
// names with their marks without allocating.
func AppendMarkKey(dst []rune, s string, buf *MarkBuf) []rune {
	if stableOnly(s) {
		if out, ok := appendMarkKeyStable(dst, s, buf); ok {
			return out
		}
	}
	marks := buf.marks[:0]
	flush := func() {
		slices.Sort(marks)
		dst = append(dst, marks...)
		dst = append(dst, ' ')
		marks = marks[:0]
	}
	in := false
	buf.nfd.InitString(norm.NFD, s)
	for !buf.nfd.Done() {
		for _, r := range string(buf.nfd.Next()) { // no copy: the range reads the bytes
			switch {
			case unicode.Is(unicode.Mn, r):
				marks = append(marks, r)
			case r == 'đ' || r == 'Đ':
				marks = append(marks, 'đ')
				dst = append(dst, 'd')
				in = true
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				r = unicode.ToLower(r)
				if r == 'y' {
					r = 'i'
				}
				dst = append(dst, r)
				in = true
			default:
				if in {
					flush()
					in = false
				}
			}
		}
	}
	if in {
		flush()
	}
	buf.marks = marks
	return dst
}

// markRune is what AppendMarkKey makes of a rune that NFC keeps as it is
// (nfcStable): its NFD form, a letter or digit and its marks or a
// separator, read as AppendMarkKey reads it.
type markRune struct {
	letter rune    // the letter or digit it adds to the word (lower case, y as i); 0: a separator
	marks  [2]rune // the marks it adds to the word's (0: none)
	slow   bool    // none of these shapes: read by AppendMarkKey's own loop
}

// markRunes gives the markRune of the runes below U+0300 (at their
// index) and of U+1E00–U+1EFF (at 0x300 on), made on first use.
var markRunes = sync.OnceValue(func() *[0x400]markRune {
	var t [0x400]markRune
	for i := range t {
		r := rune(i)
		if i >= 0x300 {
			r = rune(i) - 0x300 + 0x1E00
		}
		m := &t[i]
		nm := 0
		for _, x := range norm.NFD.String(string(r)) {
			switch {
			case unicode.Is(unicode.Mn, x) || x == 'đ' || x == 'Đ':
				if x == 'Đ' || x == 'đ' {
					if m.letter != 0 || nm > 0 {
						m.slow = true
					}
					m.letter, x = 'd', 'đ'
				}
				if m.letter == 0 || nm == len(m.marks) {
					m.slow = true
					break
				}
				m.marks[nm] = x
				nm++
			case unicode.IsLetter(x) || unicode.IsDigit(x):
				if m.letter != 0 {
					m.slow = true
				}
				m.letter = unicode.ToLower(x)
				if m.letter == 'y' {
					m.letter = 'i'
				}
			default:
				if m.letter != 0 || nm > 0 {
					m.slow = true
				}
			}
		}
	}
	return &t
})

// appendMarkKeyStable is AppendMarkKey for a text of nfcStable runes only
// (stableOnly), as Vietnamese is usually written: each rune's NFD form
// and what it adds to the key are in a table (markRunes), rather than
// normalized and classified rune by rune. It reports false, having
// appended nothing, at a rune the table does not give.
func appendMarkKeyStable(dst []rune, s string, buf *MarkBuf) ([]rune, bool) {
	tab := markRunes()
	start := len(dst)
	marks := buf.marks[:0]
	in := false
	for _, r := range s {
		i := r
		if i >= 0x1E00 {
			i -= 0x1E00 - 0x300
		}
		m := &tab[i&0x3ff]
		switch {
		case m.slow:
			buf.marks = marks
			return dst[:start], false
		case m.letter == 0:
			if in {
				slices.Sort(marks)
				dst = append(dst, marks...)
				dst = append(dst, ' ')
				marks = marks[:0]
				in = false
			}
		default:
			dst = append(dst, m.letter)
			in = true
			if m.marks[0] != 0 {
				marks = append(marks, m.marks[0])
				if m.marks[1] != 0 {
					marks = append(marks, m.marks[1])
				}
			}
		}
	}
	if in {
		slices.Sort(marks)
		dst = append(dst, marks...)
		dst = append(dst, ' ')
	}
	buf.marks = marks
	return dst, true
}

// WordMarks returns, for each word of s (a run of letters and digits), its
// marks (tones, circumflex, breve, horn, đ) sorted, "" for a word without
// any: WordMarks("Hoà Binh") == ["\u0300", ""]. It compares the marks of
// two spellings word by word when their letters differ (a misspelt name).
// It reads them off MarkKey, whose words are their letters then their
// marks.
func WordMarks(s string) []string {
	var buf MarkBuf
	var out []string
	var marks []rune
	for _, r := range AppendMarkKey(nil, s, &buf) {
		switch {
		case r == ' ':
			out = append(out, string(marks))
			marks = marks[:0]
		case r == 'đ' || unicode.Is(unicode.Mn, r):
			marks = append(marks, r)
		}
	}
	return out
}

// HasMarks reports whether s has any character outside ASCII (a tone, a
// mark or đ in Vietnamese): a text typed without them says nothing about
// them.
func HasMarks(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// NFC returns s in Unicode normalization form C, the form of every
// Vietnamese text dvhc stores and prints. It returns s itself, without
// allocating, when s is already NFC.
func NFC(s string) string { return norm.NFC.String(s) }

// IsNFC reports whether s is in NFC, without allocating: at once for
// ASCII and text of precomposed Latin letters only (as Vietnamese is
// usually written), by Unicode's quick check or the full check otherwise.
func IsNFC(s string) bool {
	if stableOnly(s) || norm.NFC.QuickSpanString(s) == len(s) {
		return true
	}
	return norm.NFC.IsNormalString(s)
}

// stableOnly reports whether s is valid UTF-8 of nfcStable runes only,
// reading bytes rather than decoding runes (the parser checks every
// street it cuts): ASCII, the runes of two bytes led by 0xC2–0xCB
// (U+0080–U+02FF) and those of three led by 0xE1 0xB8–0xBB
// (U+1E00–U+1EFF).
func stableOnly(s string) bool {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c < 0x80:
			i++
		case c >= 0xc2 && c < 0xcc && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			i += 2
		case c == 0xe1 && i+2 < len(s) && s[i+1] >= 0xb8 && s[i+1] <= 0xbb && s[i+2]&0xc0 == 0x80:
			i += 3
		default:
			return false
		}
	}
	return true
}

// nfcStable reports whether r is a letter or sign that NFC keeps as it
// is and that nothing before it composes with: ASCII, and the precomposed
// Latin letters Vietnamese is written with (Latin-1, Latin Extended-A and
// -B, Latin Extended Additional); a text of such runes only is NFC
// (TestNFCStable checks every one against package norm).
func nfcStable(r rune) bool {
	return r < 0x300 || r >= 0x1E00 && r < 0x1F00
}
