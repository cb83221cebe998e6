An unquoted python_version: 3.10 is what most YAML readers see as 3.1: it
is recorded as written ("3.10") and flagged; a range requirement stays
unknown, and the gradio the card implies is expected, not pinned (exit 1).
@@ args
-q snapshot --dir . -o lock.json
@@ file README.md
---
sdk: gradio
sdk_version: 4.44.1
python_version: 3.10
---
@@ file requirements.txt
numpy<2
@@ exit
1
@@ stdout
@@ stderr
@@ expect-file lock.json
{
  "incomplete": [
    {
      "remedy": "pass the build log of an uncached build (--build-log; a Factory rebuild in the Space settings makes one), or pass `pip freeze` output of the running Space (--freeze, or printed by the app at start-up into its run log)",
      "what": "package 'gradio'",
      "why": "the card's sdk_version makes the builder install gradio==4.44.1, but no input shows it installed (expected, not proven)"
    },
    {
      "remedy": "pass the build log of an uncached build (--build-log; a Factory rebuild in the Space settings makes one), or pass `pip freeze` output of the running Space (--freeze, or printed by the app at start-up into its run log)",
      "requests": [
        {
          "by": "direct",
          "line": 1,
          "requirement": "numpy<2",
          "source": "requirements.txt"
        }
      ],
      "what": "package 'numpy'",
      "why": "requirements.txt:1 asks for 'numpy<2' but no input shows which version was installed"
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
  "packages": [],
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
  "warnings": [
    "README.md:4:17: 'python_version: 3.10' is unquoted: YAML reads it as the number 3.1, not the string \"3.10\"; write python_version: \"3.10\""
  ]
}
