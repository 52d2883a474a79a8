#!/usr/bin/env python3
"""Self and inclusive instructions per function from callgrind dumps (callgrind_annotate fails on them).

Usage: bench/cg-profile.py [--per N] [--top K] [--match TEXT] DUMP...
  --per N     divide every figure by N (the requests of the measured row: figures per request)
  --top K     rows to print for each table (40)
  --match T   only functions whose demangled name contains T (case-sensitive), both tables
  --callees F print what function F (a substring of its demangled name) calls, inclusive per callee
  --against D the difference to dump D (divided by --against-per, default --per): self and
              inclusive, largest changes first (what a feature or a change costs, function by function)

Reads the dumps of `bench/instructions.sh` and friends (`CG_KEEP=DIR`: NAME.cg.N-TT, one per thread;
pass the files of one row, usually the loop thread's). Self cost is the sum of a function's cost
lines; inclusive adds the cost of every call it makes (`calls=` lines; recursion counts twice).
Names are demangled with `swift demangle --simplified`.
"""
import argparse
import collections
import re
import subprocess
import sys


def parse(path, self_cost, inclusive, callees):
    names = {"fn": {}, "cfn": {}}
    current = None
    call_target = None
    pending_call = False
    with open(path, errors="replace") as dump:
        for line in dump:
            if not line or line[0] in "#\n":
                continue
            first = line[0]
            if first.isdigit() or first in "+-*":
                parts = line.split()
                cost = int(parts[1]) if len(parts) > 1 else 0
                if pending_call:
                    inclusive[current] += cost
                    callees[current][call_target] += cost
                    pending_call = False
                else:
                    self_cost[current] += cost
                    inclusive[current] += cost
                continue
            key, _, value = line.rstrip("\n").partition("=")
            if key in ("fn", "cfn", "cfi", "cfl"):
                if key in ("cfi", "cfl"):
                    continue
                match = re.match(r"\((\d+)\)(?: (.*))?$", value)
                if match:
                    ident, name = match.group(1), match.group(2)
                    table = names["fn"]  # fn and cfn share one id space
                    if name is not None:
                        table[ident] = name
                    name = table.get(ident, ident)
                else:
                    name = value
                if key == "fn":
                    current = name
                else:
                    call_target = name
            elif key == "calls":
                pending_call = True


def demangle(names):
    names = list(names)
    try:
        output = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(names),
                                capture_output=True, text=True, check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return {name: name for name in names}
    return {name: (output[index] if index < len(output) and output[index] else name) for index, name in enumerate(names)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--per", type=float, default=1)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--match")
    parser.add_argument("--callees")
    parser.add_argument("--against", action="append", default=[])
    parser.add_argument("--against-per", type=float)
    parser.add_argument("dumps", nargs="+")
    arguments = parser.parse_args()
    self_cost = collections.Counter()
    inclusive = collections.Counter()
    callees = collections.defaultdict(collections.Counter)
    for path in arguments.dumps:
        parse(path, self_cost, inclusive, callees)
    per = arguments.per
    if arguments.against:
        base_self, base_inclusive = collections.Counter(), collections.Counter()
        base_callees = collections.defaultdict(collections.Counter)
        for path in arguments.against:
            parse(path, base_self, base_inclusive, base_callees)
        base_per = arguments.against_per or per
        for table, base in ((self_cost, base_self), (inclusive, base_inclusive)):
            for name in set(table) | set(base):
                table[name] = table[name] / per - base[name] / base_per
        per = 1
    every = set(inclusive) | {callee for targets in callees.values() for callee in targets}
    pretty = demangle(every)
    total = sum(self_cost.values())
    print(f"total {total / per:,.0f}")
    arguments.per = per

    def shown(name):
        return pretty.get(name, name)[:160]

    def keep(name):
        return arguments.match is None or arguments.match in pretty.get(name, name)

    if arguments.callees:
        for name in sorted(inclusive, key=lambda name: -inclusive[name]):
            if arguments.callees not in pretty.get(name, name):
                continue
            print(f"\n== {shown(name)}: inclusive {inclusive[name] / arguments.per:,.0f}, self {self_cost[name] / arguments.per:,.0f}")
            for callee, cost in callees[name].most_common(arguments.top):
                print(f"  {cost / arguments.per:12,.0f}  {shown(callee)}")
        return
    for title, table in (("self", self_cost), ("inclusive", inclusive)):
        print(f"\n== {title}")
        rows = [name for name in sorted(table, key=lambda name: -abs(table[name])) if keep(name)]
        for name in rows[: arguments.top]:
            print(f"  {table[name] / arguments.per:12,.0f}  {shown(name)}")


if __name__ == "__main__":
    sys.exit(main())
