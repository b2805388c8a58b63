package param

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// flagText is a command-line flag written in a string: --window.
var flagText = regexp.MustCompile(`(^|[^-\w])--[a-z][a-z0-9-]*`)

// TestNoFlagsInDomainPackages holds every package under pkg/ to speaking
// of parameters, never of flags: no string outside tests names one. The
// command package phrases parameters as flags; an expectations file as
// keys.
func TestNoFlagsInDomainPackages(t *testing.T) {
	root := filepath.Join("..")
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files++
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && flagText.MatchString(lit.Value) {
				t.Errorf("%s: a string names a flag: %s", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 30 {
		t.Fatalf("only %d files under pkg/ looked at", files)
	}
}

func TestFlagText(t *testing.T) {
	for s, want := range map[string]bool{
		`"--window 1"`: true, `"pass --gaps skip"`: true, `"(--max-input)"`: true,
		`"2024Q1--2024Q2"`: false, `"a — b"`: false, `"---"`: false, `"x --"`: false,
	} {
		if got := flagText.MatchString(s); got != want {
			t.Errorf("%s: %v, want %v", s, got, want)
		}
	}
}
