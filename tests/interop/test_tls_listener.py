"""`tollgate data-plane --tls-listen`: HTTPS through the real binary, verified against a CA this test
generates with the `openssl` CLI, and certificate rotation with SIGHUP while a keep-alive connection
stays open (docs/tls.md). Everything binds 127.0.0.1 port 0; the node is stopped at the end."""
import http.client
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import tempfile
import threading
import time

from conftest import CLUSTER_SECRET, stop_process, tollgate_bin


def openssl(directory, *args):
    subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True, timeout=60)


def make_certificates(directory):
    """A CA and two leaves it signed for localhost and 127.0.0.1 (`first`, `second`), P-256 keys."""
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    openssl(directory, "req", "-x509", *curve, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Tollgate Interop CA")
    with open(os.path.join(directory, "san.ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    for name in ("first", "second"):
        openssl(directory, "req", *curve, "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=localhost " + name)
        openssl(directory, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", name + ".pem")


def der(path):
    with open(path) as f:
        return ssl.PEM_cert_to_DER_cert(f.read())


class Output:
    """Collects a process's output lines on a thread, so the test can wait for a line while the
    process keeps writing."""

    def __init__(self, proc):
        self.lines = []
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self.thread.start()

    def _read(self, proc):
        for line in proc.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, pattern, start=0, timeout=30):
        """The first match of `pattern` in the lines from index `start` on, and the index after it."""
        deadline = time.monotonic() + timeout
        index = start
        with self.changed:
            while True:
                while index < len(self.lines):
                    match = re.search(pattern, self.lines[index])
                    index += 1
                    if match:
                        return match, index
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("no line matching %r in:\n%s" % (pattern, "".join(self.lines)))
                self.changed.wait(remaining)

    def count(self):
        with self.changed:
            return len(self.lines)


# Denies every call that did not arrive over TLS (the usual "require HTTPS" resource policy).
SECURE_TRANSPORT_ONLY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
    {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})


def deploy_mock_api(apigw):
    api_id = apigw.create_rest_api(name="tls", policy=SECURE_TRANSPORT_ONLY)["id"]
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    rid = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="hello")["id"]
    apigw.put_method(restApiId=api_id, resourceId=rid, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=rid, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_method_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": "hello over tls"})
    apigw.create_deployment(restApiId=api_id, stageName="v1")
    return api_id


def get(conn, api_id):
    conn.request("GET", "/v1/hello", headers={"Host": "%s.execute-api.localhost" % api_id})
    response = conn.getresponse()
    return response.status, response.read()


def test_https_listener_verifies_and_rotates_its_certificate_on_sighup(control_plane, data_dir):
    certs = tempfile.mkdtemp(prefix="tollgate-tls-")
    node = None
    try:
        make_certificates(certs)
        cert_file, key_file = os.path.join(certs, "cert.pem"), os.path.join(certs, "key.pem")
        shutil.copy(os.path.join(certs, "first.pem"), cert_file)
        shutil.copy(os.path.join(certs, "first.key"), key_file)
        api_id = deploy_mock_api(control_plane.client())

        env = {k: v for k, v in os.environ.items() if not k.startswith("TOLLGATE_")}
        env.update({"TOLLGATE_CLUSTER_SECRET": CLUSTER_SECRET, "TOLLGATE_TLS_KEY": key_file})  # one flag from the environment
        node = subprocess.Popen(
            [tollgate_bin(), "data-plane", "--listen", "127.0.0.1:0", "--tls-listen", "127.0.0.1:0", "--tls-cert", cert_file,
             "--control-plane", control_plane.endpoint, "--state-dir", os.path.join(data_dir, "node"),
             "--node-id", "tls-node", "--threads", "2"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        output = Output(node)
        match, _ = output.wait_for(r"data plane listening on http://127\.0\.0\.1:(\d+)")
        plain_port = int(match.group(1))
        match, _ = output.wait_for(r"data plane listening on https://127\.0\.0\.1:(\d+)")
        port = int(match.group(1))

        verifying = ssl.create_default_context(cafile=os.path.join(certs, "ca.pem"))
        # The node serves once its first snapshot arrives.
        deadline = time.monotonic() + 30
        while True:
            conn = http.client.HTTPSConnection("127.0.0.1", port, context=verifying, timeout=10)
            status, body = get(conn, api_id)
            if status == 200 or time.monotonic() > deadline:
                break
            conn.close()
            time.sleep(0.2)
        assert (status, body) == (200, b"hello over tls")
        assert conn.sock.version() in ("TLSv1.2", "TLSv1.3")
        assert conn.sock.selected_alpn_protocol() in (None, "http/1.1")
        assert conn.sock.getpeercert(binary_form=True) == der(os.path.join(certs, "first.pem"))

        # aws:SecureTransport is true over the TLS listener only: the same call in clear is denied.
        plain = http.client.HTTPConnection("127.0.0.1", plain_port, timeout=10)
        status, body = get(plain, api_id)
        plain.close()
        assert status == 403 and b"with an explicit deny" in body, (status, body)

        # Fresh connections one after another: http.client sets TCP_NODELAY, so its Finished and
        # request often arrive with the handshake's last read (a node once left them unread).
        for _ in range(20):
            quick = http.client.HTTPSConnection("127.0.0.1", port, context=verifying, timeout=5)
            assert get(quick, api_id) == (200, b"hello over tls")
            quick.close()

        # A client that does not trust the CA is refused by its own verification.
        untrusting = ssl.create_default_context()
        refused = http.client.HTTPSConnection("127.0.0.1", port, context=untrusting, timeout=10)
        try:
            get(refused, api_id)
            raise AssertionError("a client without the test CA accepted the certificate")
        except ssl.SSLCertVerificationError:
            pass
        finally:
            refused.close()

        # Rotate: new files, SIGHUP; the process lives on and says so.
        shutil.copy(os.path.join(certs, "second.pem"), cert_file)
        shutil.copy(os.path.join(certs, "second.key"), key_file)
        seen = output.count()
        node.send_signal(signal.SIGHUP)
        _, seen = output.wait_for(r"SIGHUP: TLS certificate reloaded from " + re.escape(cert_file), start=seen)
        assert node.poll() is None

        fresh = http.client.HTTPSConnection("127.0.0.1", port, context=verifying, timeout=10)
        assert get(fresh, api_id) == (200, b"hello over tls")
        assert fresh.sock.getpeercert(binary_form=True) == der(os.path.join(certs, "second.pem"))
        fresh.close()

        # The keep-alive connection opened before the reload still works, on its old certificate.
        before = conn.sock
        assert get(conn, api_id) == (200, b"hello over tls")
        assert conn.sock is before
        assert conn.sock.getpeercert(binary_form=True) == der(os.path.join(certs, "first.pem"))
        conn.close()

        # A certificate file that does not load is logged and the current certificate keeps serving.
        with open(cert_file, "w") as f:
            f.write("not a certificate\n")
        node.send_signal(signal.SIGHUP)
        output.wait_for(r"SIGHUP: TLS certificate not reloaded, the old one keeps serving: .*cannot load certificate", start=seen)
        assert node.poll() is None
        after = http.client.HTTPSConnection("127.0.0.1", port, context=verifying, timeout=10)
        assert get(after, api_id) == (200, b"hello over tls")
        assert after.sock.getpeercert(binary_form=True) == der(os.path.join(certs, "second.pem"))
        after.close()
    finally:
        if node is not None:
            stop_process(node)
        shutil.rmtree(certs, ignore_errors=True)


def test_tls_flags_go_together(data_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOLLGATE_")}
    env["TOLLGATE_CLUSTER_SECRET"] = CLUSTER_SECRET
    result = subprocess.run(
        [tollgate_bin(), "data-plane", "--listen", "127.0.0.1:0", "--tls-listen", "127.0.0.1:0",
         "--control-plane", "http://127.0.0.1:1", "--state-dir", os.path.join(data_dir, "node"), "--node-id", "n1"],
        capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode != 0
    assert "--tls-listen, --tls-cert and --tls-key go together: missing --tls-cert" in result.stderr, result.stderr
