The demo's headline case: gradio is requested twice, by requirements.txt:2
(gradio>=4.40.0) and by the platform step (gradio[oauth]==4.31.0 for
sdk_version 4.31.0, the locked version).  Each request is verified and
attributed to whoever made it: only the Space's own request fails.
@@ file lock.json
{
  "lockfile_version": 2,
  "space": {
    "sdk": "gradio",
    "sdk_version": "4.31.0"
  },
  "runtime": {
    "python": "3.13"
  },
  "packages": [
    {
      "name": "gradio",
      "version": "4.31.0",
      "origin": "platform",
      "requests": [
        {
          "by": "direct",
          "line": 2,
          "requirement": "gradio>=4.40.0",
          "source": "examples/repin-history/requirements.txt"
        },
        {
          "by": "platform",
          "line": 21,
          "requirement": "gradio[oauth]==4.31.0",
          "source": "examples/repin-history/build.log"
        }
      ],
      "evidence": []
    }
  ]
}
@@ args
--offline check lock.json
@@ exit
1
@@ stdout
examples/repin-history/requirements.txt:2 asks for gradio>=4.40.0, but gradio 4.31.0 is locked (gradio[oauth]==4.31.0 is installed by the platform for sdk_version 4.31.0)
gradio 4.31.0: no metadata found, its requirements cannot be checked (gradio[oauth]==4.31.0 is installed by the platform for sdk_version 4.31.0)
  (pass --site-packages DIR or --wheels DIR where the metadata is; --update-lock keeps it in the lock)
@@ stderr
spacelock: 2 problems among 1 package for Python 3.13
spacelock: no other versions known; --wheels DIR with candidates gives fixes
