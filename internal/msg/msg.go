// Package msg is the message catalogue: every note and error that dvhc's
// core and API produce in English, keyed by a message ID, with its
// Vietnamese text, and the choice of language from Accept-Language.
//
// The core (address, geo, registry, tabular, fileconv) keeps writing its
// English text; the edges (the API, and so the web page) translate it
// with Translate. A text is matched against the English templates of the
// catalogue; notes joined by "; " are translated one by one, and a part
// that no template matches is left in English.
package msg

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Lang is a language of messages.
type Lang string

// The languages.
const (
	EN Lang = "en" // English, the language of the core
	VI Lang = "vi" // Vietnamese
)

// Message is one entry of the catalogue. In EN and VI, {name} is a
// placeholder: {level} is a level name (translated); {reading} and
// {reading2} are readings of an address (their words "of", "until",
// "from" translated); {err} and {detail}
// are a nested message (translated; they take the rest of the text); any
// other name is copied as it is and never spans a "; " between notes.
type Message struct {
	ID string
	EN string
	VI string
}

// Catalogue lists the messages, more specific templates before the more
// general ones that would also match them.
var Catalogue = []Message{
	// address: notes of a conversion
	{"address.empty", "empty address: no letters or digits", "địa chỉ trống: không có chữ hay số"},
	{"address.unrecognised", "no administrative unit recognised", "không nhận ra đơn vị hành chính nào"},
	{"address.typo", "typo corrected: {q} read as {unit}", "đã sửa lỗi chính tả: {q} được đọc là {unit}"},
	{"address.former_name", "former name {q} read as {unit}", "tên cũ {q} được đọc là {unit}"},
	{"address.no_commune", "no commune in the address: it names only {what}; the commune (phường, xã) is needed to place it among the new communes",
		"địa chỉ không có xã, phường: chỉ nêu {what}; cần có xã, phường mới xác định được đơn vị mới"},
	{"address.same_successor", "the name fits {n} units, which all became {unit}", "tên này khớp với {n} đơn vị, tất cả đều trở thành {unit}"},
	{"address.not_utf8", "the address is not valid UTF-8 text", "địa chỉ không phải văn bản UTF-8 hợp lệ"},
	{"address.reversed", "read in reverse order: the province is written first", "đọc theo thứ tự ngược: tỉnh được viết trước"},
	{"address.left_aside", "words not recognised, left aside: {q}", "các từ không nhận ra, đã bỏ qua: {q}"},
	{"address.provinces", "{q} may name several provinces; no commune in the address", "{q} có thể là tên của nhiều tỉnh; địa chỉ không có xã, phường"},
	{"address.too_little", "only {q} was recognised, without a type word (Phường, Xã…) or a district or province: too little to place the address",
		"chỉ nhận ra {q}, không có từ chỉ loại (Phường, Xã…) hay huyện, tỉnh: quá ít để xác định địa chỉ"},
	{"address.two_readings", "read as {reading}, or as {reading2}: the address does not tell which", "đọc là {reading}, hoặc là {reading2}: địa chỉ không cho biết là cách nào"},
	{"address.point_here", "the point given lies here", "toạ độ đã cho nằm ở đây"},
	{"address.prefer_point", "placed by the point (prefer point): it lies in {unit}; the words read {words}",
		"xác định theo toạ độ (ưu tiên toạ độ): nằm trong {unit}; theo chữ là {words}"},
	{"address.prefer_text_nowhere", "the point given lies in no commune, not in {unit} (prefer text: the words win)",
		"toạ độ đã cho không nằm trong xã, phường nào, không thuộc {unit} (ưu tiên chữ: theo địa chỉ)"},
	{"address.prefer_text", "the point given lies in commune {code}, not in {unit} (prefer text: the words win)",
		"toạ độ đã cho nằm trong xã {code}, không thuộc {unit} (ưu tiên chữ: theo địa chỉ)"},
	{"address.nowhere_outside", "the point lies in no commune, outside every successor: check the point or the address",
		"toạ độ không nằm trong xã, phường nào, ngoài mọi đơn vị kế thừa: hãy kiểm tra toạ độ hoặc địa chỉ"},
	{"address.chose_reading", "the point chose between readings: read as {reading}, the address lies in {unit}, where the point is; read as {reading2}, it would be {words}",
		"toạ độ đã chọn giữa các cách đọc: đọc là {reading} thì địa chỉ nằm trong {unit}, nơi có toạ độ; đọc là {reading2} thì sẽ là {words}"},
	{"address.swapped", "latitude and longitude seem swapped: swapped, the point lies in {unit}, as the words say",
		"vĩ độ và kinh độ có vẻ bị đảo: đảo lại thì toạ độ nằm trong {unit}, đúng như địa chỉ ghi"},
	{"address.point_unused", "the point given lies in no commune (at sea, abroad or invalid: {err}): it was not used",
		"toạ độ đã cho không nằm trong xã, phường nào (trên biển, ngoài lãnh thổ hoặc không hợp lệ: {err}): không dùng đến"},
	{"address.disagree_outside_km", "the point lies in {unit} ({code}), outside every successor, {km} km from {words}: the words and the point disagree; check them, or say which to trust (prefer text or point)",
		"toạ độ nằm trong {unit} ({code}), ngoài mọi đơn vị kế thừa, cách {words} {km} km: địa chỉ và toạ độ không khớp; hãy kiểm tra, hoặc dùng tham số prefer để chọn tin vào chữ (text) hay toạ độ"},
	{"address.disagree_outside", "the point lies in {unit} ({code}), outside every successor: the words and the point disagree; check them, or say which to trust (prefer text or point)",
		"toạ độ nằm trong {unit} ({code}), ngoài mọi đơn vị kế thừa: địa chỉ và toạ độ không khớp; hãy kiểm tra, hoặc dùng tham số prefer để chọn tin vào chữ (text) hay toạ độ"},
	{"address.disagree_km", "the point lies in {unit} ({code}), {km} km from {words}: the words and the point disagree; check them, or say which to trust (prefer text or point)",
		"toạ độ nằm trong {unit} ({code}), cách {words} {km} km: địa chỉ và toạ độ không khớp; hãy kiểm tra, hoặc dùng tham số prefer để chọn tin vào chữ (text) hay toạ độ"},
	{"address.disagree", "the point lies in {unit} ({code}): the words and the point disagree; check them, or say which to trust (prefer text or point)",
		"toạ độ nằm trong {unit} ({code}): địa chỉ và toạ độ không khớp; hãy kiểm tra, hoặc dùng tham số prefer để chọn tin vào chữ (text) hay toạ độ"},
	{"address.outside_province", "the point is outside {unit} (a geocoder's default point, or swapped coordinates?)",
		"toạ độ nằm ngoài {unit} (toạ độ mặc định của công cụ mã hoá địa chỉ, hay vĩ độ và kinh độ bị đảo?)"},
	{"address.given_nowhere", "the point given lies in no commune: {err}", "toạ độ đã cho không nằm trong xã, phường nào: {err}"},
	{"address.district_placed", "placed by coordinates: the address names only {unit}; the point lies in {unit2}, one of the communes that took its territory",
		"xác định theo toạ độ: địa chỉ chỉ nêu {unit}; toạ độ nằm trong {unit2}, một trong các xã, phường đã nhận địa bàn của đơn vị này"},
	{"address.district_outside", "the point lies in commune {code}, outside the communes that took the territory of {unit}",
		"toạ độ nằm trong xã {code}, ngoài các xã, phường đã nhận địa bàn của {unit}"},
	{"address.point_elsewhere", "the point given lies in commune {code}, not in {unit}", "toạ độ đã cho nằm trong xã {code}, không thuộc {unit}"},
	{"address.name_ambiguous", "the name fits {n} units ({list}): add the district or province", "tên này khớp với {n} đơn vị ({list}): hãy ghi thêm huyện hoặc tỉnh"},
	{"address.split", "{unit} was split among {n} communes; coordinates of the address (lat, lon) decide which one holds it",
		"{unit} đã được chia cho {n} xã, phường mới; toạ độ của địa chỉ (vĩ độ, kinh độ) sẽ quyết định địa chỉ thuộc đơn vị nào"},
	{"address.no_boundaries", "a point was given but the converter has no boundaries to use it", "có toạ độ nhưng bộ chuyển đổi không có ranh giới để dùng"},
	{"address.point_decided", "the point decided it: it lies in {unit}", "toạ độ đã quyết định: điểm nằm trong {unit}"},
	{"address.point_outside", "the point lies in commune {code}, outside every successor: check the point or the address",
		"toạ độ nằm trong xã {code}, ngoài mọi đơn vị kế thừa: hãy kiểm tra toạ độ hoặc địa chỉ"},
	{"address.point_nowhere", "the point lies in no commune: {err}", "toạ độ không nằm trong xã, phường nào: {err}"},
	{"address.starts_after", "{unit} starts on {date}, after the target date {to}", "{unit} bắt đầu từ ngày {date}, sau ngày chuyển đổi {to}"},

	// geo
	{"geo.outside", "geo: no commune contains the point (sea or outside Vietnam)", "không xã, phường nào chứa điểm này (trên biển hoặc ngoài Việt Nam)"},
	{"geo.before_asked", "geo: no boundaries before {date} (asked for {at})", "không có ranh giới trước ngày {date} (ngày được hỏi: {at})"},
	{"geo.before_asked_cli", "no boundaries before {date} (asked for {at})", "không có ranh giới trước ngày {date} (ngày được hỏi: {at})"},
	{"geo.before", "no boundaries before {date}", "không có ranh giới trước ngày {date}"},
	{"geo.invalid_point", "geo: invalid point {lat},{lon} (want latitude in [-90, 90], longitude in [-180, 180])",
		"toạ độ không hợp lệ {lat},{lon} (vĩ độ trong [-90, 90], kinh độ trong [-180, 180])"},
	{"geo.no_boundary", "geo: no boundary for {level} {code}", "không có ranh giới cho {level} {code}"},
	{"geo.offshore", "the outline of this special zone encloses open sea: the point may be at sea", "đường bao của đặc khu này gồm cả vùng biển: điểm có thể nằm trên biển"},

	// fileconv: rows of files
	{"file.lat_ignored", "row {n}: field {f}: {q} is not a latitude (point ignored)", "dòng {n}: trường {f}: {q} không phải vĩ độ (bỏ qua toạ độ)"},
	{"file.lon_ignored", "row {n}: field {f}: {q} is not a longitude (point ignored)", "dòng {n}: trường {f}: {q} không phải kinh độ (bỏ qua toạ độ)"},
	{"file.lat", "row {n}: field {f}: {q} is not a latitude", "dòng {n}: trường {f}: {q} không phải vĩ độ"},
	{"file.lon", "row {n}: field {f}: {q} is not a longitude", "dòng {n}: trường {f}: {q} không phải kinh độ"},
	{"file.no_point", "row {n}: no coordinates", "dòng {n}: không có toạ độ"},
	{"file.no_column", "no column {q} in the header (columns: {list})", "tiêu đề không có cột {q} (các cột: {list})"},
	{"file.which_address", "which column holds the address? name it with --column (the API's column parameter) (columns: {list})",
		"cột nào chứa địa chỉ? hãy chỉ rõ bằng --column (tham số column của API) (các cột: {list})"},
	{"file.which_lat", "which column holds the latitude? name it with --lat (the API's lat parameter) (columns: {list})",
		"cột nào chứa vĩ độ? hãy chỉ rõ bằng --lat (tham số lat của API) (các cột: {list})"},
	{"file.which_lon", "which column holds the longitude? name it with --lon (the API's lon parameter) (columns: {list})",
		"cột nào chứa kinh độ? hãy chỉ rõ bằng --lon (tham số lon của API) (các cột: {list})"},
	{"file.no_header", "the table is empty: no header", "bảng trống: không có dòng tiêu đề"},
	{"file.too_many_rows", "too many rows: more than {n} rows in the table", "quá nhiều dòng: bảng có hơn {n} dòng"},
	{"file.which_column", "which column holds the address? name it with --column (columns: {list})", "cột nào chứa địa chỉ? hãy chỉ rõ bằng --column (các cột: {list})"},
	{"file.which_points", "which columns hold the latitude and longitude? name them with --lat and --lon (columns: {list})",
		"cột nào chứa vĩ độ và kinh độ? hãy chỉ rõ bằng --lat và --lon (các cột: {list})"},

	// tabular: broken rows
	{"row.column", "row {n} (line {l}), column {c}: {err}", "dòng {n} (dòng {l} của tệp), cột {c}: {err}"},
	{"row.field", "row {n} (line {l}), field {f}: {err}", "dòng {n} (dòng {l} của tệp), trường {f}: {err}"},
	{"row", "row {n} (line {l}): {err}", "dòng {n} (dòng {l} của tệp): {err}"},
	{"row.empty", "empty line", "dòng trống"},
	{"row.utf8", "invalid UTF-8", "không phải UTF-8 hợp lệ (có thể là bảng mã cũ: hãy nêu --encoding)"},
	{"row.field_too_long", "field too long: {n} bytes, more than {m}", "trường quá dài: {n} byte, vượt quá {m}"},
	{"row.field_cut", "field too long: {n} bytes, more than {m}, cut", "trường quá dài: {n} byte, vượt quá {m}, đã cắt bớt"},
	{"row.field_cut_more", "field too long: more than {n} bytes, cut", "trường quá dài: hơn {n} byte, đã cắt bớt"},
	{"row.cell_long", "field too long: more than {n} characters", "trường quá dài: hơn {n} ký tự"},
	{"row.extra_fields", "extra fields: {list}", "các trường thừa: {list}"},
	{"row.values_after", "more fields than columns: {n} values after the last of {m} columns", "nhiều trường hơn số cột: {n} giá trị sau cột cuối cùng trong {m} cột"},
	{"row.line_too_long", "line too long: longer than {n} bytes", "dòng quá dài: hơn {n} byte"},
	{"row.quote", "bad quoting: {detail}", "dấu ngoặc kép sai: {detail}"},
	{"row.extra_key", "more fields than columns: key {q} is not one of the {n} columns", "nhiều trường hơn số cột: khoá {q} không thuộc {n} cột"},
	{"row.extra", "more fields than columns: {n} fields, {m} columns", "nhiều trường hơn số cột: {n} trường, {m} cột"},
	{"row.json", "not a JSON object: {detail}", "không phải đối tượng JSON: {detail}"},
	{"quote.after", "{c} after a closing quote", "có {c} sau dấu ngoặc kép đóng"},
	{"quote.eof", "quoted field not closed at the end of the input", "trường trong ngoặc kép chưa đóng khi hết tệp"},
	{"quote.line", "quoted field not closed on this line ({c} after a quote on line {l})", "trường trong ngoặc kép không đóng trên dòng này (có {c} sau dấu ngoặc kép ở dòng {l})"},
	{"quote.bytes", "quoted field not closed within {n} bytes", "trường trong ngoặc kép chưa đóng sau {n} byte"},
	{"quote.lines", "quoted field not closed within {n} lines", "trường trong ngoặc kép chưa đóng sau {n} dòng"},
	{"quote.spans", "quoted field spans {n} lines into a record of {m} fields, not {h}", "trường trong ngoặc kép kéo dài {n} dòng thành một bản ghi {m} trường, không phải {h}"},
	{"json.value", "bad value of key {q}", "giá trị của khoá {q} sai"},
	{"json.bad_key", "key {n}: bad string", "khoá thứ {n}: chuỗi sai"},
	{"json.key", "key {n}: want a string", "khoá thứ {n}: cần một chuỗi"},
	{"json.start", "line starts with {c}", "dòng bắt đầu bằng {c}"},
	{"json.after", "text after the object", "có văn bản sau đối tượng"},
	{"json.comma", "want ',' or '}' after key {q}", "cần ',' hoặc '}' sau khoá {q}"},
	{"json.colon", "want ':' after key {q}", "cần ':' sau khoá {q}"},
	{"table.format", "cannot tell the table format of {q} from its extension (want .csv, .tsv, .jsonl or .xlsx)",
		"không xác định được định dạng bảng của {q} từ phần mở rộng (cần .csv, .tsv, .jsonl hoặc .xlsx)"},
	{"table.header", "header of the {f} input: {err}", "dòng tiêu đề của tệp {f}: {err}"},
	{"table.columns", "the header of the {f} input has {n} columns, more than {m}", "dòng tiêu đề của tệp {f} có {n} cột, vượt quá {m}"},
	{"table.headless", "reading without a header is for CSV, TSV and JSONL, not {f}", "chỉ đọc được tệp không có tiêu đề với CSV, TSV và JSONL, không phải {f}"},
	{"xlsx.refused", "XLSX refused: {what} (limit {limit} = {max})", "tệp XLSX bị từ chối: {what} (giới hạn {limit} = {max})"},
	{"xlsx.sheet", "XLSX sheet {q} not found: the workbook has {n} sheets ({list}); give a name or a number from 1",
		"không có trang tính {q} trong tệp XLSX: tệp có {n} trang tính ({list}); hãy nêu tên hoặc số thứ tự từ 1"},
	{"xlsx.not_zip", "reading XLSX: not a zip file (no end of central directory)", "đọc XLSX: không phải tệp zip"},
	{"xlsx.no_sheet", "XLSX workbook has no sheet", "tệp XLSX không có trang tính nào"},
	{"table.no_json", "no JSON object in the first {n} lines", "không có đối tượng JSON trong {n} dòng đầu"},

	// registry and the domain
	{"unit.not_on", "no {level} with code {code} on {date} (the code is in force {spans})", "không có {level} mã {code} vào ngày {date} (mã này có hiệu lực {spans})"},
	{"unit.not_covered", "{date} is before {from}, the first day from which the registry is complete for {level}s: earlier units are not recorded",
		"{date} sớm hơn {from}, ngày đầu tiên mà dữ liệu {level} đầy đủ: các đơn vị trước đó không được ghi nhận"},
	{"unit.not_found", "no {level} with code {code}", "không có {level} mã {code}"},
	{"unit.ends", "{level} {code} ends on {date}, before {to}: ask for successors", "{level} {code} kết thúc ngày {date}, trước {to}: hãy hỏi các đơn vị kế thừa"},
	{"unit.starts", "{level} {code} starts on {date}, after {to}: ask for predecessors", "{level} {code} bắt đầu ngày {date}, sau {to}: hãy hỏi các đơn vị tiền thân"},
	{"date.invalid", "invalid date {q} (want YYYY-MM-DD)", "ngày không hợp lệ {q} (cần dạng YYYY-MM-DD)"},
	{"level.unknown", "unknown level {q} (want province, district or commune)", "cấp không xác định {q} (cần province, district hoặc commune)"},
	{"code.digits", "{level} code {q} is not all digits", "mã {level} {q} không phải toàn chữ số"},
	{"code.long", "{level} code {q} has more than {n} digits", "mã {level} {q} có hơn {n} chữ số"},
	{"code.empty", "empty {level} code", "mã {level} trống"},

	// API
	{"api.param_required", "parameter {p} is required", "thiếu tham số {p}"},
	{"api.param_long", "parameter {p} is longer than {n} bytes", "tham số {p} dài hơn {n} byte"},
	{"api.param_int", "parameter {p}: want an integer from {a} to {b}, got {q}", "tham số {p}: cần số nguyên từ {a} đến {b}, nhận được {q}"},
	{"api.cursor", "parameter cursor: {q} is not a cursor of this list", "tham số cursor: {q} không phải vị trí của danh sách này"},
	{"api.param", "parameter {p}: {err}", "tham số {p}: {err}"},
	{"api.latlon_together", "parameters lat and lon go together", "tham số lat và lon phải đi cùng nhau"},
	{"api.latlon_required", "parameters lat and lon are required", "cần tham số lat và lon"},
	{"api.point", "invalid point lat={lat} lon={lon} (want decimal degrees)", "toạ độ không hợp lệ lat={lat} lon={lon} (cần độ thập phân)"},
	{"api.addresses_required", "field addresses is required", "thiếu trường addresses"},
	{"api.batch_large", "{n} addresses in one request; at most {m}", "{n} địa chỉ trong một yêu cầu; tối đa {m}"},
	{"api.points_count", "{n} points for {m} addresses: give one point (or null) per address", "{n} toạ độ cho {m} địa chỉ: mỗi địa chỉ một toạ độ (hoặc null)"},
	{"api.field_to", "field to: {err}", "trường to: {err}"},
	{"api.field_prefer", "field prefer: {err}", "trường prefer: {err}"},
	{"api.prefer", "want both, text or point, got {q}", "cần both (chữ và toạ độ phải khớp), text (tin vào chữ) hoặc point (tin vào toạ độ), nhận được {q}"},
	{"api.address_long", "address {i} is longer than {n} bytes", "địa chỉ {i} dài hơn {n} byte"},
	{"api.point_i", "point {i} ({lat}, {lon}) is not a WGS 84 position", "toạ độ {i} ({lat}, {lon}) không phải vị trí WGS 84"},
	{"api.content_type", "Content-Type {q}: want application/json", "Content-Type {q}: cần application/json"},
	{"api.empty_body", "empty body: want a JSON object", "thân yêu cầu trống: cần một đối tượng JSON"},
	{"api.json_after", "malformed JSON: data after the object", "JSON sai dạng: có dữ liệu sau đối tượng"},
	{"api.json", "malformed JSON: {detail}", "JSON sai dạng: {detail}"},
	{"api.multipart", "want a multipart/form-data body with a file field: {detail}", "cần thân multipart/form-data có trường file: {detail}"},
	{"api.no_file", "no file field in the form", "biểu mẫu không có trường file"},
	{"api.file_empty", "the file is empty", "tệp trống"},
	{"api.file_rows", "more than {n} rows in the file", "tệp có hơn {n} dòng"},
	{"api.upload", "reading the upload: {err}", "lỗi khi đọc tệp tải lên: {err}"},
	{"api.busy", "the server is busy with {n} batch requests: retry later", "máy chủ đang bận với {n} yêu cầu hàng loạt: hãy thử lại sau"},
	{"api.no_content_type", "no Content-Type: want application/json", "thiếu Content-Type: cần application/json"},
	{"api.too_many", "more than {n} rows: upload a file", "hơn {n} dòng: hãy tải lên một tệp"},
	{"api.answer_large", "the answer would be larger than {n} bytes: send fewer rows", "câu trả lời sẽ lớn hơn {n} byte: hãy gửi ít dòng hơn"},
	{"api.point_both", "point {i}: give both lat and lon (or null for no point)", "toạ độ {i}: cần cả lat và lon (hoặc null nếu không có)"},
	{"api.format", "parameter format: want xlsx or csv, got {q}", "tham số format: cần xlsx hoặc csv, nhận được {q}"},
	{"api.method", "method {m} not allowed on {path}", "không cho phép phương thức {m} với {path}"},
	{"api.no_resource", "no such resource: {path}", "không có tài nguyên: {path}"},
	{"api.body_large", "request body larger than {n} bytes", "thân yêu cầu lớn hơn {n} byte"},
	{"api.timeout", "the request took too long and was abandoned", "yêu cầu chạy quá lâu nên đã dừng"},
	{"api.cancelled", "the request was cancelled", "yêu cầu đã bị huỷ"},
	{"api.internal", "internal error", "lỗi nội bộ"},
}

// readings translates the English words of a reading of an address
// ("Phường 1 of Quận 3 (until 2025-06-30), Thành phố Hồ Chí Minh").
var readings = strings.NewReplacer(" of ", " thuộc ", " (until ", " (đến ngày ", " (from ", " (từ ngày ")

// levels translates level names inside messages.
var levels = map[string]string{"province": "tỉnh", "district": "huyện", "commune": "xã"}

type compiled struct {
	m     Message
	re    *regexp.Regexp
	names []string // placeholder names, in the order of the groups
}

// placeholder matches a {name} of a template.
var placeholder = regexp.MustCompile(`\{[a-z]+[0-9]?\}`)

// catalogue compiles the templates on first use: a process that never
// translates (a CLI run in English) does not pay for it at start.
var catalogue = sync.OnceValue(func() []compiled {
	ph := placeholder
	out := make([]compiled, len(Catalogue))
	for i, m := range Catalogue {
		var pat strings.Builder
		pat.WriteString("^")
		var names []string
		last := 0
		for _, loc := range ph.FindAllStringIndex(m.EN, -1) {
			pat.WriteString(regexp.QuoteMeta(m.EN[last:loc[0]]))
			name := m.EN[loc[0]+1 : loc[1]-1]
			names = append(names, name)
			if name == "err" || name == "detail" {
				pat.WriteString("(.+)")
			} else {
				pat.WriteString("((?:[^;]|;[^ ])+?)")
			}
			last = loc[1]
		}
		pat.WriteString(regexp.QuoteMeta(m.EN[last:]))
		pat.WriteString("(?:; |$)")
		out[i] = compiled{m: m, re: regexp.MustCompile(pat.String()), names: names}
	}
	return out
})

// Translate returns text in language l: for VI, each part of it that a
// template of the catalogue matches is replaced by its Vietnamese text;
// for EN (or another language) text as it is.
func Translate(text string, l Lang) string {
	if l != VI || text == "" {
		return text
	}
	var parts []string
	rest := text
	for rest != "" {
		part, n := translateOne(rest)
		if n == 0 {
			i := strings.Index(rest, "; ")
			if i < 0 {
				parts = append(parts, rest)
				break
			}
			part, n = rest[:i], i+2
		}
		parts = append(parts, part)
		rest = rest[n:]
	}
	return strings.Join(parts, "; ")
}

// ID returns the message ID of the template that matches the start of
// text, "" if none does.
func ID(text string) string {
	for _, c := range catalogue() {
		if c.re.MatchString(text) {
			return c.m.ID
		}
	}
	return ""
}

// translateOne translates the message at the start of s and returns it
// with the bytes it took (0 if no template matches).
func translateOne(s string) (string, int) {
	for _, c := range catalogue() {
		sub := c.re.FindStringSubmatchIndex(s)
		if sub == nil {
			continue
		}
		vals := map[string]string{}
		for i, name := range c.names {
			v := s[sub[2*i+2]:sub[2*i+3]]
			switch name {
			case "err", "detail":
				v = Translate(v, VI)
			case "level":
				if t, ok := levels[v]; ok {
					v = t
				}
			case "reading", "reading2":
				v = readings.Replace(v)
			}
			vals[name] = v
		}
		out := placeholder.ReplaceAllStringFunc(c.m.VI, func(p string) string {
			if v, ok := vals[p[1:len(p)-1]]; ok {
				return v
			}
			return p
		})
		return out, sub[1]
	}
	return "", 0
}

// FromAcceptLanguage chooses the language of an Accept-Language header:
// Vietnamese or English, whichever has the higher weight (the first on a
// tie); English when it names neither.
func FromAcceptLanguage(h string) Lang {
	best, bestQ := EN, -1.0
	for _, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		var l Lang
		switch {
		case tag == "vi" || strings.HasPrefix(tag, "vi-"):
			l = VI
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			l = EN
		default:
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}
