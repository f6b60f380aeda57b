"""Small-group suppression: no breakdown ever shows, or lets anyone work out, a group under k.

The rules, in plain words (k is the anonymity threshold, 5 by default; free-text comments
have their own, higher threshold, 10 by default, because words identify people more easily
than numbers):

1. A group may be shown only if at least k people answered (`can_show`). Comments from a
   group may be shown only if at least k_text people answered (`can_show(n, k_text)`).
2. Primary suppression: every group with 1 to k-1 respondents is hidden. Its count and its
   results are both withheld; the output says only "suppressed".
3. Groups with no respondents are shown as zero ("no responses"), as is common practice in
   UK official statistics (ONS, NHS): a zero names nobody. The exception is a breakdown whose
   whole total is under k: then every group is hidden, zeros included, and the total must not
   be shown either.
4. Secondary suppression: when the total is shown, hidden groups could be recovered by
   subtracting the shown groups from it. So if the hidden groups hold between 1 and k-1
   respondents together, the next smallest shown group is hidden too (ties broken by key),
   and so on until the hidden groups hold at least k respondents between them.
5. Cross-tabulations (say doer type by region, with row, column and grand totals shown):
   totals under k are hidden like any other group. Then, for each hidden small figure, a
   small search checks that the published figures, however they are added up or subtracted,
   remain consistent with that group having anyone from 0 to at least k respondents. Where
   they do not, the cheapest rectangle of figures around it (fewest respondents hidden) that
   makes it so is hidden too, as in the "hypercube" method of the tau-ARGUS software used by
   national statistics offices. Where no rectangle is enough, every figure but the grand
   total is hidden.
6. Whether a figure was hidden because it was small or to protect another is never shown, as
   that alone would tell a reader which hidden groups are small.

The protection covers arithmetic on the published figures. It assumes the grand total of a
breakdown is public (it usually is: it is the response count), and that any cell ever shown
comes from these functions, with the same k, in every page, export and API response. It does
not cover a reader who reasons from the method itself (a figure hidden only to protect
another has at least k respondents), nor two different cuts of the same respondents laid side
by side: publish the one-way totals of a cross-tab from `suppress_two_way`'s own totals.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

DEFAULT_K = 5
DEFAULT_K_TEXT = 10


def _check_threshold(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"An anonymity threshold must be a whole number of 1 or more, not {k!r}")


def can_show(n: int, k: int = DEFAULT_K) -> bool:
    """Whether figures for a group of n respondents may be shown: the one threshold test."""
    _check_threshold(k)
    return n >= k


def _is_small(n: int, k: int) -> bool:
    return n > 0 and not can_show(n, k)


@dataclass(frozen=True)
class Cell:
    """One group in a breakdown: its key, how many answered, and its payload (e.g. NpsCounts)."""

    key: Hashable
    n: int
    value: Any = None

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 0:
            raise ValueError(f"Group {self.key!r} must have 0 or more respondents, not {self.n!r}")


@dataclass(frozen=True)
class ShownCell:
    """A group as it may be published; when `suppressed`, `n` and `value` are withheld (None)."""

    key: Hashable
    n: int | None
    value: Any = None
    suppressed: bool = False


def _publish(cell: Cell, hidden: bool) -> ShownCell:
    if hidden:
        return ShownCell(cell.key, None, None, True)
    return ShownCell(cell.key, cell.n, cell.value, False)


def _check_unique(keys: Iterable[Hashable]) -> None:
    seen: set[Hashable] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"Group {key!r} appears twice in the breakdown")
        seen.add(key)


def suppress_breakdown(cells: Sequence[Cell], k: int, total_shown: bool = True) -> list[ShownCell]:
    """Apply primary and secondary suppression to a one-way breakdown; keeps the input order.

    Pass total_shown=False only if this breakdown's total is published nowhere, not even as a
    response count; otherwise a hidden group is its total minus the shown groups.
    """
    _check_threshold(k)
    _check_unique(cell.key for cell in cells)
    total = sum(cell.n for cell in cells)
    if _is_small(total, k):
        return [_publish(cell, True) for cell in cells]
    hidden = {index for index, cell in enumerate(cells) if _is_small(cell.n, k)}
    if total_shown:
        by_size = sorted(range(len(cells)), key=lambda index: (cells[index].n, cells[index].key))
        for index in by_size:
            if not _is_small(sum(cells[i].n for i in hidden), k):
                break
            if index not in hidden and cells[index].n > 0:
                hidden.add(index)
    return [_publish(cell, index in hidden) for index, cell in enumerate(cells)]


@dataclass(frozen=True)
class CrossTab:
    """A two-way table as it may be published: cells keyed (row, col), and its totals."""

    cells: tuple[ShownCell, ...]
    row_totals: tuple[ShownCell, ...]
    column_totals: tuple[ShownCell, ...]
    total: ShownCell


Position = tuple[int, int]


class _Grid:
    """The table with its totals as one grid: data in [0..R) x [0..C), totals in row R, col C."""

    def __init__(self, cells: Sequence[Cell]) -> None:
        self.rows = list(dict.fromkeys(cell.key[0] for cell in cells))
        self.cols = list(dict.fromkeys(cell.key[1] for cell in cells))
        # Tie-breaks follow the sorted keys, so the result does not depend on input order.
        self.row_rank = {key: rank for rank, key in enumerate(sorted(self.rows))}
        self.col_rank = {key: rank for rank, key in enumerate(sorted(self.cols))}
        self.R, self.C = len(self.rows), len(self.cols)
        row_index = {key: i for i, key in enumerate(self.rows)}
        col_index = {key: j for j, key in enumerate(self.cols)}
        self.x: dict[Position, int] = {
            (i, j): 0 for i in range(self.R + 1) for j in range(self.C + 1)
        }
        for cell in cells:
            i, j = row_index[cell.key[0]], col_index[cell.key[1]]
            self.x[i, j] = cell.n
            self.x[i, self.C] += cell.n
            self.x[self.R, j] += cell.n
            self.x[self.R, self.C] += cell.n

    def rank(self, position: Position) -> tuple[int, int]:
        i, j = position
        return (
            self.row_rank[self.rows[i]] if i < self.R else self.R,
            self.col_rank[self.cols[j]] if j < self.C else self.C,
        )

    def sign(self, position: Position) -> int:
        # Writing totals as negatives makes every row and column of the grid sum to zero.
        return -1 if (position[0] == self.R) != (position[1] == self.C) else 1

    def can_move(self, hidden: set[Position], a: Position, up: bool, amount: int) -> bool:
        """Whether figures consistent with the published ones exist with `a` moved by `amount`.

        Keeping every published figure fixed, the hidden figures can change only by a flow
        around the grid's rows and columns; this is a small max-flow search for one of size
        `amount` through `a` (each hidden figure can fall only as far as zero).
        """
        capacity: dict[Hashable, dict[Hashable, int]] = defaultdict(dict)
        for i, j in hidden - {a}:
            row, col = ("row", i), ("col", j)
            # An entry's sign decides which way round the flow raises or lowers it.
            grows, shrinks = (row, col) if self.sign((i, j)) > 0 else (col, row)
            capacity[grows][shrinks] = amount
            capacity[shrinks][grows] = min(amount, self.x[i, j])
        source, sink = ("col", a[1]), ("row", a[0])
        if (self.sign(a) > 0) != up:
            source, sink = sink, source
        flow = 0
        while flow < amount:
            parent: dict[Hashable, Hashable] = {source: source}
            queue = deque([source])
            while queue and sink not in parent:
                node = queue.popleft()
                for nxt, room in capacity[node].items():
                    if room > 0 and nxt not in parent:
                        parent[nxt] = node
                        queue.append(nxt)
            if sink not in parent:
                return False
            path, node = [], sink
            while node != source:
                path.append((parent[node], node))
                node = parent[node]
            push = min(amount - flow, *(capacity[u][v] for u, v in path))
            for u, v in path:
                capacity[u][v] -= push
                capacity[v][u] = capacity[v].get(u, 0) + push
            flow += push
        return True

    def protected(self, hidden: set[Position], a: Position, k: int) -> bool:
        """Whether the published figures allow hidden `a` anything from 0 to at least k."""
        x = self.x[a]
        return self.can_move(hidden, a, True, k - x) and self.can_move(hidden, a, False, x)


def _hide_around(grid: _Grid, k: int) -> set[Position]:
    corner = (grid.R, grid.C)
    everything = set(grid.x) - {corner}
    primary = sorted(
        (p for p in everything if _is_small(grid.x[p], k)),
        key=lambda p: (grid.x[p], grid.rank(p)),
    )
    hidden = set(primary)
    for a in primary:
        if grid.protected(hidden, a, k):
            continue
        candidates = []
        for i2, j2 in product(range(grid.R + 1), range(grid.C + 1)):
            rectangle = [(a[0], j2), (i2, a[1]), (i2, j2)]
            new = [p for p in rectangle if p not in hidden]
            if i2 != a[0] and j2 != a[1] and corner not in rectangle and new:
                cost = (sum(grid.x[p] for p in new), len(new), grid.rank((i2, j2)))
                candidates.append((cost, new))
        for _, new in sorted(candidates):
            if grid.protected(hidden | set(new), a, k):
                hidden.update(new)
                break
        else:
            return everything
    return hidden


def suppress_two_way(cells: Sequence[Cell], k: int) -> CrossTab:
    """Suppress a cross-tab whose row, column and grand totals are all published.

    Cells are keyed (row, col); a combination not given counts as zero and is never hidden.
    Totals carry no value (None): compute payloads for the shown totals from your own data.
    """
    _check_threshold(k)
    _check_unique(cell.key for cell in cells)
    for cell in cells:
        if not (isinstance(cell.key, tuple) and len(cell.key) == 2):
            raise ValueError(f"A cross-tab cell needs a (row, col) key, not {cell.key!r}")
    grid = _Grid(cells)
    total = grid.x[grid.R, grid.C]
    hidden = set(grid.x) if _is_small(total, k) else _hide_around(grid, k)
    row_index = {key: i for i, key in enumerate(grid.rows)}
    col_index = {key: j for j, key in enumerate(grid.cols)}

    def shown(key: Hashable, position: Position, value: Any = None) -> ShownCell:
        return _publish(Cell(key, grid.x[position], value), position in hidden)

    return CrossTab(
        cells=tuple(
            shown(cell.key, (row_index[cell.key[0]], col_index[cell.key[1]]), cell.value)
            for cell in cells
        ),
        row_totals=tuple(shown(key, (i, grid.C)) for i, key in enumerate(grid.rows)),
        column_totals=tuple(shown(key, (grid.R, j)) for j, key in enumerate(grid.cols)),
        total=shown(None, (grid.R, grid.C)),
    )
