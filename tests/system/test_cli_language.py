"""The command line in the operator's language: `--lang zh_CN` turns the refusals of
export, eod, verify and user management into Chinese, by the refusal's code; English
stays the default, and an English run does not load Qt."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import REPO, main_py

ADMIN = {"TELLER_ADMIN_NAME": "admin", "TELLER_ADMIN_PASSWORD": "correct horse battery"}


def test_refusals_of_export_eod_verify_and_user_speak_chinese(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    assert main_py("--db", url, "init", **ADMIN).returncode == 0
    added = main_py(
        "--db", url, "user", "add", "teller9", "--role", "teller", stdin="tiger-lily-42\n", **ADMIN
    )
    assert added.returncode == 0, added.stderr

    bad_date = main_py(
        "--lang", "zh_CN", "--db", url, "export", "--format", "csv",
        "--from", "2026-13-01", "--to", "2026-12-01", "--out", str(tmp_path / "x.csv"),
    )  # fmt: skip
    assert bad_date.returncode == 2
    assert "不是日期" in bad_date.stderr and "未写入任何内容" in bad_date.stderr
    assert not (tmp_path / "x.csv").exists()

    weak = main_py(
        "--lang", "zh_CN", "--db", url, "user", "add", "teller8", "--role", "teller",
        stdin="short\n", **ADMIN,
    )  # fmt: skip
    assert weak.returncode == 1
    assert weak.stderr.strip() == "拒绝：密码强度不足或包含用户名。"

    not_a_supervisor = main_py(
        "--lang", "zh_CN", "--db", url, "eod", "--supervisor", "teller9",
        "--report-dir", str(tmp_path), TELLER_SUPERVISOR_PASSWORD="tiger-lily-42",
    )  # fmt: skip
    assert not_a_supervisor.returncode == 1
    assert "未日终：只有主管可以办理此项。" in not_a_supervisor.stderr

    verified = main_py("--lang", "zh_CN", "--db", url, "verify")
    assert verified.returncode == 0 and verified.stdout.startswith("校验通过：")

    # The system's locale chooses when --lang is not given; English is the source.
    assert main_py("--db", url, "verify", LANG="zh_CN.UTF-8").stdout.startswith("校验通过：")
    english = main_py(
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


def test_the_demo_reports_its_day_in_chinese_with_the_same_figures(tmp_path: Path) -> None:
    """The same seed on two new banks: one report in Chinese, one in English, and the
    counts in both the same."""
    zh = main_py("--lang", "zh_CN", "--db", f"sqlite:///{tmp_path / 'zh.db'}", "demo",
             "--accounts", "5", "--payments", "20")  # fmt: skip
    en = main_py("--db", f"sqlite:///{tmp_path / 'en.db'}", "demo", "--accounts", "5",
             "--payments", "20")  # fmt: skip
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    chinese, english = zh.stdout.splitlines(), en.stdout.splitlines()
    assert len(chinese) == len(english)
    assert chinese[0].startswith("演示银行已建于 sqlite:///")
    assert english[0].startswith("demo bank in sqlite:///")
    assert "当日业务情景：" in chinese and "the day's stories:" in english
    assert "  一笔误入他人账户的 250.00 EUR 存款已由柜员冲正" in chinese
    assert "  a 250.00 EUR deposit keyed to the wrong account was reversed by the teller" in english
    # The risk rule's stored English reason reads in Chinese too.
    assert "  15,000.00 EUR 转账待复核：15,000.00 EUR 超过柜员单笔限额 10,000.00 EUR" in chinese

    def count(lines: list[str], label: str) -> str:
        line = next(line for line in lines if line.startswith(label))
        return line.replace("：", ":").rpartition(":")[2].strip()

    assert count(chinese, "已开立账户：") == count(english, "accounts opened: ") == "11"
    assert count(chinese, "交易 现金存款：") == count(english, "payments cash_deposit:")
    assert any(line.startswith("操作员 teller1（柜员）：密码 ") for line in chinese)
    assert any(line.startswith("operator teller1 (teller): password ") for line in english)
    assert not any("the day" in line or "payments " in line for line in chinese)


def test_staffing_simulate_and_events_speak_chinese_and_keep_json_english(tmp_path: Path) -> None:
    asked = ("staffing", "--arrival-rate", "2", "--service-time", "1.5",
             "--target-wait", "1", "--target-share", "0.8")  # fmt: skip
    zh, en = main_py("--lang", "zh_CN", *asked), main_py(*asked)
    assert zh.returncode == en.returncode == 0
    assert zh.stdout.splitlines()[1] == "所需柜员：5"
    assert "  <- 所需" in zh.stdout and "不稳定" in zh.stdout
    assert en.stdout.splitlines()[:3] == [
        "2 customers a minute, 1.5 minutes each (3.00 Erlangs); target: 80% within 1 minutes",
        "tellers needed: 5",
        "tellers   util  P(wait)  mean wait   queue  within target",
    ]
    # The figures are the same, whatever the words around them.
    assert [line.split()[:3] for line in zh.stdout.splitlines()[3:]] == [
        line.split()[:3] for line in en.stdout.splitlines()[3:]
    ]
    as_json = main_py("--lang", "zh_CN", *asked, "--json")
    assert json.loads(as_json.stdout)["tellers_needed"] == 5

    simulated = main_py("--lang", "zh_CN", "--db", f"sqlite:///{tmp_path / 'sim.db'}", "simulate",
                    "--minutes", "30", "--speed", "0", "--desks", "2")  # fmt: skip
    assert simulated.returncode == 0, simulated.stderr
    assert "每位一笔真实交易" in simulated.stdout and "平均等待（分钟）" in simulated.stdout
    refused = main_py("--lang", "zh_CN", "simulate", "--minutes", "0")
    assert refused.returncode == 2
    assert refused.stderr.strip() == "错误：--minutes 须为正数，--speed 不得为负数"

    url = f"sqlite:///{tmp_path / 'events.db'}"
    follow = main_py("--lang", "zh_CN", "--db", url, "events", "--until-idle", "1")
    assert follow.returncode == 2 and follow.stderr.strip() == "--until-idle 须与 --follow 一起使用"
    english = main_py("--db", url, "events", "--from-seq", "0")
    assert english.returncode == 2
    assert english.stderr.strip() == "--from-seq takes a seq of 1 or more"


@pytest.fixture(scope="module")
def demo_bank(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, str]:
    """A demo bank's url, its closed business date and its open one."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'bank.db'}"
    made = main_py("--db", url, "demo", "--accounts", "5", "--payments", "20")
    assert made.returncode == 0, made.stderr
    found = re.search(r"closed (\d{4}-\d\d-\d\d); (\d{4}-\d\d-\d\d) is open", made.stdout)
    assert found is not None, made.stdout
    return url, found[1], found[2]


def pdf_text(pdf: Path) -> str:
    shown = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return shown.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_command_line_exports_chinese_pdfs_with_lang_zh_cn(
    demo_bank: tuple[str, str, str], tmp_path: Path
) -> None:
    url, closed, today = demo_bank
    period = ("--from", closed, "--to", today)
    journal = main_py("--lang", "zh_CN", "--db", url, "export", "--format", "pdf", *period,
                      "--out", str(tmp_path / "j.pdf"))  # fmt: skip
    assert journal.returncode == 0, journal.stderr
    assert re.match(r"已将 \d+ 行写入 .*j\.pdf（合计，以最小货币单位计：EUR \d+）$", journal.stdout)
    text = pdf_text(tmp_path / "j.pdf")
    for words in ("柜员流水", "营业日期", "类型", "状态", "现金存款", "转账", "冲正", "已记账"):
        assert words in text, text
    for english in ("Teller journal", "Business date", "Keyed", "Kind", "Status", "Amount",
                    "Reference", "cash deposit", "posted"):  # fmt: skip
        assert english not in text, english

    statement = main_py("--lang", "zh_CN", "--db", url, "export", "--format", "pdf", *period,
                        "--account", "10000001", "--out", str(tmp_path / "s.pdf"))  # fmt: skip
    assert statement.returncode == 0, statement.stderr
    assert statement.stdout.startswith("已将 ") and "笔分录写入" in statement.stdout
    text = pdf_text(tmp_path / "s.pdf")
    for words in ("账户对账单", "期初余额", "期末余额", "借方", "贷方", "余额", "转账"):
        assert words in text, text
    for english in ("Account statement", "Opening balance", "Closing balance", "Counterparty",
                    "Debit", "Credit", "Balance", "transfer"):  # fmt: skip
        assert english not in text, english

    # English stays the default, for the file and the line printed.
    english_run = main_py("--db", url, "export", "--format", "pdf", *period,
                          "--out", str(tmp_path / "e.pdf"))  # fmt: skip
    assert english_run.stdout.startswith("wrote ") and " rows to " in english_run.stdout
    assert "Teller journal" in pdf_text(tmp_path / "e.pdf")


# Each refusal of `export`: the arguments (with {closed}, {today} and {tmp} filled in),
# then its line in Chinese and in English.
EXPORT_REFUSALS = {
    "no account": (
        ["--format", "pdf", "--from", "{closed}", "--to", "{today}", "--account", "NOPE"],
        "导出：无账户 NOPE；未写入任何内容",
        "export: No account NOPE; nothing was written",
    ),
    "no teller": (
        ["--format", "pdf", "--from", "{closed}", "--to", "{today}", "--teller", "nobody"],
        "导出：无操作员 nobody；未写入任何内容",
        "export: No operator nobody; nothing was written",
    ),
    "future period": (
        ["--format", "pdf", "--from", "{closed}", "--to", "2999-01-01"],
        "导出：期间结束于 2999-01-01，晚于当前营业日 {today}："
        "请在 {today} 或之前结束；未写入任何内容",
        "export: The period ends on 2999-01-01, after the open business date {today}: "
        "end it on {today} or earlier; nothing was written",
    ),
    "inverted period": (
        ["--format", "pdf", "--from", "{today}", "--to", "{closed}"],
        "导出：期间的开始日（{today}）晚于结束日（{closed}）；未写入任何内容",
        "export: The period starts ({today}) after it ends ({closed}); nothing was written",
    ),
    "no folder": (
        ["--format", "pdf", "--from", "{closed}", "--to", "{today}", "--out", "/nonexist/y.pdf"],
        "导出：文件夹 /nonexist 不存在；未写入任何内容",
        "export: The folder /nonexist does not exist; nothing was written",
    ),
    "nothing moved": (
        ["--format", "camt053", "--from", "2020-01-01", "--to", "2020-01-02"],
        "导出：2020-01-01 至 2020-01-02 之间没有账户发生变动：如需无分录的对账单，"
        "请用 --account 指定账户；未写入任何内容",
        "export: No account moved between 2020-01-01 and 2020-01-02: name an --account for "
        "a statement without entries; nothing was written",
    ),
    "unknown format": (
        ["--format", "docx", "--from", "{closed}", "--to", "{today}"],
        "导出：未知格式 'docx'：请从 csv, xlsx, pdf, camt053 中选择；未写入任何内容",
        "export: Unknown format 'docx': choose one of csv, xlsx, pdf, camt053; nothing was written",
    ),
}


@pytest.mark.parametrize("case", EXPORT_REFUSALS)
def test_export_refusals_speak_the_chosen_language_only(
    case: str, demo_bank: tuple[str, str, str], tmp_path: Path
) -> None:
    url, closed, today = demo_bank
    asked, chinese, english = EXPORT_REFUSALS[case]
    args = [arg.format(closed=closed, today=today) for arg in asked]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "y.pdf")]
    for language, expected in (("zh_CN", chinese), ("en", english)):
        refused = main_py("--lang", language, "--db", url, "export", *args)
        assert refused.returncode == 2
        assert refused.stderr.strip() == expected.format(closed=closed, today=today)
    assert list(tmp_path.iterdir()) == []


def test_lang_s_help_says_it_sets_the_command_line_s_and_the_pdfs_language() -> None:
    shown = " ".join(main_py("--help").stdout.split())
    assert "--lang zh_CN|en the language of the desk, of the command line's messages" in shown
    assert "and of exported PDFs" in shown
