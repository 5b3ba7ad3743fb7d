"""Where an organisation's name ends: its parts joined by connectors, commas and hyphens.

Statistical NER cuts long names at their connectors ("Agence française" | "pour les
investissements internationaux", "Stockholm" | "School of Economics"), at the commas of a
ministry's enumerated portfolios and at hyphens ("ITC" | "-" | "ILO"). Given a name whose
head is an organisation head noun, ``extend_right`` walks on across connector, optional
determiner and name part, as long as each step is one, and stops at a real boundary: a
verb, a closing parenthesis, sentence punctuation, a line break, or a conjunction that
joins another name rather than a part of this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from corpus_mining.nlp.common_words import is_common_word
from corpus_mining.nlp.entity_rules import Candidate, is_acronym
from corpus_mining.nlp.org_lexicon import OrgLexicon, head_words

MAX_TOKENS = 14  # a name longer than this is a clause, not a name
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_BOUNDARY_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "NUM"})


def glued_hyphen(doc: Any, i: int) -> bool:
    """Token ``i`` is a hyphen written without spaces between two words ("ITC-ILO")."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text in {"-", "‑"}
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_alpha
    )


def _capitalised(token: Any) -> bool:
    """A word starting with a capital ("Économie", "Saint-Étienne", "ILO")."""
    text: str = token.text
    return text[:1].isupper() and text.replace("-", "").replace("'", "").isalpha()


def _breaks(token: Any, *, head: bool = False) -> bool:
    """A line ends at ``token``, or a sentence starts there (not news for the name's head)."""
    sentence = token.is_sent_start is True and not head
    return "\n" in token.text or "\n" in token.whitespace_ or sentence


def _part_end(doc: Any, i: int, lexicon: OrgLexicon, *, lowercase: bool, taken: Any) -> int:
    """End of the name part starting at ``i`` (``i`` itself when there is none).

    A part is a run of capitalised words, or, where ``lowercase`` allows it, of nouns and
    adjectives; a word ``taken`` by another name that must stay apart ends it.
    """
    j = i
    while j < len(doc) and j - i < 6:
        token = doc[j]
        wordlike = token.is_alpha or "-" in token.text
        if taken(j) or token.pos_ in _BOUNDARY_POS or not wordlike:
            break
        if token.lower_ in lexicon.connectors or token.lower_ in lexicon.conjunctions:
            break
        if not (_capitalised(token) or (lowercase and token.pos_ in _CONTENT_POS)):
            break
        j += 1
        if j < len(doc) and _breaks(doc[j - 1]):
            break
    return j


def extend_right(
    doc: Any,
    head: int,
    end: int,
    lexicon: OrgLexicon,
    *,
    lowercase: bool,
    taken: Any = lambda i: False,
) -> int:
    """The end of the name headed by token ``head`` and written at least up to ``end``.

    Args:
        doc: the processed passage.
        head: index of the head noun (its lexicon entry says whether commas enumerate).
        end: the current end (exclusive) of the name.
        lexicon: the language's organisation words.
        lowercase: whether lower-case nouns and adjectives may continue the name.
        taken: tells whether a token belongs to another name that must not be absorbed
            across a conjunction ("the Ministry of Labour and Oxfam").
    """
    word = doc[head].lower_
    while head >= 2 and glued_hyphen(doc, head - 1):  # "directorate-general"
        word, head = f"{doc[head - 2].lower_}-{word}", head - 2
    enumerates = word in lexicon.enumerating_heads
    # "et de ..." repeats a connector the name already has ("ministère de X et de Y");
    # after a name without one it starts another phrase ("Union européenne et des États")
    parallel = enumerates or any(t.lower_ in lexicon.connectors for t in doc[head + 1 : end])
    while (
        end < len(doc)
        and end - head < MAX_TOKENS
        and not _breaks(doc[end - 1], head=end - 1 == head)
    ):
        step = _step(
            doc, end, lexicon, enumerates=enumerates, lowercase=lowercase, taken=taken,
            parallel=parallel,
        )  # fmt: skip
        if step is None:
            break
        end = step
        parallel = parallel or any(t.lower_ in lexicon.connectors for t in doc[head + 1 : end])
    return end


def _step(
    doc: Any,
    i: int,
    lexicon: OrgLexicon,
    *,
    enumerates: bool,
    lowercase: bool,
    taken: Any,
    parallel: bool = True,
) -> int | None:
    """End of one more connector (+ determiner) + part after token ``i``, or None."""
    if glued_hyphen(doc, i) and _capitalised(doc[i + 1]):
        return _part_end(doc, i + 1, lexicon, lowercase=False, taken=lambda _: False)
    j = i
    comma = enumerates and doc[j].text == "," and j + 1 < len(doc)
    if comma:
        j += 1
    joiner = doc[j].lower_
    conjunction = joiner in lexicon.conjunctions
    if joiner not in lexicon.connectors and not conjunction:
        return None
    j += 1
    connected = not conjunction
    if conjunction and j < len(doc) and doc[j].lower_ in lexicon.connectors:
        if not parallel:
            return None
        j, connected = j + 1, True  # "et de l'Industrie"
    while connected and j < len(doc) and doc[j].lower_ in lexicon.determiners | {"l'", "d'"}:
        j += 1
    if conjunction or comma:
        # another portfolio or qualifier of this name, never a second name
        part = _part_end(doc, j, lexicon, lowercase=lowercase, taken=taken)
        capital_needed = comma or not lowercase
        if j >= len(doc) or (capital_needed and not _capitalised(doc[j])):
            return None
        if conjunction and not connected and doc[j].is_lower != doc[i - 1].is_lower:
            return None  # "the ministry of finance and Oxfam": another name
        if conjunction and any(
            _capitalised(t) and lexicon.is_org_head(t.text) for t in doc[j:part]
        ):
            return None  # "Alpha University and Beta University": a head of its own
    else:
        part = _part_end(doc, j, lexicon, lowercase=lowercase, taken=lambda _: False)
    return part if part > j else None


def separate_names(
    doc: Any, spans: Iterable[tuple[int, int, str]], lexicon: OrgLexicon
) -> set[int]:
    """First tokens of the organisations and people a conjunction may not absorb.

    ``spans`` are ``(start, end, label)`` triples. A span starting right after a connector
    ("de la | Jeunesse") continues the name before it; so does one word right after "et"
    / "and" that an adjective precedes ("Économie Sociale et | Solidaire", where the model
    read the last qualifier as a name of its own), or one common noun that no name heads
    ("Ministry of Coastal Affairs and | Heritage"). One after "et"/"and" or elsewhere is
    otherwise a name of its own ("the ministry of finance and | Oxfam").
    """
    starts = set()
    for start, end, label in spans:
        i = start - 1
        while i >= 0 and doc[i].lower_ in lexicon.determiners | {"l'"}:
            i -= 1
        if label not in {"ORG", "PER", "PERSON"} or (
            i >= 0 and doc[i].lower_ in lexicon.connectors
        ):
            continue
        if end - start == 1 and i == start - 1 and _coordinated_part(doc, i, lexicon):
            continue
        starts.add(start)
    return starts


def _coordinated_part(doc: Any, i: int, lexicon: OrgLexicon) -> bool:
    """Token ``i`` is a conjunction that joins the next word to the name before it.

    After a capitalised adjective ("Sociale et | Solidaire"), or before a capitalised
    common noun that heads no name ("Education and | Science"; not "| Oxfam", "| Council").
    """
    if not (1 <= i < len(doc) - 1 and doc[i].lower_ in lexicon.conjunctions):
        return False
    before, after = doc[i - 1], doc[i + 1]
    if before.pos_ == "ADJ" and _capitalised(before):
        return True
    return (
        _capitalised(before)
        and after.is_title
        and (is_common_word(doc, after.text) or is_common_word(doc, after.lemma_))
        and not lexicon.is_org_head(after.text)
    )


def split_at_commas(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> list[Candidate]:
    """A model name running over commas is a list of names ("Centre X, School of Y").

    Affiliation lines and lists join names with commas, which the model reads as one.
    The parts headed by an organisation noun, or written as an acronym, are kept, and the
    last part, which a following name may continue; the others (places, portfolio words)
    are dropped. An enumerating head ("Ministry of
    Economy, Finance and Industry") or a connector after the comma ("ministère de X, de
    Y") keeps the name whole.
    """
    if cand.source != "model" or cand.label != "ORG":
        return [cand]
    commas = [i for i in range(cand.start + 1, cand.end - 1) if doc[i].text == ","]
    if not commas or any(doc[i + 1].lower_ in lexicon.connectors for i in commas):
        return [cand]
    words = doc[cand.start : commas[0]].text.split()  # "Directorate-General" is one word
    if any(lexicon.is_org_head(w) and w.lower() in lexicon.enumerating_heads for w in words):
        return [cand]
    bounds = [cand.start, *(i + 1 for i in commas)]
    ends = [*commas, cand.end]
    parts = [cand.changed("comma_list", start=a, end=b) for a, b in zip(bounds, ends, strict=True)]
    # the last part may run on into the next name ("..., Stockholm" | "School of ...")
    return [p for p in parts[:-1] if _names_a_body(doc, p, lexicon)] + parts[-1:]


def split_at_conjunction(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> list[Candidate]:
    """Two names, each with its own head, joined by "and"/"et" are two names.

    "National Alpha University and National Beta University", "l'Agence Alpha et la
    Fondation Beta": the model reads the pair as one. A part without a head of its own
    stays inside the name ("HM Revenue and Customs", "Ministry of Economy and Finance").
    """
    if cand.source != "model" or cand.label != "ORG":
        return [cand]
    for i in range(cand.start + 1, cand.end - 1):
        if doc[i].lower_ not in lexicon.conjunctions:
            continue
        j = i + 1
        while j < cand.end - 1 and doc[j].lower_ in lexicon.determiners | {"l'"}:
            j += 1  # "et la Fondation Beta"
        if not doc[j].text[:1].isupper():
            continue
        left = cand.changed("conjunction_split", end=i)
        right = cand.changed("conjunction_split", start=j)
        if _names_a_body(doc, left, lexicon) and _names_a_body(doc, right, lexicon):
            return [left, *split_at_conjunction(doc, right, lexicon)]
    return [cand]


def _names_a_body(doc: Any, part: Candidate, lexicon: OrgLexicon) -> bool:
    words = [t.text for t in doc[part.start : part.end] if not t.is_punct]
    if len(words) == 1 and is_acronym(words[0]):
        return True
    return any(w[:1].isupper() and lexicon.is_org_head(w) for w in head_words(words, lexicon))
