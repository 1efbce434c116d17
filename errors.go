package dvhc

import (
	"errors"
	"fmt"
)

// Error kinds: a small closed set, mapped to exit codes and HTTP statuses at
// the edges (cmd/dvhc and internal/api), each in one table.
const (
	EINVALID  = "invalid"   // the caller's input is malformed
	ENOTFOUND = "not_found" // well-formed, but nothing matches
	EINTERNAL = "internal"  // a bug or a broken dataset
	// ENOTCOVERED: well-formed, but about a date the registry does not
	// cover (before the day from which it is complete). Bad input for the
	// edges: exit status 2, HTTP 422.
	ENOTCOVERED = "not_covered"
)

// Error is an error of a known kind with a message for people.
type Error struct {
	Kind    string
	Message string
}

// Error implements error.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error of the given kind.
func Errorf(kind, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// ErrorKind returns the kind of err if it is, or wraps, an *Error, and
// EINTERNAL otherwise. A nil error has no kind: "".
func ErrorKind(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return EINTERNAL
}
