package wire

// The shapes of the HTTP API's requests and answers that are not domain
// answers (those are in answers.go and wire.go): lists, pages, batches,
// uploads. Package api refers to them by aliases.

// UnitList is the answer of GET /v1/units and of children: one page of
// the list (pages: limit and cursor parameters).
type UnitList struct {
	At    string `json:"at"`
	Count int    `json:"count"` // units in this page
	Total int    `json:"total"` // units in the whole list
	Units []Unit `json:"units"`
	// NextCursor, when set, is the cursor parameter of the next page.
	NextCursor string `json:"next_cursor,omitempty"`
}

// SearchResult is the answer of GET /v1/search.
type SearchResult struct {
	Query   string  `json:"q"`
	At      string  `json:"at,omitempty"`
	Matches []Match `json:"matches"`
	// NextCursor, when set, is the cursor parameter of the next page of
	// matches (limit per page, at most api.MaxSearchResults in all).
	NextCursor string `json:"next_cursor,omitempty"`
}

// Health is the answer of GET /healthz.
type Health struct {
	Status string `json:"status"`
	Units  int    `json:"units"`
	Events int    `json:"events"`
}

// ConvertRequest is the body of POST /v1/convert.
type ConvertRequest struct {
	Addresses []string `json:"addresses"`
	// To is the date of the units to convert to; empty: today.
	To string `json:"to"`
	// Points, when given, has one entry per address: its position, or
	// null. A point decides between the successors of a split commune.
	Points []*RequestPoint `json:"points"`
	// Prefer says which evidence wins when an address's words and point
	// disagree: "text", "point", or "both" (empty: they must agree).
	Prefer string `json:"prefer"`
}

// ConvertBatch is the answer of POST /v1/convert: one result per address,
// in the order of the request.
type ConvertBatch struct {
	To      string       `json:"to"`
	Count   int          `json:"count"`
	Results []Conversion `json:"results"`
}

// RequestPoint is a position in a request body, decimal degrees WGS 84:
// both fields are required.
type RequestPoint struct {
	Lat *float64 `json:"lat"`
	Lon *float64 `json:"lon"`
}

// FileRow is an address read from an uploaded file, with its point.
type FileRow struct {
	Line    int    `json:"line"`
	Address string `json:"address"`
	Point   *Point `json:"point"`
	Error   string `json:"error,omitempty"` // the row could not be read cleanly, or its point is bad
}

// ConvertFile is the answer of POST /v1/convert/file.
type ConvertFile struct {
	ConvertFileHead
	Rows    []FileRow    `json:"rows"`
	Results []Conversion `json:"results"`
}

// ConvertFileHead is the start of a ConvertFile, which the API writes
// before it streams the results.
type ConvertFileHead struct {
	To            string `json:"to"`
	Count         int    `json:"count"`
	AddressColumn string `json:"address_column"`
	// HeaderRow is the row of the header when title rows above it were
	// skipped; 0 (absent) when the header is the first row.
	HeaderRow int `json:"header_row,omitempty"`
}

// Problem is an RFC 7807 problem document: every error of the HTTP API.
type Problem struct {
	Type     string `json:"type"`   // "urn:dvhc:problem:" and the error kind
	Title    string `json:"title"`  // the status text
	Status   int    `json:"status"` // the HTTP status
	Detail   string `json:"detail"` // what went wrong, for people
	Instance string `json:"instance,omitempty"`
}
