"""Terminology extraction: multiword candidate terms ranked beyond the lexicon."""
