"""Read-only queries analysts run on ``corpus.duckdb``: entities, KWIC, co-occurrence, SQL.

Every connection is read-only with external access disabled and the configuration
locked, so no statement can write, read files, attach databases or load extensions;
statements other than SELECT and EXPLAIN are refused before they reach DuckDB, with a
message that says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus_mining.errors import CorpusMiningError
from corpus_mining.schemas import ENTITY_LABELS
from corpus_mining.textfold import strip_accents as fold

ALLOWED = frozenset({"SELECT", "EXPLAIN"})
_WORD = re.compile(r"\w+(?:['-]\w+)*")
_BREAK = re.compile(r"[^\S ]")  # any whitespace but the plain space


class QueryRefused(CorpusMiningError):
    """A statement that is not a read-only query."""


class UnknownChoice(CorpusMiningError):
    """A filter value that no row of the store holds (e.g. a misspelt label)."""


# Filter option -> the query listing the values the store holds for it.
_CHOICES = {
    "--label": "SELECT DISTINCT label FROM entities",
    "--type": "SELECT DISTINCT actor_type FROM entities",
    "--lang": "SELECT DISTINCT lang FROM documents",
    "--kind": "SELECT DISTINCT kind FROM documents",
    "--passage-lang": "SELECT DISTINCT lang FROM passages",
}
# Labels the extractor can give, valid even when the store holds none of them.
_KNOWN = {"--label": frozenset(ENTITY_LABELS)}


@dataclass(frozen=True)
class Result:
    """Column names and rows of a query."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


def connect(store: Path) -> Any:
    """A read-only connection that cannot touch files or change its configuration."""
    import duckdb

    if not store.is_file():
        raise CorpusMiningError(f"{store} not found: build it with `dvc repro` (stage store) first")
    config: dict[str, str | bool | int | float | list[str]] = {
        "enable_external_access": False,
        "lock_configuration": True,
        "threads": 2,
    }
    return duckdb.connect(str(store), read_only=True, config=config)


def run_sql(store: Path, sql: str, params: list[Any] | None = None) -> Result:
    """Run one or more read-only statements; return the last one's result."""
    import duckdb

    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryRefused(f"not valid SQL: {str(error).splitlines()[0]}") from None
    if not statements:
        raise QueryRefused("empty query")
    for statement in statements:
        kind = statement.type.name
        if kind not in ALLOWED:
            raise QueryRefused(
                f"{kind} statements are refused: the store is read-only (SELECT only)"
            )
    con = connect(store)
    try:
        cursor = None
        for statement in statements:
            cursor = con.execute(statement.query, params or [])
        assert cursor is not None
        columns = [d[0] for d in cursor.description or []]
        return Result(columns, [tuple(row) for row in cursor.fetchall()])
    except duckdb.PermissionException as error:
        raise QueryRefused(f"refused: {str(error).splitlines()[0]}") from None
    except duckdb.Error as error:
        raise CorpusMiningError(f"query failed: {str(error).splitlines()[0]}") from None
    finally:
        con.close()


def check_choices(con: Any, **values: str | None) -> None:
    """Raise :class:`UnknownChoice` when a filter value is not one the store holds.

    Keyword names are the options without dashes (``label``, ``type``, ``lang``,
    ``kind``, ``passage_lang``); ``None`` and empty values are no filter.
    """
    for name, value in values.items():
        if not value:
            continue
        option = "--" + name.replace("_", "-")
        valid = {str(row[0]) for row in con.execute(_CHOICES[option]).fetchall() if row[0]}
        valid |= _KNOWN.get(option, frozenset())
        if value not in valid:
            shown = option if option != "--passage-lang" else "--lang"
            listed = ", ".join(sorted(valid)) or "none in the store"
            raise UnknownChoice(f"{shown} {value!r} is not known; valid values: {listed}")


def entities(
    store: Path,
    *,
    label: str | None = None,
    actor_type: str | None = None,
    lang: str | None = None,
    kind: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    min_docs: int = 1,
    sort: str = "mentions",
    limit: int = 50,
    include_references: bool = False,
) -> Result:
    """Actors mentioned in the documents that pass the filters, most mentioned first.

    Raises:
        UnknownChoice: when ``label``, ``actor_type``, ``lang`` or ``kind`` is a value the
            store does not hold; the message lists the valid ones.
    """
    con = connect(store)
    try:
        check_choices(con, label=label, type=actor_type, lang=lang, kind=kind)
    finally:
        con.close()
    where: list[str] = ["TRUE"]
    args: list[Any] = []
    for column, value in (
        ("e.label", label),
        ("e.actor_type", actor_type),
        ("x.doc_lang", lang),
        ("x.doc_kind", kind),
    ):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    if year_from is not None:
        where.append("x.doc_year >= ?")
        args.append(year_from)
    if year_to is not None:
        where.append("x.doc_year <= ?")
        args.append(year_to)
    count = "x.mentions_with_references" if include_references else "x.mentions"
    where.append(f"{count} > 0")
    order = {"mentions": "mentions DESC", "docs": "docs DESC"}.get(sort)
    if order is None:
        raise CorpusMiningError(f"--sort must be mentions or docs, got {sort!r}")
    sql = f"""
        SELECT e.canonical, e.label, e.actor_type, sum({count})::BIGINT AS mentions,
               count(*) AS docs, min(x.doc_year) AS first_year,
               max(x.doc_year) AS last_year, e.entity_id
        FROM entity_docs x JOIN entities e USING (entity_id)
        WHERE {" AND ".join(where)}
        GROUP BY ALL HAVING count(*) >= ?
        ORDER BY {order}, e.canonical LIMIT ?"""
    return run_sql(store, sql, [*args, min_docs, limit])


def _candidate_passages(con: Any, words: list[str]) -> list[str]:
    """Passages holding every word of the query (from the inverted index)."""
    if not words:
        return []
    placeholders = ", ".join("?" for _ in words)
    rows = con.execute(
        f"SELECT passage_id FROM passage_terms WHERE term IN ({placeholders}) "
        "GROUP BY passage_id HAVING count(DISTINCT term) = ? ORDER BY passage_id",
        [*words, len(set(words))],
    ).fetchall()
    return [r[0] for r in rows]


def kwic(
    store: Path,
    term: str | None = None,
    *,
    concept: str | None = None,
    width: int = 60,
    lang: str | None = None,
    limit: int = 50,
) -> Result:
    """Keyword in context: each occurrence with its document, date, language and offsets.

    ``term`` matches whole words, ignoring case and accents; ``concept`` finds the
    lexicon concept's mentions in every language and inflection.
    """
    if not term and not concept:
        raise CorpusMiningError("give a TERM or --concept ID")
    con = connect(store)
    try:
        check_choices(con, passage_lang=lang)
        hits = (
            _concept_hits(con, concept, lang, limit)
            if concept
            else _term_hits(con, term or "", lang, limit)
        )
    finally:
        con.close()
    rows = []
    for hit in hits[:limit]:
        text, start, end = hit["text"], hit["start"], hit["end"]
        left = _one_line(text[max(0, start - width) : start])
        right = _one_line(text[end : end + width])
        rows.append(
            (
                hit["title"],
                hit["date"],
                hit["lang"],
                hit["passage_id"],
                start,
                end,
                left.rjust(width),
                _one_line(text[start:end]),
                right,
            )
        )
    return Result(
        ["title", "date", "lang", "passage_id", "start", "end", "left", "match", "right"], rows
    )


def _one_line(text: str) -> str:
    """``text`` with each line break, tab or other space character as a plain space.

    One character for one, so a context keeps its width and a match its offsets' length.
    """
    return _BREAK.sub(" ", text)


_HIT_SQL = """SELECT p.passage_id, p.text, p.lang, d.title, d.date FROM passages p
    JOIN documents d USING (doc_id) WHERE d.duplicate_of IS NULL"""


def _term_hits(con: Any, term: str, lang: str | None, limit: int) -> list[dict[str, Any]]:
    """Occurrences of ``term``, reading candidate passages in chunks until ``limit``."""
    words = _WORD.findall(fold(term))
    ids = _candidate_passages(con, words)
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)")
    sql = (
        _HIT_SQL
        + " AND p.passage_id IN (SELECT unnest(?))"
        + (" AND p.lang = ?" if lang else "")
        + " ORDER BY p.passage_id"
    )
    hits: list[dict[str, Any]] = []
    for chunk in range(0, len(ids), 256):
        rows = con.execute(sql, [ids[chunk : chunk + 256], *([lang] if lang else [])]).fetchall()
        for passage_id, text, plang, title, date in rows:
            folded = fold(text)  # same length as the text for Latin scripts: offsets carry over
            if len(folded) != len(text):
                continue
            for match in pattern.finditer(folded):
                hits.append(
                    {
                        "passage_id": passage_id,
                        "text": text,
                        "lang": plang,
                        "title": title,
                        "date": date,
                        "start": match.start(),
                        "end": match.end(),
                    }
                )
        if len(hits) >= limit:
            break
    return hits


def _concept_hits(con: Any, concept: str, lang: str | None, limit: int) -> list[dict[str, Any]]:
    sql = (
        """SELECT c.passage_id, p.text, c.lang, d.title, d.date, c.start, c."end"
        FROM concepts c JOIN passages p USING (passage_id) JOIN documents d ON d.doc_id = c.doc_id
        WHERE c.concept_id = ?"""
        + (" AND c.lang = ?" if lang else "")
        + " ORDER BY c.passage_id, c.start LIMIT ?"
    )
    rows = con.execute(sql, [concept.upper(), *([lang] if lang else []), limit]).fetchall()
    return [
        {
            "passage_id": r[0],
            "text": r[1],
            "lang": r[2],
            "title": r[3],
            "date": r[4],
            "start": r[5],
            "end": r[6],
        }
        for r in rows
    ]


def cooccur(store: Path, name: str, *, limit: int = 20) -> Result:
    """Actors and concepts most associated with an actor (name or alias) or a concept id."""
    con = connect(store)
    try:
        node = con.execute(
            """SELECT entity_id FROM entities WHERE lower(canonical) = lower(?)
               OR list_contains(list_transform(aliases, a -> lower(a)), lower(?))
               ORDER BY n_mentions DESC, entity_id LIMIT 1""",
            [name, name],
        ).fetchone()
    finally:
        con.close()
    node_id = node[0] if node else name.upper()
    sql = """SELECT CASE WHEN source_id = ? THEN target_name ELSE source_name END AS associated,
                    CASE WHEN source_id = ? THEN target_kind ELSE source_kind END AS kind,
                    n_passages, n_docs, round(pmi, 3) AS pmi, round(g2, 3) AS g2, example_passage_id
             FROM cooccurrence WHERE source_id = ? OR target_id = ?
             ORDER BY g2 DESC, associated LIMIT ?"""
    result = run_sql(store, sql, [node_id, node_id, node_id, node_id, limit])
    if not result.rows and node is None:
        raise CorpusMiningError(
            f"no actor or concept named {name!r} (try `corpus-mining entities`)"
        )
    return result
