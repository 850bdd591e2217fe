import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_a6371abeff2cc97f.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def frank_validation() -> list[dict]:
    """FRANK's validation articles (cnndm + xsum), copied into tests/data."""
    with open(DATA / "frank_validation.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(autouse=True)
def _isolated_models(tmp_path_factory, monkeypatch):
    """No test sees the user's installed checkpoints: the models folder starts empty."""
    monkeypatch.setenv("SUMMARIZER_MODELS", str(tmp_path_factory.mktemp("models")))
