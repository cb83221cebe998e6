--update-lock stores the metadata it read (here from wheels) in the lock, so the next check needs nothing else.
@@ args
check --update-lock lock.json --wheels fixtures/check/wheels
@@ file lock.json
{
  "lockfile_version": 1,
  "space": {"sdk": "gradio", "sdk_version": "4.31.0", "python_version": null},
  "runtime": {"python": "3.13"},
  "packages": [
    {"name": "anyio", "version": "4.6.0", "origin": "transitive", "required_by": ["starlette"], "evidence": []},
    {"name": "idna", "version": "3.10", "origin": "transitive", "required_by": ["anyio"], "evidence": []},
    {"name": "sniffio", "version": "1.3.1", "origin": "transitive", "required_by": ["anyio"], "evidence": []},
    {"name": "starlette", "version": "0.38.6", "origin": "direct", "requirement": "starlette<0.39", "evidence": []}
  ],
  "incomplete": []
}
@@ exit
0
@@ stdout
@@ stderr
spacelock: 4 packages consistent for Python 3.13
spacelock: stored the metadata of 4 packages in lock.json
@@ expect-file lock.json
{
  "incomplete": [],
  "inputs": [],
  "lockfile_version": 2,
  "packages": [
    {
      "evidence": [],
      "metadata": {
        "provides_extra": [],
        "requires_dist": [
          "idna>=2.8",
          "sniffio>=1.1",
          "exceptiongroup>=1.0.2; python_version < \"3.11\"",
          "typing_extensions>=4.1; python_version < \"3.11\""
        ],
        "requires_python": ">=3.9"
      },
      "name": "anyio",
      "origin": "transitive",
      "required_by": [
        "starlette"
      ],
      "version": "4.6.0"
    },
    {
      "evidence": [],
      "metadata": {
        "provides_extra": [],
        "requires_dist": [],
        "requires_python": ">=3.6"
      },
      "name": "idna",
      "origin": "transitive",
      "required_by": [
        "anyio"
      ],
      "version": "3.10"
    },
    {
      "evidence": [],
      "metadata": {
        "provides_extra": [],
        "requires_dist": [],
        "requires_python": ">=3.7"
      },
      "name": "sniffio",
      "origin": "transitive",
      "required_by": [
        "anyio"
      ],
      "version": "1.3.1"
    },
    {
      "evidence": [],
      "metadata": {
        "provides_extra": [],
        "requires_dist": [
          "anyio<5,>=3.4.0",
          "typing-extensions>=3.10.0; python_version < \"3.10\""
        ],
        "requires_python": ">=3.8"
      },
      "name": "starlette",
      "origin": "direct",
      "requests": [
        {
          "by": "direct",
          "requirement": "starlette<0.39"
        }
      ],
      "version": "0.38.6"
    }
  ],
  "runtime": {
    "base_image": null,
    "build_status": null,
    "build_time": null,
    "built_commit": null,
    "digest": null,
    "python": "3.13",
    "python_source": null
  },
  "space": {
    "app_file": null,
    "hardware": null,
    "id": null,
    "preload_from_hub": [],
    "python_version": null,
    "revision": null,
    "sdk": "gradio",
    "sdk_version": "4.31.0",
    "startup_duration_timeout": null,
    "suggested_hardware": null,
    "system_packages": []
  },
  "warnings": []
}
