// Command capex turns published capital-expenditure figures into exact
// projections. See README.md, or run capex --help.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}
