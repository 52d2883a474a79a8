"""scripts/moto-compat's bookkeeping (tests/moto/compat_report.py): the table, results.txt and the ratchet.

The moto run itself takes minutes and runs in `scripts/moto-compat --check`; these check, in milliseconds,
that the ratchet it applies can fail and that results.txt reads back as written.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "moto"))
from compat_report import module_rows, parse_results, ratchet, results_text  # noqa: E402

MOTO = {
    "test_a.py::test_one": {"outcome": "passed"},
    "test_a.py::test_two": {"outcome": "passed"},
    "test_server.py::test_list_apis": {"outcome": "passed"},
}
TOLLGATE = {
    "test_a.py::test_one": {"outcome": "passed"},
    "test_a.py::test_two": {"outcome": "failed"},
    "test_server.py::test_list_apis": {"outcome": "skipped"},
}


def committed(tmp_path, moto_side, tollgate):
    path = tmp_path / "results.txt"
    path.write_text(results_text(["date"], module_rows(moto_side, tollgate), moto_side, tollgate))
    return parse_results(str(path))


def test_table_counts_passes_per_module_and_not_applicable_tests():
    rows = {r["module"]: r for r in module_rows(MOTO, TOLLGATE)}
    assert rows["test_a.py"] == {"module": "test_a.py", "tests": 2, "n/a": 0, "moto": 2, "moto_applicable": 2, "tollgate": 1}
    assert rows["test_server.py"]["n/a"] == 1 and rows["test_server.py"]["moto_applicable"] == 0
    assert rows["total"]["tests"] == 3 and rows["total"]["tollgate"] == 1


def test_results_file_reads_back_as_written(tmp_path):
    rows, tests = committed(tmp_path, MOTO, TOLLGATE)
    assert rows["test_a.py"]["tollgate"] == 1 and rows["total"]["moto"] == 3
    assert tests["test_a.py::test_two"] == ("passed", "failed")


def test_ratchet_fails_when_a_module_passes_fewer_tests_than_committed(tmp_path):
    committed_rows, committed_tests = committed(tmp_path, MOTO, TOLLGATE)
    worse = dict(TOLLGATE, **{"test_a.py::test_one": {"outcome": "failed"}})
    dropped, lost, gained = ratchet(committed_rows, committed_tests, module_rows(MOTO, worse), worse)
    assert dropped == ["test_a.py", "total"]
    assert lost == ["test_a.py::test_one"] and gained == []


def test_ratchet_holds_and_names_newly_passing_tests(tmp_path):
    committed_rows, committed_tests = committed(tmp_path, MOTO, TOLLGATE)
    better = dict(TOLLGATE, **{"test_a.py::test_two": {"outcome": "passed"}})
    dropped, lost, gained = ratchet(committed_rows, committed_tests, module_rows(MOTO, better), better)
    assert dropped == [] and lost == [] and gained == ["test_a.py::test_two"]


def test_ratchet_fails_when_a_passing_module_disappears(tmp_path):
    committed_rows, committed_tests = committed(tmp_path, MOTO, TOLLGATE)
    fewer = {k: v for k, v in TOLLGATE.items() if not k.startswith("test_a.py")}
    dropped, _, _ = ratchet(committed_rows, committed_tests, module_rows({}, fewer), fewer)
    assert "test_a.py" in dropped
