#!/usr/bin/env python3
"""A fixed number of HTTP/1.1 keep-alive requests, for counting instructions per request.

  fixed-requests.py PORT PATH COUNT CONNECTIONS [HEADER: VALUE]...

Sends COUNT GET requests for PATH to 127.0.0.1:PORT over CONNECTIONS keep-alive connections (each
connection sends its next request when the previous answer is complete, so the server sees up to
CONNECTIONS requests in flight, as under wrk), checks every answer is 200 with a Content-Length body,
and exits non-zero otherwise. Prints "requests seconds". Loopback only; bounded by a 600 s deadline.
With BODY_FILE set, every request is a POST carrying that file as its body (Content-Type:
application/json unless a Content-Type header is given). With TLS set, every connection is HTTPS
(TLS 1.3, the certificate not verified: the bench's own), its handshake done before the first request.
With NEW_CONNECTIONS set, every request goes on a connection of its own (`Connection: close`, the
answer read to the end of the stream), one at a time: with TLS, one full handshake per request.
"""
import os
import selectors
import socket
import ssl
import sys
import time


def open_connection(port):
    """A connection to 127.0.0.1:PORT, over TLS 1.3 (not verified) when TLS is set."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if os.environ.get("TLS"):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        context.minimum_version = ssl.TLSVersion.TLSv1_3
        sock = context.wrap_socket(sock, server_hostname="localhost")
    return sock


def main():
    port, path, count, connections = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    headers = "".join(f"{h}\r\n" for h in sys.argv[5:])
    if not any(h.lower().startswith("host:") for h in sys.argv[5:]):
        headers += "Host: 127.0.0.1\r\n"
    body = b""
    verb = "GET"
    if os.environ.get("BODY_FILE"):
        with open(os.environ["BODY_FILE"], "rb") as f:
            body = f.read()
        verb = "POST"
        if not any(h.lower().startswith("content-type:") for h in sys.argv[5:]):
            headers += "Content-Type: application/json\r\n"
        headers += f"Content-Length: {len(body)}\r\n"
    if os.environ.get("NEW_CONNECTIONS"):
        request = f"{verb} {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n".encode() + body
        start = time.monotonic()
        for done in range(count):
            sock = open_connection(port)
            sock.sendall(request)
            answer = bytearray()
            while chunk := sock.recv(65536):
                answer += chunk
            sock.close()
            if not answer.startswith(b"HTTP/1.1 200"):
                sys.exit(f"unexpected answer after {done} of {count}: {bytes(answer[:40])!r}")
        print(count, f"{time.monotonic() - start:.2f}")
        return
    request = f"{verb} {path} HTTP/1.1\r\n{headers}\r\n".encode() + body
    selector = selectors.DefaultSelector()
    sent = done = 0
    state = {}
    start = time.monotonic()
    deadline = start + 600
    for _ in range(min(connections, count)):
        sock = open_connection(port)
        sock.sendall(request)
        sent += 1
        state[sock] = bytearray()
        selector.register(sock, selectors.EVENT_READ)
    while done < count:
        if time.monotonic() > deadline:
            sys.exit(f"timed out after {done} of {count} answers")
        for key, _ in selector.select(timeout=5):
            sock = key.fileobj
            chunk = sock.recv(65536)
            if not chunk:
                sys.exit(f"connection closed after {done} of {count} answers")
            buffer = state[sock]
            buffer += chunk
            # Records TLS already decrypted are not visible to the selector: read them now.
            while isinstance(sock, ssl.SSLSocket) and sock.pending():
                buffer += sock.recv(65536)
            while True:
                end = buffer.find(b"\r\n\r\n")
                if end < 0:
                    break
                head = bytes(buffer[:end]).decode("latin-1").split("\r\n")
                if not head[0].startswith("HTTP/1.1 200"):
                    sys.exit(f"unexpected answer: {head[0]}")
                length = next((int(line.split(":", 1)[1]) for line in head[1:]
                               if line.lower().startswith("content-length:")), None)
                if length is None:
                    sys.exit("answer without Content-Length")
                if len(buffer) < end + 4 + length:
                    break
                del buffer[:end + 4 + length]
                done += 1
                if sent < count:
                    sock.sendall(request)
                    sent += 1
    for sock in state:
        sock.close()
    print(done, f"{time.monotonic() - start:.2f}")


if __name__ == "__main__":
    main()
