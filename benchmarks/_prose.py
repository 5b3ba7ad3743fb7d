"""Sentences for ``synthetic_corpus.py``: template slots filled from the project's own terms.

Concept terms come from ``corpus/lexicon.yaml`` and organisations from ``corpus/actors.yaml``
(read at run time); people, places and templates from ``_vocabulary.py``. A ``Writer`` holds
one document's state (language, year, focus concepts, places, people, acronyms it defined)
and draws every choice from that document's own ``random.Random``.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _vocabulary as V
import yaml

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "corpus" / "lexicon.yaml"
ACTORS = ROOT / "corpus" / "actors.yaml"
# Verbs and bare adjectives read badly in "la notion de {c}"; French terms in the English
# lexicon are there for quotations, not for English prose.
_SKIP_TERMS = {
    "fr": {"innover", "coopérer", "co-construire", "mutualiser", "partager des ressources",
           "territorial", "citoyenne", "mise en commun"},
    "en": {"innovate", "co-operate", "share resources", "territorial", "pôle de compétitivité",
           "tiers-lieu", "pôle territorial de coopération économique"},
}  # fmt: skip
_SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "à", "a", "of", "and",
                "the", "for", "on", "in", "pour", "au", "aux", "en"}  # fmt: skip
_FRENCH_MARKS = re.compile(
    r"[éèêàçôûîœ]|\b(?:de|des|du|la|le|les|et|pour|unies|mondiale)\b|[ld]'", re.I
)
_ENGLISH_MARKS = re.compile(
    r"\b(?:of|for|and|the|on|European|International|Network|Platform|Observatory|Committee"
    r"|Fund|Union|Parliament|Organi[sz]ation|Bank|Nations)\b"
)
_FR_ELISION = re.compile(r"\b([dDlL])[ea] (?=[aeiouyàâéèêëîïôûœAEIOUYÀÂÉÈÊËÎÏÔÛ])")
_FR_QUE = re.compile(r"\b([qQ])ue (?=[aeiouyàâéèêëîïôûAEIOUYÉÈÊÎÔ])")
_EN_AN = re.compile(r"\b([aA]) (?=[aeioAEIO])")


@dataclass(frozen=True)
class Pools:
    """Terms and names read from the project's lexicon and gazetteer, per language."""

    concepts: dict[str, dict[str, list[str]]]  # lang -> concept id -> terms
    acronyms: dict[str, list[tuple[str, str]]]  # lang -> concept (acronym, expansion)
    actor_acronyms: dict[str, list[tuple[str, str]]]  # lang -> organisation (acronym, name)
    actors: dict[str, list[str]]  # lang -> organisation names


# --- pools -------------------------------------------------------------------------------------
def _initials(phrase: str) -> str:
    words = re.split(r"[\s'’]+", phrase)
    letters = [w[0] for w in words if w and w.lower() not in _SMALL_WORDS]
    folded = unicodedata.normalize("NFKD", "".join(letters)).encode("ascii", "ignore")
    return folded.decode().upper()


def _is_acronym(term: str) -> bool:
    return term.isupper() and " " not in term and len(term) >= 2


def _pairs(acronyms: list[str], longs: list[str]) -> list[tuple[str, str]]:
    """Each acronym with the first long form whose initials spell it."""
    found = []
    for acronym in (a for a in acronyms if a.isalnum()):  # not "FSE+"
        letters = re.sub(r"[^A-Z]", "", acronym)
        match = next((long for long in longs if _initials(long) == letters), None)
        if match:
            found.append((acronym, match))
    return found


def _looks_french(name: str) -> bool:
    return bool(_FRENCH_MARKS.search(name))


def _looks_english(name: str) -> bool:
    return bool(_ENGLISH_MARKS.search(name)) and not _looks_french(name)


def _wanted(name: str, lang: str) -> bool:
    """Whether an organisation's name suits ``lang``; neutral names (Bpifrance) suit both."""
    return not _looks_english(name) if lang == "fr" else not _looks_french(name)


def _concept_pools(
    concepts: dict[str, Any], lang: str
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Prose terms per concept (no acronyms), and (acronym, expansion) pairs."""
    terms = {cid: c["terms"].get(lang, []) for cid, c in concepts.items()}
    prose = {
        cid: [t for t in ts if not _is_acronym(t) and t not in _SKIP_TERMS[lang]]
        for cid, ts in terms.items()
    }
    pairs = [p for ts in terms.values() for p in _pairs([t for t in ts if _is_acronym(t)], ts)]
    return {cid: ts for cid, ts in prose.items() if ts}, sorted(set(pairs))


def _actor_pools(
    actors: list[dict[str, Any]], lang: str
) -> tuple[list[str], list[tuple[str, str]]]:
    """Up to two names per organisation for ``lang``, and (acronym, name) pairs."""
    names: list[str] = []
    pairs: list[tuple[str, str]] = []
    for actor in actors:
        every = list(dict.fromkeys([actor["canonical"], *actor.get("aliases", [])]))
        acronyms = [n for n in every if _is_acronym(n)]
        mine = _pairs(acronyms, [n for n in every if not _is_acronym(n) and _wanted(n, lang)])
        spelled = {a for a, _ in _pairs(acronyms, [n for n in every if not _is_acronym(n)])}
        foreign = spelled - {a for a, _ in mine}  # acronyms of the other language's name
        pairs += mine
        names += [n for n in every if (n in acronyms or _wanted(n, lang)) and n not in foreign][:2]
    return list(dict.fromkeys(names)), sorted(set(pairs))


def load_pools(lexicon: Path = LEXICON, actors: Path = ACTORS) -> Pools:
    """Concept terms, acronym definitions and organisation names per language."""
    concepts_yaml = yaml.safe_load(lexicon.read_text(encoding="utf-8"))["concepts"]
    actors_yaml = yaml.safe_load(actors.read_text(encoding="utf-8"))["actors"]
    pools = Pools({}, {}, {}, {})
    for lang in ("fr", "en"):
        pools.concepts[lang], pools.acronyms[lang] = _concept_pools(concepts_yaml, lang)
        pools.actors[lang], pools.actor_acronyms[lang] = _actor_pools(actors_yaml, lang)
    return pools


# --- text --------------------------------------------------------------------------------------
class _Slots(dict[str, str]):
    """Slot values of one sentence, drawn on first use so repeated slots agree."""

    def __init__(self, writer: Writer, **given: str) -> None:
        super().__init__(given)
        self._writer = writer

    def __missing__(self, key: str) -> str:
        value = self._writer.slot(key, self)
        self[key] = value
        return value


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title_case(text: str) -> str:
    words = text.split(" ")
    return " ".join(w if w in _SMALL_WORDS and i else capitalise(w) for i, w in enumerate(words))


class Writer:
    """Fills templates for one document: its language, focus concepts, places and people."""

    def __init__(self, rng: random.Random, lang: str, year: int, pools: Pools) -> None:
        self.rng, self.lang, self.year, self.pools = rng, lang, year, pools
        concepts = pools.concepts[lang]
        self.concept_ids = sorted(concepts)
        self.focus = rng.sample(self.concept_ids, k=3)
        self.region = rng.randrange(len(V.FR_REGIONS))
        self.cities = rng.sample(range(len(V.CITIES)), k=2)
        self.actors = rng.sample(pools.actors[lang], k=3)
        self.defined: list[str] = []
        first, last = (V.FR_FIRST, V.FR_LAST) if lang == "fr" else (V.EN_FIRST, V.EN_LAST)
        self.cast = [self.person(first, last) for _ in range(3)]

    def person(
        self, first: list[tuple[str, str]] | None = None, last: list[str] | None = None
    ) -> tuple[str, str]:
        """A (full name, gender) pair; French and English names mix a little."""
        rng = self.rng
        if first is None or last is None:
            french = (self.lang == "fr") == (rng.random() < 0.85)
            first, last = (V.FR_FIRST, V.FR_LAST) if french else (V.EN_FIRST, V.EN_LAST)
        given, gender = rng.choice(first)
        return f"{given} {rng.choice(last)}", gender

    def concept(self, avoid: str = "") -> str:
        """A concept term: mostly the document's focus, sometimes an acronym it defined.

        Args:
            avoid: a term already in the sentence; its concept is not drawn again.
        """
        rng, pool = self.rng, self.pools.concepts[self.lang]
        if self.defined and rng.random() < 0.12 and avoid not in self.defined:
            return rng.choice(self.defined)
        while True:
            cid = rng.choice(self.focus) if rng.random() < 0.6 else rng.choice(self.concept_ids)
            if avoid not in pool[cid]:
                return rng.choice(pool[cid])

    def slot(self, key: str, slots: _Slots) -> str:
        """The value of one template slot."""
        if key in ("c", "c2", "C", "a", "a2", "p", "role"):
            return self._who(key, slots)
        if key in ("city", "city2", "region", "in_region", "filiere"):
            return self._where(key)
        return self._when_how_many(key, slots)

    def _who(self, key: str, slots: _Slots) -> str:
        """Concepts, organisations and people."""
        rng = self.rng
        if key in ("c", "c2"):
            return self.concept(avoid=slots["c"] if key == "c2" else "")
        if key == "C":
            return capitalise(slots["c"])
        if key in ("a", "a2"):
            pool = self.actors if rng.random() < 0.6 else self.pools.actors[self.lang]
            name = rng.choice(pool)
            if key == "a2" and name == slots["a"]:
                name = rng.choice(self.pools.actors[self.lang])
            return name
        if key == "p":
            name, gender = rng.choice(self.cast) if rng.random() < 0.5 else self.person()
            slots["_gender"] = gender
            return name
        _ = slots["p"]  # {role}: draws the person whose gender the role agrees with
        if self.lang == "fr":
            masc, fem = rng.choice(V.FR_ROLES)
            return (fem if slots["_gender"] == "f" else masc).format_map(slots)
        return rng.choice(V.EN_ROLES).format_map(slots)

    def _where(self, key: str) -> str:
        """Cities, regions and industries, mostly the document's own."""
        rng, fr = self.rng, self.lang == "fr"
        if key in ("city", "city2"):
            i = self.cities[key == "city2"] if rng.random() < 0.6 else rng.randrange(len(V.CITIES))
            return V.CITIES[i][0 if fr else 1]
        if key in ("region", "in_region"):
            i = self.region if rng.random() < 0.7 else rng.randrange(len(V.FR_REGIONS))
            if fr:
                return V.FR_REGIONS[i][key == "in_region"]
            return V.EN_REGIONS[i] if key == "region" else f"in {V.EN_REGIONS[i]}"
        return rng.choice(V.FR_FILIERES if fr else V.EN_FILIERES)

    def _when_how_many(self, key: str, slots: _Slots) -> str:
        """Years before the document's own, decades, counts and percentages."""
        rng = self.rng
        if key == "year":
            return str(self.year - rng.randint(1, 12))
        if key == "year2":  # after {year}, not after the document
            return str(rng.randint(int(slots["year"]) + 1, self.year))
        if key == "decade":
            return rng.choice(("1990", "2000") if self.year < 2015 else ("2000", "2010"))
        if key == "n":
            return str(int(rng.lognormvariate(3.2, 0.9)) + 3)
        if key == "pct":
            return str(rng.randint(5, 85))
        raise KeyError(f"template slot {{{key}}} is not known")

    def fill(self, template: str, **given: str) -> str:
        """One sentence from ``template``, with French elision or English a/an fixed."""
        text = template.format_map(_Slots(self, **given))
        if self.lang == "fr":
            return _FR_QUE.sub(r"\1u'", _FR_ELISION.sub(r"\1'", text))
        return _EN_AN.sub(r"\1n ", text)

    def body_sentence(self, first: bool) -> str:
        """A body sentence, sometimes opened by a connector."""
        templates = V.FR_BODY if self.lang == "fr" else V.EN_BODY
        template = self.rng.choice(templates)
        sentence = capitalise(self.fill(template))
        if not first and not template.startswith("{") and self.rng.random() < 0.25:
            connector = self.rng.choice(V.FR_CONNECTORS if self.lang == "fr" else V.EN_CONNECTORS)
            sentence = connector + sentence[0].lower() + sentence[1:]
        return sentence

    def paragraph(self, first_person: float = 0.0) -> str:
        """Two to six sentences."""
        own = V.FR_FIRST_PERSON if self.lang == "fr" else V.EN_FIRST_PERSON
        sentences = []
        for i in range(self.rng.randint(2, 6)):
            if self.rng.random() < first_person:
                sentences.append(capitalise(self.fill(self.rng.choice(own))))
            else:
                sentences.append(self.body_sentence(first=i == 0))
        return " ".join(sentences)

    def acronym_sentence(self) -> str:
        """A sentence defining a concept's or an organisation's acronym, used again later."""
        fr, rng = self.lang == "fr", self.rng
        concept_pairs = self.pools.acronyms[self.lang]
        actor_pairs = self.pools.actor_acronyms[self.lang]
        if concept_pairs and (not actor_pairs or rng.random() < 0.6):
            acronym, long = rng.choice(concept_pairs)
            self.defined.append(acronym)
            templates = V.FR_ACRONYM if fr else V.EN_ACRONYM
            long_cap = capitalise(_title_case(long))
            given = {"acr": acronym, "long": long_cap if rng.random() < 0.3 else long}
            return capitalise(self.fill(rng.choice(templates), long_cap=long_cap, **given))
        if not actor_pairs:
            return self.body_sentence(first=True)
        acronym, long = rng.choice(actor_pairs)
        self.actors.append(acronym)
        templates = V.FR_ACTOR_ACRONYM if fr else V.EN_ACTOR_ACRONYM
        return capitalise(self.fill(rng.choice(templates), acr=acronym, long=long))
