"""The README's worked example runs as written from a clone: each `$ veille …` line of that section, in a folder
laid out like the checkout (the bundled RT files at the paths the README names)."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def example_commands() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Worked example", 1)[1].split("\n## ", 1)[0]
    return [shlex.split(line[2:]) for line in section.splitlines() if line.startswith("$ veille ")]


def test_worked_example_runs_as_written(tmp_path):
    shutil.copytree(ROOT / "veille" / "data" / "demo", tmp_path / "veille" / "data" / "demo",
                    ignore=shutil.ignore_patterns("*.gz"))
    commands = example_commands()
    assert [c[1] for c in commands] == ["extract", "ingest", "events"]
    outputs = []
    for cmd in commands:
        # the console script, as a user runs it (`python -m veille` here would import the copied veille/ folder)
        script = str(Path(sys.executable).with_name("veille"))
        done = subprocess.run([script, *cmd[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (cmd, done.stderr)
        outputs.append(done.stdout)
    art = json.loads(outputs[0])
    assert {r["reason"] for r in art["removed"]} == {"hash", "related_headline", "promo"}
    assert any(q["speaker"] and q["speaker"]["name"] == "Nicolas Maduro" for q in art["quotes"])
    assert outputs[2].count("CONSULT") >= 3 and "Iouri Borissov" in outputs[2]
