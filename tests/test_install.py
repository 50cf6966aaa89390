"""The install contract: the lock holds every dependency pyproject.toml names, at the pinned version, and the
wheel's package data covers every data file, template and static asset of the package."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    out = {}
    for line in (ROOT / "requirements.lock").read_text("utf-8").splitlines():
        m = PIN.match(line)
        if m:
            out[canonical(m.group(1))] = m.group(2)
    return out


def test_every_declared_dependency_is_locked_at_its_pin():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    lock = locked()
    for dep in declared:
        name = canonical(re.split(r"[<>=!\[; ]", dep, maxsplit=1)[0])
        assert name in lock, f"{dep} is not in requirements.lock (regenerate it: see README, Development)"
        pin = re.search(r"==([^\s;,]+)", dep)
        if pin:
            assert lock[name] == pin.group(1), f"{dep} but the lock holds {lock[name]}"


def test_lock_pins_every_package_with_hashes():
    text = (ROOT / "requirements.lock").read_text("utf-8")
    entries = [e for e in re.split(r"\n(?=[A-Za-z0-9])", text) if PIN.match(e)]
    assert len(entries) > 50
    assert all("--hash=sha256:" in e for e in entries)


def test_package_data_covers_every_non_python_file():
    """A file under veille/ that no package-data glob matches would be missing from the wheel."""
    from fnmatch import fnmatch

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]
    patterns = [g.replace("**/", "*") for g in globs["veille"]]
    files = [p.relative_to(ROOT / "veille").as_posix() for p in (ROOT / "veille").rglob("*")
             if p.is_file() and p.suffix not in (".py", ".pyc")]
    missing = [f for f in files if not any(fnmatch(f, pat) for pat in patterns)]
    assert files and not missing, missing
