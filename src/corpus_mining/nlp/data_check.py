"""Validate every shipped registry and place list; print the problems, one per line.

Example:
    python -m corpus_mining.nlp.data_check
"""

from __future__ import annotations

import sys
from pathlib import Path

from corpus_mining.nlp.datafiles import Problem
from corpus_mining.nlp.places import PLACES_DIR, check_places
from corpus_mining.nlp.registries import REGISTRY_DIR, check_registries


def check_data(registries: Path = REGISTRY_DIR, places: Path = PLACES_DIR) -> list[Problem]:
    """Every problem of the registry files of ``registries`` and the lists of ``places``.

    Also fails a folder with no file at all, so a packaging mistake does not pass silently.
    """
    problems: list[Problem] = []
    for folder, check in ((registries, check_registries), (places, check_places)):
        if not any(folder.glob("*.csv")):
            problems.append(Problem(folder, 0, "", "no CSV file", "ship the data files"))
            continue
        problems += check(folder)[1]
    return problems


def main() -> int:
    """Print the problems; exit 1 when there is any."""
    problems = check_data()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
