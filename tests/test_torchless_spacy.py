"""spaCy and BERTopic load without PyTorch (BERTopic without spaCy), and both still load after."""

from __future__ import annotations

import subprocess
import sys

_BERTOPIC_ALONE = """
import sys
import corpus_mining
import bertopic
assert "spacy" not in sys.modules, "BERTopic's import pulled spaCy in"
assert "torch" not in sys.modules, "BERTopic's import pulled PyTorch in"
import spacy
assert [t.text for t in spacy.blank("en")("Two words")] == ["Two", "words"]
print("ok")
"""
_PROBE = """
import sys
import corpus_mining
import spacy
import thinc.compat
assert "torch" not in sys.modules, "spaCy's import pulled PyTorch in"
assert thinc.compat.has_torch is False
nlp = spacy.blank("fr")
assert [t.text for t in nlp("Le pôle réunit des PME.")][:2] == ["Le", "pôle"]
import bertopic.vectorizers
heavy = {"torch", "transformers", "sentence_transformers"} & sys.modules.keys()
assert not heavy, f"BERTopic's import pulled {heavy} in"
import torch
assert torch.ones(2).sum().item() == 2.0
print("ok")
"""


def test_spacy_and_bertopic_import_without_torch_and_torch_still_imports() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_bertopic_imports_without_spacy_and_spacy_still_imports() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _BERTOPIC_ALONE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
