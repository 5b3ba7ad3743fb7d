"""The extract stage's corpus-level work: reading documents in order, tallies, final tables.

Per-document extraction lives in ``nlp.extractor``; this package holds what the stage
does around it: which documents to compute (``reading``), what it keeps of each result
(``tallies``) and the tables built from the whole corpus at the end (``tables``).
"""
