"""Reproducible bilingual text mining for research on clusters and the social economy."""

__version__ = "0.1.0"
