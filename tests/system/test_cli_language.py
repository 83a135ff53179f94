"""The command line in the operator's language: `--lang zh_CN` turns the refusals of
export, eod, verify and user management into Chinese, by the refusal's code; English
stays the default, and an English run does not load Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ADMIN = {"TELLER_ADMIN_NAME": "admin", "TELLER_ADMIN_PASSWORD": "correct horse battery"}


def run(*args: str, stdin: str = "", **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TELLER_DB_URL", "LC_ALL")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", **extra})
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_refusals_of_export_eod_verify_and_user_speak_chinese(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    assert run("--db", url, "init", **ADMIN).returncode == 0
    added = run(
        "--db", url, "user", "add", "teller9", "--role", "teller", stdin="tiger-lily-42\n", **ADMIN
    )
    assert added.returncode == 0, added.stderr

    bad_date = run(
        "--lang", "zh_CN", "--db", url, "export", "--format", "csv",
        "--from", "2026-13-01", "--to", "2026-12-01", "--out", str(tmp_path / "x.csv"),
    )  # fmt: skip
    assert bad_date.returncode == 2
    assert "不是日期" in bad_date.stderr and "未写入任何内容" in bad_date.stderr
    assert not (tmp_path / "x.csv").exists()

    weak = run(
        "--lang", "zh_CN", "--db", url, "user", "add", "teller8", "--role", "teller",
        stdin="short\n", **ADMIN,
    )  # fmt: skip
    assert weak.returncode == 1
    assert weak.stderr.strip() == "拒绝：密码强度不足或包含用户名。"

    not_a_supervisor = run(
        "--lang", "zh_CN", "--db", url, "eod", "--supervisor", "teller9",
        "--report-dir", str(tmp_path), TELLER_SUPERVISOR_PASSWORD="tiger-lily-42",
    )  # fmt: skip
    assert not_a_supervisor.returncode == 1
    assert "未日终：只有主管可以办理此项。" in not_a_supervisor.stderr

    verified = run("--lang", "zh_CN", "--db", url, "verify")
    assert verified.returncode == 0 and verified.stdout.startswith("校验通过：")

    # The system's locale chooses when --lang is not given; English is the source.
    assert run("--db", url, "verify", LANG="zh_CN.UTF-8").stdout.startswith("校验通过：")
    english = run(
        "--db", url, "user", "add", "teller8", "--role", "teller", stdin="short\n", **ADMIN
    )
    assert english.stderr.startswith("refused: A password needs")


def test_an_english_command_line_does_not_load_qt() -> None:
    shown = subprocess.run(
        [sys.executable, "-c", "import sys, app.cli; print('PySide6' in sys.modules)"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == "False"
