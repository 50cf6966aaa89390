"""Properties that must hold for any input text, not just the examples we thought of."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from veille.clean import Cleaner, normalize_line
from veille.read import Raw

CLEANER = Cleaner()
LINES = st.lists(st.one_of(
    st.text(min_size=0, max_size=120),
    st.sampled_from(["Publicité", "Lire aussi : un titre", "© AFP", "Partager", "", " ", "\u00a0",
                     "Un paragraphe qui se termine par un point.", "Un titre sans point",
                     "Une vidéo quelconquepar BFMTV", "«Une citation entière.»"])), min_size=1, max_size=25)


@settings(max_examples=300, deadline=None)
@given(title=st.text(max_size=60), lines=LINES)
def test_cleaning_keeps_offsets_exact_and_accounts_for_every_line(title, lines):
    raw = Raw(input="h", title=title, body="\n".join(lines), fmt="txt", language="fr")
    try:
        art = CLEANER(raw)
    except Exception as e:  # the only refusal allowed is "nothing left"
        assert "no article text" in str(e)
        return
    assert art.bad_spans() == []
    out = set(art.text.split("\n")) | {r.text for r in art.removed}
    body = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert all(normalize_line(x) in out for x in body if normalize_line(x))
    assert all(r.reason for r in art.removed)
