"""export_index.py OUT: a small package index for export.sh, served from OUT
by `serve` below.  Real wheels built here (zip files with METADATA, WHEEL and
RECORD, as a build backend writes them), a PEP 503 simple index with
#sha256 fragments for pip, and the JSON API pages spacelock's index client
reads (/pypi/NAME/VERSION/json), both naming the same files and hashes.

    python3 export_index.py serve OUT   # writes the index into OUT, serves it
                                        # on 127.0.0.1, prints the port
"""
import base64, hashlib, http.server, json, os, socketserver, sys, zipfile

PACKAGES = [  # name, version, requires
    ("tinyapp", "1.0", ["tinylib>=1.1"]),
    ("tinylib", "1.2", []),
]
# PyPI's JSON API gives each file's "size"; an index that does not (as
# tinyapp's page here) leaves pylock.toml's optional size out
NO_SIZE = {"tinyapp"}
UPLOADED = "2024-05-06T07:08:09.123456Z"
PORT_FILE = "port"


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def wheel(out, name, version, requires):
    dist = "%s-%s.dist-info" % (name, version)
    meta = "Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)
    meta += "".join("Requires-Dist: %s\n" % r for r in requires)
    files = {
        "%s/__init__.py" % name: b"VERSION = %r\n" % version.encode(),
        dist + "/METADATA": meta.encode(),
        dist + "/WHEEL": b"Wheel-Version: 1.0\nGenerator: export_index\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    rec = "".join("%s,%s,%d\n" % (k, record_hash(v), len(v)) for k, v in files.items())
    files[dist + "/RECORD"] = (rec + dist + "/RECORD,,\n").encode()
    filename = "%s-%s-py3-none-any.whl" % (name, version)
    path = os.path.join(out, "packages", filename)
    with zipfile.ZipFile(path, "w") as z:
        for k, v in files.items():
            info = zipfile.ZipInfo(k, date_time=(2024, 1, 1, 0, 0, 0))
            z.writestr(info, v)
    data = open(path, "rb").read()
    return filename, hashlib.sha256(data).hexdigest(), len(data)


def build(out, base):
    os.makedirs(os.path.join(out, "packages"), exist_ok=True)
    for name, version, requires in PACKAGES:
        filename, sha, size = wheel(out, name, version, requires)
        simple = os.path.join(out, "simple", name)
        os.makedirs(simple, exist_ok=True)
        with open(os.path.join(simple, "index.html"), "w") as f:
            f.write('<a href="../../packages/%s#sha256=%s">%s</a>\n' % (filename, sha, filename))
        api = os.path.join(out, "pypi", name, version)
        os.makedirs(api, exist_ok=True)
        file = {"filename": filename, "packagetype": "bdist_wheel",
                "url": "%s/packages/%s" % (base, filename),
                "digests": {"sha256": sha}, "upload_time_iso_8601": UPLOADED,
                "yanked": False}
        if name not in NO_SIZE:
            file["size"] = size
        body = {"info": {"name": name, "version": version, "requires_python": ">=3.7",
                         "requires_dist": requires or None},
                "urls": [file]}
        with open(os.path.join(api, "json"), "w") as f:
            json.dump(body, f, sort_keys=True)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(out):
    os.makedirs(out, exist_ok=True)
    os.chdir(out)
    with socketserver.TCPServer(("127.0.0.1", 0), Quiet) as httpd:
        port = httpd.server_address[1]
        build(".", "http://127.0.0.1:%d" % port)  # the JSON pages name this port
        print(port, flush=True)
        httpd.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("serve",):
        sys.exit(__doc__)
    serve(sys.argv[2])
