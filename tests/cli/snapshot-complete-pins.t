A docker Space whose requirements are all exact pins and whose card names
its Python: every package is proven by a pin, so the lock is complete (exit
0).  Pins are the weakest evidence; the summary still goes to stderr.
@@ args
snapshot --dir . -o -
@@ file README.md
---
title: pins
sdk: docker
python_version: "3.12"
app_port: 7860
---
@@ file requirements.txt
# exact pins only
Flask==3.0.3
gunicorn==22.0.0 ; sys_platform == "linux"
@@ exit
0
@@ stdout
{
  "incomplete": [],
  "inputs": [
    "card: README.md",
    "requirements: requirements.txt"
  ],
  "lockfile_version": 2,
  "packages": [
    {
      "evidence": [
        {
          "kind": "pin",
          "line": 2,
          "source": "requirements.txt",
          "text": "Flask==3.0.3",
          "version": "3.0.3"
        }
      ],
      "name": "flask",
      "origin": "direct",
      "requests": [
        {
          "by": "direct",
          "line": 2,
          "requirement": "Flask==3.0.3",
          "source": "requirements.txt"
        }
      ],
      "version": "3.0.3"
    },
    {
      "evidence": [
        {
          "kind": "pin",
          "line": 3,
          "source": "requirements.txt",
          "text": "gunicorn==22.0.0 ; sys_platform == \"linux\"",
          "version": "22.0.0"
        }
      ],
      "name": "gunicorn",
      "origin": "direct",
      "requests": [
        {
          "by": "direct",
          "line": 3,
          "requirement": "gunicorn==22.0.0 ; sys_platform == \"linux\"",
          "source": "requirements.txt"
        }
      ],
      "version": "22.0.0"
    }
  ],
  "runtime": {
    "base_image": null,
    "build_status": null,
    "build_time": null,
    "built_commit": null,
    "digest": null,
    "python": "3.12",
    "python_source": "card"
  },
  "space": {
    "app_file": null,
    "hardware": null,
    "id": null,
    "preload_from_hub": [],
    "python_version": "3.12",
    "revision": null,
    "sdk": "docker",
    "sdk_version": null,
    "startup_duration_timeout": null,
    "suggested_hardware": null,
    "system_packages": []
  },
  "warnings": []
}
@@ stderr
snapshot: 2 packages locked, 0 unknown
snapshot: python 3.12 (from the card), sdk docker
