package vnenc_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/dvhc-vn/dvhc/vnenc"
)

func ExampleDecode() {
	fmt.Println(vnenc.Decode(vnenc.TCVN3, []byte("H\xb5 N\xe9i")))      // "Hµ Néi" on screen
	fmt.Println(vnenc.Decode(vnenc.VNI, []byte("Vie\xe4t Nam")))        // "Vieät Nam" on screen
	fmt.Println(vnenc.Decode(vnenc.Windows1258, []byte("Vi\xea\xf2t"))) // ê and a combining dot below
	// Output:
	// Hà Nội
	// Việt Nam
	// Việt
}

func ExampleDetect() {
	fmt.Println(vnenc.Detect([]byte("C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam")))
	fmt.Println(vnenc.Detect([]byte("Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam")))
	fmt.Println(vnenc.Detect([]byte("Cộng hòa xã hội chủ nghĩa Việt Nam")))
	// Output:
	// tcvn3
	// vni
	// utf-8
}

func ExampleNewReader() {
	r := vnenc.NewReader(strings.NewReader("id,dia_chi\n1,x\xb7 C\xe6 Bi\n"), vnenc.TCVN3)
	b, _ := io.ReadAll(r)
	fmt.Print(string(b))
	// Output:
	// id,dia_chi
	// 1,xã Cổ Bi
}
