#!/usr/bin/env python3
"""The reference WebSocket server of bench/websocket.sh: the `websockets` package (PyPI; the bench
installs it) echoing every message back, on 127.0.0.1:PORT (0 picks one). Prints
"listening on 127.0.0.1:PORT" once bound. Compression off, as Tollgate's connections are
(permessage-deflate not negotiated), and AWS's 128 KiB message limit."""
import asyncio
import sys

from websockets.asyncio.server import serve


async def echo(connection):
    async for message in connection:
        await connection.send(message)


async def main(port):
    async with serve(echo, "127.0.0.1", port, compression=None, max_size=128 * 1024, ping_interval=None) as server:
        print(f"listening on 127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.get_running_loop().create_future()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
