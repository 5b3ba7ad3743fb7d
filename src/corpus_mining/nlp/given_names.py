"""People told by their given name: "Maria Okafor" is a person wherever it is written.

The small models read a person as an organisation where nothing around the name says
otherwise (a name in a list of speakers, a signature), and leave some people untagged.
A name that opens with a given name common across the world, followed by a surname, is a
person's. ``data/given_names.txt`` lists such given names (public name data: see the
file's header); a word is one of them as a whole or by the first part of a hyphenated
name ("Jean-Claude").

Rules, each recorded in ``Candidate.rule``:

- ``given_name_person``: a model "organisation" of two or three name words that opens
  with a given name and holds no head of a body, programme or event, nor a company form
  ("Maria Okafor" -> PER; "Maria Okafor Foundation", "Grace Consulting Ltd" stay ORG);
- ``common_words_not_person``: a model "person" of two or more common words of the
  language and no given name is a phrase, MISC ("Regulatory Framework");
- ``given_name_completes``: a model person cut off its given name or its surname takes
  it back ("Okafor" after an untagged "Maria" -> "Maria Okafor");
- ``given_name_pair``: a given name and a surname that no entity covers are a person
  ("Maria Okafor", "Léa MARTIN"), unless the next word is a head of a body ("Maria
  Okafor Institute", "Fondation Maria Okafor" are a body's name, even where the model
  missed it).

A given name counts only where it is no function word, no listed place ("Florence",
"Paris") and no word the document writes in lower case ("Urban", "Grace"); a surname
neither, nor a head. These words are the document's evidence that the capital is a
sentence's or a title's, not a person's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus_mining.nlp.common_words import is_common_word
from corpus_mining.nlp.entity_rules import Candidate
from corpus_mining.nlp.org_lexicon import OrgLexicon, merged_lexicon, org_lexicon
from corpus_mining.nlp.org_spans import glued_hyphen
from corpus_mining.nlp.tokens import token_table
from corpus_mining.textfold import strip_accents

GIVEN_NAMES_PATH = Path(__file__).parent / "data" / "given_names.txt"
_MAX_WORDS = 3  # given name, a middle name, surname
# The models that read people as organisations: the small English model tags a name in a
# list or a signature ORG; the French model's ORG over a given name is a body's name
# ("Alpha Child", a cluster) as often as not (measured on the devset's tune pages).
_PEOPLE_AS_ORGS = frozenset({"en"})
_MIN_GIVEN = 3  # letters: shorter ones are articles as often ("El", "La", "Al")


@functools.cache
def given_names(path: Path = GIVEN_NAMES_PATH) -> frozenset[str]:
    """The listed given names: lower case, accents removed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a listed given name, whole or by its first hyphenated part."""
    key = strip_accents(word)  # as the list writes names
    names = given_names()
    return key in names or ("-" in key and key.split("-", 1)[0] in names)


Word = tuple[int, int]  # token span of one word; hyphenated names are one ("Jean-Claude")


class _Evidence:
    """What a passage and its document say about a name's words."""

    def __init__(
        self,
        doc: Any,
        lexicon: OrgLexicon,
        is_place: Callable[[str], bool],
        is_common_phrase: Callable[[str], bool],
    ) -> None:
        self.doc = doc
        self.head_first = lexicon.head_first
        self.is_place = is_place
        self.is_common_phrase = is_common_phrase
        self.not_person_words = _not_person_words(doc.lang_)

    def _plain(self, word: Word) -> bool:
        """Letters (hyphens inside), and no head, title, function word or place."""
        text = self.doc[word[0] : word[1]].text
        return (
            text.replace("-", "").replace("'", "").isalpha()
            and not (word[1] - word[0] == 1 and self.doc[word[0]].is_stop)
            and not merged_lexicon().is_org_head(text)
            and text.lower() not in self.not_person_words
            and not self.is_place(text)
            and not self.is_common_phrase(text)
        )

    def given(self, word: Word) -> bool:
        """A capitalised given name the document never writes as a common word."""
        text = self.doc[word[0] : word[1]].text
        return (
            text.istitle() and len(text) >= _MIN_GIVEN and is_given_name(text) and self._plain(word)
        )

    def surname(self, word: Word) -> bool:
        """A capitalised word, or one in capitals ("MARTIN"), that could be a surname."""
        text = self.doc[word[0] : word[1]].text
        shaped = text.istitle() or (text.isupper() and len(text) >= 2)
        return shaped and self._plain(word)


@functools.cache
def _not_person_words(lang: str) -> frozenset[str]:
    """Words no person's name holds: programme, event and title words, company forms."""
    merged = merged_lexicon()
    legal_forms = {form.lower() for form in org_lexicon(lang).legal_forms}
    return merged.programme_heads | merged.event_heads | merged.job_titles | legal_forms


def _word_at(doc: Any, i: int) -> Word:
    """The word opening at token ``i``, with the parts glued to it by hyphens."""
    end = i + 1
    while end + 1 < len(doc) and glued_hyphen(doc, end) and doc[end + 1].is_title:
        end += 2
    return (i, end)


def _words(doc: Any, start: int, end: int) -> list[Word]:
    """The words of tokens ``start:end``, hyphenated names whole."""
    words: list[Word] = []
    i = start
    while i < end:
        word = _word_at(doc, i)
        words.append((word[0], min(word[1], end)))
        i = words[-1][1]
    return words


def people_by_given_name(
    doc: Any,
    kept: list[Candidate],
    lexicon: OrgLexicon,
    *,
    is_place: Callable[[str], bool],
    is_common_phrase: Callable[[str], bool],
) -> list[Candidate]:
    """People by their given name, tagged ORG or untagged; model people of common words.

    ``given_name_person`` and ``common_words_not_person`` relabel the model's spans,
    ``given_name_completes`` gives its people back a given name or a surname they were cut
    off, then ``given_name_pair`` adds the people no span covers.
    """
    evidence = _Evidence(doc, lexicon, is_place, is_common_phrase)
    out = [_common_words_not_person(doc, _relabelled(cand, evidence)) for cand in kept]
    taken = {i for cand in out for i in range(cand.start, cand.end)}
    out = [_completed(cand, taken, evidence) for cand in out]
    taken = {i for cand in out for i in range(cand.start, cand.end)}
    out += _pairs(doc, taken, evidence)
    return sorted(out, key=lambda cand: (cand.start, cand.end))


def _completed(cand: Candidate, taken: set[int], evidence: _Evidence) -> Candidate:
    """``given_name_completes``: a person's name cut off its given name or its surname.

    The model tagged "Okafor" after an untagged "Maria", or "Maria" before an untagged
    "Okafor": the given name says the name goes on.
    """
    if cand.label != "PER" or cand.source != "model":
        return cand
    doc, start, end = evidence.doc, cand.start, cand.end
    before = start - 1
    if before >= 0 and before not in taken and not glued_hyphen(doc, before):
        given = _word_start(doc, before)
        free = not any(t in taken for t in range(given, before))
        if free and evidence.given((given, start)) and not evidence.given(_word_at(doc, start)):
            start = given
    last = (max(cand.start, _word_start(doc, end - 1)), end)
    if end < len(doc) and end not in taken and evidence.given(last):
        after = _word_at(doc, end)
        free = not any(t in taken for t in range(*after))
        if free and evidence.surname(after) and not _named_for(doc, after[1]):
            end = after[1]
    if (start, end) == (cand.start, cand.end):
        return cand
    return cand.changed("given_name_completes", start=start, end=end)


def _word_start(doc: Any, i: int) -> int:
    """Where the word ending at token ``i`` starts, hyphenated parts included."""
    while i >= 2 and glued_hyphen(doc, i - 1) and doc[i].is_title:
        i -= 2
    return i


def people_without_titles(doc: Any, kept: list[Candidate], lexicon: OrgLexicon) -> list[Candidate]:
    """A person's name without the job title before its given name or the honours after it.

    "Councillor Ray Okafor", "MD Jo Okafor" -> "Ray Okafor", "Jo Okafor"
    (``title_before_given_name``): the given name says where the name starts, so a title
    that is also a surname ("Edmond Maire") stays. "Ann Okafor OBE" -> "Ann Okafor"
    (``post_nominals``). Forms of address stay, as the model writes them ("Mr Okafor").
    """
    return [_untitled(doc, cand, lexicon) if cand.label == "PER" else cand for cand in kept]


def _untitled(doc: Any, cand: Candidate, lexicon: OrgLexicon) -> Candidate:
    start, end = cand.start, cand.end
    while end - start > 2 and doc[end - 1].text in lexicon.post_nominals:
        end -= 1
        if doc[end - 1].text == ",":
            end -= 1
    if end < cand.end:
        cand = cand.changed("post_nominals", end=end)
    first, then = doc[start], doc[start + 1] if start + 1 < end else None
    titled = merged_lexicon().is_title(first.text)  # either language's: "MD", "Directrice"
    if titled and then is not None and then.is_title and is_given_name(then.text):
        cand = cand.changed("title_before_given_name", start=start + 1)
    return cand


def _common_words_not_person(doc: Any, cand: Candidate) -> Candidate:
    """``common_words_not_person``: a model PER of common words and no given name is MISC.

    "Regulatory Framework", "Historic Breakthrough": a title-case phrase the small model
    read as a person's name. A given name among the words keeps it a person ("Rose Brown").
    """
    if cand.source != "model" or cand.label != "PER" or cand.end - cand.start < 2:
        return cand
    words = [token.text for token in doc[cand.start : cand.end]]
    if any(is_given_name(word) for word in words):
        return cand
    if all(word.isalpha() and is_common_word(doc, word) for word in words):
        return cand.changed("common_words_not_person", label="MISC")
    return cand


def _relabelled(cand: Candidate, evidence: _Evidence) -> Candidate:
    """``given_name_person``: a model ORG of name words opening with a given name."""
    if cand.source != "model" or cand.label != "ORG" or evidence.doc.lang_ not in _PEOPLE_AS_ORGS:
        return cand
    words = _words(evidence.doc, cand.start, cand.end)
    if not 2 <= len(words) <= _MAX_WORDS or not evidence.given(words[0]):
        return cand
    if not all(evidence.surname(word) for word in words[1:]):
        return cand
    return cand.changed("given_name_person", label="PER")


def _pairs(doc: Any, taken: set[int], evidence: _Evidence) -> list[Candidate]:
    """``given_name_pair``: a given name and a surname, both outside every entity."""
    table = token_table(doc)
    found: list[Candidate] = []
    after = 0  # tokens before it are in a name already found
    for i, text in enumerate(table.text[:-1]):
        if i < after or not table.is_title[i] or i in taken or not is_given_name(text):
            continue  # the cheap tests first: most tokens are no capitalised given name
        end = _person_end(doc, i, taken, evidence)
        if end is not None:
            found.append(Candidate(i, end, "PER", "rule", "", "given_name_pair"))
            after = end
    return found


def _person_end(doc: Any, i: int, taken: set[int], evidence: _Evidence) -> int | None:
    """Where the person's name that opens at token ``i`` ends, if one does."""
    if glued_hyphen(doc, i - 1) or _named_for(doc, i - 1):
        return None  # inside a hyphenated word, or "Fondation Maria Okafor"
    given = _word_at(doc, i)
    if given[1] >= len(doc) or not evidence.given(given):
        return None
    surname = _word_at(doc, given[1])
    if not evidence.surname(surname) or any(t in taken for t in range(i, surname[1])):
        return None
    end = surname[1]
    if end < len(doc) and evidence.given(surname):  # a middle given name: "Maria Elena Okafor"
        last = _word_at(doc, end)
        if evidence.surname(last) and not any(t in taken for t in range(*last)):
            end = last[1]
    if _named_for(doc, end) or _qualified(doc, end, evidence.head_first):
        return None  # "Maria Okafor Institute": a body named for her
    return end


def _qualified(doc: Any, i: int, head_first: bool) -> bool:
    """Token ``i`` is a lower-case adjective after a noun: "Archives ouvertes" is no surname."""
    return head_first and i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].is_lower


def _named_for(doc: Any, i: int) -> bool:
    """Token ``i`` is a capitalised head of a body ("Fondation", "Institute")."""
    return 0 <= i < len(doc) and doc[i].is_title and merged_lexicon().is_org_head(doc[i].text)
