// Command dvhc answers questions about Vietnam's administrative units over
// time, and converts codes, addresses and files from the units before the
// 2025-07-01 reform to the units after it.
//
// Usage:
//
//	dvhc [--changes DIR] <command> [flags] [arguments]
//
// Flags may come before, between or after the arguments; "--" ends them.
// Dates are YYYY-MM-DD; --at
// defaults to today. Commands print results on stdout and diagnostics on
// stderr. Exit status: 0 success, 1 findings (audit violations, rows that
// did not convert), 2 bad usage or input (unknown code, bad date, unknown
// level), 3 internal error.
//
// With DVHC_LANG=vi, notes and error messages are in Vietnamese.
//
// Run "dvhc help" for the list of commands and "dvhc help <command>" (or
// "dvhc <command> --help") for one command's manual.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/internal/msg"
)

// lang is the language of notes and errors: English, or Vietnamese with
// DVHC_LANG=vi in the environment.
var lang = msg.EN

func main() { os.Exit(mainCode()) }

// mainCode runs the command line of the process and returns its exit
// status.
func mainCode() int {
	if l := os.Getenv("DVHC_LANG"); l != "" {
		lang = msg.FromAcceptLanguage(l)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, the run stops cleanly (outputs are left as
	// they were); a second one kills at once.
	context.AfterFunc(ctx, stop)
	err := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	return report(os.Stderr, err)
}

// Run executes the command line args (without the program name).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	changesDir = ""
	for len(args) > 0 && (args[0] == "--changes" || args[0] == "-changes" || strings.HasPrefix(args[0], "--changes=")) {
		if d, ok := strings.CutPrefix(args[0], "--changes="); ok {
			changesDir, args = d, args[1:]
			continue
		}
		if len(args) < 2 {
			return dvhc.Errorf(dvhc.EINVALID, "--changes wants a DIR")
		}
		changesDir, args = args[1], args[2:]
	}
	if len(args) == 0 {
		usage(stderr)
		return errUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if c := find(rest[0]); c != nil {
				c.manual(stdout)
				return nil
			}
			return dvhc.Errorf(dvhc.EINVALID, "unknown command %q", rest[0])
		}
		usage(stdout)
		return nil
	}
	c := find(name)
	if c == nil {
		usage(stderr)
		return dvhc.Errorf(dvhc.EINVALID, "unknown command %q", name)
	}
	fs := flag.NewFlagSet("dvhc "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	run := c.setup(fs)
	pos, err := parseFlags(fs, rest)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.manual(stdout)
			return nil
		}
		fmt.Fprintf(stderr, "usage: dvhc %s %s\n", c.name, c.args)
		return dvhc.Errorf(dvhc.EINVALID, "%v", err)
	}
	return run(e, pos)
}

// env is what a command may touch of the world.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand. setup declares its flags on fs and returns the
// function that runs it with the positional arguments.
type command struct {
	name    string
	args    string // synopsis of flags and arguments
	summary string // one line
	doc     string // the manual: what it does, with examples
	setup   func(fs *flag.FlagSet) func(e *env, args []string) error
}

// commands lists every subcommand, in the order help shows them.
var commands = []*command{
	listCmd, lookupCmd, searchCmd, lineageCmd, auditCmd, locateCmd, exportCmd, convertCmd, evalCmd, serveCmd,
	mcpCmd, versionCmd, statsCmd,
}

func find(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprint(w, `dvhc — Vietnam's administrative units over time (đơn vị hành chính)

Usage: dvhc <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Flags go anywhere among the arguments; "--" ends them. Dates are YYYY-MM-DD; --at defaults to today.
With DVHC_LANG=vi in the environment, notes and errors are in Vietnamese.
Run "dvhc help <command>" for a command's manual.

Global flag, before the command:
  --changes DIR   apply the change sets DIR/*.csv on top of the embedded data
                  (format: dataset/sources/changes/README.md); they are audited
                  first and refused, naming file, line and rule, if they break one
`)
}

func (c *command) manual(w io.Writer) {
	fmt.Fprintf(w, "usage: dvhc %s %s\n\n%s\n", c.name, c.args, c.summary)
	if c.doc != "" {
		fmt.Fprintf(w, "\n%s\n", c.doc)
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.setup(fs)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nFlags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// errUsage is returned when the command line is wrong and usage was shown.
var errUsage = dvhc.Errorf(dvhc.EINVALID, "")

// errFindings is returned by commands that ran fine but report problems
// (audit violations, rows that failed); it exits 1 with no extra message.
var errFindings = errors.New("findings reported")

// exitCodes maps error kinds to exit statuses: the one table.
var exitCodes = map[string]int{
	"":             0,
	dvhc.EINVALID:  2,
	dvhc.ENOTFOUND: 2,
	dvhc.EINTERNAL: 3,
	// a date before the registry is complete is bad input
	dvhc.ENOTCOVERED: 2,
}

func report(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, errFindings) {
		return 1
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "dvhc: interrupted")
		return 130
	}
	if text := err.Error(); text != "" {
		fmt.Fprintf(stderr, "dvhc: %s\n", msg.Translate(text, lang))
	}
	return exitCodes[dvhc.ErrorKind(err)]
}
