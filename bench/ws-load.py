#!/usr/bin/env python3
"""A WebSocket load client for bench/websocket.sh (issue 18), RFC 6455 over asyncio, no packages.

  ws-load.py idle PORT PATH HOST COUNT HOLD_SECONDS
      opens COUNT connections to ws://127.0.0.1:PORT/PATH (Host: HOST), each a completed opening
      handshake (101 with the right Sec-WebSocket-Accept), prints "open COUNT" once all are up, keeps
      them idle for HOLD_SECONDS (answering pings), then closes them and prints "closed".
  ws-load.py echo PORT PATH HOST CONNECTIONS SECONDS SIZE [BODY]
      CONNECTIONS connections each send a text message (BODY, or SIZE bytes of JSON
      {"action":"echo","data":"xxx…"}) and wait for one message back before sending the next, for
      SECONDS; prints "messages N seconds S rate R p50_ms A p99_ms B" (round trips).
  ws-load.py listen PORT PATH HOST CONNECTIONS SECONDS
      CONNECTIONS connections only receive, for SECONDS; prints "received N seconds S rate R"
      (messages pushed by someone else: @connections broadcasts).

Loopback only: the address is always 127.0.0.1. Frames sent are masked (a client's), frames
received must be unmasked (a server's); any protocol surprise ends the run with an error.
"""
import asyncio
import base64
import hashlib
import os
import struct
import sys
import time

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


async def connect(port, path, host):
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
    key = base64.b64encode(os.urandom(16))
    writer.write(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: " + host.encode() + b"\r\n"
                 b"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                 b"Sec-WebSocket-Key: " + key + b"\r\n\r\n")
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines[0].startswith("HTTP/1.1 101"):
        raise RuntimeError(f"handshake refused: {lines[0]}")
    expected = base64.b64encode(hashlib.sha1(key + GUID).digest()).decode()
    fields = {line.split(":", 1)[0].strip().lower(): line.split(":", 1)[1].strip() for line in lines[1:] if ":" in line}
    if fields.get("sec-websocket-accept") != expected:
        raise RuntimeError("wrong Sec-WebSocket-Accept")
    return reader, writer


def frame(opcode, payload):
    mask = os.urandom(4)
    length = len(payload)
    if length < 126:
        head = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    elif length < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
    repeated = (mask * (length // 4 + 1))[:length]
    masked = (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(length, "big") if length else b""
    return head + mask + masked


async def read_message(reader, writer):
    """The next data message's payload (pings answered, pongs skipped); None on close."""
    parts = []
    while True:
        b0, b1 = await reader.readexactly(2)
        if b1 & 0x80:
            raise RuntimeError("a masked frame from the server")
        length = b1 & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", await reader.readexactly(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", await reader.readexactly(8))
        payload = await reader.readexactly(length)
        opcode = b0 & 0x0F
        if opcode == 0x9:
            writer.write(frame(0xA, payload))
            continue
        if opcode == 0xA:
            continue
        if opcode == 0x8:
            return None
        parts.append(payload)
        if b0 & 0x80:
            return b"".join(parts)


async def close(reader, writer):
    try:
        writer.write(frame(0x8, struct.pack("!H", 1000)))
        await writer.drain()
        await asyncio.wait_for(read_message(reader, writer), 2)
    except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, RuntimeError):
        pass
    writer.close()


async def idle(port, path, host, count, hold):
    connections = []
    # Open in batches so the accept queue is not the thing measured.
    for start in range(0, count, 200):
        connections += await asyncio.gather(*(connect(port, path, host) for _ in range(min(200, count - start))))
    print(f"open {len(connections)}", flush=True)
    readers = [asyncio.create_task(read_message(r, w)) for r, w in connections]
    await asyncio.sleep(hold)
    early = [task for task in readers if task.done()]
    for task in readers:
        task.cancel()
    if early:
        raise RuntimeError(f"{len(early)} idle connections ended while held")
    await asyncio.gather(*(close(r, w) for r, w in connections), return_exceptions=True)
    print("closed", flush=True)


async def echo(port, path, host, connections, seconds, size, body):
    if body is None:
        body = b'{"action":"echo","data":"' + b"x" * max(0, size - 27) + b'"}'
    deadline = time.monotonic() + seconds
    latencies = []

    async def one():
        reader, writer = await connect(port, path, host)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            writer.write(frame(0x1, body))
            answer = await read_message(reader, writer)
            if answer is None:
                raise RuntimeError("closed by the server")
            latencies.append(time.perf_counter() - start)
        await close(reader, writer)

    began = time.monotonic()
    await asyncio.gather(*(one() for _ in range(connections)))
    elapsed = time.monotonic() - began
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0
    print(f"messages {len(latencies)} seconds {elapsed:.2f} rate {len(latencies) / elapsed:.0f} "
          f"p50_ms {pick(0.5):.2f} p99_ms {pick(0.99):.2f}", flush=True)


async def listen(port, path, host, connections, seconds):
    received = 0
    opened = await asyncio.gather(*(connect(port, path, host) for _ in range(connections)))
    print(f"open {len(opened)}", flush=True)
    began = time.monotonic()

    async def one(reader, writer):
        nonlocal received
        try:
            while True:
                if await read_message(reader, writer) is None:
                    return
                received += 1
        except asyncio.CancelledError:
            pass

    tasks = [asyncio.create_task(one(r, w)) for r, w in opened]
    await asyncio.sleep(seconds)
    for task in tasks:
        task.cancel()
    elapsed = time.monotonic() - began
    await asyncio.gather(*(close(r, w) for r, w in opened), return_exceptions=True)
    print(f"received {received} seconds {elapsed:.2f} rate {received / elapsed:.0f}", flush=True)


def main(argv):
    mode, port, path, host = argv[1], int(argv[2]), argv[3], argv[4]
    if mode == "idle":
        asyncio.run(idle(port, path, host, int(argv[5]), float(argv[6])))
    elif mode == "echo":
        asyncio.run(echo(port, path, host, int(argv[5]), float(argv[6]), int(argv[7]),
                         argv[8].encode() if len(argv) > 8 else None))
    elif mode == "listen":
        asyncio.run(listen(port, path, host, int(argv[5]), float(argv[6])))
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv)
