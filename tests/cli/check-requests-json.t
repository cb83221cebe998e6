The headline case as data: the failing request names who made it and where.
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
--offline --json check lock.json
@@ exit
1
@@ stdout
{"consistent":false,"python":"3.13","packages":1,"solver_problems":2,"problems":[
  {"package":"gradio","version":"4.31.0","requirement":"gradio>=4.40.0","kind":"mismatch","installed":"4.31.0","target":"gradio","extra":null,"why":"gradio[oauth]==4.31.0 is installed by the platform for sdk_version 4.31.0","requested_by":"requirements","requested_at":"examples/repin-history/requirements.txt:2","reason":null,"group":0},
  {"package":"gradio","version":"4.31.0","requirement":null,"kind":"unverifiable","installed":null,"target":null,"extra":null,"why":"gradio[oauth]==4.31.0 is installed by the platform for sdk_version 4.31.0","requested_by":null,"requested_at":null,"reason":null,"group":1}],"solutions":[],"warnings":[]}
@@ stderr
spacelock: 2 problems among 1 package for Python 3.13
