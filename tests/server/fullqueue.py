#!/usr/bin/env python3
"""fullqueue.py: a loopback port where connecting hangs, for connect-timeout
tests: a listener whose accept queue is filled and never drained, so the
kernel drops further SYNs.  Prints the port, lives for argv[1] seconds."""
import socket
import sys
import time

s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(0)
port = s.getsockname()[1]
fillers = []
for _ in range(4):
    c = socket.socket()
    c.setblocking(False)
    try:
        c.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    fillers.append(c)
print(port, flush=True)
time.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 10)
