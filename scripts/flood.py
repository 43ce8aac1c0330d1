#!/usr/bin/env python3
"""Memory of `roster sandbox serve` before, during and after a flood (BENCHMARKS.md, "The sandbox
under a flood"). Usage: python3 scripts/flood.py target/release/roster [SLOW] [REQUESTS]

Starts the sandbox on a free loopback port, reads its resident memory (VmRSS) at rest, then
opens SLOW connections that send half a request line and stall (the header-read timeout must
close them), then sends REQUESTS complete requests to unique paths (the per-route stats must
stay bounded), and reads VmRSS again once every connection is gone."""
import re, socket, subprocess, sys, time

binary = sys.argv[1]
slow = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
requests = int(sys.argv[3]) if len(sys.argv) > 3 else 20000


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


proc = subprocess.Popen([binary, "sandbox", "serve", "--listen", "127.0.0.1:0", "--read-timeout", "2",
                         "--rate-limit", "10000/s"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
port = None
for line in proc.stdout:
    m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
    if m:
        port = int(m.group(1))
        break
if port is None:
    sys.exit("the sandbox printed no address")
time.sleep(1)
print(f"at rest: {rss_mb(proc.pid):.1f} MB")

socks = []
for _ in range(slow):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /paradigm/api/v2/users HT")
        socks.append(s)
    except OSError:
        break
print(f"{len(socks)} stalled connections open: {rss_mb(proc.pid):.1f} MB")
time.sleep(4)  # past the 2 s header-read timeout
closed = 0
for s in socks:
    s.settimeout(0.01)
    try:
        if s.recv(1) == b"":
            closed += 1
    except OSError:
        closed += 1
    s.close()
print(f"closed by the server after the read timeout: {closed} of {len(socks)}")

start = time.time()
s = socket.create_connection(("127.0.0.1", port))
for i in range(requests):
    req = f"GET /nowhere/{i} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    s.sendall(req)
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += s.recv(65536)
    head, _, rest = buf.partition(b"\r\n\r\n")
    m = re.search(rb"content-length: (\d+)", head, re.I)
    need = int(m.group(1)) if m else 0
    while len(rest) < need:
        rest += s.recv(65536)
s.close()
print(f"{requests} requests to unique paths in {time.time() - start:.1f} s: {rss_mb(proc.pid):.1f} MB")
time.sleep(3)
print(f"after the flood, at rest again: {rss_mb(proc.pid):.1f} MB")
proc.terminate()
