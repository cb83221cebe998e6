A freeze (installed) beats an exact pin that disagrees; the disagreement is
a warning kept in the lock.
@@ args
snapshot --dir . --freeze freeze.json -o -
@@ file README.md
---
sdk: docker
python_version: "3.11"
---
@@ file requirements.txt
requests==2.31.0
@@ file freeze.json
[{"name": "requests", "version": "2.32.3"}, {"name": "idna", "version": "3.7"}]
@@ exit
0
@@ stdout
{
  "incomplete": [],
  "inputs": [
    "card: README.md",
    "requirements: requirements.txt",
    "freeze: freeze.json"
  ],
  "lockfile_version": 2,
  "packages": [
    {
      "evidence": [
        {
          "kind": "installed",
          "line": 0,
          "source": "freeze.json",
          "text": "idna==3.7",
          "version": "3.7"
        }
      ],
      "name": "idna",
      "origin": "unknown",
      "version": "3.7"
    },
    {
      "evidence": [
        {
          "kind": "installed",
          "line": 0,
          "source": "freeze.json",
          "text": "requests==2.32.3",
          "version": "2.32.3"
        },
        {
          "kind": "pin",
          "line": 1,
          "source": "requirements.txt",
          "text": "requests==2.31.0",
          "version": "2.31.0"
        }
      ],
      "name": "requests",
      "origin": "direct",
      "requests": [
        {
          "by": "direct",
          "line": 1,
          "requirement": "requests==2.31.0",
          "source": "requirements.txt"
        }
      ],
      "version": "2.32.3"
    }
  ],
  "runtime": {
    "base_image": null,
    "build_status": null,
    "build_time": null,
    "built_commit": null,
    "digest": null,
    "python": "3.11",
    "python_source": "card"
  },
  "space": {
    "app_file": null,
    "hardware": null,
    "id": null,
    "preload_from_hub": [],
    "python_version": "3.11",
    "revision": null,
    "sdk": "docker",
    "sdk_version": null,
    "startup_duration_timeout": null,
    "suggested_hardware": null,
    "system_packages": []
  },
  "warnings": [
    "'requests': requirements.txt:1 shows 2.31.0 (pin) but freeze.json shows 2.32.3 (installed); 2.32.3 is kept"
  ]
}
@@ stderr
spacelock: warning: 'requests': requirements.txt:1 shows 2.31.0 (pin) but freeze.json shows 2.32.3 (installed); 2.32.3 is kept
snapshot: 2 packages locked, 0 unknown
snapshot: python 3.11 (from the card), sdk docker
snapshot: 1 warning
