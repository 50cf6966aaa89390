"""The French pack holds the words and patterns the code reads: every key the code asks for is there, of the kind
asked, and every entry of the pack is read somewhere (no dead list)."""

from __future__ import annotations

import re
from pathlib import Path

from veille.lang import FR

ROOT = Path(__file__).resolve().parents[1]
ASKED = re.compile(r'FR\.(set|tuple|map|pattern)\("([\w.]+)"\)')


def asked() -> set[tuple[str, str]]:
    return {m.groups() for p in (ROOT / "veille").rglob("*.py") for m in ASKED.finditer(p.read_text("utf-8"))}


def test_every_key_the_code_reads_is_in_the_pack_with_its_kind():
    for kind, key in asked():
        if kind == "pattern":
            re.compile(FR.pattern(key))
        else:
            assert FR.words[key]["kind"] == kind, key
            assert getattr(FR, kind)(key), key


def test_every_entry_of_the_pack_is_read():
    keys = {key for _, key in asked()}
    assert set(FR.words) <= keys and set(FR.patterns) <= keys


def test_the_nlp_stages_say_which_languages_they_serve():
    from veille.pipeline import default_stages
    from veille.settings import Settings

    assert all(getattr(s, "languages", None) == ("fr",) for s in default_stages(Settings(event_coder="rules")))
