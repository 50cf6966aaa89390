"""Scale-out on Apache Spark: the same pipeline, in `mapPartitions`; republication as a distributed join.

    veille spark INPUT... --output DIR [--master local[2]] [--partitions N]

Each partition builds one `Pipeline` (the model loads once per Python worker and stays for its next
partitions) and runs exactly the code `veille ingest` runs. Republication: every article's fingerprint is
exploded into (band, article) and (sentence hash, article) rows; articles sharing a band, or two sentences that
fewer than STOCK_DF articles share, become candidate pairs; each pair is verified by `veille.link.reuse.verify`
next to both texts. Event mentions are then merged on the driver with `veille.link.merge` (a few hundred
thousand mentions for a 36k-article corpus). The output is one Parquet table per layer, with the columns of
the store's tables and each item's JSON in `data`; `veille ingest --parquet DIR` loads it into a store.

Inputs: several files are spread over the partitions and each task reads its own; a single file is read on the
driver and its records spread (reading is cheap; the NLP is what needs the cluster).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from veille.errors import Failure
from veille.model import Article
from veille.read import Raw, read
from veille.settings import STOCK_DF, Settings
from veille.store import ARTICLE_COLUMNS, LAYERS

TABLES = ("articles", *LAYERS, "reuse")
NUMERIC = {"idx": "int", "lat": "double", "lon": "double", "geonameid": "long", "containment": "double"}
_PIPELINE: Any = None


def article_row(art: Article, cluster: str | None) -> dict[str, Any]:
    row = {c: getattr(art, c) for c in ARTICLE_COLUMNS}
    row.update(removed=_json([r for r in art.to_dict()["removed"]]), spans=_json(art.to_dict().get("spans", {})),
               meta=_json(art.meta), cluster_id=cluster)
    return row


def layer_rows(art: Article) -> Iterator[tuple[str, dict[str, Any]]]:
    d = art.to_dict()
    for layer, columns in LAYERS.items():
        for i, (item, data) in enumerate(zip(getattr(art, layer), d[layer], strict=True)):
            yield layer, {"article_id": art.id, "idx": i, **columns(item), "data": _json(data)}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- what runs on the workers ------------------------------------------------------------------------------

def annotate_partition(units: Iterable[Any], settings: Settings) -> Iterator[tuple[str, str]]:
    """Raw records, or input paths, → ("ok", article JSON) or ("failed", failure line)."""
    global _PIPELINE
    from veille.pipeline import Pipeline

    if _PIPELINE is None or _PIPELINE.settings != settings:
        _PIPELINE = Pipeline(settings)
    raws: Iterable[Raw | Failure] = (r for u in units for r in (read([u], settings) if isinstance(u, str) else [u]))
    for item in _PIPELINE.run(raws):
        yield ("failed", str(item)) if isinstance(item, Failure) else ("ok", item.to_json())


def fingerprint_of(doc: str) -> tuple[str, list[int], list[int]]:
    from veille.link.reuse import fingerprint

    fp = fingerprint(Article.from_json(doc))
    return fp.doc, sorted(fp.bands), fp.sentences


def pairs_of(ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    ids = sorted(set(ids))
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            yield a, b


def verify_pair(a_doc: str, b_doc: str, stock: frozenset[int]) -> dict[str, Any] | None:
    from veille.link.reuse import fingerprint, verify

    a, b = Article.from_json(a_doc), Article.from_json(b_doc)
    hashes = fingerprint(a).sentences + fingerprint(b).sentences
    link = verify(a, b, {h for h in hashes if h in stock})
    return link.to_dict() if link is not None else None


# --- the driver ------------------------------------------------------------------------------------------

def session(master: str | None = None, app: str = "veille") -> Any:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app).config("spark.ui.enabled", "false") \
        .config("spark.sql.session.timeZone", "UTC").config("spark.driver.memory", "4g")
    return builder.master(master or os.environ.get("VEILLE_SPARK_MASTER", "local[*]")).getOrCreate()


def units_of(inputs: list[str], settings: Settings) -> tuple[list[Any], list[str]]:
    """Paths when there are several input files, else the records of the one file (with reading failures)."""
    from veille.read import walk

    files = [str(p) for x in inputs if x != "-" for p in (walk(Path(x)) if Path(x).is_dir() else [Path(x)])]
    if len(files) > 1:
        return files, []
    units, failed = [], []
    for item in read(inputs, settings):
        (failed.append(str(item)) if isinstance(item, Failure) else units.append(item))
    return units, failed


def run(inputs: list[str], output: str | Path, master: str | None = None, partitions: int | None = None,
        settings: Settings | None = None, spark: Any = None) -> dict[str, Any]:
    """Annotate, link and merge INPUTS on Spark; write one Parquet table per layer under OUTPUT."""
    settings = settings or Settings()
    spark = spark or session(master)
    sc = spark.sparkContext
    units, failed = units_of(inputs, settings)
    slices = partitions or max(1, min(len(units), sc.defaultParallelism * 4))
    done = sc.parallelize(units, slices).mapPartitions(lambda it: annotate_partition(it, settings)).cache()
    failed += done.filter(lambda r: r[0] == "failed").map(lambda r: r[1]).collect()
    docs = done.filter(lambda r: r[0] == "ok").map(lambda r: r[1]) \
        .map(lambda d: (json.loads(d)["id"], d)).reduceByKey(lambda a, _: a).cache()
    links = republication(docs)
    from veille.link.merge import assign
    from veille.link.reuse import clusters

    # a copy without a date of its own is dated by its source, as in the store (see Store.mentions_near)
    dates = dict(docs.map(lambda kv: (kv[0], json.loads(kv[1]).get("published"))).collect())
    for lk in sorted(links, key=lambda lk: dates.get(lk["source"]) or "~"):
        if not dates.get(lk["copy"]) and dates.get(lk["source"]):
            dates[lk["copy"]] = dates[lk["source"]]
    dates_b = sc.broadcast(dates)
    mentions = docs.flatMap(lambda kv: _mentions(kv[1], dates_b.value.get(kv[0]))).collect()
    event_ids = assign(mentions, {frozenset((lk["source"], lk["copy"])) for lk in links})
    cluster_of = clusters((lk["source"], lk["copy"]) for lk in links)
    write_tables(spark, docs, links, event_ids, cluster_of, Path(output))
    report = {"articles": docs.count(), "failed": failed, "links": len(links), "events": len(event_ids),
              "output": str(output)}
    done.unpersist()
    return report


def _mentions(doc: str, published: str | None) -> list[Any]:
    from veille.link.merge import Mention

    d = json.loads(doc)
    return [Mention.from_data(d["id"], i, e, published) for i, e in enumerate(d.get("events", []))]


def republication(docs: Any) -> list[dict[str, Any]]:
    """Candidate pairs by shared band or by two shared non-stock sentences, verified beside both texts."""
    prints = docs.map(lambda kv: fingerprint_of(kv[1])).cache()
    by_band = prints.flatMap(lambda fp: [(b, fp[0]) for b in fp[1]]).groupByKey() \
        .flatMap(lambda kv: pairs_of(kv[1]))
    by_sentence = prints.flatMap(lambda fp: [(h, fp[0]) for h in set(fp[2])]).groupByKey() \
        .mapValues(list).cache()
    stock = frozenset(by_sentence.filter(lambda kv: len(kv[1]) >= STOCK_DF).keys().collect())
    shared = by_sentence.filter(lambda kv: len(kv[1]) < STOCK_DF).flatMap(lambda kv: pairs_of(kv[1])) \
        .map(lambda p: (p, 1)).reduceByKey(lambda a, b: a + b).filter(lambda kv: kv[1] >= 2).keys()
    candidates = by_band.union(shared).distinct()
    stock_b = docs.context.broadcast(stock)
    joined = candidates.join(docs).map(lambda kv: (kv[1][0], (kv[0], kv[1][1]))).join(docs)
    links = joined.map(lambda kv: verify_pair(kv[1][0][1], kv[1][1], stock_b.value)) \
        .filter(lambda x: x is not None).collect()
    prints.unpersist()
    by_sentence.unpersist()
    return sorted(links, key=lambda lk: (lk["source"], lk["copy"]))


def write_tables(spark: Any, docs: Any, links: list[dict[str, Any]], event_ids: dict, cluster_of: dict[str, str],
                 out: Path) -> None:
    from pyspark.sql import types as T

    ids_b = docs.context.broadcast(event_ids)
    clusters_b = docs.context.broadcast(cluster_of)

    def finish(doc: str) -> Article:
        art = Article.from_json(doc)
        for i, e in enumerate(art.events):
            e.event_id = ids_b.value.get((art.id, i), e.event_id)
        return art

    arts = docs.map(lambda kv: finish(kv[1])).cache()
    rows = {"articles": arts.map(lambda a: article_row(a, clusters_b.value.get(a.id)))}
    items = arts.flatMap(layer_rows).cache()
    for layer in LAYERS:
        rows[layer] = items.filter(lambda r, layer=layer: r[0] == layer).map(lambda r: r[1])
    rows["reuse"] = docs.context.parallelize([{"source_id": lk["source"], "copy_id": lk["copy"],
                                               "containment": lk["containment"], "relation": lk.get("relation"),
                                               "data": _json({k: v for k, v in lk.items()
                                                              if k not in ("source", "copy")})} for lk in links], 1)
    for table, rdd in rows.items():
        columns = _columns(table)
        schema = T.StructType([T.StructField(c, _spark_type(T, c), True) for c in columns])
        spark.createDataFrame(rdd.map(lambda r, cs=columns: tuple(r.get(c) for c in cs)), schema) \
            .write.mode("overwrite").parquet(str(out / table))
    arts.unpersist()
    items.unpersist()


def _columns(table: str) -> list[str]:
    if table == "articles":
        return [*ARTICLE_COLUMNS, "removed", "spans", "meta", "cluster_id"]
    if table == "reuse":
        return ["source_id", "copy_id", "containment", "relation", "data"]
    from veille.store import layer_columns

    return ["article_id", "idx", *layer_columns(table), "data"]


def _spark_type(T: Any, column: str) -> Any:
    return {"int": T.IntegerType(), "double": T.DoubleType(), "long": T.LongType()}.get(NUMERIC.get(column, ""),
                                                                                          T.StringType())


# --- back into a store -------------------------------------------------------------------------------------

def load_parquet(folder: str | Path, store: Any, batch_size: int = 500) -> dict[str, int]:
    """Load the tables `veille spark` wrote into a store: articles with every layer (event ids as merged on
    Spark), republication links and clusters, and the republication index for later incremental ingests."""
    import pyarrow.parquet as pq

    from veille.link.reuse import fingerprint

    folder = Path(folder)
    layers: dict[str, dict[str, list[tuple[int, dict]]]] = {}
    for layer in LAYERS:
        table = pq.read_table(folder / layer, columns=["article_id", "idx", "data"]).to_pylist()
        by_article: dict[str, list[tuple[int, dict]]] = {}
        for r in table:
            by_article.setdefault(r["article_id"], []).append((r["idx"], json.loads(r["data"])))
        layers[layer] = by_article
    added, batch = 0, []
    for r in pq.read_table(folder / "articles").to_pylist():
        d = {c: r[c] for c in ARTICLE_COLUMNS}
        d.update(removed=json.loads(r["removed"]), spans=json.loads(r["spans"]), meta=json.loads(r["meta"]))
        for layer in LAYERS:
            d[layer] = [x for _, x in sorted(layers[layer].get(r["id"], []), key=lambda t: t[0])]
        batch.append(Article.from_dict(d))
        if len(batch) >= batch_size:
            added += _store_batch(store, batch, fingerprint)
    added += _store_batch(store, batch, fingerprint)
    links = [{"source": r["source_id"], "copy": r["copy_id"], **json.loads(r["data"])}
             for r in pq.read_table(folder / "reuse").to_pylist()]
    if links:
        store.write_links(links)
        from veille.link.reuse import clusters

        store.set_clusters(clusters(store.link_pairs()))
    return {"added": added, "links": len(links)}


def _store_batch(store: Any, batch: list[Article], fingerprint: Any) -> int:
    added = store.write(batch)
    for art in batch:
        store.add(fingerprint(art))
    batch.clear()
    return added


def main(argv: list[str] | None = None) -> None:
    """`spark-submit veille/spark.py INPUT... --output DIR`: the same as `veille spark`, for clusters that start
    jobs with spark-submit (the master then comes from spark-submit's --master)."""
    import argparse

    ap = argparse.ArgumentParser(prog="veille-spark")
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--output", required=True)
    ap.add_argument("--partitions", type=int)
    ap.add_argument("--no-nlp", action="store_true")
    args = ap.parse_args(argv)
    from pyspark.sql import SparkSession

    report = run(args.inputs, args.output, partitions=args.partitions, settings=Settings(annotate=not args.no_nlp),
                 spark=SparkSession.builder.appName("veille").getOrCreate())
    print(json.dumps({k: v for k, v in report.items() if k != "failed"} | {"failed": len(report["failed"])}))


if __name__ == "__main__":
    main()
