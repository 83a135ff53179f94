"""Every reason the domain can refuse with reads as a sentence at the desk, in English and
in Chinese; a code the desk does not know yet still shows the domain's own sentence."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from enum import StrEnum

import pytest

import domain
from bus import CommandRejected
from ui.messages import MESSAGES, refusal_text, why_not_done
from ui.translations import install_language

# The codes as scripts, logs and stored CommandRejected events spell them: a renamed
# member is fine, a changed text is not.
CODES = [
    "above_approver_limit",
    "account_closed",
    "account_exists",
    "account_frozen",
    "account_id_invalid",
    "account_kind_unknown",
    "amount_malformed",
    "amount_missing",
    "amount_negative",
    "amount_not_positive",
    "amount_too_large",
    "amount_too_many_decimals",
    "amount_zero",
    "approver_not_supervisor",
    "bank_code_invalid",
    "beneficiary_account_invalid",
    "beneficiary_name_missing",
    "cannot_check",
    "cannot_create",
    "cannot_decline",
    "cannot_hold",
    "cannot_post",
    "cannot_reject",
    "cannot_reserve",
    "cannot_reverse",
    "cannot_settle",
    "cannot_void",
    "cash_account_mismatch",
    "checkpoint_mismatch",
    "control_characters",
    "count_invalid",
    "credentials_refused",
    "currency_mismatch",
    "date_closed",
    "date_invalid",
    "date_not_begun",
    "date_open",
    "date_unknown",
    "date_used",
    "denomination_unknown",
    "direction_unknown",
    "disable_self",
    "drawer_closing",
    "drawer_not_counted",
    "drawer_not_open",
    "drawer_not_opening",
    "drawer_session_active",
    "drawer_session_exists",
    "drawers_open",
    "export_file_read_only",
    "export_folder_read_only",
    "export_no_account",
    "export_no_folder",
    "export_no_operator",
    "export_nothing_moved",
    "export_out_is_folder",
    "export_out_under_file",
    "export_period_after_today",
    "export_period_inverted",
    "export_too_many_rows",
    "export_unknown_format",
    "export_write_failed",
    "forbidden",
    "holder_name_invalid",
    "iban_in_use",
    "iban_invalid",
    "insufficient_funds",
    "invalid_date",
    "invalid_identifier",
    "invalid_type",
    "maker_is_checker",
    "name_invalid",
    "needs_supervisor",
    "no_denominations",
    "no_open_date",
    "not_your_drawer",
    "operator_disabled",
    "operator_exists",
    "operator_locked",
    "out_of_range",
    "overdraft_negative",
    "override_by_maker",
    "override_required",
    "password_weak",
    "payment_id_invalid",
    "payment_id_reused",
    "payment_kind_unknown",
    "possible_duplicate",
    "reason_missing",
    "receipt_held",
    "receipt_not_customer",
    "receipt_not_posted",
    "reference_too_long",
    "required",
    "reversal_of_reversal",
    "role_unknown",
    "same_account",
    "session_closed",
    "session_invalid",
    "session_mismatch",
    "session_required",
    "too_long",
    "unknown_account",
    "unknown_currency",
    "unknown_drawer_session",
    "unknown_operator",
    "unknown_payment",
    "unknown_value",
    "unlock_forbidden",
    "wrong_account_kind",
]


def refusal_enums() -> list[type[StrEnum]]:
    """Each context's enum of refusal codes (named <Something>Refusal), found in domain/
    so that a new one cannot be left out of this test."""
    found: list[type[StrEnum]] = []
    for module_info in pkgutil.walk_packages(domain.__path__, "domain."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, StrEnum)
                and value.__name__.endswith("Refusal")
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


REFUSALS = [member for enum in refusal_enums() for member in enum]
# What a refusal's sentence may name (a receipt's payment, an export's account, period,
# file...), so that every sentence can be filled.
SAMPLE_DETAILS = {
    "payment_id": "P-1",
    "status": "posted",
    "format": "'docx'",
    "formats": "csv, pdf",
    "start": "2026-03-02",
    "end": "2026-03-01",
    "today": "2026-03-01",
    "account": "NOPE",
    "teller": "nobody",
    "path": "/tmp/x.pdf",
    "folder": "/nonexist",
    "error": "disk full",
    "count": "1,048,576",
    "limit": "1,048,575",
}


@pytest.fixture
def chinese(qapp: object) -> Iterator[None]:
    install_language("zh_CN")
    yield
    install_language("en")


def test_every_code_is_declared_once_with_its_stored_text() -> None:
    assert sorted(str(member) for member in REFUSALS) == sorted(CODES)


def test_the_sentences_are_keyed_by_the_domain_s_members_only() -> None:
    assert {type(code) for code in MESSAGES} <= set(refusal_enums())
    assert set(MESSAGES) == set(REFUSALS)


@pytest.mark.parametrize("code", REFUSALS, ids=str)
def test_every_refusal_has_a_sentence_in_english_and_in_chinese(
    code: StrEnum, chinese: None
) -> None:
    assert len(MESSAGES[code].split()) >= 2, MESSAGES[code]
    shown = refusal_text(code, "the domain's English", **SAMPLE_DETAILS)
    assert shown != "the domain's English"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in shown), shown


def test_in_english_the_desk_shows_the_domain_s_own_sentence_with_its_figures(
    qapp: object,
) -> None:
    install_language("en")
    english = "Not enough money on 10000001: 12.00 EUR available, 50.00 EUR asked"
    assert refusal_text("insufficient_funds", english) == english


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_code_the_desk_does_not_know_shows_the_domain_s_sentence(
    qapp: object, language: str
) -> None:
    install_language(language)
    try:
        refused = CommandRejected(
            command_type="SubmitPayment",
            command_id="c-1",
            reason_code="a_rule_added_after_this_desk",
            reason="Payments to the moon are not taken",
        )
        assert why_not_done(refused) == "Payments to the moon are not taken"
    finally:
        install_language("en")
