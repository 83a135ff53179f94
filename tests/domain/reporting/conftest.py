"""Fixtures the export tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from reporting_data import three_day_bank_fixture  # noqa: F401  the `three_day_bank` fixture


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the files an export writes (and must not leave behind)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
