#!/usr/bin/env python3
"""Writes cagr.txt: compound annual growth rates from Python's decimal
module, the oracle for calc.CAGR. Each is computed at 150 significant
digits and then rounded once to 34, ties away from zero:

    python3 gen-cagr.py > cagr.txt

Line: start end quarters cagr
"""
import random
from decimal import Decimal, Context, ROUND_HALF_UP, localcontext

rnd = random.Random(7)
final = Context(prec=34, rounding=ROUND_HALF_UP)


def cagr(start, end, quarters):
    with localcontext() as ctx:
        ctx.prec = 150
        x = (end / start) ** (Decimal(4) / Decimal(quarters))
        return final.plus(x - 1)


def num():
    digits = rnd.randint(1, 12)
    places = rnd.randint(0, 3)
    n = rnd.randint(1, 10 ** digits - 1)
    return Decimal(n).scaleb(-places)


print("# start end quarters cagr (Python decimal at 150 digits, rounded once to 34, ROUND_HALF_UP)")
exact = [("100", "121", 8), ("1000", "1331", 12), ("64", "27", 12), ("5", "5", 4), ("1", "16", 16),
         ("82999", "131819", 4), ("52729", "131819", 8), ("2", "8", 6)]
for s, e, q in exact:
    print(s, e, q, cagr(Decimal(s), Decimal(e), q))
tiny = [("1000000", "1000000.000001", 4), ("123456.789", "123456.790", 20), ("99999", "99998.999", 40)]
for s, e, q in tiny:
    print(s, e, q, cagr(Decimal(s), Decimal(e), q))
for _ in range(1500):
    s = num()
    e = num() if rnd.random() < 0.7 else s * Decimal(rnd.uniform(0.5, 2)).quantize(Decimal("0.001"))
    q = rnd.choice([4, 5, 6, 7, 8, 10, 12, 16, 20, 24, 40])
    if e == 0:
        continue
    print(s, e, q, cagr(s, e, q))
