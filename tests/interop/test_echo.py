"""`tollgate echo` as a process: serves on 127.0.0.1:0, and SIGTERM shuts it down gracefully
(an in-flight request completes, new connections are refused, exit status 0)."""
import http.client
import json
import re
import signal
import socket
import subprocess
import threading
import time

from conftest import tollgate_bin


def start_echo():
    proc = subprocess.Popen([tollgate_bin(), "echo", "--listen", "127.0.0.1:0", "--threads", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = proc.stdout.readline()
    match = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+)\n", line)
    assert match, f"unexpected first line: {line!r}"
    return proc, int(match.group(1))


def get(port, path, method="GET", body=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request(method, path, body=body)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def test_echo_answers_json_bytes_and_status():
    proc, port = start_echo()
    try:
        response, data = get(port, "/a?x=1", method="POST", body=b"hi")
        assert response.status == 200
        document = json.loads(data)
        assert document["method"] == "POST" and document["path"] == "/a" and document["body"] == "hi"
        assert document["queryParameters"] == {"x": ["1"]}
        response, data = get(port, "/bytes/64")
        assert response.status == 200 and data == b"x" * 64
        response, _ = get(port, "/status/503")
        assert response.status == 503
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_sigterm_finishes_in_flight_requests_then_exits_cleanly():
    proc, port = start_echo()
    result = {}

    def slow_request():
        result["response"] = get(port, "/delay/1500")

    worker = threading.Thread(target=slow_request)
    worker.start()
    time.sleep(0.5)  # let the request reach the handler (nothing to await across processes)
    proc.send_signal(signal.SIGTERM)
    worker.join(timeout=10)
    response, data = result["response"]
    assert response.status == 200
    assert json.loads(data)["path"] == "/delay/1500"
    assert proc.wait(timeout=10) == 0
    refused = False
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        refused = True
    assert refused
