"""Reproducible bilingual text mining for research on clusters and the social economy."""

from corpus_mining import portable_numerics, torchless_spacy

# Before anything imports numpy: one floating-point code path on every x86-64 machine.
portable_numerics.install()

# Before anything imports spaCy: its thinc layer would otherwise import PyTorch (~5 s).
torchless_spacy.install()

__version__ = "0.1.0"
