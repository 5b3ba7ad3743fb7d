"""Write the list of given names from the name data of the ``nomquamgender`` package.

``nomquamgender`` (Ian Van Buskirk, MIT licence, PyPI) ships ``name_data.json``: for each
given name, lower case and without accents, the number of public name-gender sources that
know it and how often they saw it (national registries, censuses and author lists). A name
is kept when at least ``MIN_SOURCES`` sources know it and they saw it ``MIN_COUNT`` times:
names common across the world, not a rare string that is also a word. The list ships as
package data (``src/corpus_mining/nlp/data/given_names.txt``); the pipeline does not depend
on the package. Output is sorted: running it twice gives the same bytes.

Usage:
    pip download --no-deps nomquamgender==0.1.4 -d /tmp/nqg
    python scripts/make_given_names.py /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "corpus_mining" / "nlp" / "data" / "given_names.txt"
MIN_SOURCES = 15
MIN_COUNT = 2000
NAME = re.compile(r"^[a-z]+(?:[-'][a-z]+)*$")
HEADER = f"""\
# Given names common across the world, one per line: lower case, accents removed.
#
# Source: name_data.json of the PyPI package nomquamgender 0.1.4 (Ian Van Buskirk, MIT
# licence), which gathers public name-gender data (national registries, censuses, author
# lists). Kept: names that at least {MIN_SOURCES} of its sources know, seen at least
# {MIN_COUNT} times. Written by scripts/make_given_names.py; read by
# corpus_mining.nlp.given_names. No entry comes from a document the project measures on.
"""


def given_names(name_data: dict[str, list[float]]) -> list[str]:
    """The names of ``name_data`` common enough to tell a person, sorted."""
    return sorted(
        name
        for name, (sources, count, *_) in name_data.items()
        if sources >= MIN_SOURCES and count >= MIN_COUNT and NAME.match(name)
    )


def main(wheel: str) -> int:
    with zipfile.ZipFile(wheel) as archive:
        name_data = json.loads(archive.read("nomquamgender/name_data.json"))
    names = given_names(name_data)
    OUT.write_text(HEADER + "".join(f"{name}\n" for name in names), encoding="utf-8")
    print(f"{len(names)} given names -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
