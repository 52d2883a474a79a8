"""Tables and reports for scripts/moto-compat, from the outcome records tests/moto/conftest.py writes.

A record is one test: `module`, `test`, `outcome` (passed / failed / error / skipped), `calls` (each
apigateway call: operation, HTTP status, error code and message) and, when it failed, `failure` (kind,
message, the operation of a ClientError or the last operation before another exception, pytest's
explanation lines). Tests are keyed `module::test`.
"""
import collections

from not_applicable import reason_for

COLUMNS = ("tests", "n/a", "moto", "moto_applicable", "tollgate")


def _applicable(key):
    module, test = key.split("::", 1)
    return reason_for(module, test) is None


def module_rows(moto_side, tollgate):
    """Per module (sorted) and a final `total`: tests, n/a, moto passes, moto passes of applicable tests, Tollgate passes."""
    rows = collections.OrderedDict()
    for key in sorted(set(moto_side) | set(tollgate)):
        module = key.split("::", 1)[0]
        row = rows.setdefault(module, dict(module=module, **{c: 0 for c in COLUMNS}))
        applicable = _applicable(key)
        moto_passed = moto_side.get(key, {}).get("outcome") == "passed"
        row["tests"] += 1
        row["n/a"] += 0 if applicable else 1
        row["moto"] += moto_passed
        row["moto_applicable"] += moto_passed and applicable
        row["tollgate"] += tollgate.get(key, {}).get("outcome") == "passed"
    total = dict(module="total", **{c: sum(r[c] for r in rows.values()) for c in COLUMNS})
    return list(rows.values()) + [total]


def table_text(rows, committed=None):
    """The table as aligned text; with `committed` (module -> row) a column of the committed Tollgate count."""
    head = ["module", "tests", "n/a", "moto", "moto (applicable)", "Tollgate"] + (["committed"] if committed else [])
    body = []
    for row in rows:
        cells = [row["module"]] + [str(row[c]) for c in COLUMNS]
        if committed:
            base = committed.get(row["module"])
            cells.append(str(base["tollgate"]) if base else "-")
        body.append(cells)
    widths = [max(len(r[i]) for r in [head] + body) for i in range(len(head))]
    fmt = lambda cells: "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))
    return "\n".join([fmt(head)] + [fmt(cells) for cells in body])


def results_text(header, rows, moto_side, tollgate):
    """tests/moto/results.txt: header comments, the table (human and `module\\t…` lines) and one `test\\t…` line per test."""
    out = [f"# {line}" for line in ["moto's API Gateway test modules, against moto and against Tollgate "
                                     "(written by scripts/moto-compat; diff it between commits)"] + header]
    out += ["#"] + [f"# {line}" for line in table_text(rows).splitlines()] + ["#"]
    out.append("# module\t" + "\t".join(COLUMNS))
    out += ["module\t" + row["module"] + "\t" + "\t".join(str(row[c]) for c in COLUMNS) for row in rows]
    out.append("# test\tmoto\ttollgate")
    for key in sorted(set(moto_side) | set(tollgate)):
        out.append(f"test\t{key}\t{moto_side.get(key, {}).get('outcome', '-')}\t{tollgate.get(key, {}).get('outcome', '-')}")
    return "\n".join(out) + "\n"


def parse_results(path):
    """(module -> row, test -> (moto outcome, Tollgate outcome)) from a results.txt."""
    rows, tests = {}, {}
    with open(path) as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "module" and len(fields) == 2 + len(COLUMNS):
                rows[fields[1]] = dict(module=fields[1], **{c: int(v) for c, v in zip(COLUMNS, fields[2:])})
            elif fields[0] == "test" and len(fields) == 4:
                tests[fields[1]] = (fields[2], fields[3])
    return rows, tests


def ratchet(committed_rows, committed_tests, rows, tollgate):
    """(modules passing fewer tests than committed, tests that passed and no longer do, tests newly passing).

    A module missing from the committed table counts as 0; `total` is compared like a module.
    """
    dropped = [r["module"] for r in rows if r["tollgate"] < committed_rows.get(r["module"], {}).get("tollgate", 0)]
    dropped += [m for m in committed_rows if m not in {r["module"] for r in rows} and committed_rows[m]["tollgate"] > 0]
    lost = sorted(t for t, (_, was) in committed_tests.items()
                  if was == "passed" and tollgate.get(t, {}).get("outcome") != "passed")
    gained = sorted(t for t, r in tollgate.items()
                    if r["outcome"] == "passed" and committed_tests.get(t, (None, None))[1] != "passed")
    return dropped, lost, gained


# MARK: - failures by operation

def _first_501(record):
    return next((c for c in record.get("calls", []) if c["status"] == 501), None)


def _call_text(call):
    if call is None:
        return "no apigateway call"
    text = f"{call['operation']} → {call['status']}"
    if call.get("code"):
        text += f" {call['code']}"
    if call.get("message"):
        text += f": {call['message']}"
    return text


def failures_markdown(header, rows, tollgate, moto_side, probe):
    """tests/moto/failures-by-operation.md: every applicable test Tollgate fails, grouped by what failed it.

    Its last section counts the operations each failing test calls when moto answers (a test stops at its
    first failure, so the Tollgate run alone hides what comes after)."""
    failed = {k: r for k, r in sorted(tollgate.items()) if r["outcome"] in ("failed", "error") and _applicable(k)}
    by_501, by_error, by_response = collections.defaultdict(list), collections.defaultdict(list), collections.defaultdict(list)
    hits_501 = collections.Counter()
    for key, record in tollgate.items():
        for op in {c["operation"] for c in record.get("calls", []) if c["status"] == 501}:
            hits_501[op] += 1
    for key, record in failed.items():
        failure = record.get("failure", {})
        first = _first_501(record)
        if first:
            by_501[first["operation"]].append(key)
        elif failure.get("kind") == "ClientError":
            group = (failure.get("operation"), failure.get("status"), failure.get("code"), failure.get("message"))
            by_error[group].append(key)
        else:
            by_response[failure.get("after") or "(before any apigateway call)"].append((key, record))

    out = ["# moto's API Gateway tests that Tollgate fails, by operation", ""]
    out += ["Written by `scripts/moto-compat`: " + "; ".join(header) + "."] + [""]
    out += ["| module | tests | n/a | moto | moto (applicable) | Tollgate |", "|---|---:|---:|---:|---:|---:|"]
    out += ["| " + " | ".join([r["module"]] + [str(r[c]) for c in COLUMNS]) + " |" for r in rows]
    out += ["", f"{len(failed)} applicable tests fail. Each is listed once, under the first thing that failed it: "
            "the first operation that answered 501, else the error response that was raised, else the last "
            "operation before the test's own check failed (a wrong or missing field, an error where moto "
            "answers, no error where moto raises one). Keys are `module::test` under tests/moto/vendor/tests/"
            "test_apigateway; n/a tests are listed in tests/moto/not_applicable.py.", ""]

    out += ["## 1. Operations that answer 501 NotImplementedException", "",
            "| operation | tests failed first by it | tests that call it |", "|---|---:|---:|"]
    for op in sorted(hits_501, key=lambda o: (-len(by_501.get(o, [])), -hits_501[o], o)):
        out.append(f"| {op} | {len(by_501.get(op, []))} | {hits_501[op]} |")
    for op in sorted(by_501, key=lambda o: (-len(by_501[o]), o)):
        out += ["", f"- **{op}** ({len(by_501[op])}): " + ", ".join(f"`{k}`" for k in by_501[op])]

    out += ["", "## 2. Error responses that failed a test (no 501 before them)", ""]
    for (op, status, code, message), keys in sorted(by_error.items(), key=lambda kv: (-len(kv[1]), str(kv[0]))):
        out.append(f"- **{op} → {status} {code}**: {message or '(no message)'} ({len(keys)}): "
                   + ", ".join(f"`{k}`" for k in keys))

    out += ["", "## 3. Responses that differ from what the test expects, by the last operation before the check", ""]
    for op, entries in sorted(by_response.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append(f"### {op} ({len(entries)})")
        for key, record in entries:
            failure = record.get("failure", {})
            calls = record.get("calls", [])
            out.append(f"- `{key}`: {failure.get('kind')}; last call {_call_text(calls[-1] if calls else None)}")
            for line in failure.get("explanation", [])[:6] or [failure.get("message", "")]:
                out.append(f"    - `{line.replace('`', chr(39))}`")
        out.append("")
    out += _needs_section(failed, tollgate, moto_side, probe[0] | set(hits_501))
    not_implemented, operations = probe
    out += ["", f"## 5. Every operation that answers 501 ({len(not_implemented)} of the {operations} in botocore's "
            "apigateway model)", "",
            "A fresh control plane, each operation called once with only its required parameters "
            "(`scripts/moto-compat`'s probe):", "", ", ".join(sorted(not_implemented)) or "(none)"]
    return "\n".join(out).rstrip() + "\n"


def _needs_section(failed, tollgate, moto_side, not_implemented):
    """Section 4: per operation, how many failing tests call it when moto answers, and whether Tollgate has it."""
    out = ["## 4. What the failing tests need: the operations they call when moto answers", "",
           "A test stops at its first failure; under moto it runs to the end. Tollgate column: `501` if it "
           "answers 501 NotImplementedException (section 5), else `answers` (implemented, not necessarily as "
           "the tests expect).", "",
           "| operation | failing tests calling it | Tollgate |", "|---|---:|---|"]
    needed = collections.Counter(op for key in failed
                                 for op in {c["operation"] for c in moto_side.get(key, {}).get("calls", [])})
    for op, count in sorted(needed.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"| {op} | {count} | {'501' if op in not_implemented else 'answers'} |")
    return out
