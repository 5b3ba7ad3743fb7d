"""Allow ``python -m corpus_mining``."""

from corpus_mining.cli import entry_point

entry_point()
