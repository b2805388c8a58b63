package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
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
			var err error
			if args[0] == "man" {
				err = doc.GenManTree(root, &doc.GenManHeader{Title: "CAPEX", Section: "1", Source: "capex " + currentBuild().Version, Manual: "capex manual"}, dir)
			} else {
				err = doc.GenMarkdownTree(root, dir)
			}
			if err != nil {
				return fmt.Errorf("%s: %s", dir, describeError(err))
			}
			files, _ := filepath.Glob(filepath.Join(dir, "capex*"))
			fmt.Fprintf(app.IO.Err, "capex: wrote %d %s files to %s\n", len(files), strings.ToLower(args[0]), dir)
			return nil
		},
	}
	return cmd
}
