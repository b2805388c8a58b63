package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

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
			root := cmd.Root()
			root.DisableAutoGenTag = true // reproducible output: no generation date
			pages, err := docPages(root, args[0])
			if err != nil {
				return err
			}
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
// every command under it, named as cobra's doc.GenManTree and
// doc.GenMarkdownTree name them: capex-import-sec.1, capex_import_sec.md.
// They are made in memory, so that capex, not cobra, opens the files.
func docPages(root *cobra.Command, kind string) ([]docPage, error) {
	header := doc.GenManHeader{Title: "CAPEX", Section: "1", Source: "capex " + currentBuild().Version, Manual: "capex manual"}
	var pages []docPage
	var walk func(c *cobra.Command) error
	walk = func(c *cobra.Command) error {
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
				continue
			}
			if err := walk(sub); err != nil {
				return err
			}
		}
		var b bytes.Buffer
		var name string
		if kind == "man" {
			h := header
			if err := doc.GenMan(c, &h, &b); err != nil {
				return err
			}
			name = strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
		} else {
			if err := doc.GenMarkdown(c, &b); err != nil {
				return err
			}
			name = strings.ReplaceAll(c.CommandPath(), " ", "_") + ".md"
		}
		pages = append(pages, docPage{name: name, text: b.Bytes()})
		return nil
	}
	return pages, walk(root)
}
