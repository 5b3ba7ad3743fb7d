"""spaCy component ``org_head_proposals``: names with an institutional head the model misses.

French administrative names are written in lower case after their first word, and often
entirely in lower case inside a sentence: "le ministère du Travail", "la direction
générale des entreprises", "la délégation à l'économie sociale" (English too: "the
ministry of finance"). The statistical NER rarely tags them. This component proposes an
ORG span where a head listed in ``lowercase_heads`` (``data/org_names.yaml``) is followed
by its qualifier and a defining complement; the span replaces the model's fragments
inside it ("Travail" as ORG, "Emploi" as LOC) and yields to a model name that covers it.
Spans carry the id ``rule:org_head_complement`` so mentions record the rule.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from corpus_mining.nlp.org_lexicon import OrgLexicon, org_lexicon
from corpus_mining.nlp.org_spans import extend_right, separate_names

RULE_ID = "rule:org_head_complement"


class OrgHeadProposals:
    """Propose ORG spans headed by an institutional noun and its complement."""

    def __init__(self, lexicon: OrgLexicon) -> None:
        self.lexicon = lexicon
        self._heads: set[int] | None = None

    def __call__(self, doc: Doc) -> Doc:
        """Add the proposals to ``doc.ents``; the model's larger names win."""
        if not self.lexicon.lowercase_heads:
            return doc
        if self._heads is None:  # hashes of the heads in this pipeline's string store
            self._heads = {doc.vocab.strings.add(head) for head in self.lexicon.lowercase_heads}
        heads = [i for i, h in enumerate(doc.to_array(LOWER).tolist()) if h in self._heads]
        if not heads:
            return doc
        inside = {i for ent in doc.ents if ent.label_ == "ORG" for i in range(ent.start, ent.end)}
        separate = separate_names(doc, ((e.start, e.end, e.label_) for e in doc.ents), self.lexicon)
        proposals = [
            span
            for i in heads
            if i not in inside
            for span in [self._proposal(doc, i, separate)]
            if span is not None
        ]
        if not proposals:
            return doc
        kept = [
            ent
            for ent in doc.ents
            if not any(p.start <= ent.start and ent.end <= p.end for p in proposals)
        ]
        doc.ents = filter_spans([*proposals, *kept])  # longest first: a covering ent wins
        return doc

    def _proposal(self, doc: Doc, head: int, separate: set[int]) -> Span | None:
        required = self.lexicon.lowercase_heads[doc[head].lower_]
        i = head + 1
        if required and (i >= len(doc) or doc[i].lower_ not in required):
            return None
        while i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].is_lower:
            i += 1  # "générale", "interministérielle"
        end = extend_right(doc, head, i, self.lexicon, lowercase=True, taken=separate.__contains__)
        if end == i:
            return None  # a head without complement is not a name ("la direction")
        return Span(doc, head, end, label="ORG", span_id=RULE_ID)


@Language.factory(
    "org_head_proposals",
    default_config={"lang": None},
)
def make_org_head_proposals(nlp: Language, name: str, lang: str | None) -> Any:
    """Build the component; ``lang`` defaults to the pipeline's language."""
    return OrgHeadProposals(org_lexicon(lang or str(nlp.lang)))
