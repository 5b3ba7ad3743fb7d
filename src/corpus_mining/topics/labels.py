"""Human topic labels (``corpus/topic_labels.yaml``) carried across re-runs of ``topics``.

Topic ids change whenever BERTopic is re-run, so a label is stored with a content
signature of its topic (top terms and representative passage ids) and re-attached to
whichever topic of the new run matches that signature best.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypedDict

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from corpus_mining.config import describe_validation_error
from corpus_mining.errors import ParamsError
from corpus_mining.textfold import fold

OUTLIER_TOPIC = -1
# Passage ids are derived from document content and position, so they survive re-runs: a
# stored representative still assigned to a topic is direct evidence of the same material.
# c-TF-IDF top terms shift whenever any topic changes (swapping 2 of 10 terms already drops
# their Jaccard to 0.67), so they weigh less; they decide alone when no passages are given
# or none of them is still in the corpus. With these weights a topic that shares vocabulary
# but none of the passages scores at most 0.3.
PASSAGE_WEIGHT = 0.7
TERM_WEIGHT = 0.3

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class LabelSignature(BaseModel):
    """The content of a labelled topic, copied from a run's outputs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    top_terms: list[Text] = Field(default_factory=list)
    passages: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> LabelSignature:
        if not self.top_terms and not self.passages:
            raise ValueError("give top_terms or passages (or both) to find the topic")
        return self


class HumanLabel(LabelSignature):
    """One entry of ``topic_labels.yaml``: a label, its signature and optional merges."""

    label: Text
    note: str | None = None
    merge: list[LabelSignature] = Field(default_factory=list)

    def signatures(self) -> tuple[LabelSignature, ...]:
        """The primary signature followed by the ``merge`` ones."""
        primary = LabelSignature(top_terms=self.top_terms, passages=self.passages)
        return (primary, *self.merge)


class _LabelsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: list[HumanLabel] = Field(default_factory=list)
    splits: list[Any] = Field(default_factory=list)  # validated by topics.curation


@dataclass(frozen=True)
class TopicSignature:
    """One topic of a run: its id (-1 for outliers), top terms, representatives, members."""

    topic_id: int
    top_terms: Sequence[str]
    passages: Sequence[str]
    members: AbstractSet[str]


@dataclass(frozen=True)
class AppliedLabel:
    """A label attached to a topic, and the signature (``primary``, ``merge.0``...) that won."""

    label: str
    note: str | None
    score: float
    signature: str


@dataclass(frozen=True)
class UnmatchedLabel:
    """A label signature that found no topic, with its best candidate and the reason."""

    label: str
    signature: str
    best_score: float
    best_topic: int | None
    reason: str


@dataclass(frozen=True)
class LabelMatches:
    """Topic id -> label, groups of topic ids to merge, and what could not be matched."""

    assigned: dict[int, AppliedLabel]
    merges: list[list[int]]
    unmatched: list[UnmatchedLabel]


class LabelReportRow(TypedDict):
    """One row of the label report CSV."""

    label: str
    status: Literal["applied", "merged", "unmatched", "split"]
    topic_ids: str
    score: float
    reason: str


@dataclass(frozen=True, order=True)
class _Candidate:
    rank: tuple[float, int, int, int]  # (-score, label index, topic id, signature index)
    score: float
    label: int
    topic: int
    signature: int


def parse_topic_labels(raw: object, source: Path = Path("topic_labels.yaml")) -> list[HumanLabel]:
    """Validate already-loaded ``topic_labels.yaml`` content.

    Raises:
        ParamsError: A key is missing, unknown or invalid, or a label is written twice.
    """
    if raw is None:
        return []
    if not isinstance(raw, dict):
        raise ParamsError(f"{source}: expected a mapping with a `labels:` list")
    try:
        labels = _LabelsFile.model_validate(raw).labels
    except ValidationError as error:
        raise ParamsError(describe_validation_error(error, source)) from None
    first: dict[str, int] = {}
    for index, entry in enumerate(labels):
        earlier = first.setdefault(fold(entry.label), index)
        if earlier != index:
            raise ParamsError(
                f"{source}: labels.{index}.label: {entry.label!r} repeats labels.{earlier}; "
                "list further topics under that entry's merge:"
            )
    return labels


def load_topic_labels(path: Path) -> list[HumanLabel]:
    """Read ``topic_labels.yaml``; a missing file means no labels.

    Raises:
        ParamsError: The file is not YAML or has invalid content (file and key named).
    """
    if not path.is_file():
        return []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ParamsError(f"{path}: not valid YAML: {' '.join(str(error).split())}") from None
    return parse_topic_labels(raw, path)


def signature_score(
    signature: LabelSignature, topic: TopicSignature, *, known_passages: AbstractSet[str]
) -> float:
    """How well a stored signature matches a topic, in [0, 1].

    ``PASSAGE_WEIGHT * share + TERM_WEIGHT * jaccard``, where ``share`` is the fraction of
    the signature's passages (those still in ``known_passages``) that are members of the
    topic and ``jaccard`` compares the case- and accent-folded top-term sets. Without
    usable passages the score is the Jaccard alone; without terms, the share alone.
    """
    passages = [p for p in signature.passages if p in known_passages]
    share = sum(p in topic.members for p in passages) / len(passages) if passages else None
    terms = {fold(t) for t in signature.top_terms}
    jaccard = None
    if terms:
        other = {fold(t) for t in topic.top_terms}
        jaccard = len(terms & other) / len(terms | other)
    if share is None:
        return jaccard or 0.0
    if jaccard is None:
        return share
    return PASSAGE_WEIGHT * share + TERM_WEIGHT * jaccard


def match_labels(
    labels: Sequence[HumanLabel], topics: Sequence[TopicSignature], *, threshold: float
) -> LabelMatches:
    """Attach human labels to the topics of a new run.

    Every signature (primary and ``merge``) is scored against every topic but the
    outliers; pairs reaching ``threshold`` are taken greedily by descending score, ties
    broken by label index, then topic id. A topic gets at most one label and a signature
    at most one topic; a label holding several topics asks for them to be merged.

    Args:
        labels: The entries of ``topic_labels.yaml``, in file order.
        topics: The run's topics, outliers included (their members count as known passages).
        threshold: Lowest score, in (0, 1], at which a signature may claim a topic.

    Returns:
        Assigned labels by topic id, sorted merge groups and every unmatched signature.

    Raises:
        ValueError: ``threshold`` is outside (0, 1] or a topic id is repeated.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    ordered = sorted(topics, key=lambda t: t.topic_id)
    ids = [t.topic_id for t in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("topic ids must be unique")
    known = {p for t in ordered for p in (*t.members, *t.passages)}
    scored = _score_all(labels, [t for t in ordered if t.topic_id != OUTLIER_TOPIC], known)
    owner, done = _assign_greedily([c for c in scored if c.score >= threshold])
    assigned = {
        topic: AppliedLabel(
            label=labels[c.label].label,
            note=labels[c.label].note,
            score=c.score,
            signature=_signature_name(c.signature),
        )
        for topic, c in sorted(owner.items())
    }
    unmatched = [
        _explain(labels, scored, owner, index, signature, threshold)
        for index, entry in enumerate(labels)
        for signature in range(len(entry.signatures()))
        if (index, signature) not in done
    ]
    return LabelMatches(assigned=assigned, merges=_merge_groups(owner), unmatched=unmatched)


def _score_all(
    labels: Sequence[HumanLabel], topics: Sequence[TopicSignature], known: AbstractSet[str]
) -> list[_Candidate]:
    candidates = []
    for index, entry in enumerate(labels):
        for number, signature in enumerate(entry.signatures()):
            for topic in topics:
                score = signature_score(signature, topic, known_passages=known)
                rank = (-score, index, topic.topic_id, number)
                candidates.append(_Candidate(rank, score, index, topic.topic_id, number))
    return sorted(candidates)


def _assign_greedily(
    candidates: Sequence[_Candidate],
) -> tuple[dict[int, _Candidate], set[tuple[int, int]]]:
    """Topic id -> winning candidate, and the (label, signature) pairs that are settled."""
    owner: dict[int, _Candidate] = {}
    done: set[tuple[int, int]] = set()
    for candidate in candidates:
        key = (candidate.label, candidate.signature)
        if key in done:
            continue
        holder = owner.setdefault(candidate.topic, candidate)
        # A topic already carrying this label covers the signature: it needs no other topic.
        if holder is candidate or holder.label == candidate.label:
            done.add(key)
    return owner, done


def _merge_groups(owner: dict[int, _Candidate]) -> list[list[int]]:
    by_label: dict[int, list[int]] = {}
    for topic, candidate in owner.items():
        by_label.setdefault(candidate.label, []).append(topic)
    return sorted(sorted(group) for group in by_label.values() if len(group) > 1)


def _explain(
    labels: Sequence[HumanLabel],
    scored: Sequence[_Candidate],
    owner: dict[int, _Candidate],
    index: int,
    signature: int,
    threshold: float,
) -> UnmatchedLabel:
    own = [c for c in scored if c.label == index and c.signature == signature]
    best = min(own, default=None)  # candidates sort best first
    entry = labels[index]
    name = _signature_name(signature)
    if best is None:
        reason = "there are no topics to match (outliers are never labelled)"
    elif best.score < threshold:
        reason = f"no topic reaches the threshold (best {best.score:.2f} for topic {best.topic})"
    else:
        winner = owner[best.topic]
        how = "an equally matching earlier" if winner.score == best.score else "a better-matching"
        reason = (
            f"its topic was taken by {how} label ({labels[winner.label].label!r}, "
            f"{winner.score:.2f} for topic {best.topic})"
        )
    if entry.merge:
        reason = f"{name}: {reason}"
    return UnmatchedLabel(
        label=entry.label,
        signature=name,
        best_score=best.score if best else 0.0,
        best_topic=best.topic if best else None,
        reason=reason,
    )


def _signature_name(number: int) -> str:
    return "primary" if number == 0 else f"merge.{number - 1}"


def label_report_rows(matches: LabelMatches, labels: Sequence[HumanLabel]) -> list[LabelReportRow]:
    """Rows of the label report: one per applied label, one per unmatched signature.

    A label on several topics is ``merged`` and its score is the weakest of its matches.
    Rows are sorted by folded label, then status, topic ids and reason.
    """
    topics_of: dict[str, list[int]] = {}
    for topic, applied in matches.assigned.items():
        topics_of.setdefault(applied.label, []).append(topic)
    rows: list[LabelReportRow] = []
    for entry in labels:
        topic_ids = sorted(topics_of.get(entry.label, []))
        if not topic_ids:
            continue
        merged = len(topic_ids) > 1
        rows.append(
            LabelReportRow(
                label=entry.label,
                status="merged" if merged else "applied",
                topic_ids=";".join(str(t) for t in topic_ids),
                score=round(min(matches.assigned[t].score for t in topic_ids), 3),
                reason=f"topics {', '.join(map(str, topic_ids))} are merged" if merged else "",
            )
        )
    rows.extend(
        LabelReportRow(
            label=miss.label,
            status="unmatched",
            topic_ids="",
            score=round(miss.best_score, 3),
            reason=miss.reason,
        )
        for miss in matches.unmatched
    )
    return sorted(rows, key=_row_key)


def _row_key(row: LabelReportRow) -> tuple[str, str, int, str, str]:
    status = ("applied", "merged", "unmatched").index(row["status"])
    return (fold(row["label"]), row["label"], status, row["topic_ids"], row["reason"])


def signature_template(topics: Sequence[TopicSignature]) -> str:
    """Commented, paste-ready ``labels:`` entries for the topics of a run (outliers left out).

    A reviewer copies an entry under ``labels:``, removes the leading ``# `` of its lines
    and fills in ``label``.
    """
    lines = [
        "# Signatures of the current topics, to paste under `labels:` in topic_labels.yaml:",
        '# copy an entry, remove the leading "# " of its lines and fill in `label`.',
        "# The outlier topic (-1) is not listed: it is never labelled.",
    ]
    for topic in sorted(topics, key=lambda t: t.topic_id):
        if topic.topic_id == OUTLIER_TOPIC:
            continue
        lines += [
            "#",
            f'#   - label: ""  # topic {topic.topic_id}, {len(topic.members)} passages',
            f"#     top_terms: {_flow_list(topic.top_terms)}",
            f"#     passages: {_flow_list(topic.passages)}",
        ]
    return "\n".join(lines) + "\n"


def _flow_list(items: Sequence[str]) -> str:
    # JSON strings are valid YAML double-quoted scalars, whatever the accents or quotes.
    return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in items) + "]"
