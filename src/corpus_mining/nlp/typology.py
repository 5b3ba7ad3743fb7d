"""Actor types from the gazetteer, else from explainable name rules, else unknown.

Each decision records the rule that made it, so a type is never guessed silently.
"""

from __future__ import annotations

import re

from corpus_mining.textfold import fold

# Ordered: the first rule whose pattern matches the folded name decides.
_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "eu_institution",
        "rule:eu_body",
        r"\b(?:commission europeenne|european commission|union europeenne|european union|"
        r"parlement europeen|european parliament|conseil europeen|european council|dg [a-z]+|"
        r"direction generale|directorate[- ]general|eurostat|comite des regions|committee of the regions)\b",
    ),
    (
        "research_or_university",
        "rule:research",
        r"\b(?:universite|university|universitat|universita|universidad|institut|institute|"
        r"laboratoire|laboratory|lab|ecole|school|college|cnrs|inra|inrae|inserm|centre de recherche|"
        r"research (?:centre|center|institute|group)|observatoire|observatory|faculte|faculty|"
        r"sciences po|academie|academy)\b",
    ),
    (
        "public_body",
        "rule:public_authority",
        r"\b(?:ministere|ministry|ministre|gouvernement|government|etat|state|prefecture|"
        r"conseil (?:regional|departemental|general|municipal)|region|departement|"
        r"metropole|communaute (?:de communes|d'agglomeration|urbaine)|agglomeration|mairie|ville de|"
        r"commune|city of|county|council|agence|agency|caisse|banque publique|office national|"
        r"haut[- ]commissariat|secretariat d'etat|assemblee nationale|senat|parliament)\b",
    ),
    (
        "sse_network",
        "rule:sse_organisation",
        r"\b(?:association|federation|union|mouvement|movement|reseau|network|cooperative|"
        r"cooperativa|scic|scop|mutuelle|mutual|fondation|foundation|chambre regionale de l'?economie|"
        r"cress|ess|economie sociale|social economy|solidaire|solidarity|solidarite|social enterprise)\b",
    ),
    (
        "cluster_or_company",
        "rule:cluster_or_firm",
        r"\b(?:cluster|clusters|pole|poles|grappe|technopole|valley|hub|sa|sas|sarl|gmbh|ltd|inc|"
        r"plc|group|groupe|industries|industrie|company|compagnie|entreprise|corporation|corp|spa)\b",
    ),
)
_COMPILED = tuple((kind, rule, re.compile(pattern)) for kind, rule, pattern in _RULES)
_LABEL_TYPES = {"PER": ("person", "label:PER"), "LOC": ("place", "label:LOC")}


def actor_type(canonical: str, label: str, gazetteer_type: str | None = None) -> tuple[str, str]:
    """Return ``(actor_type, rule)`` for an entity."""
    if gazetteer_type:
        return gazetteer_type, "gazetteer"
    if label in _LABEL_TYPES:
        return _LABEL_TYPES[label]
    folded = fold(canonical).replace("’", "'")
    for kind, rule, pattern in _COMPILED:
        if pattern.search(folded):
            return kind, rule
    return "unknown", "none"
