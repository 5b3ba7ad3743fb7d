"""Everything extract learns from one document, computed without looking at the others.

``extract_batch`` is the unit of work the stage sends to its engine (this process, a
process pool or dask workers). Each process builds its ``Extractor`` (the spaCy pipelines,
concept matchers, lexicon and gazetteer) once per recipe and keeps it for later batches.
A document's result depends only on its text and passages and on the recipe, so it can be
cached; what needs the whole corpus (entity resolution, term ranking, co-occurrence) is
left to the stage.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus_mining.nlp.acronym_roles import (
    AcronymRoles,
    acronym_roles,
    locate,
    passage_offsets,
    undefined_not_actors,
)
from corpus_mining.nlp.acronyms import AcronymDefinition, find_definitions, find_mentions
from corpus_mining.nlp.annotate import ConceptSpan, Mention, annotate
from corpus_mining.nlp.common_words import is_common_word
from corpus_mining.nlp.concepts import ConceptMatcher, build_matchers
from corpus_mining.nlp.document_labels import (
    relabel_common_word_people,
    relabel_people_named_elsewhere,
    relabel_place_named_people,
)
from corpus_mining.nlp.gazetteer import Gazetteer
from corpus_mining.nlp.given_names import is_given_name
from corpus_mining.nlp.lemmas import passage_lemmas
from corpus_mining.nlp.lexicon import load_lexicon
from corpus_mining.nlp.pipeline import build_pipeline
from corpus_mining.nlp.places import load_places
from corpus_mining.nlp.references import citation_spans, reference_flags
from corpus_mining.nlp.registries import full_gazetteer
from corpus_mining.nlp.resolve import Surface
from corpus_mining.terms.cvalue import Candidate, extract_candidates
from corpus_mining.textfold import fold

UNDETERMINED = "und"  # ISO 639-2 code for passages without a detected language


@dataclass(frozen=True)
class ExtractRecipe:
    """What an ``Extractor`` is built from; small and picklable, sent with every batch."""

    models: tuple[tuple[str, str], ...]
    lexicon: Path
    actors: Path | None  # None: no gazetteer (neither actors.yaml nor the registries)
    places: bool
    batch_size: int


@dataclass(frozen=True)
class DocumentInput:
    """One document's text and its passages (``passage_id``, ``lang``, ``text``), in order."""

    doc_id: str
    text: str
    passages: tuple[dict[str, Any], ...]


@dataclass
class DocumentResult:
    """One document's rows, before corpus-wide resolution.

    Mentions carry ``gazetteer_id`` and no ``entity_id`` yet; each acronym row's
    ``linked_id`` holds the concept it names, and ``acronym_surfaces`` the mention whose
    entity takes precedence once entities are resolved.
    """

    doc_id: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    concepts: list[dict[str, Any]] = field(default_factory=list)
    lemmas: list[dict[str, Any]] = field(default_factory=list)
    candidates: list[tuple[str, str, list[Candidate]]] = field(default_factory=list)
    acronyms: list[dict[str, Any]] = field(default_factory=list)
    acronym_surfaces: list[Surface | None] = field(default_factory=list)
    passages_by_lang: Counter[str] = field(default_factory=Counter)
    skipped_langs: Counter[str] = field(default_factory=Counter)


class Extractor:
    """Pipelines and rules for one recipe; pipelines load on first use of a language."""

    def __init__(self, recipe: ExtractRecipe) -> None:
        self.recipe = recipe
        self.models = dict(recipe.models)
        self.lexicon = load_lexicon(recipe.lexicon, missing_ok=True)
        self.gazetteer = full_gazetteer(recipe.actors) if recipe.actors else Gazetteer()
        self.is_place = load_places().is_place if recipe.places else _never
        self.concept_terms = {
            term for lang in self.lexicon.languages for term, _ in self.lexicon.terms(lang)
        }
        self.folded_terms = {
            fold(t): cid for lang in self.lexicon.languages for t, cid in self.lexicon.terms(lang)
        }
        self._pipelines: dict[str, tuple[Any, ConceptMatcher]] = {}

    def pipeline(self, lang: str) -> tuple[Any, ConceptMatcher]:
        """The spaCy pipeline and concept matcher of ``lang`` (loaded once)."""
        if lang not in self._pipelines:
            nlp = build_pipeline(self.models[lang], self.gazetteer)
            self._pipelines[lang] = (nlp, build_matchers(self.lexicon, {lang: nlp})[lang])
        return self._pipelines[lang]

    def extract(self, documents: list[DocumentInput]) -> list[DocumentResult]:
        """Results of ``documents``, in order; each language's passages go through one pipe."""
        states = [_DocumentState.of(document, self) for document in documents]
        by_lang: dict[str, list[tuple[_DocumentState, dict[str, Any]]]] = defaultdict(list)
        for state in states:
            for passage in state.document.passages:
                lang = passage["lang"] or UNDETERMINED
                if lang in self.models:
                    by_lang[lang].append((state, passage))
                else:
                    state.result.skipped_langs[lang] += 1
        for lang, items in sorted(by_lang.items()):
            nlp, matcher = self.pipeline(lang)
            texts = (passage["text"] for _, passage in items)
            for (state, passage), doc in zip(
                items, nlp.pipe(texts, batch_size=self.recipe.batch_size), strict=True
            ):
                state.add_passage(lang, passage, doc, matcher)
        return [state.finish(self) for state in states]


@dataclass
class _DocumentState:
    document: DocumentInput
    definitions: dict[str, AcronymDefinition]
    not_actor: Any
    is_place: Any
    roles: AcronymRoles
    in_reference: dict[str, bool]
    result: DocumentResult
    lowercase_words: frozenset[str] = frozenset()
    common_word_people: set[str] = field(default_factory=set)  # "Knowledge", not "Grace"
    cited_people: set[str] = field(default_factory=set)  # people of reference lists
    passage_mentions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    passage_rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: DocumentInput, extractor: Extractor) -> _DocumentState:
        definitions = {d.acronym: d for d in reversed(find_definitions(document.text))}
        roles = acronym_roles(
            document.text,
            definitions,
            document.passages,
            is_concept=lambda term: fold(term) in extractor.folded_terms,
        )
        undefined = undefined_not_actors(document.text, roles.defined)
        not_actors = extractor.concept_terms | roles.not_org | undefined

        def not_actor(text: str) -> bool:
            singular = text[:-1] if text.endswith("s") else text
            return bool({text, singular} & not_actors)

        passages = document.passages
        flags = reference_flags([p["text"] for p in passages])
        return cls(
            document=document,
            definitions=definitions,
            not_actor=not_actor,
            is_place=extractor.is_place,
            roles=roles,
            in_reference={p["passage_id"]: f for p, f in zip(passages, flags, strict=True)},
            result=DocumentResult(doc_id=document.doc_id),
            lowercase_words=_lowercase_words(document.text),
        )

    def written_lowercase(self, phrase: str) -> bool:
        """Whether the document also writes ``phrase`` in lower case (a common phrase)."""
        return _written_lowercase(phrase, self.document.text, self.lowercase_words)

    def common_word(self, word: str) -> bool:
        """Whether a one-word "person" is a common word.

        The document writes it in lower case, or the language's lexicon knows it and it is
        no given name nor a surname the document's reference list cites.
        """
        cited = word in self.cited_people
        known = word in self.common_word_people and not cited and not is_given_name(word)
        return known or self.written_lowercase(word)

    def add_passage(
        self, lang: str, passage: dict[str, Any], doc: Any, matcher: ConceptMatcher
    ) -> None:
        """Annotate one processed passage; rows are put in passage order by ``finish``."""
        hits = matcher(doc)
        bibliography = self.in_reference[passage["passage_id"]]
        mentions, concepts = annotate(
            doc,
            hits,
            not_actor_acronym=self.not_actor,
            is_common_phrase=self.written_lowercase,
            bibliography=bibliography,
            is_place=self.is_place,
            acronyms=self.roles.acronyms(),
            org_expansions=self.roles.expansions.get(passage["passage_id"], ()),
        )
        rows = _rows(passage, mentions, concepts, bibliography)
        for row in rows[0]:
            word = row["text"]
            if row["label"] != "PER" or not word.isalpha():
                continue
            if row["in_reference"]:  # an author's surname may be a common word ("Marchand")
                self.cited_people.add(word)
            elif is_common_word(doc, word):
                self.common_word_people.add(word)
        lemmas, shared = passage_lemmas(doc, hits)
        self.passage_rows[passage["passage_id"]] = {
            "rows": rows,
            "lemmas": {
                "passage_id": passage["passage_id"],
                "doc_id": self.document.doc_id,
                "lang": lang,
                "lemmas": lemmas,
                "shared": shared,
            },
            "candidates": (lang, passage["passage_id"], extract_candidates(doc)),
        }
        self.result.passages_by_lang[lang] += 1

    def finish(self, extractor: Extractor) -> DocumentResult:
        result = self.result
        for passage in self.document.passages:
            found = self.passage_rows.get(passage["passage_id"])
            if found is None:
                continue
            mentions, concepts = found["rows"]
            result.mentions.extend(mentions)
            result.concepts.extend(concepts)
            result.lemmas.append(found["lemmas"])
            result.candidates.append(found["candidates"])
        self.roles.relabel_model_orgs(result.mentions)
        relabel_common_word_people(result.mentions, self.common_word)
        relabel_people_named_elsewhere(result.mentions, self.is_place)
        relabel_place_named_people(result.mentions, self.is_place, self.written_lowercase)
        self._acronyms(extractor)
        return result

    def _acronyms(self, extractor: Extractor) -> None:
        text, result = self.document.text, self.result
        offsets = passage_offsets(text, self.document.passages)
        surface_of = {m["text"]: _surface(m) for m in result.mentions}
        for acronym, definition in sorted(self.definitions.items()):
            passage_id, start = locate(offsets, definition.start)
            concept = extractor.folded_terms.get(fold(acronym)) or extractor.folded_terms.get(
                fold(definition.expansion)
            )
            result.acronyms.append(
                {
                    "doc_id": self.document.doc_id,
                    "acronym": acronym,
                    "expansion": definition.expansion,
                    "passage_id": passage_id,
                    "start": start,
                    "end": start + len(acronym),
                    "pattern": definition.pattern,
                    "n_mentions": len(find_mentions(text, [acronym])),
                    "linked_id": concept,
                }
            )
            result.acronym_surfaces.append(surface_of.get(acronym))


def _surface(mention: dict[str, Any]) -> Surface:
    return (mention["text"], mention["label"], mention["gazetteer_id"] or "")


def _rows(
    passage: dict[str, Any],
    mentions: list[Mention],
    concepts: list[ConceptSpan],
    bibliography: bool,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Mention and concept rows of one passage, with their reference flags."""
    cited = citation_spans(passage["text"])

    def in_reference(start: int, end: int) -> bool:
        return bibliography or any(a <= start and end <= b for a, b in cited)

    pid = passage["passage_id"]
    base = {"doc_id": passage["doc_id"], "passage_id": pid, "lang": passage["lang"]}
    mention_rows = [
        {
            **base,
            "mention_id": f"{pid}-m{i:03d}",
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "label": m.label,
            "entity_id": None,
            "source": m.source,
            "rule": m.rule,
            "gazetteer_id": m.gazetteer_id,
            "in_reference": in_reference(m.start, m.end),
        }
        for i, m in enumerate(mentions)
    ]
    concept_rows = [
        {
            **base,
            "concept_mention_id": f"{pid}-c{i:03d}",
            "concept_id": c.concept_id,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "source": c.source,
            "in_reference": in_reference(c.start, c.end),
        }
        for i, c in enumerate(concepts)
    ]
    return mention_rows, concept_rows


def _never(text: str) -> bool:
    return False


_WORD = re.compile(r"[^\W\d_]+")


def _lowercase_words(text: str) -> frozenset[str]:
    """The words of ``text`` written wholly in lower case."""
    return frozenset(word for word in _WORD.findall(text) if word.islower())


def _written_lowercase(phrase: str, text: str, words: frozenset[str] = frozenset()) -> bool:
    """Whether ``phrase`` also occurs in ``text`` entirely in lower case.

    A phrase is looked for as written; one word must occur as a whole word of ``words``
    ("union" in "réunion" does not count).
    """
    lower = phrase.lower()
    if lower == phrase:
        return False
    return lower in words if " " not in phrase else lower in text


_EXTRACTORS: dict[ExtractRecipe, Extractor] = {}


def extractor_for(recipe: ExtractRecipe) -> Extractor:
    """This process's extractor for ``recipe``, built on first use and then kept."""
    if recipe not in _EXTRACTORS:
        _EXTRACTORS.clear()  # one recipe at a time: models are large
        _EXTRACTORS[recipe] = Extractor(recipe)
    return _EXTRACTORS[recipe]


def extract_batch(task: tuple[ExtractRecipe, list[DocumentInput]]) -> list[DocumentResult]:
    """The engine's unit of work: a batch of documents, in any process."""
    recipe, documents = task
    return extractor_for(recipe).extract(documents)
