"""The import direction of DESIGN.md §2, checked by import-linter: the domain knows no
Qt, UI or composition root; the bus knows no banking, Qt or database; the UI never
touches the database."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

LINT = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(no_cache=True, no_logo=True))"
)

# The owner's contracts: each layer and what it must never import. More is fine.
REQUIRED = {
    "domain": {"PySide6", "ui", "app"},
    "bus": {"PySide6", "domain", "ui", "app", "sqlalchemy"},
    "ui": {"sqlalchemy", "app", "alembic"},
}


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LINT],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def importlinter_config() -> str:
    """The [tool.importlinter] part of pyproject.toml, verbatim."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    start = text.index("[tool.importlinter]")
    rest = text[start:].splitlines(keepends=True)
    kept = []
    for line in rest:
        header = line.strip().startswith("[") and "tool.importlinter" not in line
        if header:
            break
        kept.append(line)
    return "".join(kept)


def test_pyproject_declares_the_layer_contracts() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    linter = config["tool"]["importlinter"]
    assert set(linter["root_packages"]) >= {"app", "ui", "domain", "bus"}
    assert linter.get("include_external_packages") is True  # so PySide6 etc. can be named
    forbidden: dict[str, set[str]] = {}
    for contract in linter["contracts"]:
        if contract["type"] == "forbidden":
            for source in contract["source_modules"]:
                forbidden.setdefault(source, set()).update(contract["forbidden_modules"])
    for layer, never in REQUIRED.items():
        missing = never - forbidden.get(layer, set())
        assert not missing, f"no contract keeps {layer} from importing {sorted(missing)}"


def test_the_code_keeps_the_import_contracts() -> None:
    done = lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def tiny_tree(tmp_path: Path) -> None:
    """The packages and modules the contracts name, empty."""
    for package in ("app", "ui", "domain", "bus"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    # the layers contract names the contexts
    for context in (
        "business_day",
        "door",
        "drawers",
        "eventstore",
        "flow",
        "kernel",
        "ledger",
        "operators",
        "payments",
        "reporting",
    ):
        (tmp_path / "domain" / context).mkdir()
        (tmp_path / "domain" / context / "__init__.py").write_text("")
    (tmp_path / "domain" / "catalog.py").write_text("")
    (tmp_path / "ui" / "main_window.py").write_text("import ui.desk_session\n")
    (tmp_path / "ui" / "desk_session.py").write_text("")


def test_the_contracts_catch_a_domain_module_that_imports_the_ui(tmp_path: Path) -> None:
    """The same configuration, on a tiny tree that breaks the rule, fails."""
    tiny_tree(tmp_path)
    (tmp_path / "domain" / "shortcut.py").write_text("def f():\n    import ui\n")
    (tmp_path / "pyproject.toml").write_text(importlinter_config(), encoding="utf-8")

    done = lint_imports(tmp_path)

    assert done.returncode != 0
    assert "domain.shortcut -> ui" in done.stdout


def test_the_contracts_catch_the_desk_session_importing_the_main_window(tmp_path: Path) -> None:
    """The circle ui.desk_session <-> ui.main_window, even through a type-only import."""
    tiny_tree(tmp_path)
    (tmp_path / "ui" / "desk_session.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ui.main_window import X\n"
    )
    (tmp_path / "pyproject.toml").write_text(importlinter_config(), encoding="utf-8")

    done = lint_imports(tmp_path)

    assert done.returncode != 0
    assert "ui.desk_session -> ui.main_window" in done.stdout
