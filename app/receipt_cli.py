"""`python main.py receipt PAYMENT_ID [--layout 80mm|a4] [--lang zh_CN|en] --out FILE.pdf`"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path
from typing import Any

from app.settings import bank_name, branch_name, database_url

# Receipts are printed as copies from the command line: the original was handed over at
# the counter after posting.


def add_parser(sub: Any) -> None:
    receipt = sub.add_parser(
        "receipt", help="write a payment's receipt as a PDF (marked as a copy unless --original)"
    )
    receipt.add_argument("payment_id", metavar="PAYMENT_ID")
    receipt.add_argument(
        "--layout",
        choices=("80mm", "a4"),
        default="80mm",
        help="an 80 mm thermal roll (default) or an A4 sheet",
    )
    receipt.add_argument("--lang", default=None, help="zh_CN or en (default: the system locale's)")
    receipt.add_argument("--out", required=True, type=Path, help="the PDF to write")
    receipt.add_argument(
        "--desk",
        default=None,
        help="the desk named on the slip (default: $TELLER_DESK_NAME, else this machine's name)",
    )
    receipt.add_argument("--original", action="store_true", help="print without the COPY marking")


def _application() -> Any:
    # Qt draws the slip; without a screen it draws offscreen, as the tests do.
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def run_receipt(args: argparse.Namespace) -> int:
    app = _application()
    from PySide6.QtCore import QCoreApplication

    from ui.translations import install_language, system_language

    try:
        install_language(args.lang or system_language())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    from app.database import make_engine
    from domain.reporting.history import PaymentDetailQuery
    from domain.reporting.receipts import ReceiptRefused, receipt_for
    from ui.receipt_print import write_receipt_pdf

    engine = make_engine(database_url(args.db))
    try:
        detail = PaymentDetailQuery(engine).detail(args.payment_id.strip())
    finally:
        engine.dispose()
    if detail is None:
        print(
            QCoreApplication.translate(
                "ReceiptCommand", "No payment {payment_id}: nothing printed."
            ).format(payment_id=args.payment_id),
            file=sys.stderr,
        )
        return 2
    try:
        receipt = receipt_for(
            detail,
            bank=bank_name(),
            branch=branch_name(),
            desk=args.desk or os.environ.get("TELLER_DESK_NAME") or socket.gethostname(),
            copy=not args.original,
        )
    except ReceiptRefused as refused:
        from ui.messages import refusal_text

        print(
            refusal_text(
                refused.code, refused.message, payment_id=args.payment_id, status=refused.status
            ),
            file=sys.stderr,
        )
        return 2
    try:
        # QPdfWriter only warns when it cannot write: find out first, with the reason.
        args.out.open("wb").close()
    except OSError as error:
        print(
            QCoreApplication.translate("ReceiptCommand", "Cannot write {path}: {error}").format(
                path=args.out, error=error.strerror
            ),
            file=sys.stderr,
        )
        return 2
    write_receipt_pdf(receipt, args.layout, args.out)
    print(
        QCoreApplication.translate(
            "ReceiptCommand", "Receipt for payment {payment_id} written to {path}"
        ).format(payment_id=receipt.payment_id, path=args.out)
    )
    del app
    return 0
