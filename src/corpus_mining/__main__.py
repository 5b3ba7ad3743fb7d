"""Allow ``python -m corpus_mining``."""

from corpus_mining.cli import app

app()
