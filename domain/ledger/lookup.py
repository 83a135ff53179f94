"""Finding an account as fast as it is typed: by number (or an IBAN-like identifier typed
with spaces), by the start of any word of the holder's name, or by a name spelt a little
wrong.

The directory keeps every account's number and name words in sorted lists in memory
(about 20 MB for 100,000 accounts) and answers a keystroke with binary searches instead
of a LIKE '%...%' scan of the table. It catches up with accounts opened since (on this
desk or any other) by reading the event log after the last sequence number it has seen,
which is one indexed query per search. Fuzzy matching compares letter trigrams of the
distinct name words (far fewer than accounts), so a typo costs a few milliseconds.
"""

from __future__ import annotations

import json
import unicodedata
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Engine, select

from domain.eventstore.tables import chain_head, events
from domain.ledger.queries import _ACCOUNT_COLUMNS, AccountView, _account_view
from domain.ledger.tables import accounts

FUZZY_MIN_SIMILARITY = 0.4
FUZZY_WORDS = 8


def fold(text: str) -> str:
    """Lower case without accents: 'Müller' and 'muller' are the same word to a teller."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_words(text: str) -> list[str]:
    folded = fold(text)
    return "".join(c if c.isalnum() else " " for c in folded).split()


def compact_number(text: str) -> str:
    """Account numbers and IBANs are typed with spaces and in any case."""
    return "".join(text.split()).upper()


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass(frozen=True)
class Found:
    account: AccountView
    # "number", "name" or "similar name": why it was offered.
    matched_by: str


class AccountDirectory:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._loaded = False
        self._last_seq = 0
        self._ids: list[str] = []
        self._words_of: list[tuple[str, ...]] = []
        self._numbers: list[tuple[str, int]] = []  # (compact number, position), sorted
        self._words: list[str] = []  # distinct name words, sorted
        self._holders: dict[str, list[int]] = {}  # name word -> positions
        self._by_trigram: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    # -- keeping up -----------------------------------------------------------------------

    def _add(self, account_id: str, holder_name: str, *, sorted_insert: bool) -> None:
        position = len(self._ids)
        words = tuple(dict.fromkeys(name_words(holder_name)))
        self._ids.append(account_id)
        self._words_of.append(words)
        key = (compact_number(account_id), position)
        if sorted_insert:
            insort(self._numbers, key)
        else:
            self._numbers.append(key)
        for word in words:
            holders = self._holders.get(word)
            if holders is None:
                self._holders[word] = [position]
                if sorted_insert:
                    insort(self._words, word)
                else:
                    self._words.append(word)
                for trigram in _trigrams(word):
                    self._by_trigram.setdefault(trigram, set()).add(word)
            else:
                holders.append(position)

    def refresh(self) -> None:
        """Load everything once, then only what was opened since the last look."""
        with self._engine.connect() as conn:
            head = conn.execute(select(chain_head.c.last_seq)).scalar_one()
            if not self._loaded:
                for account_id, holder_name in conn.execute(
                    select(accounts.c.account_id, accounts.c.holder_name)
                ):
                    self._add(account_id, holder_name, sorted_insert=False)
                self._numbers.sort()
                self._words.sort()
                self._loaded = True
            elif head > self._last_seq:
                for payload in conn.execute(
                    select(events.c.payload).where(
                        events.c.seq > self._last_seq,
                        events.c.seq <= head,
                        events.c.event_type == "AccountOpened",
                    )
                ).scalars():
                    opened = json.loads(payload)
                    self._add(opened["account_id"], opened["holder_name"], sorted_insert=True)
        self._last_seq = head

    # -- searching ------------------------------------------------------------------------

    def _numbers_starting(self, prefix: str) -> Iterator[int]:
        start = bisect_left(self._numbers, (prefix, -1))
        for number, position in self._numbers[start : start + 200]:
            if not number.startswith(prefix):
                return
            yield position

    def _words_starting(self, prefix: str) -> Iterator[str]:
        for index in range(bisect_left(self._words, prefix), len(self._words)):
            word = self._words[index]
            if not word.startswith(prefix):
                return
            yield word

    def _similar_words(self, typed: str) -> list[str]:
        wanted = _trigrams(typed)
        shared: Counter[str] = Counter()
        for trigram in wanted:
            shared.update(self._by_trigram.get(trigram, ()))
        scored = []
        for word, common in shared.items():
            similarity = common / (len(wanted) + len(_trigrams(word)) - common)
            if similarity >= FUZZY_MIN_SIMILARITY:
                scored.append((-similarity, word))
        return [word for _, word in sorted(scored)[:FUZZY_WORDS]]

    def _holders_of(self, words: Iterable[str]) -> Iterator[int]:
        for word in words:
            yield from self._holders[word]

    def _name_matches(self, typed: list[str], fuzzy: bool) -> Iterator[int]:
        """Positions of accounts with a name word matching every typed word: starting with
        it, or (fuzzy) spelt like it."""
        choices = [
            set(self._words_starting(word))
            | (set(self._similar_words(word)) if fuzzy and len(word) >= 3 else set())
            for word in typed
        ]
        if not all(choices):
            return
        # Walk the holders of the rarest typed word; check the others on each account.
        order = sorted(range(len(typed)), key=lambda i: len(choices[i]))
        first, rest = order[0], [choices[i] for i in order[1:]]
        for position in self._holders_of(sorted(choices[first])):
            words = self._words_of[position]
            if all(any(w in allowed for w in words) for allowed in rest):
                yield position

    def find(self, text: str, limit: int = 20) -> list[tuple[str, str]]:
        """(account id, matched_by) for what was typed, best first, without reading the
        balances: the part a keystroke pays for."""
        self.refresh()
        found: dict[int, str] = {}
        number = compact_number(text)
        if number:
            for position in self._numbers_starting(number):
                found.setdefault(position, "number")
                if len(found) >= limit:
                    break
        typed = name_words(text)
        # Spelling guesses only when nothing matches as typed: they would be noise next to
        # the account the teller is spelling out.
        for fuzzy, label in ((False, "name"), (True, "similar name")):
            if not typed or len(found) >= limit or (fuzzy and found):
                break
            for position in self._name_matches(typed, fuzzy):
                found.setdefault(position, label)
                if len(found) >= limit:
                    break
        ranked = sorted(
            found.items(),
            key=lambda item: (
                self._ids[item[0]].upper() != number,
                ("number", "name", "similar name").index(item[1]),
            ),
        )
        return [(self._ids[position], how) for position, how in ranked]

    def search(self, text: str, limit: int = 20) -> list[Found]:
        hits = self.find(text, limit)
        if not hits:
            return []
        with self._engine.connect() as conn:
            views = {
                row.account_id: _account_view(row)
                for row in conn.execute(
                    _ACCOUNT_COLUMNS.where(accounts.c.account_id.in_([h[0] for h in hits]))
                )
            }
        return [Found(views[account_id], how) for account_id, how in hits if account_id in views]
