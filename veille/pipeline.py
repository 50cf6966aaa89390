"""The pipeline: raw records → clean Articles → annotated Articles, in batches through `nlp.pipe`.

A stage is a plain callable `(article, doc) -> None` that adds its layer to the article, with `name`, `needs`
and `adds`. The runner checks that every need is met before running anything, loads the spaCy model once
(lazily, so read-and-clean work never pays for it), and turns any exception in one document into a
`Failure` for that document: a batch never dies of one bad page.

The same `Pipeline` object runs in-process, in each worker of a process pool, and in each Spark partition.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from veille.clean import Cleaner
from veille.errors import Failure, InputError
from veille.model import Article
from veille.read import Raw
from veille.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PROVIDED_BY_CLEAN = {"text", "removed", "language", "published", "source", "embedded", "doc"}
UNKNOWN_LANGUAGE = "und"
"""An article whose language could not be told is read as the packs' language would be: better a French reading
of a short French text than none. A language told and served by no stage gets no NLP layer at all."""


LONG_TEXT = 20_000
"""Characters above which a text is parsed in paragraph pieces joined into one Doc: spaCy's cost and memory on
one huge Doc grow faster than its length, the pieces' do not."""
LONG_BATCH = 4
LONG_PROCESSES = 2
"""Pieces per nlp.pipe batch: a batch holds about LONG_TEXT characters, whatever the text's length."""


class Stage(Protocol):
    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    languages: tuple[str, ...]
    """The languages its rules and lexicons are written for; a stage without the attribute serves all."""

    def __call__(self, article: Article, doc: Doc) -> None: ...


def default_stages(settings: Settings) -> list[Stage]:
    """The annotation stages in order; each later one may use the layers of the earlier ones."""
    from veille.annotate.actors import Actors
    from veille.annotate.dates import DateTagger
    from veille.annotate.event_model import EventModel
    from veille.annotate.events import Events
    from veille.annotate.gazetteer import Gazetteer
    from veille.annotate.lexicon import ActorLexicon
    from veille.annotate.places import Places
    from veille.annotate.quotes import Quotes

    lexicon, gazetteer = ActorLexicon.load(), Gazetteer()
    decider = EventModel.load() if settings.event_coder == "model" else None
    return [Actors(lexicon, gazetteer), Places(lexicon, gazetteer), DateTagger(), Quotes(lexicon),
            Events(lexicon, gazetteer, decider, settings.min_confidence)]


def check_stages(stages: Iterable[Stage]) -> None:
    have = set(PROVIDED_BY_CLEAN)
    for stage in stages:
        missing = set(stage.needs) - have
        if missing:
            raise ValueError(f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage adds")
        have.update(stage.adds)


class Pipeline:
    def __init__(self, settings: Settings | None = None, stages: list[Stage] | None = None,
                 nlp: Language | None = None):
        self.settings = settings or Settings()
        self.cleaner = Cleaner(self.settings)
        self.stages = default_stages(self.settings) if stages is None else stages
        check_stages(self.stages)
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from veille.annotate.nlp import load_model

            self._nlp = load_model(self.settings.model, self.settings.max_chars)
        return self._nlp

    def run(self, items: Iterable[Raw | Failure],
            skip: Callable[[Raw], bool] | None = None) -> Iterator[Article | Failure]:
        """Failures pass straight through; records for which `skip` says yes (already stored) are dropped
        before any work is spent on them. With `settings.jobs > 1`, batches go to worker processes (each loads
        the model once) and come back in input order."""
        batches = self._batches(items, skip)
        if self.settings.jobs <= 1:
            for batch in batches:
                if isinstance(batch, Failure):
                    yield batch
                else:
                    yield from self.process(batch)
            return
        yield from self._run_pool(batches)

    def _batches(self, items: Iterable[Raw | Failure],
                 skip: Callable[[Raw], bool] | None) -> Iterator[list[Raw] | Failure]:
        batch: list[Raw] = []
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            if skip is not None and skip(item):
                continue
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _run_pool(self, batches: Iterator[list[Raw] | Failure]) -> Iterator[Article | Failure]:
        """Failures of reading are yielded at once; batches are processed ahead, at most 2 per worker in
        flight, so memory stays flat however long the input."""
        import multiprocessing as mp
        from collections import deque

        ctx = mp.get_context("spawn")
        with ctx.Pool(self.settings.jobs, initializer=_init_worker, initargs=(self.settings,)) as pool:
            pending: deque = deque()
            for batch in batches:
                if isinstance(batch, Failure):
                    pending.append([batch])
                else:
                    pending.append(pool.apply_async(_process_batch, (batch,)))
                while len(pending) > 2 * self.settings.jobs:
                    yield from _result(pending.popleft())
            while pending:
                yield from _result(pending.popleft())

    def process(self, raws: list[Raw]) -> list[Article | Failure]:
        cleaned = [self.clean_one(raw) for raw in raws]
        for a in cleaned:
            if isinstance(a, Article):
                a.meta["layers"] = ["clean"]
        articles = [a for a in cleaned if isinstance(a, Article) and self.served(a)]
        if self.settings.annotate and self.stages and articles:
            done = {id(a): r for a, r in zip(articles, self.annotate(articles), strict=True)}
            cleaned = [done.get(id(a), a) for a in cleaned]
        return cleaned

    def served(self, article: Article) -> bool:
        """Some stage reads its language: only then is it parsed (the model is French, as the packs are)."""
        return any(_serves(stage, article.language) for stage in self.stages)

    def clean_one(self, raw: Raw) -> Article | Failure:
        try:
            return self.cleaner(raw)
        except InputError as e:
            return Failure(e.where, e.reason, "clean")
        except Exception as e:  # a cleaning bug must cost one document, not the run
            return Failure(raw.input, f"cleaning failed ({type(e).__name__}: {e})", "clean")

    def annotate(self, articles: list[Article]) -> list[Article | Failure]:
        return [self.annotate_one(a, doc) for a, doc in zip(articles, self.parse(articles), strict=True)]

    def parse(self, articles: list[Article]) -> list[Doc | Exception]:
        texts = [a.text for a in articles]
        if any(len(t) > LONG_TEXT for t in texts):
            return [self._parse_one(t) for t in texts]
        try:
            return list(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
        except Exception:  # find the culprit: parse one by one, so only it fails
            return [self._parse_one(t) for t in texts]

    def _parse_one(self, text: str) -> Doc | Exception:
        try:
            if len(text) <= LONG_TEXT:
                return self.nlp(text)
            from spacy.tokens import Doc

            pieces = paragraph_chunks(text, LONG_TEXT // LONG_BATCH)
            docs = self.nlp.pipe(pieces, batch_size=LONG_BATCH, n_process=self._long_processes())
            doc = Doc.from_docs(list(docs), ensure_whitespace=False)
            if doc.text != text:
                raise ValueError("chunked parse does not rebuild the text")
            return doc
        except Exception as e:
            return e

    def _long_processes(self) -> int:
        """A very long text is parsed on every core, unless this process is already one of several workers
        (a pool or Spark: they use the cores, and a daemonic worker may not start processes)."""
        import multiprocessing

        if self.settings.jobs > 1 or multiprocessing.current_process().daemon or _WORKER is self:
            return 1
        return max(1, min(LONG_PROCESSES, os.cpu_count() or 1))

    def annotate_one(self, article: Article, doc: Doc | Exception) -> Article | Failure:
        if isinstance(doc, Exception):
            return Failure(_where(article), f"NLP parsing failed ({type(doc).__name__}: {doc})", "parse")
        for stage in self.stages:
            if not _serves(stage, article.language):
                continue
            try:
                stage(article, doc)
                article.meta.setdefault("layers", ["clean"]).append(stage.name)
            except Exception as e:
                return Failure(_where(article), f"stage {stage.name} failed ({type(e).__name__}: {e})",
                               stage.name)
        bad = article.bad_spans()
        if bad:
            return Failure(_where(article), f"{len(bad)} span(s) do not match the text", "check")
        return article


def _serves(stage: Stage, language: str) -> bool:
    languages = getattr(stage, "languages", None)
    return languages is None or language in languages or language == UNKNOWN_LANGUAGE


def paragraph_chunks(text: str, size: int) -> list[str]:
    """`text` cut after paragraph breaks into pieces of about `size` characters that join back into it exactly.
    A paragraph longer than `size` is its own piece."""
    pieces, start = [], 0
    while start < len(text):
        cut = text.rfind("\n\n", start, start + size) if start + size < len(text) else len(text)
        if cut <= start:
            cut = text.find("\n\n", start + size)
        end = len(text) if cut < 0 or cut >= len(text) else cut + 2
        pieces.append(text[start:end])
        start = end
    return pieces


_WORKER: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Pipeline(settings.with_(jobs=1))
    if settings.annotate:
        _WORKER.nlp  # noqa: B018 - load the model once per worker, before the first batch


def _process_batch(batch: list[Raw]) -> list[Article | Failure]:
    assert _WORKER is not None
    return _WORKER.process(batch)


def _result(item: Any) -> list[Article | Failure]:
    return item if isinstance(item, list) else item.get()


def _where(article: Article) -> str:
    return article.input or article.id


def extract_all(inputs: Iterable[str], settings: Settings, pipeline: Pipeline | None = None,
                **kwargs: Any) -> Iterator[Article | Failure]:
    from veille.read import read

    pipe = pipeline or Pipeline(settings)
    yield from pipe.run(read(inputs, settings), **kwargs)
