"""The life of payments as an absorbing Markov chain, estimated from observed moves.

A payment's path is the states it passed through, each with the time it entered it.
A path that stops in a state it could still leave (posted, which a reversal may leave;
held, waiting for a supervisor) is taken to end there: the stop counts as a move to an
absorbing copy of that state, `ends(state)`, so "posted and stayed posted" and "posted,
then reversed" are different outcomes, and the figures a manager reads (share ending in
each state) fall out of the absorption probabilities.

References:
- Anderson, T. W. and Goodman, L. A. (1957), "Statistical inference about Markov
  chains", Annals of Mathematical Statistics 28, 89-110: p̂ᵢⱼ = nᵢⱼ / nᵢ is the maximum
  likelihood estimate of the transition matrix.
- Kemeny, J. G. and Snell, J. L. (1960), Finite Markov Chains, Van Nostrand, ch. III
  (absorbing chains): canonical form P = [[Q, R], [0, I]], fundamental matrix
  N = (I - Q)⁻¹, absorption probabilities B = N·R, expected steps t = N·1.
- Howard, R. A. (1971), Dynamic Probabilistic Systems, Vol. II: Semi-Markov and
  Decision Processes, Wiley: with mean holding times h, expected time to absorption
  is N·h.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

END = " (stays)"


def ends(state: str) -> str:
    """The absorbing copy of a state a path stopped in while it could still move on."""
    return state + END


def outcome(state: str) -> str:
    """The state an absorbing state stands for: `posted (stays)` is an end in posted."""
    return state.removesuffix(END)


@dataclass(frozen=True)
class Chain:
    """An estimated chain in canonical order: transient states, then absorbing ones."""

    transient: list[str]
    absorbing: list[str]
    counts: list[list[int]]  # nᵢⱼ, rows and columns in `states` order
    matrix: list[list[float]]  # p̂ᵢⱼ; an absorbing row is its own unit vector
    holding: dict[str, float]  # mean time in a transient state before its next move

    @property
    def states(self) -> list[str]:
        return self.transient + self.absorbing

    def probability(self, source: str, target: str) -> float:
        states = self.states
        return self.matrix[states.index(source)][states.index(target)]


Path = Sequence[tuple[str, float]]


def estimate_chain(paths: Iterable[Path], order: Sequence[str] = ()) -> Chain:
    """Transition matrix p̂ᵢⱼ = nᵢⱼ / nᵢ (Anderson & Goodman 1957) from paths of
    (state, time entered). A state never left in any path is absorbing; a path that stops
    in a state that other paths left moves to `ends(state)`, in no time.

    `holding[i]` = Σⱼ p̂ᵢⱼ·τ̄ᵢⱼ, the mean time from entering i to its next move, where
    τ̄ᵢⱼ is the mean observed time of i → j moves and a stop takes none (Howard 1971).
    `order` lists known states first in that order (e.g. domain.payments.states.STATES).
    """
    moves: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    spent: dict[str, float] = defaultdict(float)
    seen: list[str] = []
    stops: list[str] = []
    for path in paths:
        for i, (state, entered) in enumerate(path):
            if state not in seen:
                seen.append(state)
            if i + 1 < len(path):
                following, left = path[i + 1]
                moves[state][following] += 1
                spent[state] += left - entered
            else:
                stops.append(state)
    for state in stops:
        # Stopping where others moved on is an outcome of its own; where nobody moved
        # on, the state is simply absorbing.
        if state in moves:
            moves[state][ends(state)] += 1
            if ends(state) not in seen:
                seen.append(ends(state))
    rank = {s: i for i, s in enumerate(order)}
    seen.sort(key=lambda s: (rank.get(outcome(s), len(rank)), s.endswith(END), s))
    transient = [s for s in seen if s in moves]
    absorbing = [s for s in seen if s not in moves]
    states = transient + absorbing
    index = {s: i for i, s in enumerate(states)}
    counts = [[0] * len(states) for _ in states]
    matrix = [[0.0] * len(states) for _ in states]
    holding: dict[str, float] = {}
    for state in transient:
        row = index[state]
        total = sum(moves[state].values())
        for target, n in moves[state].items():
            counts[row][index[target]] = n
            matrix[row][index[target]] = n / total
        holding[state] = spent[state] / total
    for state in absorbing:
        matrix[index[state]][index[state]] = 1.0
    return Chain(transient, absorbing, counts, matrix, holding)


@dataclass(frozen=True)
class Absorption:
    """From each transient state: where it ends and how long it takes (Kemeny & Snell)."""

    transient: list[str]
    absorbing: list[str]
    fundamental: list[list[float]]  # N = (I - Q)⁻¹: expected visits to j starting in i
    probabilities: list[list[float]]  # B = N·R: P(absorbed in k | start in i)
    expected_steps: list[float]  # t = N·1
    expected_time: list[float]  # N·h

    def ending(self, start: str) -> dict[str, float]:
        """P(ends in each outcome | start): absorbing copies merged into their state."""
        row = self.probabilities[self.transient.index(start)]
        shares: dict[str, float] = defaultdict(float)
        for state, p in zip(self.absorbing, row, strict=True):
            shares[outcome(state)] += p
        return dict(shares)


def absorb(chain: Chain) -> Absorption:
    """Kemeny & Snell (1960), Theorems 3.2.1, 3.3.5, 3.3.7: with P in canonical form,
        N = (I - Q)⁻¹,   B = N·R,   t = N·1;
    and the expected time to absorption N·h, h the mean holding times (Howard 1971)."""
    t = len(chain.transient)
    p = np.array(chain.matrix, dtype=float)
    q, r = p[:t, :t], p[:t, t:]
    n = np.linalg.inv(np.eye(t) - q)
    b = n @ r
    h = np.array([chain.holding[s] for s in chain.transient], dtype=float)
    return Absorption(
        transient=list(chain.transient),
        absorbing=list(chain.absorbing),
        fundamental=n.tolist(),
        probabilities=b.tolist(),
        expected_steps=(n @ np.ones(t)).tolist(),
        expected_time=(n @ h).tolist(),
    )
