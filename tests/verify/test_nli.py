"""The nli judge on a tiny randomly initialised model built here (no download)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from citecheck.config import Settings
from citecheck.errors import ConfigError
from citecheck.models import Extraction, Label
from citecheck.verify import get_judge
from citecheck.verify.nli import NliJudge

transformers = pytest.importorskip("transformers")
torch = pytest.importorskip("torch")

PAGE = (
    "Министр иностранных дел Сергей Лавров заявил, что мораторий на удары продлится 30 дней.\n"
    "Министр финансов Антон Силуанов сообщил, что дефицит бюджета составит 3,786 трлн рублей.\n"
)
CLAIM = "Lavrov said the moratorium would last 30 days, and Siluanov said the deficit would be 3.786 trillion roubles."


def _tiny_model(folder: Path, favour: int) -> Path:
    """A two-layer BERT with a word-piece vocabulary, biased towards one class."""
    chars = sorted(set(PAGE + CLAIM + "abcdefghijklmnopqrstuvwxyz0123456789"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *[c for c in chars if not c.isspace()]]
    (folder / "vocab.txt").write_text("\n".join(dict.fromkeys(vocab)) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizer(str(folder / "vocab.txt"), do_lower_case=True)
    config = transformers.BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=512,
        num_labels=3,
        id2label={0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"},
        label2id={"ENTAILMENT": 0, "NEUTRAL": 1, "CONTRADICTION": 2},
    )
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([-5.0, -5.0, -5.0]))
        model.classifier.bias[favour] = 5.0
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.mark.parametrize(
    ("favour", "label"), [(0, Label.SUPPORTED), (1, Label.UNSUPPORTED), (2, Label.UNSUPPORTED)]
)
def test_nli_labels_follow_the_model(tmp_path: Path, favour: int, label: Label) -> None:
    folder = _tiny_model(tmp_path, favour)
    judge = get_judge(Settings(judge="nli", nli_model_path=str(folder)))
    extraction = Extraction("https://example.org/", "ok", PAGE, lang="ru")
    verdict = asyncio.run(judge.judge(CLAIM, "", extraction))
    assert verdict.judge == "nli"
    assert verdict.label == label
    rows = verdict.reasons["nli"]
    assert len(rows) == 2
    for row in rows:
        assert abs(row["entailment"] + row["neutral"] + row["contradiction"] - 1) < 1e-3
        assert row["passage"] in PAGE


def test_nli_without_a_path_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        get_judge(Settings(judge="nli"))


def test_missing_model_falls_back_to_the_default(tmp_path: Path) -> None:
    judge = NliJudge(str(tmp_path / "absent"))
    verdict = judge.judge_sync(CLAIM, "", Extraction("https://example.org/", "ok", PAGE))
    assert "fallback" in verdict.reasons
    assert verdict.label == Label.SUPPORTED
