"""Receipts as the customer holds them: `python main.py receipt ...` writes a PDF for a
real payment, read back with pdftotext in English and in Simplified Chinese."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bus import Event
from domain.payments.commands import ReversePayment
from domain.payments.events import PaymentHeld, PaymentPosted
from tests.lifecycle_support import DRAWER, make_bank, seed

REPO = Path(__file__).resolve().parents[3]
ANNA, BEN = "10000001", "10000002"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) is not installed"
)


def receipt(url: str, payment_id: str, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TELLER_DB_URL"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        TELLER_BANK_NAME="Bank of the Bund",
        TELLER_BRANCH_NAME="Shanghai Huangpu branch",
        TELLER_DESK_NAME="desk-7",
    )
    return subprocess.run(
        [sys.executable, "main.py", "--db", url, "receipt", payment_id, "--out", str(out), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def payment_id_of(answer: Event) -> str:
    assert isinstance(answer, PaymentPosted | PaymentHeld), answer
    return answer.payment_id


@pytest.fixture(scope="module")
def payments(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("receipts")
    bank = make_bank(folder)
    seed(bank)
    found = {
        "deposit": payment_id_of(
            bank.pay("cash_deposit", DRAWER, BEN, "1234.50", reference="rent May")
        ),
        "transfer": payment_id_of(bank.pay("transfer", ANNA, BEN, "99.99", reference="invoice 7")),
        "held": payment_id_of(bank.pay("transfer", ANNA, BEN, "12000")),
    }
    bank.do(
        ReversePayment(
            payment_id=found["deposit"],
            reversal_id="rev-1",
            reason="wrong account",
            actor="teller1",
        )
    )
    found["reversal"] = "rev-1"
    found["url"] = bank.url
    bank.desk.close()
    return found


@pytest.mark.parametrize("layout", ["80mm", "a4"])
def test_an_english_receipt_shows_what_the_customer_slip_shows(payments, tmp_path, layout):
    out = tmp_path / "slip.pdf"
    done = receipt(payments["url"], payments["transfer"], out, "--layout", layout, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert f"written to {out}" in done.stdout
    text = text_of(out)
    for expected in (
        "Bank of the Bund",
        "Shanghai Huangpu branch",
        "RECEIPT",
        "COPY",
        "desk-7",
        "teller1",
        payments["transfer"],
        "Transfer",
        "****0001",
        "****0002",
        "99.99 EUR",
        "invoice 7",
        "posted",
    ):
        assert expected in text, (expected, text)
    # The whole account numbers never print.
    assert ANNA not in text and BEN not in text


def test_a_chinese_receipt_reads_back_in_chinese(payments, tmp_path):
    out = tmp_path / "slip.pdf"
    done = receipt(payments["url"], payments["deposit"], out, "--lang", "zh_CN", "--layout", "a4")
    assert done.returncode == 0, done.stderr
    assert "回单已写入" in done.stdout
    text = text_of(out)
    for expected in (
        "业务回单",
        "副本",
        "交易编号",
        "现金存款",
        "金额",
        "已冲正",
        "附言",
        "rent May",
        payments["deposit"],
    ):
        assert expected in text, (expected, text)
    assert "RECEIPT" not in text and "Amount" not in text


def test_an_original_has_no_copy_marking_and_a_reversal_names_what_it_reverses(payments, tmp_path):
    out = tmp_path / "slip.pdf"
    done = receipt(payments["url"], payments["reversal"], out, "--original", "--lang", "en")
    assert done.returncode == 0, done.stderr
    text = text_of(out)
    assert "COPY" not in text
    assert "Reversal" in text
    assert "Reverses payment" in text and payments["deposit"] in text


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", "held for a supervisor's approval: no receipt"),
        ("zh_CN", "正等待主管审批"),
    ],
)
def test_a_held_payment_prints_no_receipt(payments, tmp_path, lang, says):
    out = tmp_path / "slip.pdf"
    done = receipt(payments["url"], payments["held"], out, "--lang", lang)
    assert done.returncode == 2
    assert says in done.stderr
    assert not out.exists()


def test_an_unknown_payment_or_an_unwritable_file_is_one_clear_line(payments, tmp_path):
    done = receipt(payments["url"], "no-such-payment", tmp_path / "x.pdf", "--lang", "en")
    assert done.returncode == 2 and "No payment no-such-payment" in done.stderr
    done = receipt(
        payments["url"], payments["transfer"], tmp_path / "missing" / "x.pdf", "--lang", "en"
    )
    assert done.returncode == 2 and "Cannot write" in done.stderr
    assert "Traceback" not in done.stderr
