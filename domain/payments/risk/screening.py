"""Name screening against a block list, tolerant of how names get typed at a counter.

Both sides are normalised (accents stripped via Unicode decomposition, case folded,
punctuation dropped, words sorted), then compared with rapidfuzz's token-sort ratio, so
"gruber, HANS", "Hans Grüber" and "Hnas Gruber" all meet "Hans Gruber".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    # ß and similar fold to several letters; anything not a letter or digit splits words.
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return " ".join(sorted(words))


@dataclass(frozen=True)
class Hit:
    name: str  # as typed
    listed: str  # as on the block list
    score: float  # 0-100


class BlockList:
    def __init__(self, names: list[str]) -> None:
        self.names = [n for n in names if normalise(n)]
        self._normalised = [normalise(n) for n in self.names]

    @classmethod
    def from_file(cls, path: Path) -> BlockList:
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls(
            [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]
        )

    def best_match(self, name: str, cutoff: float) -> Hit | None:
        """The listed name most like `name`, if its similarity reaches `cutoff`."""
        wanted = normalise(name)
        if not wanted or not self._normalised:
            return None
        found = process.extractOne(
            wanted, self._normalised, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff
        )
        if found is None:
            return None
        _, score, position = found
        return Hit(name=name, listed=self.names[position], score=float(score))
