#!/usr/bin/env python3
"""hubserver.py: a loopback stand-in for the Hugging Face Hub and a PyPI
JSON index, for spacelock's tests and benchmarks.

Starts on 127.0.0.1 (and the same port on 127.0.0.2, a second host name for
redirect tests), prints the port on stdout and serves until killed:

  /api/spaces/{owner}/{name}[/revision/{rev}]   tests/fixtures/hub/spaces/.../info.json
  /spaces/{owner}/{name}/resolve/{rev}/{file}  the Space's files (rev must be its sha)
  /api/spaces/{owner}/{name}/logs/build|run    build.log / run.log as server-sent
                                               events, then keep-alives: the stream
                                               stays open like the real one
  /api/spaces/{owner}/{name}/secrets|variables secrets.json / variables.json
  /api/spaces/{owner}/{name}/tree/{rev}        tree.json (the listing with lastCommit)
  /api/spaces/user/tmp_test_space[...]          recorded real bodies (fixtures/api)
  POST commit, validate-yaml, duplicate, restart; GET runtime: hubwrite.py
  /pypi/{name}/{version}/json                  index JSON made up for test packages
                                               (ETag, If-None-Match -> 304);
                                               names starting "missing-" are 404
  --index-dir DIR: a real little index over DIR (pyindex.py): project and
  release JSON with upload times, PEP 503 pages for pip, /asof/{DATE}/simple
  (the index as it stood that day), the files

Faults, by a path prefix /fault/{name}/ in front of any of the above (so a
client pointed at http://127.0.0.1:PORT/fault/500 meets it on every call):
  500, 500once, 429 (Retry-After: 1), 429once, 429long (Retry-After: 3600),
  401, 403, 404, stall (no answer for 60 s), truncate (Content-Length larger
  than the body, then close), badjson, redirect (302 to the same path on
  127.0.0.2), logforever (a log stream that sends news forever), logcut (a log
stream whose connection drops mid-body), drip (headers, then the body one
byte a second for up to 60 s).

--record FILE appends "host path auth=yes|no [inm=yes]" per request (never
a header's value; inm: an If-None-Match was sent; a POST is "host POST
path?query auth=...").  --bodies DIR keeps each POST body (hubwrite.py).  --latency MS delays every answer.  --sse-of LOG prints a
plain log as the SSE stream the server would send, and exits.
"""
import argparse
import hashlib
import json
import os
import socket
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

# its sibling module, also when run by runpy (the harness test) rather than as a script
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hubwrite  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "fixtures")
STAMP = "2026-05-13T16:56:02.000Z"

state = {"once": set(), "lock": threading.Lock(), "args": None, "port": 0, "bodies": 0}


def sse_events(text):
    """One event per log line, as the Hub sends: data carries its newline."""
    out = []
    for line in text.splitlines(keepends=True):
        if not line.endswith("\n"):
            line += "\n"
        payload = json.dumps({"data": line, "timestamp": STAMP})
        out.append("data: %s\n\n" % payload)
    return "".join(out)


def index_body(name, version):
    wheel = "%s-%s-py3-none-any.whl" % (name.replace("-", "_"), version)
    digest = hashlib.sha256(wheel.encode()).hexdigest()
    body = {
        "info": {"name": name, "version": version, "requires_python": ">=3.8",
                 "requires_dist": ["typing-extensions>=4.0"] if name != "leaf" else None},
        "urls": [{"filename": wheel, "packagetype": "bdist_wheel",
                  "url": "https://files.example.invalid/%s" % wheel,
                  "digests": {"sha256": digest},
                  "upload_time_iso_8601": "2024-01-02T03:04:05.000000Z",
                  "yanked": False}],
    }
    return json.dumps(body, sort_keys=True).encode()


class Server(ThreadingHTTPServer):
    """No name lookups: HTTPServer.server_bind asks socket.getfqdn() for the
    bound address, a reverse DNS query that a slow resolver turns into a
    start-up of many seconds (127.0.0.2 is in no hosts file).  The tests
    must make no DNS query at all."""
    daemon_threads = True
    request_queue_size = 128

    def server_bind(self):
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def address_string(self):
        # the client's address as is, never a name looked up for it
        return self.client_address[0]

    def setup(self):
        super().setup()
        # headers and body go out in two writes: without this, Nagle and
        # delayed ACKs add 40 ms to each keep-alive request
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def record(self, path):
        rec = state["args"].record
        if not rec:
            return
        auth = "yes" if self.headers.get("Authorization") else "no"
        inm = " inm=yes" if self.headers.get("If-None-Match") else ""
        with state["lock"], open(rec, "a") as f:
            f.write("%s %s auth=%s%s\n" % (self.server.server_address[0], path, auth, inm))

    def send(self, status, body=b"", ctype="application/json", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def endpoint(self):
        return "http://%s:%d" % self.server.server_address[:2]

    def keep_body(self, kind, body):
        d = state["args"].bodies
        if not d:
            return
        with state["lock"]:
            state["bodies"] += 1
            n = state["bodies"]
        with open(os.path.join(d, "%02d-%s.body" % (n, kind)), "wb") as f:
            f.write(body)

    def do_POST(self):
        u = urlsplit(self.path)
        path, fault = u.path, None
        if path.startswith("/fault/"):
            parts = path.split("/", 3)
            fault = parts[2]
            path = "/" + (parts[3] if len(parts) > 3 else "")
        self.route_path = path
        self.record("POST " + path + ("?" + u.query if u.query else ""))
        if fault and fault.endswith("post"):  # 403post, 500post: the writes only
            fault = fault[:-4] if path != "/api/validate-yaml" else None
        try:
            if fault and fault not in ("moved", "builderror", "neverbuilds") and self.inject(fault, path):
                n = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(n)
                return
            status, body = hubwrite.handle_post(self, FIXTURES, self.path, fault)
            if isinstance(body, str):
                self.send(status, body.encode(), "text/plain")
            else:
                self.send(status, json.dumps(body).encode())
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_GET(self):
        args = state["args"]
        if args.latency:
            time.sleep(args.latency / 1000.0)
        path = urlsplit(self.path).path
        fault = None
        if path.startswith("/fault/"):
            parts = path.split("/", 3)
            fault = parts[2]
            path = "/" + (parts[3] if len(parts) > 3 else "")
            if fault.endswith("post"):  # a fault for the POSTs only
                fault = None
        self.record(path)
        try:
            if fault and self.inject(fault, path):
                return
            self.route(path, fault)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def inject(self, fault, path):
        """Returns True when the fault answered the request."""
        host = self.server.server_address[0]
        if fault.endswith("once"):
            key = (fault, path)
            with state["lock"]:
                if key in state["once"]:
                    return False
                state["once"].add(key)
            fault = fault[:-4]
        if fault in ("500", "401", "403", "404"):
            self.send(int(fault), b'{"error":"injected"}')
        elif fault == "429":
            self.send(429, b'{"error":"rate limited"}', headers={"Retry-After": "1"})
        elif fault == "429long":
            self.send(429, b'{"error":"rate limited"}', headers={"Retry-After": "3600"})
        elif fault == "stall":
            time.sleep(60)
            self.close_connection = True
        elif fault == "drip":
            self.drip()
        elif fault == "redirect" and host == "127.0.0.1":
            loc = "http://127.0.0.2:%d%s" % (state["port"], path)
            self.send(302, b"", headers={"Location": loc})
        else:
            return False
        return True

    def drip(self):
        """A slow-drip server: a byte a second, never idle long enough for
        a read timeout.  Ends when the client hangs up."""
        body = b'{"sha": "' + b"0" * 100 + b'"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        for b in body[:60]:
            self.wfile.write(bytes([b]))
            self.wfile.flush()
            time.sleep(1)
        self.close_connection = True

    def route(self, path, fault):
        p = [unquote(x) for x in path.strip("/").split("/")]
        if state.get("index"):
            base = "http://%s:%d" % (self.server.server_address[0], state["port"])
            hit = state["index"].route(p, base)
            if hit:
                return self.send(hit[0], hit[1], hit[2])
        if len(p) == 4 and p[0] == "pypi" and p[3] == "json":
            return self.index(p[1], p[2], fault)
        if p[:2] == ["api", "spaces"] and len(p) >= 4:
            return self.api(p[2] + "/" + p[3], p[4:], fault)
        if p[0] == "spaces" and len(p) >= 6 and p[3] == "resolve":
            return self.resolve(p[1] + "/" + p[2], p[4], "/".join(p[5:]))
        self.send(404, b'{"error":"no route"}')

    def info(self, d):
        with open(os.path.join(d, "info.json"), "rb") as f:
            return f.read()

    def body(self, data, fault):
        if fault == "badjson":
            return b'{"sha": "0123'  # cut: not JSON
        if fault == "truncate":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data) + 100))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
            self.close_connection = True
            return None
        return data

    def api(self, sid, rest, fault):
        if sid == "user/tmp_test_space":
            name = {(): "space-info-expand-xetEnabled", ("runtime",): "runtime-building"}
            n = name.get(tuple(rest))
            if not n:
                return self.send(404, b'{"error":"no such recording"}')
            with open(os.path.join(FIXTURES, "api", n + ".response.json"), "rb") as f:
                return self.send(200, f.read())
        sp = hubwrite.space(FIXTURES, sid)
        if not sp:
            return self.send(404, b'{"error":"Repository not found"}')
        d = sp["dir"]
        info = self.info(d) if sid not in hubwrite.SPACES else json.dumps(sp["info"]).encode()
        sha = sp["info"]["sha"]
        if not rest or (rest[0] == "revision" and len(rest) >= 2):
            rev = "/".join(rest[1:]) if rest else "main"
            if rev not in ("main", "HEAD") and not sha.startswith(rev):
                return self.send(404, b'{"error":"Invalid rev id"}')
            data = self.body(info, fault)
            if data is not None:
                self.send(200, data)
            return None
        if rest == ["logs", "build"] or rest == ["logs", "run"]:
            return self.logs(*hubwrite.build_log_of(sp, rest[1]), fault)
        if rest == ["runtime"]:
            return self.send(200, json.dumps(hubwrite.get_runtime(FIXTURES, sid)).encode())
        if rest in (["secrets"], ["variables"]) and sp[rest[0]] is not None:
            return self.send(200, json.dumps(sp[rest[0]]).encode())
        if len(rest) >= 2 and rest[0] == "tree":  # ?expand=true: tree.json, with lastCommit
            f = os.path.join(d, "tree.json")
            if not os.path.exists(f):
                return self.send(404, b'{"error":"no tree recorded"}')
            with open(f, "rb") as fh:
                return self.send(200, fh.read())
        if rest in (["secrets"], ["variables"]):
            f = os.path.join(d, rest[0] + ".json")
            if not os.path.exists(f):
                return self.send(403, b'{"error":"not the owner"}')
            with open(f, "rb") as fh:
                return self.send(200, fh.read())
        return self.send(404, b'{"error":"no route"}')

    def resolve(self, sid, rev, name):
        sp = hubwrite.space(FIXTURES, sid)
        if not sp:
            return self.send(404, b"Repository not found", "text/plain")
        sha = sp["info"]["sha"]
        if rev != sha or name not in sp["files"]:
            return self.send(404, b"Entry not found", "text/plain",
                             {"X-Error-Code": "EntryNotFound"})
        return self.send(200, sp["files"][name], "text/plain", {"X-Repo-Commit": sha})

    def logs(self, f, commit, fault):
        if not os.path.exists(f):
            return self.send(404, b'{"error":"no logs"}')
        with open(f, encoding="utf-8") as fh:
            events = sse_events(hubwrite.restamp(fh.read(), commit)).encode()
        if fault == "logcut":  # a chunked stream cut before its last chunk
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            part = events[: len(events) // 2]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.flush()
            self.close_connection = True
            return None
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.close_connection = True
        self.wfile.write(events)
        self.wfile.flush()
        start = time.time()
        n = 0
        while time.time() - start < 60:  # the stream stays open, like the Hub's
            time.sleep(0.1 if fault == "logforever" else 0.2)
            if fault == "logforever":
                n += 1
                line = json.dumps({"data": "tick %d\n" % n, "timestamp": STAMP})
                self.wfile.write(("data: %s\n\n" % line).encode())
            else:
                self.wfile.write(b"data: \n\n")
            self.wfile.flush()
        return None

    def index(self, name, version, fault):
        if name.startswith("missing-"):
            return self.send(404, b'{"message":"Not Found"}')
        data = index_body(name, version)
        etag = '"%s"' % hashlib.sha1(data).hexdigest()
        if self.headers.get("If-None-Match") == etag:
            return self.send(304, b"", headers={"ETag": etag})
        data = self.body(data, fault)
        if data is not None:
            self.send(200, data, headers={"ETag": etag})
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--record")
    ap.add_argument("--latency", type=float, default=0)
    ap.add_argument("--sse-of")
    ap.add_argument("--bodies")
    ap.add_argument("--index-dir")
    args = ap.parse_args()
    if args.index_dir:
        sys.path.insert(0, HERE)
        import pyindex
        state["index"] = pyindex.Index(args.index_dir)
    if args.sse_of:
        with open(args.sse_of, encoding="utf-8") as fh:
            sys.stdout.write(sse_events(fh.read()))
        return
    state["args"] = args
    first = Server(("127.0.0.1", 0), Handler)
    state["port"] = first.server_address[1]
    servers = [first]
    try:
        servers.append(Server(("127.0.0.2", state["port"]), Handler))
    except OSError:
        pass
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print(state["port"], flush=True)
    first.serve_forever()


if __name__ == "__main__":
    main()
