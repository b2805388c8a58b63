#!/usr/bin/env python3
"""Writes backtest-history.csv and backtest.txt: a generated history of
four companies, and every projection method's backtests of it as Python's
decimal and fractions modules compute them, the oracle for calc.Backtests
and calc.Summarize. Run once (it writes next to itself); both files are
committed so that go test needs no Python:

    python3 pkg/calc/testdata/gen-backtest.py

The methods are implemented here from their documented definitions
(README "Arithmetic", the doc comments of package calc), not from the Go
code:

  annualize SPEC  base × 12 / months (or × target days / base days), the
                  base the latest such quarter, half or year-to-date;
                  backtested at the base's last quarter only
  trailing        the TTM at the base, carried forward
  growth RATE     TTM × (1 + r)^horizon, exact; yoy's r is the YoY of the
                  TTM and cagr:Ny's the CAGR of the TTM over N years
                  ((end / start)^(1/N) − 1, here at 200 digits), each
                  rounded once to 34 significant digits before compounding
  trend           least squares through the window's quarters (x = 1..w),
                  the forecasts at w+1..w+4 summed exactly
  scenario        growth at each named rate

A backtest sets the projection made from the quarters up to its base
against the target's quarters as reported: difference = projected −
actual and relative = difference / actual, exact. Printed, a product or
sum is exact; a quotient (a run rate over 9 months or by days, a trend,
a relative error, a mean) is its exact value rounded once to 34
significant digits, ties away from zero (ROUND_HALF_UP). Percentages are
the exact value rounded once, half away from zero, to 2 places (a
backtest) or 1 (a summary), as capex's tables print them.

backtest.txt: a section per method configuration ("== growth=yoy
horizon=2", the parameters as capex backtest takes them), and in it, per
company in ticker order (as capex lists companies), tab-separated lines:

  bt    company method base target projected actual difference relative relative%
  skip  company method base early|late|na
  sum   company method n mape median bias min max worst within5 within10 percentages

A base is skipped early when the projection cannot be made from the data
then (no such quarter yet, no TTM, a window or CAGR span before the data,
a zero or negative start): its base is the quarter. It is skipped na when
growth does not compound (1 + r ≤ 0), and late when its target runs past
the data: its base is the projection's. A method's name says its
base ("annualize q4", "annualize latest by days"), so two annualize bases
in one configuration are two methods.
"""
import calendar
import csv
import os
import random
from datetime import date, timedelta
from decimal import Decimal, Context, ROUND_HALF_UP, localcontext
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
rnd = random.Random(15)
Q34 = Context(prec=34, rounding=ROUND_HALF_UP)


# ---- fiscal calendars -------------------------------------------------

class MonthEnd:
    """Fiscal years ending on the last day of end_month; FY2026 ends in
    calendar 2026, and each quarter three months before the next."""

    def __init__(self, end_month):
        self.end_month = end_month
        self.calendar_year = end_month == 12
        self.fye = "%02d-%02d" % (end_month, calendar.monthrange(2001, end_month)[1])

    def quarter_end(self, seq):
        fy, q = divmod(seq, 4)
        months = fy * 12 + (self.end_month - 1) - 3 * (3 - q)
        y, m = divmod(months, 12)
        return date(y, m + 1, calendar.monthrange(y, m + 1)[1])


class LastSaturdayOfSeptember:
    """52/53-week years ending on the last Saturday of September; quarters
    of 13 weeks, the fourth running to the year's end (14 weeks in a
    53-week year)."""
    calendar_year = False
    fye = "last-saturday-of-september"

    def year_end(self, fy):
        d = date(fy, 9, 30)
        return d - timedelta(days=(d.weekday() - 5) % 7)

    def quarter_end(self, seq):
        fy, q = divmod(seq, 4)
        if q == 3:
            return self.year_end(fy)
        return self.year_end(fy - 1) + timedelta(days=91 * (q + 1))


def days(cal, first, last):
    return (cal.quarter_end(last) - cal.quarter_end(first - 1)).days


def qlabel(cal, seq):
    fy, q = divmod(seq, 4)
    s = "%dQ%d" % (fy, q + 1)
    return s if cal.calendar_year else "FY" + s


def span_label(cal, first, last):
    """A quarter is itself, a fiscal year FY2024, a fiscal half 2024H1,
    anything else 2024Q2..2025Q1 (with FY before quarters and halves of a
    fiscal year that is not the calendar year)."""
    if first == last:
        return qlabel(cal, first)
    if last - first == 3 and first % 4 == 0:
        return "FY%d" % (first // 4)
    if last - first == 1 and first % 2 == 0:
        s = "%dH%d" % (first // 4, first % 4 // 2 + 1)
        return s if cal.calendar_year else "FY" + s
    return qlabel(cal, first) + ".." + qlabel(cal, last)


def seq_of(fy, q):
    return fy * 4 + q - 1


# ---- numbers ----------------------------------------------------------

def plain(d):
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def exact(fr):
    """A terminating fraction written out in full."""
    fr = Fraction(fr)
    for k in range(400):
        n = fr * 10 ** k
        if n.denominator == 1:
            digits = str(abs(n.numerator)).rjust(k + 1, "0")
            s = digits[:len(digits) - k] + ("." + digits[len(digits) - k:] if k else "")
            return plain(Decimal(("-" if n < 0 else "") + s))
    raise ValueError("%s does not terminate" % fr)


def sig34(fr):
    """A fraction rounded once to 34 significant digits, ties away from
    zero."""
    fr = Fraction(fr)
    return plain(Q34.divide(Decimal(fr.numerator), Decimal(fr.denominator)))


def fixed(fr, places):
    """A fraction rounded once to places decimals, half away from zero."""
    fr = Fraction(fr)
    n = abs(fr) * 10 ** places
    q, r = divmod(n.numerator, n.denominator)
    if 2 * r >= n.denominator:
        q += 1
    s = str(q).rjust(places + 1, "0")
    if places:
        s = s[:-places] + "." + s[-places:]
    return ("-" + s) if fr < 0 and q != 0 else s


def pct(fr, places):
    return fixed(Fraction(fixed(fr, places + 2)) * 100, places) + "%"


def round34(fr):
    """A fraction rounded once to 34 significant digits, as a fraction."""
    return Fraction(Q34.divide(Decimal(fr.numerator), Decimal(fr.denominator)))


# ---- the history ------------------------------------------------------

def value(level, places):
    """level (a float) as a decimal with places decimals: the CSV's text."""
    return Fraction(int(round(level * 10 ** places)), 10 ** places)


class Company:
    def __init__(self, ticker, cal, first):
        self.ticker, self.cal, self.first = ticker, cal, first
        self.q = {}       # seq → the discrete quarter, a Fraction
        self.rows = []    # (period, basis, months, value) as the CSV gives them

    @property
    def last(self):
        return max(self.q)

    def label(self, seq):
        return qlabel(self.cal, seq)


def walk(start, phases, places, rng):
    """A level compounding through phases of (quarters, mean growth,
    spread), as decimals with places decimals."""
    level, out = start, []
    for n, mean, spread in phases:
        for _ in range(n):
            level *= 1 + mean + rng.uniform(-spread, spread)
            out.append(value(level, places))
    return out


companies = []

# ALFA: calendar year, discrete quarters only, three decimals; a boom, a
# bust, a recovery.
alfa = Company("ALFA", MonthEnd(12), seq_of(2019, 1))
for i, v in enumerate(walk(1834.217, [(9, 0.085, 0.06), (7, -0.065, 0.05), (8, 0.04, 0.09)], 3, rnd)):
    alfa.q[alfa.first + i] = v
for s, v in alfa.q.items():
    alfa.rows.append((alfa.label(s).removeprefix("FY"), "quarter", 3, v))
companies.append(alfa)

# BETA: fiscal year ending 30 June, two decimals; Q1 printed, later
# quarters mostly as year-to-date figures (6M, 9M, FY), some years as
# quarters, one first half printed as H1.
beta = Company("BETA", MonthEnd(6), seq_of(2020, 1))
for i, v in enumerate(walk(9876.54, [(6, -0.045, 0.04), (10, 0.07, 0.05), (6, 0.015, 0.08)], 2, rnd)):
    beta.q[beta.first + i] = v
reporting = {2020: "ytd", 2021: "fy", 2022: "ytd", 2023: "quarters", 2024: "h1", 2025: "ytd"}
for s, v in sorted(beta.q.items()):
    fy, q = divmod(s, 4)
    how = reporting[fy]
    ytd = sum(beta.q[t] for t in range(fy * 4, s + 1))
    if q == 0 or how == "quarters" or how == "fy" and q < 3:
        beta.rows.append(("FY%dQ%d" % (fy, q + 1), "quarter", 3, v))
    elif how == "h1" and q == 1:
        beta.rows.append(("FY%dH1" % fy, "ytd", 6, ytd))
    elif q == 3:
        beta.rows.append(("FY%d" % fy, "ytd", 12, ytd))
    else:
        beta.rows.append(("FY%dQ%d" % (fy, q + 1), "ytd", 3 * (q + 1), ytd))
companies.append(beta)

# GAMA: a 52/53-week year (FY2023 has 53 weeks, its Q4 98 days), four
# decimals, starting in a third quarter; two quarters printed only as a
# TTM figure (Q = TTM − the three before).
gama = Company("GAMA", LastSaturdayOfSeptember(), seq_of(2020, 3))
for i, v in enumerate(walk(412.3456, [(5, 0.03, 0.12), (6, 0.11, 0.07), (5, -0.08, 0.06), (6, 0.05, 0.1)], 4, rnd)):
    gama.q[gama.first + i] = v
for s, v in sorted(gama.q.items()):
    fy, q = divmod(s, 4)
    if s in (seq_of(2022, 4), seq_of(2024, 2)):
        gama.rows.append(("FY%dQ%d" % (fy, q + 1), "ttm", 12, sum(gama.q[t] for t in range(s - 3, s + 1))))
    else:
        gama.rows.append(("FY%dQ%d" % (fy, q + 1), "quarter", 3, v))
companies.append(gama)

# DLTA: calendar year, small values that go negative and come back. The
# TTM turns negative in 2019 (a YoY of −188%: growth does not compound),
# FY2020 sums to zero (a zero actual, then a zero base), 2020Q2 is zero.
dlta = Company("DLTA", MonthEnd(12), seq_of(2018, 1))
quarters = ["12.5", "8", "-3.25", "20", "15", "-30.5", "-22", "4.75", "10", "0", "-6.5", None,
            "25", "18.25", "31", "40.5", "33", "27.75", "45.125", "50"]
for i, v in enumerate(quarters):
    dlta.q[dlta.first + i] = Fraction(v) if v is not None else None
dlta.q[seq_of(2020, 4)] = -sum(dlta.q[t] for t in range(seq_of(2020, 1), seq_of(2020, 4)))
for s, v in dlta.q.items():
    dlta.rows.append((dlta.label(s), "quarter", 3, v))
companies.append(dlta)

with open(os.path.join(HERE, "backtest-history.csv"), "w", newline="") as f:
    f.write("# Generated by gen-backtest.py: the history calc's backtest oracle (backtest.txt) is computed from.\n")
    f.write("# decimal_mark: .\n")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["company", "period", "basis", "months", "value", "fiscal_year_end"])
    for c in companies:
        for period, basis, months, v in c.rows:
            w.writerow([c.ticker, period, basis, months, exact(v), c.cal.fye])


# ---- the methods ------------------------------------------------------

def parse_rate(text):
    """A rate as capex takes it: ("fixed", r, "12.5%"), ("yoy",), ("cagr", N)."""
    t = text.strip().lower()
    if t == "yoy":
        return ("yoy", None, "yoy")
    if t.startswith("cagr:"):
        return ("cagr", int(t[5:-1]), t)
    v = Decimal(t[:-1]).scaleb(-2) if t.endswith("%") else Decimal(t)
    return ("fixed", Fraction(v), plain(v.scaleb(2)) + "%")


def parse_config(text):
    ms = {"annualize": [], "by_days": False, "trailing": False, "growth": [], "trend": False,
          "scenarios": [], "window": 8, "horizon": 1}
    for part in text.split():
        name, val = part.split("=", 1)
        if name == "annualize":
            ms["annualize"].append(val)
        elif name == "annualize-by":
            ms["by_days"] = val == "days"
        elif name == "trailing":
            ms["trailing"] = val == "true"
        elif name == "growth":
            ms["growth"].append(parse_rate(val))
        elif name == "trend":
            ms["trend"] = val == "true"
        elif name == "window":
            ms["window"] = int(val)
        elif name == "horizon":
            ms["horizon"] = int(val)
        elif name == "scenario":
            for sc in val.split(","):
                n, r = sc.split("=", 1)
                ms["scenarios"].append((n, parse_rate(r)))
        else:
            raise ValueError(part)
    return ms


EARLY, IGNORE = "early", "ignore"


class Projection:
    def __init__(self, method, bfirst, blast, tfirst, tlast, value=None, is_exact=True, na=False):
        self.method, self.bfirst, self.blast, self.tfirst, self.tlast = method, bfirst, blast, tfirst, tlast
        self.value, self.is_exact, self.na = value, is_exact, na


def annualize_name(spec, by_days):
    """The method's name: the base as written (a period upper case), and
    how it is scaled."""
    label = spec.upper() if spec.startswith("fy") or spec[:1].isdigit() else spec
    return "annualize " + label + (" by days" if by_days else "")


def annualize(c, seq, spec, by_days):
    """The run rate of the latest base of the kind spec names in the
    quarters c.first..seq: EARLY when there is none, IGNORE when it ends
    before seq (it was backtested at its own quarter)."""
    method = annualize_name(spec, by_days)
    quarters = range(seq, c.first - 1, -1)
    if spec in ("q1", "q2", "q3", "q4"):
        found = [(s, s) for s in quarters if s % 4 == int(spec[1]) - 1]
    elif spec in ("h1", "h2"):
        found = [(s - 1, s) for s in quarters if s % 4 == 2 * int(spec[1]) - 1 and s - 1 >= c.first]
    elif spec == "latest":
        found = [(seq, seq)]
    elif spec == "ytd":
        found = [(s - s % 4, s) for s in quarters if s - s % 4 >= c.first]
    elif spec.startswith("fy"):
        fy = int(spec[2:])
        found = [(fy * 4, fy * 4 + 3)] if fy * 4 >= c.first and fy * 4 + 3 <= seq else []
    else:
        raise ValueError(spec)
    if not found:
        return EARLY
    first, last = found[0]
    if last != seq:
        return IGNORE
    base = sum(c.q[s] for s in range(first, last + 1))
    if by_days:
        factor = Fraction(days(c.cal, last + 1, last + 4), days(c.cal, first, last))
    else:
        factor = Fraction(12, 3 * (last - first + 1))
    return Projection(method, first, last, last + 1, last + 4, base * factor, factor.denominator == 1)


def ttm(c, seq):
    if seq - 3 < c.first:
        return None
    return sum(c.q[s] for s in range(seq - 3, seq + 1))


def cagr(start, end, years):
    """(end / start)^(1/years) − 1 at 200 digits, rounded once to 34."""
    ratio = end / start
    with localcontext() as ctx:
        ctx.prec = 200
        x = (Decimal(ratio.numerator) / Decimal(ratio.denominator)) ** (Decimal(1) / Decimal(years))
        return Fraction(Q34.plus(x - 1))


def grow(c, seq, rate, horizon, method):
    cur = ttm(c, seq)
    if cur is None:
        return EARLY
    kind, arg, _ = rate
    if kind == "fixed":
        r = arg
    elif kind == "yoy":
        prev = ttm(c, seq - 4)
        if prev is None or prev == 0:
            return EARLY
        r = round34((cur - prev) / prev)
    else:
        start = ttm(c, seq - 4 * arg)
        if start is None or start <= 0 or cur < 0:
            return EARLY  # no CAGR from a zero or negative start, or across a change of sign
        r = Fraction(-1) if cur == 0 else cagr(start, cur, arg)
    target = (seq + 4 * (horizon - 1) + 1, seq + 4 * horizon)
    if 1 + r <= 0:
        return Projection(method, seq - 3, seq, *target, na=True)
    return Projection(method, seq - 3, seq, *target, cur * (1 + r) ** horizon)


def trend(c, seq, window):
    first = seq - window + 1
    if first < c.first:
        return EARLY
    ys = [c.q[s] for s in range(first, seq + 1)]
    xs = range(1, window + 1)
    mx, my = Fraction(sum(xs), window), sum(ys, Fraction(0)) / window
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    a = my - b * mx
    total = sum(a + b * x for x in range(window + 1, window + 5))
    return Projection("trend %dq" % window, first, seq, seq + 1, seq + 4, total, False)


def methods(ms):
    """One function of (company, base) per projection, in the order capex
    makes them: annualize, trailing, growth, trend, scenarios; and the
    method's name."""
    out = []
    by_days = ms["by_days"]
    for spec in ms["annualize"]:
        out.append((annualize_name(spec.lower(), by_days),
                    lambda c, s, spec=spec: annualize(c, s, spec.lower(), by_days)))
    if ms["trailing"]:
        def trailing(c, s):
            v = ttm(c, s)
            return EARLY if v is None else Projection("trailing", s - 3, s, s + 1, s + 4, v)
        out.append(("trailing", trailing))
    h = ms["horizon"]
    for rate in ms["growth"]:
        name = "growth " + rate[2]
        out.append((name, lambda c, s, rate=rate, name=name: grow(c, s, rate, h, name)))
    if ms["trend"]:
        out.append(("trend %dq" % ms["window"], lambda c, s: trend(c, s, ms["window"])))
    for n, rate in ms["scenarios"]:
        name = "scenario %s %s" % (n, rate[2])
        out.append((name, lambda c, s, rate=rate, name=name: grow(c, s, rate, h, name)))
    return out


def backtests(c, ms):
    bts, skipped = [], []
    for name, project in methods(ms):
        for seq in range(c.first, c.last + 1):
            p = project(c, seq)
            if p is IGNORE:
                continue
            if p is EARLY:
                skipped.append((name, c.label(seq), "early"))
                continue
            base = span_label(c.cal, p.bfirst, p.blast)
            if p.na:
                skipped.append((p.method, base, "na"))
                continue
            if p.tlast > c.last:
                skipped.append((p.method, base, "late"))
                continue
            actual = sum(c.q[s] for s in range(p.tfirst, p.tlast + 1))
            diff = p.value - actual
            rel = None if actual == 0 else diff / actual
            bts.append((p, base, span_label(c.cal, p.tfirst, p.tlast), actual, diff, rel))
    return bts, skipped


def summary(c, method, bts):
    rels = [(bt, bt[5]) for bt in bts if bt[5] is not None]
    n = len(rels)
    if n == 0:
        return ["sum", c.ticker, method, "0"]
    absolutes = sorted(abs(r) for _, r in rels)
    worst = None
    for bt, r in rels:
        if worst is None or abs(r) > abs(worst[5]):
            worst = bt
    median = absolutes[n // 2] if n % 2 else (absolutes[n // 2 - 1] + absolutes[n // 2]) / 2
    figures = [sum(absolutes) / n, median, sum(r for _, r in rels) / n,
               min(r for _, r in rels), max(r for _, r in rels)]
    shares = [Fraction(sum(1 for _, r in rels if abs(r) <= Fraction(limit, 100)), n) for limit in (5, 10)]
    return (["sum", c.ticker, method, str(n)] + [sig34(v) for v in figures] +
            ["%s→%s" % (worst[1], worst[2])] + [sig34(v) for v in shares] +
            [" ".join(pct(v, 1) for v in figures + shares)])


CONFIGS = [
    "annualize=q1", "annualize=q2", "annualize=q3", "annualize=q4", "annualize=h1", "annualize=h2",
    "annualize=latest", "annualize=ytd", "annualize=FY2021",
    "annualize=latest annualize-by=days", "annualize=q4 annualize-by=days", "annualize=h2 annualize-by=days",
    "annualize=ytd annualize-by=days",
    "trailing=true",
    "growth=12.5%", "growth=-7.25%", "growth=0.0333", "growth=yoy",
    "growth=cagr:1y", "growth=cagr:2y", "growth=cagr:3y",
    "growth=yoy horizon=2", "growth=10% horizon=3", "growth=cagr:2y horizon=2",
    "trend=true", "trend=true window=2", "trend=true window=4", "trend=true window=5", "trend=true window=12",
    "scenario=bear=-4.5%,base=6.75%,bull=18.125%",
    "scenario=low=-2%,hist=yoy,long=cagr:2y horizon=2",
    "annualize=q4 trailing=true growth=yoy trend=true window=4 scenario=bear=-5%,bull=15%",
]

lines = ["# Generated by gen-backtest.py from backtest-history.csv; see its docstring for the format."]
count = {"bt": 0, "skip": 0, "sum": 0}
for config in CONFIGS:
    ms = parse_config(config)
    lines.append("== " + config)
    for c in sorted(companies, key=lambda c: c.ticker):
        bts, skipped = backtests(c, ms)
        for p, base, target, actual, diff, rel in bts:
            lines.append("\t".join(["bt", c.ticker, p.method, base, target,
                                    exact(p.value) if p.is_exact else sig34(p.value), exact(actual),
                                    exact(diff) if p.is_exact else sig34(diff),
                                    "n/a: zero actual" if rel is None else sig34(rel),
                                    "n/a" if rel is None else pct(rel, 2)]))
        for method, base, why in skipped:
            lines.append("\t".join(["skip", c.ticker, method, base, why]))
        order = []
        for bt in bts:
            if bt[0].method not in order:
                order.append(bt[0].method)
        for method in order:
            lines.append("\t".join(summary(c, method, [bt for bt in bts if bt[0].method == method])))
        count["bt"] += len(bts)
        count["skip"] += len(skipped)
        count["sum"] += len(order)

with open(os.path.join(HERE, "backtest.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("%d configurations: %d backtests, %d skipped bases, %d summaries" %
      (len(CONFIGS), count["bt"], count["skip"], count["sum"]))
