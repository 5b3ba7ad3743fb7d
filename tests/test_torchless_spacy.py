"""spaCy and BERTopic load without PyTorch (BERTopic without spaCy), and both still load after."""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import sys
import corpus_mining
import bertopic
heavy = {"torch", "transformers", "sentence_transformers", "spacy"} & sys.modules.keys()
assert not heavy, f"BERTopic's import pulled {heavy} in"
import spacy
import thinc.compat
assert "torch" not in sys.modules, "spaCy's import pulled PyTorch in"
assert thinc.compat.has_torch is False
nlp = spacy.blank("en")  # French would compile its token-match pattern: 5 s
assert [t.text for t in nlp("The cluster's members.")][:3] == ["The", "cluster", "'s"]
import torch
assert torch.ones(2).sum().item() == 2.0
print("ok")
"""


def test_bertopic_without_spacy_spacy_without_torch_and_both_still_import() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
