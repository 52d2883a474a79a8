"""`tollgate dev` starts everything in one process and the session it prints works as pasted."""
import os
import re
import shutil
import subprocess
import tempfile

import pytest

from conftest import read_until, stop_process, tollgate_bin


@pytest.mark.parametrize("tls", [False, True], ids=["plain", "tls"])
def test_printed_session_deploys_changes_and_rolls_back(tls):
    """With --tls the same session runs over HTTPS: aws --ca-bundle, curl --cacert, rollback --ca-file."""
    workdir = tempfile.mkdtemp(prefix="tollgate-dev-")
    extra = ["--tls", "--tls-port", "0"] if tls else []
    proc = subprocess.Popen([tollgate_bin(), "dev", "--admin-port", "0", "--port", "0", "--echo-port", "0"] + extra,
                            cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        text = read_until(proc, "---- end of session ----")
        assert "---- end of session ----" in text, text
        scheme = "https" if tls else "http"
        assert re.search(r"admin API .* %s://127\.0\.0\.1:\d+" % scheme, text)
        if tls:
            ca = os.path.join(workdir, ".tollgate", "tls", "ca.pem")
            assert "--ca-bundle %s" % ca in text and "--cacert %s" % ca in text and "--ca-file %s" % ca in text
            assert "http://$API" not in text
        session = text[text.index("# ---- session ----"):]
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env["AWS_MAX_ATTEMPTS"] = "1"
        env["AWS_PAGER"] = ""
        result = subprocess.run(["bash", "-e", "-c", session], capture_output=True, text=True, env=env, timeout=180,
                                cwd=workdir)
        assert result.returncode == 0, result.stdout + result.stderr
        out = result.stdout
        # v1 proxies to the echo backend, which reports what it received.
        assert '"path":"/hello"' in out and '"query":"name=tollgate"' in out
        assert "v2 answers 418" in out
        assert re.search(r"rolled back stage prod of REST API \w+: deployment \w+ -> \w+", out)
        assert "after rollback: 200" in out
        # The state stays under ./.tollgate of the working directory.
        assert os.path.exists(os.path.join(workdir, ".tollgate", "control-plane", "tollgate.sqlite"))
        assert os.path.exists(os.path.join(workdir, ".tollgate", "node-1"))
    finally:
        stop_process(proc)
        shutil.rmtree(workdir, ignore_errors=True)
    assert proc.returncode == 0
