package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/capexdev/capex/pkg/atomicfile"
)

func newDocsCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "docs man|markdown DIR",
		Short: "Write man pages or Markdown reference docs for every command",
		Long: `Write reference documentation for every capex command into DIR (created
if missing): man pages (capex.1, capex-show.1, …) or Markdown files
(capex.md, capex_show.md, …), from the same text as --help.`,
		Example: `  capex docs man ./man
  capex docs markdown ./docs`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 || (args[0] != "man" && args[0] != "markdown") {
				return usagef("for example: capex docs man ./man", "capex docs needs a kind (man or markdown) and a directory")
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return []string{"man", "markdown"}, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[1]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("%s: %s", dir, describeError(err))
			}
			pages := docPages(cmd.Root(), args[0])
			// Each page replaces what is at its name in DIR, a symbolic
			// link included: a link there never leads a page out of DIR.
			for _, p := range pages {
				path := filepath.Join(dir, p.name)
				if err := atomicfile.WriteFileNoFollow(path, p.text); err != nil {
					return writeError(path, err, "remove it, or choose another directory")
				}
			}
			fmt.Fprintf(app.IO.Err, "capex: wrote %d %s files to %s\n", len(pages), strings.ToLower(args[0]), dir)
			return nil
		},
	}
	return cmd
}

// docPage is one page of reference docs: its file name and its text.
type docPage struct {
	name string
	text []byte
}

// docPages makes the man pages (kind "man") or Markdown files of root and
// every command under it, named as is usual for each (capex-import-sec.1,
// capex_import_sec.md), in memory, so that capex opens the files. capex
// writes them itself rather than with cobra/doc, whose Markdown-to-roff
// converter would be initialised on every run of capex (2 ms and 60 page
// faults of start-up), and which wraps indented lines of help text.
func docPages(root *cobra.Command, kind string) []docPage {
	source := "capex " + currentBuild().Version
	var pages []docPage
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		// As cobra does before it shows help: -h, --help is listed.
		c.InitDefaultHelpFlag()
		for _, sub := range documented(c) {
			walk(sub)
		}
		var b bytes.Buffer
		var name string
		if kind == "man" {
			manPage(&b, c, source)
			name = manName(c) + ".1"
		} else {
			markdownPage(&b, c)
			name = markdownName(c) + ".md"
		}
		pages = append(pages, docPage{name: name, text: b.Bytes()})
	}
	walk(root)
	return pages
}

// manName and markdownName are the names of c's pages without their
// extensions: capex-import-sec, capex_import_sec.
func manName(c *cobra.Command) string      { return strings.ReplaceAll(c.CommandPath(), " ", "-") }
func markdownName(c *cobra.Command) string { return strings.ReplaceAll(c.CommandPath(), " ", "_") }

// related is the commands whose pages c's page refers to: its parent and
// the commands under it.
func related(c *cobra.Command) []*cobra.Command {
	var see []*cobra.Command
	if c.HasParent() {
		see = append(see, c.Parent())
	}
	return append(see, documented(c)...)
}

// documented is the commands under c that have a page.
func documented(c *cobra.Command) []*cobra.Command {
	var subs []*cobra.Command
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
			subs = append(subs, sub)
		}
	}
	return subs
}

// docBlock is a paragraph of help text, or lines to keep as they are
// (the paragraph has an indented line: a list, a table, an example).
type docBlock struct {
	lines    []string
	verbatim bool
}

// docBlocks splits help text into its paragraphs.
func docBlocks(text string) []docBlock {
	var blocks []docBlock
	var cur docBlock
	for _, line := range append(strings.Split(strings.TrimSpace(text), "\n"), "") {
		line = strings.TrimRight(line, " \t")
		if line == "" {
			if len(cur.lines) > 0 {
				blocks = append(blocks, cur)
			}
			cur = docBlock{}
			continue
		}
		cur.lines = append(cur.lines, line)
		if line[0] == ' ' || line[0] == '\t' {
			cur.verbatim = true
		}
	}
	return blocks
}

// roff escapes text for a man page: backslashes, hyphens (so that options
// are copied as typed), characters outside ASCII (as \[uXXXX], which groff
// and mandoc read whatever the locale), and a line that would start with a
// request.
func roff(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r > unicode.MaxASCII:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	text = b.String()
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}

// manPage writes c's man page (man(7) macros).
func manPage(b *bytes.Buffer, c *cobra.Command, source string) {
	name := manName(c)
	fmt.Fprintf(b, ".TH %q \"1\" \"\" %q \"capex manual\"\n", strings.ToUpper(name), source)
	b.WriteString(".nh\n.ad l\n")
	fmt.Fprintf(b, ".SH NAME\n%s \\- %s\n", roff(name), roff(c.Short))
	fmt.Fprintf(b, ".SH SYNOPSIS\n\\fB%s\\fR%s\n", roff(c.CommandPath()), roff(strings.TrimPrefix(c.UseLine(), c.CommandPath())))
	b.WriteString(".SH DESCRIPTION\n")
	long := c.Long
	if long == "" {
		long = c.Short
	}
	for i, blk := range docBlocks(long) {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		if blk.verbatim {
			b.WriteString(".nf\n" + roff(strings.Join(blk.lines, "\n")) + "\n.fi\n")
		} else {
			b.WriteString(roff(strings.Join(blk.lines, "\n")) + "\n")
		}
	}
	manFlags(b, "OPTIONS", c.NonInheritedFlags())
	manFlags(b, "OPTIONS INHERITED FROM PARENT COMMANDS", c.InheritedFlags())
	if c.Example != "" {
		b.WriteString(".SH EXAMPLES\n.nf\n" + roff(strings.TrimRight(c.Example, "\n")) + "\n.fi\n")
	}
	if see := related(c); len(see) > 0 {
		refs := make([]string, len(see))
		for i, s := range see {
			refs[i] = `\fB` + roff(manName(s)) + `\fR(1)`
		}
		b.WriteString(".SH SEE ALSO\n" + strings.Join(refs, ", ") + "\n")
	}
}

// manFlags writes a section listing flags, each with its argument's name,
// its default when it has one, and its usage.
func manFlags(b *bytes.Buffer, title string, flags *pflag.FlagSet) {
	if !flags.HasAvailableFlags() {
		return
	}
	b.WriteString(".SH " + title + "\n")
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		b.WriteString(".TP\n")
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			fmt.Fprintf(b, `\fB\-%s\fR, `, roff(f.Shorthand))
		}
		fmt.Fprintf(b, `\fB\-\-%s\fR`, roff(f.Name))
		arg, usage := pflag.UnquoteUsage(f)
		switch {
		case f.Value.Type() == "bool" || arg == "":
		case f.NoOptDefVal != "":
			fmt.Fprintf(b, `[=\fI%s\fR]`, roff(arg))
		default:
			fmt.Fprintf(b, ` \fI%s\fR`, roff(arg))
		}
		b.WriteString("\n" + roff(usage))
		if def := flagDefault(f); def != "" {
			b.WriteString(" (default " + roff(def) + ")")
		}
		b.WriteString("\n")
	})
}

// flagDefault is a flag's default as --help shows it, or "" when it has
// none worth showing (false, 0, empty).
func flagDefault(f *pflag.Flag) string {
	switch f.DefValue {
	case "", "false", "0", "[]":
		return ""
	}
	if f.Value.Type() == "string" {
		return strconv.Quote(f.DefValue)
	}
	return f.DefValue
}

// markdownPage writes c's reference page in Markdown.
func markdownPage(b *bytes.Buffer, c *cobra.Command) {
	fmt.Fprintf(b, "## %s\n\n%s\n\n", c.CommandPath(), c.Short)
	if c.Long != "" {
		b.WriteString("### Synopsis\n\n")
		for _, blk := range docBlocks(c.Long) {
			text := strings.Join(blk.lines, "\n")
			if blk.verbatim {
				text = "```\n" + text + "\n```"
			}
			b.WriteString(text + "\n\n")
		}
	}
	if c.Runnable() {
		fmt.Fprintf(b, "```\n%s\n```\n\n", c.UseLine())
	}
	if c.Example != "" {
		fmt.Fprintf(b, "### Examples\n\n```\n%s\n```\n\n", strings.TrimRight(c.Example, "\n"))
	}
	for _, fs := range []struct {
		title string
		flags *pflag.FlagSet
	}{{"Options", c.NonInheritedFlags()}, {"Options inherited from parent commands", c.InheritedFlags()}} {
		if fs.flags.HasAvailableFlags() {
			fmt.Fprintf(b, "### %s\n\n```\n%s```\n\n", fs.title, fs.flags.FlagUsages())
		}
	}
	if see := related(c); len(see) > 0 {
		b.WriteString("### SEE ALSO\n\n")
		for _, s := range see {
			fmt.Fprintf(b, "* [%s](%s.md)\t - %s\n", s.CommandPath(), markdownName(s), s.Short)
		}
	}
}
