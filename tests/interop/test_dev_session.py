"""`tollgate dev` starts everything in one process and the session it prints works as pasted."""
import os
import re
import shutil
import subprocess
import tempfile

from conftest import read_until, stop_process, tollgate_bin


def test_printed_session_deploys_changes_and_rolls_back():
    workdir = tempfile.mkdtemp(prefix="tollgate-dev-")
    proc = subprocess.Popen([tollgate_bin(), "dev", "--admin-port", "0", "--port", "0", "--echo-port", "0"],
                            cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        text = read_until(proc, "---- end of session ----")
        assert "---- end of session ----" in text, text
        assert re.search(r"admin API .* http://127\.0\.0\.1:\d+", text)
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
