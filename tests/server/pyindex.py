"""pyindex.py: a PyPI-like index over a directory, for hubserver.py --index-dir.

The directory holds index.json, {project: {version: {"requires_dist": [...],
"files": [{"filename", "upload_time", "requires_python", "yanked"}]}}}, and the
files themselves in files/.  Served:

  /pypi/{name}/json                 the project JSON (every release, each file's
                                    upload_time_iso_8601, requires_python, yanked)
  /pypi/{name}/{version}/json       the release JSON (info.requires_dist)
  /simple/{name}/                   PEP 503 HTML with data-requires-python and
                                    data-yanked, for a real pip; asked with
                                    Accept: application/vnd.pypi.simple.v1+json,
                                    the PEP 691 JSON form with PEP 700's
                                    upload-time and versions (api-version 1.1),
                                    which pip 22.2+ asks for too
  /asof/{DATE}/simple/{name}/       the same with only the files uploaded by DATE:
                                    the index as it stood that day
  /files/{filename}                 the file

An index that lacks a part is served under a prefix (the index URL is then
{server}/{prefix}):
  /html-only/...                    no JSON simple API (PEP 503 HTML only)
  /json-1.0/...                     simple JSON api-version 1.0: no upload-time
  /no-project-json/...              no /pypi/{name}/json (404), as an index
                                    with only the standard APIs
  /whl/cu121/{name}/                a simple root without "/simple" in it, as
                                    https://download.pytorch.org/whl/cu121 (pip's
                                    --index-url is the simple root): the simple
                                    API (HTML and JSON) at {root}/{name}/, no
                                    project JSON; /asof/{DATE}/whl/cu121/ too
"""
import hashlib
import html
import json
import os
import re


JSON_TYPE = "application/vnd.pypi.simple.v1+json"


def canon(name):
    return re.sub(r"[-_.]+", "-", name).lower()


class Index:
    def __init__(self, root):
        self.root = root
        with open(os.path.join(root, "index.json"), encoding="utf-8") as f:
            raw = json.load(f)
        self.projects = {canon(k): (k, v) for k, v in raw.items()}

    def sha(self, filename):
        with open(os.path.join(self.root, "files", filename), "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    def file_json(self, base, fi):
        return {"filename": fi["filename"],
                "packagetype": "bdist_wheel" if fi["filename"].endswith(".whl") else "sdist",
                "url": "%s/files/%s" % (base, fi["filename"]),
                "digests": {"sha256": self.sha(fi["filename"])},
                "requires_python": fi.get("requires_python"),
                "upload_time": fi["upload_time"][:19],
                "upload_time_iso_8601": fi["upload_time"],
                "yanked": bool(fi.get("yanked"))}

    def latest(self, versions):
        def key(v):
            return [int(x) for x in re.findall(r"\d+", v)]
        return sorted(versions, key=key)[-1]

    def project(self, name, base):
        hit = self.projects.get(canon(name))
        if not hit:
            return None
        real, vers = hit
        last = self.latest(list(vers))
        body = {"info": {"name": real, "version": last,
                         "requires_dist": vers[last].get("requires_dist") or None,
                         "requires_python": None},
                "releases": {v: [self.file_json(base, f) for f in d["files"]]
                             for v, d in vers.items()}}
        return json.dumps(body, sort_keys=True).encode()

    def release(self, name, version, base):
        hit = self.projects.get(canon(name))
        if not hit or version not in hit[1]:
            return None
        d = hit[1][version]
        rp = next((f.get("requires_python") for f in d["files"] if f.get("requires_python")), None)
        body = {"info": {"name": hit[0], "version": version,
                         "requires_dist": d.get("requires_dist") or None,
                         "requires_python": rp},
                "urls": [self.file_json(base, f) for f in d["files"]]}
        return json.dumps(body, sort_keys=True).encode()

    def simple(self, name, as_of):
        hit = self.projects.get(canon(name))
        if not hit:
            return None
        out = ["<!DOCTYPE html><html><body>"]
        for version, d in hit[1].items():
            for f in d["files"]:
                if as_of and f["upload_time"][:19] > as_of:
                    continue
                attrs = ""
                if f.get("requires_python"):
                    attrs += ' data-requires-python="%s"' % html.escape(f["requires_python"])
                if f.get("yanked"):
                    attrs += ' data-yanked=""'
                out.append('<a href="/files/%s#sha256=%s"%s>%s</a><br>' % (
                    f["filename"], self.sha(f["filename"]), attrs, f["filename"]))
        out.append("</body></html>")
        return "\n".join(out).encode()

    def simple_json(self, name, as_of, base, v10):
        """PEP 691 JSON; PEP 700's upload-time and versions unless v10."""
        hit = self.projects.get(canon(name))
        if not hit:
            return None
        files = []
        for version, d in hit[1].items():
            for f in d["files"]:
                if as_of and f["upload_time"][:19] > as_of:
                    continue
                o = {"filename": f["filename"], "url": "%s/files/%s" % (base, f["filename"]),
                     "hashes": {"sha256": self.sha(f["filename"])},
                     "yanked": "yanked in the test index" if f.get("yanked") else False}
                if f.get("requires_python"):
                    o["requires-python"] = f["requires_python"]
                if not v10:
                    o["upload-time"] = f["upload_time"]
                    o["size"] = os.path.getsize(os.path.join(self.root, "files", f["filename"]))
                files.append(o)
        body = {"meta": {"api-version": "1.0" if v10 else "1.1"}, "name": canon(name),
                "files": sorted(files, key=lambda o: o["filename"])}
        if not v10:
            body["versions"] = sorted(hit[1])
        return json.dumps(body, sort_keys=True).encode()

    def file(self, filename):
        path = os.path.join(self.root, "files", filename)
        if "/" in filename or not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            return f.read()

    def rootless(self, p, as_of, base, accept):
        """The index under /whl/cu121: the simple API at its root; the
        release JSON stays at {root}/pypi/{name}/{version}/json."""
        if len(p) == 4 and p[0] == "pypi" and p[3] == "json":
            b = self.release(p[1], p[2], base)
        elif len(p) == 1 and JSON_TYPE in accept:
            b = self.simple_json(p[0], as_of, base, False)
            return (200, b, JSON_TYPE) if b else (404, b'{"message":"Not Found"}', "application/json")
        elif len(p) == 1:
            b = self.simple(p[0], as_of)
            return (200, b, "text/html") if b else (404, b"Not Found", "text/plain")
        else:
            b = None
        return (200, b, "application/json") if b else (404, b'{"message":"Not Found"}', "application/json")

    def route(self, p, base, accept=""):
        """(status, body, content type) for path parts p, or None: not ours.
        accept is the request's Accept header (the simple API's JSON form)."""
        mode = None
        if p and p[0] in ("html-only", "json-1.0", "no-project-json"):
            mode, p = p[0], p[1:]
        if len(p) == 3 and p[0] == "pypi" and p[2] == "json" and mode == "no-project-json":
            return (404, b'{"message":"Not Found"}', "application/json")
        if len(p) == 3 and p[0] == "pypi" and p[2] == "json":
            b = self.project(p[1], base)
            return (200, b, "application/json") if b else (404, b'{"message":"Not Found"}', "application/json")
        if len(p) == 4 and p[0] == "pypi" and p[3] == "json" and canon(p[1]) in self.projects:
            b = self.release(p[1], p[2], base)
            return (200, b, "application/json") if b else (404, b'{"message":"Not Found"}', "application/json")
        as_of = None
        if len(p) >= 3 and p[0] == "asof":
            as_of, p = p[1], p[2:]
        if p[:2] == ["whl", "cu121"]:
            return self.rootless(p[2:], as_of, base, accept)
        if len(p) >= 2 and p[0] == "simple" and JSON_TYPE in accept and mode != "html-only":
            b = self.simple_json(p[1], as_of, base, mode == "json-1.0")
            return (200, b, JSON_TYPE) if b else (404, b'{"message":"Not Found"}', "application/json")
        if len(p) >= 2 and p[0] == "simple":
            b = self.simple(p[1], as_of)
            return (200, b, "text/html") if b else (404, b"Not Found", "text/plain")
        if len(p) == 2 and p[0] == "files":
            b = self.file(p[1])
            return (200, b, "application/octet-stream") if b else (404, b"Not Found", "text/plain")
        return None
