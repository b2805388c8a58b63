package main

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/capexdev/capex/pkg/amount"
	"github.com/capexdev/capex/pkg/calc"
	"github.com/capexdev/capex/pkg/period"
	"github.com/capexdev/capex/pkg/render"
	"github.com/capexdev/capex/pkg/series"
)

type projectOptions struct {
	Tickers []string
	Metric  string
	Methods calc.Methods
	Total   bool
	Explain bool
	// Calendar adds the calendar quarters of each base and target.
	Calendar bool
	out      outputOptions
}

const projectLong = `Project a company's spend forward. Each method gives one row per company,
in this order when several are chosen:

  --annualize SPEC   the run rate of a base period: base × 12 / months.
                     SPEC: q1..q4 or h1, h2 (the latest such fiscal period),
                     latest (quarter), ytd, or a period such as 2024Q4.
                     A base Q4 covers exactly the next fiscal year.
  --trailing         the next four quarters equal the TTM at the base.
  --growth RATE      the TTM at the base grown by RATE a year for --horizon
                     years, compounding exactly: 25%, 0.25, -5%; yoy (the
                     YoY of the TTM); cagr:3y (its CAGR over 3 years).
  --trend            a least-squares line through the last --window quarters
                     (as Excel's FORECAST.LINEAR), summed over the next four.
  --scenario LIST    growth at each named rate: bear=5%,base=15%,bull=30%.

The base of trailing, growth, trend and scenarios is the TTM (or window)
ending at --as-of PERIOD, default the latest quarter. --total adds a row per
method summing the companies. Listing or totalling companies whose fiscal
calendars differ warns, naming each company's period and its dates.
--calendar adds the calendar quarters each base and target fall in
(CY2024Q4, or CY2024Q3..CY2025Q2) and the days they share.

A base that is not printed is derived from printed figures (Q4 = FY − 9M);
one that cannot be derived is an error, never a guess. --explain shows the
arithmetic with every operand. Products are exact; a quotient or root is
correctly rounded to 34 significant digits.`

func newProjectCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "project TICKER... [--annualize SPEC] [--trailing] [--growth RATE] [--trend] [--scenario LIST]",
		Short: "Project forward: run rate, trailing, growth, trend and scenarios",
		Long:  projectLong,
		Example: `  capex project amzn --annualize q4
  capex project amzn --annualize 2024Q4 --metric capex-net --explain
  capex project amzn --trailing --growth 20% --annualize q4 --explain
  capex project msft --growth cagr:3y --horizon 2
  capex project amzn --scenario bear=5%,base=15%,bull=30%
  capex project amzn msft googl meta --annualize latest --total
  capex project amzn msft --annualize latest --calendar`,
		Args: atLeastOneTicker,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := app.projectOptions(args)
			if err != nil {
				return err
			}
			d, err := app.dataset(cmd, opts.Tickers...)
			if err != nil {
				return err
			}
			table, warnings, err := runProject(d, opts)
			if err != nil {
				return err
			}
			app.warn(warnings...)
			return app.write([]*render.Table{table}, opts.out)
		},
	}
	f := cmd.Flags()
	f.String("annualize", "", "annualize the run rate of `SPEC`: q1..q4, h1, h2, latest, ytd, or a period such as 2024Q4")
	f.Bool("trailing", false, "project the TTM at the base forward unchanged")
	f.String("growth", "", "grow the TTM at the base by `RATE` a year: 25%, 0.25, -5%, yoy, cagr:3y")
	f.Bool("trend", false, "project a least-squares line through the last --window quarters")
	f.String("scenario", "", "one growth row per named rate: `LIST` such as bear=5%,base=15%,bull=30%")
	f.Int("window", 8, "quarters the trend is fitted to")
	f.Int("horizon", 1, "years to compound --growth and --scenario over")
	f.String("as-of", "", "base trailing, growth, trend and scenarios on the TTM ending at `PERIOD` (default: the latest quarter)")
	f.Bool("total", false, "add a row per method summing the companies")
	f.Bool("explain", false, "show each formula with its operands")
	f.String("metric", "capex", "the metric `ID` to project")
	f.String("calendar", "", "add the calendar quarters of each base and target, with the days they share")
	f.Lookup("calendar").NoOptDefVal = "map"
	outputFlags(f)
	return cmd
}

func (app *App) projectOptions(args []string) (projectOptions, error) {
	v := app.V
	opts := projectOptions{Tickers: args, Metric: v.GetString("metric"), Total: v.GetBool("total"), Explain: v.GetBool("explain")}
	cal, tickers, err := calendarFlag(v.GetString("calendar"), args)
	if err != nil {
		return opts, err
	}
	if cal == "prorate" {
		return opts, usagef("capex show --calendar prorate splits quarters by days; here --calendar lists the calendar quarters", "--calendar prorate: projections are not prorated")
	}
	opts.Tickers, opts.Calendar = tickers, cal == "map"
	ms := &opts.Methods
	ms.Trailing, ms.Trend, ms.Window, ms.Horizon = v.GetBool("trailing"), v.GetBool("trend"), v.GetInt("window"), v.GetInt("horizon")
	if s := v.GetString("annualize"); s != "" {
		spec, err := calc.ParseSpec(s)
		if err != nil {
			return opts, err
		}
		ms.Annualize = &spec
	}
	if s := v.GetString("growth"); s != "" {
		r, err := calc.ParseRate(s)
		if err != nil {
			return opts, err
		}
		ms.Growth = &r
	}
	if s := v.GetString("scenario"); s != "" {
		for _, part := range strings.Split(s, ",") {
			name, rate, ok := strings.Cut(part, "=")
			name = strings.TrimSpace(name)
			if !ok || name == "" {
				return opts, usagef("for example: --scenario bear=5%,base=15%,bull=30%", "--scenario %q: each scenario is NAME=RATE", part)
			}
			r, err := calc.ParseRate(rate)
			if err != nil {
				return opts, err
			}
			for _, sc := range ms.Scenarios {
				if sc.Name == name {
					return opts, usagef("", "--scenario: %q appears twice", name)
				}
			}
			ms.Scenarios = append(ms.Scenarios, calc.NamedRate{Name: name, Rate: r})
		}
	}
	if ms.Window < 2 || ms.Window > calc.MaxWindow {
		return opts, usagef(fmt.Sprintf("give 2 to %d quarters", calc.MaxWindow), "--window %d: out of range", ms.Window)
	}
	if ms.Horizon < 1 || ms.Horizon > calc.MaxHorizon {
		return opts, usagef(fmt.Sprintf("give 1 to %d years", calc.MaxHorizon), "--horizon %d: out of range", ms.Horizon)
	}
	if ms.Count() == 0 {
		return opts, usagef("for example: capex project amzn --annualize q4", "choose a projection method: --annualize, --trailing, --growth, --trend or --scenario")
	}
	if ms.AsOf, err = periodFlag(v.GetString("as-of"), "--as-of"); err != nil {
		return opts, err
	}
	opts.out, err = app.outputOptions()
	return opts, err
}

// projectHead is the columns of the projection table.
func projectHead(opts projectOptions) []render.Column {
	cols := []render.Column{
		{Name: "company"}, {Name: "metric"}, {Name: "method"}, {Name: "base_period"},
		{Name: "base_start", Long: true}, {Name: "base_end", Long: true},
	}
	if opts.Calendar {
		cols = append(cols, render.Column{Name: "base_calendar"}, render.Column{Name: "base_overlap", Right: true})
	}
	cols = append(cols, render.Column{Name: "base_value", Right: true},
		render.Column{Name: "factor", Right: true}, render.Column{Name: "target"}, render.Column{Name: "start", Long: true}, render.Column{Name: "end", Long: true})
	if opts.Calendar {
		cols = append(cols, render.Column{Name: "calendar"}, render.Column{Name: "overlap", Right: true})
	}
	return append(cols, render.Column{Name: "projection", Right: true}, render.Column{Name: "unit"}, render.Column{Name: "currency", Long: true})
}

func runProject(d *series.Dataset, opts projectOptions) (*render.Table, []series.Problem, error) {
	companies, err := selectCompanies(d, opts.Tickers)
	if err != nil {
		return nil, nil, err
	}
	t := &render.Table{Columns: projectHead(opts)}
	if opts.Explain {
		t.Columns = append(t.Columns, render.Column{Name: "formula", Long: true})
	}
	var all []*calc.Projection
	var labels []string
	for _, c := range companies {
		m, err := selectMetric(c, opts.Metric)
		if err != nil {
			return nil, nil, err
		}
		ps, err := opts.Methods.Project(c, m)
		if err != nil {
			return nil, nil, err
		}
		for _, p := range ps {
			unit := opts.out.in(m.Unit)
			row := []render.Cell{
				render.Text(c.Ticker), render.Text(m.ID), render.Text(p.Method), render.Text(p.BaseLabel()),
				render.Text(period.ISO(c.Calendar.SpanStart(p.BaseFirst))), render.Text(period.ISO(c.Calendar.SpanEnd(p.BaseLast))),
			}
			row = appendCalendar(row, opts.Calendar, c.Calendar, p.BaseFirst, p.BaseLast)
			row = append(row, render.Num(amount.Convert(p.BaseValue, m.Unit, unit)), render.Text(p.Factor), render.Text(p.TargetLabel()),
				render.Text(period.ISO(c.Calendar.SpanStart(p.TargetFirst))), render.Text(p.TargetEnd()))
			row = appendCalendar(row, opts.Calendar, c.Calendar, p.TargetFirst, p.TargetLast)
			row = append(row, render.Num(amount.Convert(p.Value, m.Unit, unit)), render.Text(unit.String()), render.Text(c.Currency))
			if opts.Explain {
				formula := p.Formula(unit)
				row = append(row, render.Text(strings.Join(formula, "; ")))
				for _, f := range formula {
					t.Notes = append(t.Notes, fmt.Sprintf("%s %s %s: %s", c.Ticker, m.ID, p.Method, f))
				}
				t.Notes = append(t.Notes, fmt.Sprintf("%s %s %s: %s is %s..%s; %s is %s..%s", c.Ticker, m.ID, p.Method,
					p.BaseLabel(), period.ISO(c.Calendar.SpanStart(p.BaseFirst)), period.ISO(c.Calendar.SpanEnd(p.BaseLast)),
					p.TargetLabel(), period.ISO(c.Calendar.SpanStart(p.TargetFirst)), p.TargetEnd()))
			}
			t.Rows = append(t.Rows, row)
		}
		all = append(all, ps...)
		labels = append(labels, fmt.Sprintf("%s %s: %s", c.Ticker, m.ID, m.Label))
	}
	var warnings []series.Problem
	if len(companies) > 1 {
		warnings = projectMix(all, opts.Total)
	}
	if opts.Total {
		rows, notes, ws := totals(all, opts)
		t.Rows = append(t.Rows, rows...)
		t.Notes = append(t.Notes, notes...)
		warnings = append(warnings, ws...)
	}
	t.Notes = append(t.Notes, labels...)
	return t, warnings, nil
}

// totals sums the projections of each method across companies, in the
// output unit. Companies whose currencies differ cannot be summed, nor can
// series in different units unless --unit names one.
func totals(ps []*calc.Projection, opts projectOptions) ([][]render.Cell, []string, []series.Problem) {
	var methods []string
	byMethod := map[string][]*calc.Projection{}
	for _, p := range ps {
		if _, ok := byMethod[p.Method]; !ok {
			methods = append(methods, p.Method)
		}
		byMethod[p.Method] = append(byMethod[p.Method], p)
	}
	var rows [][]render.Cell
	var notes []string
	var warnings []series.Problem
	for _, method := range methods {
		group := byMethod[method]
		first := group[0]
		unit := opts.out.in(first.Metric.Unit)
		var sum, base decimal.Decimal
		var parts []string
		ok := true
		for _, p := range group {
			if p.Company.Currency != first.Company.Currency {
				warnings = append(warnings, series.Problem{Warning: true, Msg: fmt.Sprintf("no %s total: %s is in %s, %s in %s",
					method, first.Company.Ticker, first.Company.Currency, p.Company.Ticker, p.Company.Currency)})
				ok = false
				break
			}
			if opts.out.unit == nil && p.Metric.Unit != first.Metric.Unit {
				warnings = append(warnings, series.Problem{Warning: true, Msg: fmt.Sprintf("no %s total: %s %s is in %s, %s %s in %s; pass --unit to restate them",
					method, first.Company.Ticker, first.Metric.ID, first.Metric.Unit, p.Company.Ticker, p.Metric.ID, p.Metric.Unit)})
				ok = false
				break
			}
			v := amount.Convert(p.Value, p.Metric.Unit, unit)
			sum = sum.Add(v)
			base = base.Add(amount.Convert(p.BaseValue, p.Metric.Unit, unit))
			parts = append(parts, p.Company.Ticker+" "+amount.Group(v))
		}
		if !ok || len(group) < 2 {
			continue
		}
		target, start, end := first.TargetLabel(), period.ISO(first.Company.Calendar.SpanStart(first.TargetFirst)), first.TargetEnd()
		for _, p := range group[1:] {
			if p.TargetLabel() != target || p.TargetEnd() != end {
				target = "mixed"
			}
			if s := period.ISO(p.Company.Calendar.SpanStart(p.TargetFirst)); s < start {
				start = s
			}
			if e := p.TargetEnd(); e > end {
				end = e
			}
		}
		metric := first.Metric.ID
		for _, p := range group[1:] {
			if p.Metric.ID != metric {
				metric = "mixed"
			}
		}
		row := []render.Cell{render.Text("TOTAL"), render.Text(metric), render.Text(method), {}, {}, {}}
		if opts.Calendar {
			row = append(row, render.Cell{}, render.Cell{})
		}
		row = append(row, render.Num(base), render.Cell{}, render.Text(target), render.Text(start), render.Text(end))
		if opts.Calendar {
			cy := ""
			for _, p := range group {
				switch l := p.Company.Calendar.CalendarizeSpan(p.TargetFirst, p.TargetLast).Label(); {
				case cy == "":
					cy = l
				case cy != l:
					cy = "mixed"
				}
			}
			row = append(row, render.Text(cy), render.Cell{})
		}
		row = append(row, render.Num(sum), render.Text(unit.String()), render.Text(first.Company.Currency))
		formula := fmt.Sprintf("total = %s = %s", strings.Join(parts, " + "), amount.Group(sum))
		if opts.Explain {
			row = append(row, render.Text(formula))
		}
		notes = append(notes, "TOTAL "+method+": "+formula)
		rows = append(rows, row)
	}
	return rows, notes, warnings
}

// appendCalendar adds, when on, the calendar quarters that fiscal quarters
// first..last fall in and the days they share.
func appendCalendar(row []render.Cell, on bool, cal period.Calendar, first, last int) []render.Cell {
	if !on {
		return row
	}
	z := cal.CalendarizeSpan(first, last)
	return append(row, render.Text(z.Label()), render.Text(z.Ratio()))
}
