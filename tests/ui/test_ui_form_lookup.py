"""The payment form offers customers' accounts from the account directory: by number,
by name with accents ignored, or by a name spelt a little wrong."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QStringListModel

from ui.main_window import MainWindow

TELLER = "teller1"


@pytest.fixture
def window(make_desk, make_window) -> MainWindow:
    desk = make_desk(
        accounts=(("10000001", "Anna Müller"), ("10000002", "Ben Rossi"), ("10000003", "Chen Li"))
    )
    return make_window(desk, TELLER, book=True, drawer="DRAWER-teller1")


def offered(qtbot, win: MainWindow, typed: str) -> list[str]:
    field = win.form.to_field
    field.edit.clear()
    qtbot.keyClicks(field.edit, typed)
    model = field.edit.completer().model()
    assert isinstance(model, QStringListModel)
    return model.stringList()


def test_a_name_typed_without_its_accent_or_a_little_wrong_is_offered(qtbot, window):
    assert offered(qtbot, window, "mul") == ["10000001 — Anna Müller"]
    assert offered(qtbot, window, "rosi") == ["10000002 — Ben Rossi"]
    assert offered(qtbot, window, "1000000") == [
        "10000001 — Anna Müller",
        "10000002 — Ben Rossi",
        "10000003 — Chen Li",
    ]


def test_the_bank_s_own_accounts_are_not_offered(qtbot, window):
    assert offered(qtbot, window, "drawer") == []
