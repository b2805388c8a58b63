package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/atomicfile"
	"github.com/capexdev/capex/pkg/builtin"
	"github.com/capexdev/capex/pkg/load"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/sec"
	"github.com/capexdev/capex/pkg/series"
)

func newImportCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import series from other formats (SEC XBRL company facts)",
		Long: `Import series from other formats into capex YAML series files.

  capex import sec FILE.json   an SEC XBRL companyfacts document`,
		Example: "  capex import sec CIK0001018724.json --ticker AMZN --out amzn.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("for example: capex import sec companyfacts.json", "capex import needs a format: sec")
			}
			return usagef("the formats are: sec", "capex import %q: not a format", args[0])
		},
		RunE: func(cmd *cobra.Command, args []string) error { return nil },
	}
	cmd.AddCommand(newImportSECCmd(app))
	return cmd
}

const importSECLong = `Read SEC XBRL companyfacts documents (as served at
data.sec.gov/api/xbrl/companyfacts/CIK##########.json; - reads stdin;
a gzip-compressed document is read as it is, and --max-input caps what it
decompresses to) and write a capex YAML series file of each company's
capex to stdout, or to --out FILE (written whole or not at all).

What is kept:
  - the facts of the first concept, per fiscal year, that gives all four
    quarters (else the one that gives the most), trying in order
    PaymentsToAcquirePropertyPlantAndEquipment,
    PaymentsToAcquireProductiveAssets,
    PaymentsToAcquirePropertyPlantAndEquipmentAndIntangibleAssets and,
    for IFRS filers,
    ifrs-full:PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities
    (--concept NAME, repeatable, sets the list; the metric's definition
    then comes from the document's label and description of the concepts
    when they are not these); a document with none of them is refused
    with the concepts like capex it does have;
  - each fact's period from its start and end dates (never its fy and fp,
    which describe the filing): a quarter, or 6, 9 or 12 months from the
    start of a fiscal year; trailing twelve months and other spans are
    left out and counted in a warning;
  - for a period filed several times, the latest filed value, or the first
    with --as-reported; a value that changed is reported; a value filed
    again rounded (106.798 as 106.8) is the same figure, and the more
    precise one is kept;
  - every fact's form, accession number and filing date as its source.

capex derives the discrete quarters that were not filed from the
year-to-date facts of the same concept and fiscal year (Q4 = FY − 9M); a
quarter that cannot be derived is named in a warning, never guessed.

Restatements: every derived quarter is computed from the figures of one
vintage: a filing, together with the earlier filings' figures it does not
contradict (a filing that restates a period, or whose own figures imply
another value for it, contradicts the earlier figures that overlap that
period). A quarter comes from the latest vintage that gives it (the first
with --as-reported). A quarter filed as a quarter is never replaced by a
derived one. Where a vintage's figures disagree with the quarters filed,
the derived quarter is written as a figure of its own, its derivation in
its note; a total that agrees with nothing kept is left out, and its
difference is reported (amounts, accession numbers, which total) as one
given to no quarter, never folded into one.

The fiscal year end is inferred from the twelve-month facts of annual
reports (a 52/53-week rule such as last-saturday-of-september when the
year ends move) and written into the file; --fiscal-year-end sets it.
When the year ends fit more than one rule, the one whose quarters and
years the dates of the most facts fit is taken; if the facts cannot tell
the rules apart, the simplest is taken and a warning names them all. The
company's name comes from the document; its ticker from --ticker, the
built-in dataset (by CIK), or a file name such as
companyfacts-CIK0000320193-AAPL.json.

--cik fetches the document from the SEC instead (the only capex command
that uses the network). The SEC requires a User-Agent that names you:
--user-agent "Jane Doe jane@example.com" or CAPEX_SEC_USER_AGENT. Requests
are at least 100 ms apart (the SEC allows 10 a second) and each gives up
after --timeout. Redirects are followed only to https on an SEC host or to
the --sec-base-url host, so the User-Agent goes nowhere else. A fetched
document over 256 MiB is refused unless --max-input is set.`

// importSECOptions is what capex import sec is asked.
type importSECOptions struct {
	app           *App
	Files         []string
	out           string
	ticker        string
	metric        string
	concepts      []string
	asReported    bool
	fiscalYearEnd string
	unit          string
	ciks          []string
	userAgent     string
	timeout       time.Duration
	baseURL       string
	// maxInputSet is whether --max-input was set (by flag, variable or
	// config file): only then may it raise the limit on a fetched document.
	maxInputSet bool
}

func newImportSECCmd(app *App) *cobra.Command {
	opts := &importSECOptions{app: app}
	cmd := &cobra.Command{
		Use:   "sec FILE.json... | --cik CIK...",
		Short: "Import capex from SEC XBRL companyfacts JSON",
		Long:  importSECLong,
		Example: `  capex import sec companyfacts-CIK0000320193-AAPL.json > aapl.yaml
  capex import sec CIK0001018724.json --ticker AMZN --out amzn.yaml
  curl -sA "Jane Doe jane@example.com" https://data.sec.gov/api/xbrl/companyfacts/CIK0000320193.json | capex import sec - --ticker AAPL
  capex import sec --cik 320193 --ticker AAPL --user-agent "Jane Doe jane@example.com"
  capex show aapl --data aapl.yaml --calendar`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			opts.maxInputSet = app.lookup(cmd, cmd.Flags().Lookup("max-input")).kind != "default"
			return runImportSEC(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.out, "out", "", "write the series to `FILE` (atomically) instead of stdout")
	_ = f.SetAnnotation("out", writesKey, []string{"true"})
	f.StringVar(&opts.ticker, "ticker", "", "the company's `TICKER` (one input only)")
	f.StringVar(&opts.metric, "metric", "capex", "the metric `ID` to write")
	f.StringArrayVar(&opts.concepts, "concept", nil, "try XBRL `CONCEPT` (us-gaap:Name or Name; repeatable, in order) instead of the capex concepts")
	f.BoolVar(&opts.asReported, "as-reported", false, "keep the first filed value of each period, not the latest")
	f.StringVar(&opts.fiscalYearEnd, "fiscal-year-end", "", "the fiscal year end (`RULE`: MM-DD or last-saturday-of-september); default inferred")
	enumFlag(cmd, f, &opts.unit, "unit", "", "million", unitChoices(), "state values in `UNIT`")
	f.StringArrayVar(&opts.ciks, "cik", nil, "fetch the document of `CIK` from the SEC (repeatable)")
	f.StringVar(&opts.userAgent, "user-agent", "", "the User-Agent for the SEC: your name and email address (or CAPEX_SEC_USER_AGENT)")
	_ = f.SetAnnotation("user-agent", envKey, []string{"CAPEX_SEC_USER_AGENT"})
	f.DurationVar(&opts.timeout, "timeout", 30*time.Second, "give up on an SEC request after `DURATION`")
	f.StringVar(&opts.baseURL, "sec-base-url", sec.DefaultBaseURL, "fetch from this `URL` instead of the SEC (a mirror; https, or http to this machine); never from a config file")
	_ = f.SetAnnotation("sec-base-url", flagOnly, []string{"true"})
	return cmd
}

// runImportSEC runs capex import sec.
func runImportSEC(opts *importSECOptions) error {
	app := opts.app
	args, ciks := opts.Files, opts.ciks
	switch {
	case len(args) == 0 && len(ciks) == 0:
		return usagef("for example: capex import sec companyfacts.json, or --cik 320193", "capex import sec needs a companyfacts file or --cik")
	case len(args) > 0 && len(ciks) > 0:
		return usagef("import files, or fetch with --cik, not both", "capex import sec: files and --cik together")
	}
	ticker := strings.ToUpper(strings.TrimSpace(opts.ticker))
	if ticker != "" {
		if len(args)+len(ciks) > 1 {
			return usagef("import one document at a time to name it, or rename the files CIK##########-TICKER.json", "--ticker names one company, and %d documents are given", len(args)+len(ciks))
		}
		if err := load.CheckTicker(ticker); err != nil {
			return usagef("", "--ticker: %v", err)
		}
	}
	if err := load.CheckMetricID(opts.metric); err != nil {
		return usagef("", "--metric: %v", err)
	}
	so := sec.Options{AsReported: opts.asReported}
	for _, c := range opts.concepts {
		for _, c := range strings.Split(c, ",") {
			if c = strings.TrimSpace(c); c == "" {
				continue
			}
			if !strings.Contains(c, ":") {
				c = "us-gaap:" + c
			}
			so.Concepts = append(so.Concepts, c)
		}
	}
	so.Out = *unitOf(opts.unit)
	if s := opts.fiscalYearEnd; s != "" {
		cal, err := period.ParseFiscalYearEnd(s)
		if err != nil {
			return usagef(period.FiscalYearEndHint, "--fiscal-year-end: %v", err)
		}
		so.Calendar = &cal
	}
	if opts.out != "" {
		if err := notAnInput("out", opts.out, args...); err != nil {
			return err
		}
	}
	maxInput, err := parseSize("max-input", app.data.maxInput)
	if err != nil {
		return err
	}

	type input struct {
		name string // as messages name it
		data []byte
	}
	var inputs []input
	if len(ciks) > 0 {
		client := &sec.Client{BaseURL: opts.baseURL, UserAgent: strings.TrimSpace(opts.userAgent),
			HTTP: &http.Client{Timeout: opts.timeout}}
		if opts.maxInputSet {
			// Unset, the client keeps its own, smaller limit for what a
			// server sends (sec.DefaultMaxBytes).
			client.MaxBytes = maxInput
		}
		if client.UserAgent == "" {
			return usagef(`pass --user-agent "Your Name you@example.com" or set CAPEX_SEC_USER_AGENT`, "%v", sec.ErrNoUserAgent)
		}
		if _, err := client.URL(1); err != nil {
			return usagef("", "--sec-base-url: %v", err)
		}
		var nums []int64
		for _, c := range ciks {
			for _, c := range strings.Split(c, ",") {
				n, err := sec.ParseCIK(c)
				if err != nil {
					return err
				}
				nums = append(nums, n)
			}
		}
		for _, n := range nums {
			data, addr, err := client.CompanyFacts(context.Background(), n)
			if err != nil {
				return err
			}
			inputs = append(inputs, input{addr, data})
		}
	} else {
		for _, a := range args {
			data, err := load.Read(a, app.IO.In, load.Options{MaxInput: maxInput, Gunzip: true})
			name := a
			if a == "-" {
				name = load.StdinName
			}
			if err == nil {
				err = load.CheckText(data)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			inputs = append(inputs, input{name, []byte(data)})
		}
	}

	var out []sec.Series
	seen := map[string]string{}
	for _, in := range inputs {
		doc, err := sec.Parse(in.data)
		if err != nil {
			return importError(in.name, err)
		}
		im, err := sec.Run(doc, so)
		if err != nil {
			return importError(in.name, err)
		}
		t := ticker
		if t == "" {
			if t, err = tickerOf(doc, in.name); err != nil {
				return err
			}
		}
		if prev, dup := seen[t]; dup {
			return usagef("import each company once", "%s and %s are both %s", prev, in.name, t)
		}
		seen[t] = in.name
		for _, w := range im.Warnings {
			app.warn(series.Problem{Warning: true, Msg: fmt.Sprintf("%s (%s): %s", t, in.name, w.Msg), Hint: w.Hint, Param: w.Param})
		}
		out = append(out, sec.Series{Import: im, Ticker: t, Metric: opts.metric, From: in.name})
	}
	data, err := sec.YAML(out)
	if err != nil {
		return err
	}
	// What is written must read back: capex checks its own output as it
	// would any input.
	b := series.NewBuilder()
	load.Bytes(b, "import.yaml", data, load.Options{Format: "yaml"})
	b.Build(nil)
	if err := b.Problems.Err(); err != nil {
		return fmt.Errorf("capex import sec wrote a series it cannot read back (a bug; please report it): %w", err)
	}
	if opts.out != "" {
		if err := atomicfile.WriteFile(opts.out, data); err != nil {
			return writeError("--out "+opts.out, err, outputHint)
		}
		return nil
	}
	_, err = app.IO.Out.Write(data)
	return err
}

// importError names the input an import error is about, with its line
// when it has one.
func importError(name string, err error) error {
	var le *sec.LineError
	if errors.As(err, &le) {
		return &usageError{msg: fmt.Sprintf("%s:%d: %v", name, le.Line, le.Err), hint: "pass a companyfacts document from data.sec.gov/api/xbrl/companyfacts/"}
	}
	var nf *sec.NoFactsError
	if errors.As(err, &nf) {
		return &usageError{msg: fmt.Sprintf("%s: %v", name, err), hint: "name the company's capex concept with --concept"}
	}
	return &usageError{msg: fmt.Sprintf("%s: %v", name, err)}
}

// tickerFile finds a ticker in a file name such as
// companyfacts-CIK0000320193-AAPL.json: the word after CIK##########
// and a dash or underscore, the extension left out (CIK0007654321.json
// holds no ticker, not the ticker JSON).
var tickerFile = regexp.MustCompile(`(?i)CIK\d{1,10}[-_]([A-Z][A-Z0-9]{0,5}(?:[.-][A-Z])?)(?:[-_]|$)`)

// tickerOf finds the ticker of a document: the built-in company with its
// CIK, else the word after the CIK in its file name.
func tickerOf(doc *sec.Document, name string) (string, error) {
	if doc.CIK != 0 {
		if t := builtin.TickerOfCIK(fmt.Sprintf("%010d", doc.CIK)); t != "" {
			return t, nil
		}
	}
	base := filepath.Base(name)
	for _, ext := range []string{".gz", ".json"} {
		base = strings.TrimSuffix(base, ext)
	}
	if m := tickerFile.FindStringSubmatch(base); m != nil {
		t := strings.ToUpper(m[1])
		if load.CheckTicker(t) == nil {
			return t, nil
		}
	}
	return "", usagef("pass --ticker", "%s: the document does not say its ticker (CIK %d, %s)", name, doc.CIK, doc.EntityName)
}
