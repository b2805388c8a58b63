#!/usr/bin/env python3
"""Writes quo.txt: division vectors from Python's decimal module, the oracle
for calc.Quo (34 significant digits, ties away from zero). Run once; the
vectors are committed so that go test needs no Python:

    python3 gen-quo.py > quo.txt
"""
import random
from decimal import Decimal, getcontext, ROUND_HALF_UP

getcontext().prec = 34
getcontext().rounding = ROUND_HALF_UP
rnd = random.Random(20261126)

def num():
    kind = rnd.random()
    if kind < 0.4:
        digits = rnd.randint(1, 7)
        places = rnd.randint(0, 3)
    elif kind < 0.8:
        digits = rnd.randint(1, 20)
        places = rnd.randint(0, 12)
    else:
        digits = rnd.randint(1, 40)
        places = rnd.randint(0, 40)
    n = rnd.randint(0, 10 ** digits - 1)
    s = str(n).rjust(places + 1, "0")
    if places:
        s = s[:-places] + "." + s[-places:]
    if rnd.random() < 0.3:
        s = "-" + s
    return Decimal(s)

print("# a b quotient (Python decimal, prec=34, ROUND_HALF_UP)")
cases = [("11688", "27834"), ("1", "3"), ("2", "3"), ("-2", "3"), ("1", "7"), ("110796", "9"), ("5", "2"),
         ("1", "8"), ("0.5", "3"), ("1", "0.3"), ("99999999999999999999999999999999995", "10"),
         ("-99999999999999999999999999999999995", "10"), ("1", "1e-30"), ("123456789", "1e30")]
for a, b in cases:
    print(a, b, Decimal(a) / Decimal(b))
while len(cases) < 5000:
    a, b = num(), num()
    if b == 0:
        continue
    cases.append((a, b))
    print(a, b, a / b)
