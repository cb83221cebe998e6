snapshot with no input, inside a checkout of a Space (README.md with front
matter, requirements.txt), reads the current directory as --dir . and says
so on stderr.
@@ args
snapshot -o -
@@ file README.md
---
title: Demo
sdk: gradio
sdk_version: 4.44.1
python_version: "3.10"
---
A demo.
@@ file requirements.txt
numpy==1.26.4
@@ exit
1
@@ stdout
{
  "incomplete": [
    {
      "remedy": "pass the build log of an uncached build (--build-log; a Factory rebuild in the Space settings makes one), or pass `pip freeze` output of the running Space (--freeze, or printed by the app at start-up into its run log)",
      "what": "package 'gradio'",
      "why": "the card's sdk_version makes the builder install gradio==4.44.1, but no input shows it installed (expected, not proven)"
    },
    {
      "remedy": "pass the build log of an uncached build (--build-log; a Factory rebuild in the Space settings makes one), or pass `pip freeze` output of the running Space (--freeze, or printed by the app at start-up into its run log)",
      "what": "platform packages",
      "why": "the Spaces builder installs its own packages into gradio Spaces (spaces, uvicorn, websockets) and no build log shows which versions (expected, not proven)"
    }
  ],
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
          "line": 1,
          "source": "requirements.txt",
          "text": "numpy==1.26.4",
          "version": "1.26.4"
        }
      ],
      "name": "numpy",
      "origin": "direct",
      "requests": [
        {
          "by": "direct",
          "line": 1,
          "requirement": "numpy==1.26.4",
          "source": "requirements.txt"
        }
      ],
      "version": "1.26.4"
    }
  ],
  "runtime": {
    "base_image": null,
    "build_status": null,
    "build_time": null,
    "built_commit": null,
    "digest": null,
    "python": "3.10",
    "python_source": "card"
  },
  "space": {
    "app_file": null,
    "hardware": null,
    "id": null,
    "preload_from_hub": [],
    "python_version": "3.10",
    "revision": null,
    "sdk": "gradio",
    "sdk_version": "4.44.1",
    "startup_duration_timeout": null,
    "suggested_hardware": null,
    "system_packages": []
  },
  "warnings": []
}
@@ stderr
snapshot: no input given: reading the Space checkout in this directory (--dir .)
snapshot: 1 package locked, 2 unknown
snapshot: python 3.10 (from the card), sdk gradio 4.44.1
snapshot: unknown: package 'gradio'
snapshot: unknown: platform packages
