"""What a quote does: criticise, demand, refuse, promise, praise or threaten, read from what it says.

Speech is often the political act itself ("«C'est inacceptable», a déclaré X" is X accusing). When the reporting
verb already names the act ("a dénoncé"), the trigger lexicon codes it; when the verb is neutral ("a déclaré",
"a estimé", "selon X"), the content decides, by the patterns of `lang/fr/speech_acts.toml`: each pattern found
scores one for its type, and the best type wins. A quote with no such signal is information, not an event.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from veille.lang import FR
from veille.text import fold

MIN_WORDS = 3
"""Shorter quotes ("une capitulation") are words borrowed by the writer; their act is the verb around them."""
QUOTE_MARKS = re.compile("[\"«»“”]")


@dataclass(frozen=True)
class SpeechActs:
    order: tuple[str, ...]
    modes: dict[str, str]
    patterns: dict[str, tuple[re.Pattern[str], ...]]

    @classmethod
    def load(cls) -> SpeechActs:
        d = tomllib.loads(FR.file("speech_acts.toml").read_text("utf-8"))
        return cls(tuple(d["order"]), dict(d["modes"]),
                   {t: tuple(re.compile(p) for p in ps) for t, ps in d["patterns"].items()})

    def classify(self, content: str) -> tuple[str, str] | None:
        """The act a quote performs, as (PLOVER type, mode), or None when it just informs."""
        text = " ".join(QUOTE_MARKS.sub(" ", fold(content)).split())  # «pas "raisonnable"» reads "pas raisonnable"
        if len(text.split()) < MIN_WORDS:
            return None
        scores = {t: sum(len(p.findall(text)) for p in self.patterns.get(t, ())) for t in self.order}
        best = max(self.order, key=lambda t: (scores[t], -self.order.index(t)))
        return (best, self.modes[best]) if scores[best] else None
