#!/usr/bin/env python3
"""Long-poll wake-up latency: park N snapshot polls on a real control plane, commit one change through
the admin API, and measure from the admin call's response to each poll's answer.

    python3 bench/longpoll.py [--polls 100] [--rounds 5] [--bin PATH]

Starts its own `tollgate control-plane` on 127.0.0.1:0 in a temporary directory and stops it.
"""
import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import boto3
from botocore.config import Config

ACCESS_KEY, SECRET, CLUSTER = "AKIDLONGPOLLBENCH001", "longpoll-bench-secret", "longpoll-bench-cluster"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--polls", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bin", default=None)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = args.bin or os.path.join(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=root,
                                                     capture_output=True, text=True, check=True).stdout.strip(), "tollgate")
    if not os.path.exists(binary):
        subprocess.run(["swift", "build", "-c", "release", "--product", "tollgate"], cwd=root, check=True)
    data = tempfile.mkdtemp(prefix="tollgate-longpoll-")
    env = dict(os.environ, TOLLGATE_ADMIN_ACCESS_KEY_ID=ACCESS_KEY, TOLLGATE_ADMIN_SECRET_ACCESS_KEY=SECRET,
               TOLLGATE_CLUSTER_SECRET=CLUSTER)
    proc = subprocess.Popen([binary, "control-plane", "--listen", "127.0.0.1:0", "--data-dir", data],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        port = None
        while port is None:
            line = proc.stdout.readline()
            if not line:
                sys.exit("control plane did not start")
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if match:
                port = int(match.group(1))
        apigw = boto3.client("apigateway", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                             aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET,
                             config=Config(retries={"max_attempts": 1}))

        def poll(after, wait):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=90)
            conn.request("GET", f"/_tollgate/v1/snapshot?after={after}&wait={wait}&node=bench",
                         headers={"Authorization": f"Bearer {CLUSTER}"})
            response = conn.getresponse()
            response.read()
            conn.close()
            return response.status, int(response.getheader("X-Tollgate-Revision"))

        all_latencies = []
        for round_index in range(args.rounds):
            _, revision = poll(-1, 0)
            answered = [None] * args.polls
            statuses = [None] * args.polls

            def worker(i):
                statuses[i], _ = poll(revision, 30)
                answered[i] = time.monotonic()

            threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.polls)]
            for thread in threads:
                thread.start()
            time.sleep(1.5)  # let every poll park
            apigw.create_api_key(name=f"wake-{round_index}", enabled=True)
            committed = time.monotonic()
            for thread in threads:
                thread.join()
            latencies = sorted((t - committed) * 1000 for t in answered)
            assert all(s == 200 for s in statuses), statuses
            all_latencies.extend(latencies)
            print(f"round {round_index + 1}: {args.polls} parked polls woken; after the admin response: "
                  f"median {statistics.median(latencies):.1f} ms, max {latencies[-1]:.1f} ms")
        all_latencies.sort()
        p99 = all_latencies[int(0.99 * (len(all_latencies) - 1))]
        print(f"all rounds: {len(all_latencies)} wake-ups, median {statistics.median(all_latencies):.1f} ms, "
              f"p99 {p99:.1f} ms, max {all_latencies[-1]:.1f} ms (target: every waiter within 50 ms)")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
