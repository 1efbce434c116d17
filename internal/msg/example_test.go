package msg_test

import (
	"fmt"

	"github.com/dvhc-vn/dvhc/internal/msg"
)

func ExampleTranslate() {
	note := "Xã Cổ Bi was split among 3 communes; coordinates of the address (lat, lon) decide which one holds it"
	fmt.Println(msg.Translate(note, msg.VI))
	fmt.Println(msg.ID(note))
	fmt.Println(msg.Translate("no commune with code 99999", msg.VI))
	// Output:
	// Xã Cổ Bi đã được chia cho 3 xã, phường mới; toạ độ của địa chỉ (vĩ độ, kinh độ) sẽ quyết định địa chỉ thuộc đơn vị nào
	// address.split
	// không có xã mã 99999
}

func ExampleFromAcceptLanguage() {
	fmt.Println(msg.FromAcceptLanguage("vi-VN,vi;q=0.9,en-US;q=0.8"))
	fmt.Println(msg.FromAcceptLanguage("fr-FR"))
	// Output:
	// vi
	// en
}
