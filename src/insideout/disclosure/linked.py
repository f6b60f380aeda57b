"""Linked tables: one group of respondents counted by two dimensions at once, published so that
no sum or difference of the published figures isolates a group of 1 to k-1 people.

The respondents are split into cells by a row dimension and a column dimension (say kind of
organisation and region). The figures that could be published are its *base cells*: the grand
total, each row total, each column total and each cell. They are linked: a row total minus the
cells shown in that row is the rest of the row, a column total minus a row total can be a
cell, and so on. `publish_linked` chooses which of them may be shown:

1. Nothing is shown when the grand total is 1 to k-1. Figures with no respondents are shown
   (as zero): a zero names nobody.
2. Otherwise the grand total is shown, then each row or column total of at least k
   respondents, the largest first, if adding it keeps rule 3 true; then, the same way, each
   cell of at least k inside a shown row and a shown column. The rest is hidden.
3. No group of 1 to k-1 respondents is ever the result of adding and subtracting published
   figures (`pins_a_small_group`). This is exact, not a rule of thumb: the groups that published
   margins and cells can isolate are the cuts of a small graph (rows and columns joined by
   the hidden cells), so the smallest of them is found with one max-flow per small hidden cell.

Every figure built from more than one table (several pulses, say) must be a sum of figures
this module shows: then any difference of two such figures is again a sum of shown figures or
of nothing, and rule 3 still holds. `combine_shown` adds them up.

What it does not cover: a figure in which everyone answered alike tells each member's answer
(the homogeneity every threshold shares), and bounds from the figures' ranges (all 3 detractors
of a region being in one shown kind of organisation, say) can narrow a hidden cell down.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from .suppression import check_threshold

ALL = None  # in a figure's key, "every row" or "every column"
FigureKey = tuple[Hashable | None, Hashable | None]
T = TypeVar("T")
# A node of the graph of hidden cells: ("row", a row), ("column", a column), or all hidden ones.
Node = tuple[str, Hashable]
N = TypeVar("N", bound=Hashable)
# A table's rows and columns: any hashable values (kinds and regions, say).
Row = TypeVar("Row", bound=Hashable)
Column = TypeVar("Column", bound=Hashable)


@dataclass(frozen=True)
class Publication:
    """Which base cells of one linked table may be shown, keyed (row, column) with None for
    "all": (None, None) is the grand total, (row, None) a row total, (None, col) a column's."""

    shown: frozenset[FigureKey]

    def shows(self, row: Hashable | None = ALL, column: Hashable | None = ALL) -> bool:
        return (row, column) in self.shown


def figure_counts(counts: Mapping[tuple[Row, Column], int]) -> dict[FigureKey, int]:
    """Every base cell of the table with its number of respondents."""
    figures: dict[FigureKey, int] = defaultdict(int)
    for (row, column), n in counts.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"Cell {(row, column)!r} must have 0 or more respondents, not {n!r}")
        if row is ALL or column is ALL:
            raise ValueError("A cell's row and column cannot be None: None means 'all'")
        for key in ((row, column), (row, ALL), (ALL, column), (ALL, ALL)):
            figures[key] += n
    return dict(figures)


def publish_linked(counts: Mapping[tuple[Row, Column], int], k: int) -> Publication:
    """The base cells that may be shown, given each cell's respondents (rules 1 to 3)."""
    check_threshold(k)
    return _publish(tuple(sorted(counts.items(), key=repr)), k)


@lru_cache(maxsize=4096)
def _publish(items: tuple[tuple[tuple[Hashable, Hashable], int], ...], k: int) -> Publication:
    counts = dict(items)
    figures = figure_counts(counts)
    total = figures.get((ALL, ALL), 0)
    if total == 0:
        return Publication(frozenset(figures) | {(ALL, ALL)})
    if total < k:
        return Publication(frozenset())
    shown = {key for key, n in figures.items() if n == 0} | {(ALL, ALL)}
    candidates = sorted(
        (key for key, n in figures.items() if n >= k and key != (ALL, ALL)),
        key=lambda key: (ALL not in key, -figures[key], repr(key)),
    )
    margins = [key for key in candidates if ALL in key]
    _add_safe(counts, shown, margins, k)
    # A cell is offered only inside a shown row and a shown column, where it is of some use.
    cells = [key for key in candidates if ALL not in key and _margins_shown(key, shown)]
    _add_safe(counts, shown, cells, k)
    return Publication(frozenset(shown))


def _margins_shown(key: FigureKey, shown: set[FigureKey]) -> bool:
    return (key[0], ALL) in shown and (ALL, key[1]) in shown


def _add_safe(counts, shown: set[FigureKey], batch: list[FigureKey], k: int) -> None:
    """Show each figure of the batch in turn that keeps rule 3; most tables of many
    respondents can show the whole batch, which one check finds."""
    if not batch:
        return
    if not pins_a_small_group(counts, shown | set(batch), k):
        shown.update(batch)
        return
    for key in batch:
        if not pins_a_small_group(counts, shown | {key}, k):
            shown.add(key)


def pins_a_small_group(
    counts: Mapping[tuple[Row, Column], int], shown: Iterable[FigureKey], k: int
) -> bool:
    """Whether adding and subtracting the shown figures gives a group of 1 to k-1 respondents.

    A group the figures pin down takes, in every hidden cell, the value c + a[row] + b[column],
    0 or 1, where a and b may be chosen freely for shown margins and c for a shown grand total.
    Hidden rows share one node, as do hidden columns; a pinned group is then a cut of the graph
    of hidden cells: rows on one side, columns on the other, and no hidden cell running from
    a column inside to a row outside. The smallest such cut through each cell is a max-flow.
    """
    shown = set(shown)
    figures = figure_counts(counts)
    for key in shown:
        if key not in figures and key != (ALL, ALL):
            raise ValueError(f"{key!r} is not a figure of this table")
        if 0 < figures.get(key, 0) < k:
            return True  # a shown figure that is itself a small group
    hidden_rows: Node = ("row", ALL)
    # With no grand total shown, c is 0, so hidden rows and hidden columns move together.
    hidden_columns: Node = ("column", ALL) if (ALL, ALL) in shown else hidden_rows
    weights: dict[tuple[Node, Node], int] = defaultdict(int)
    for (row, column), n in counts.items():
        if n and (row, column) not in shown:
            x = ("row", row) if (row, ALL) in shown else hidden_rows
            y = ("column", column) if (ALL, column) in shown else hidden_columns
            if x != y:
                weights[x, y] += n
    # A node's hidden cells alone are a cut (a row inside, or a column outside): the quick test.
    around: dict[Hashable, int] = defaultdict(int)
    for (x, y), n in weights.items():
        around[x] += n
        around[y] += n
    if any(0 < n < k for n in around.values()):
        return True
    # A cell of k or more can never be in a cut of fewer than k, so its row and column are
    # always on the same side: merge them, and again for cells that merging adds up to k.
    weights = _merge_large(weights, k)
    if not weights:
        return False
    # A cell's group is counted when its row is inside the cut and its column outside; a cell
    # from a column inside to a row outside cannot be, so that arc is (as good as) endless.
    index = {node: i for i, node in enumerate({node for pair in weights for node in pair})}
    capacity = [[0] * len(index) for _ in index]
    for (x, y), n in weights.items():
        capacity[index[x]][index[y]] = max(capacity[index[x]][index[y]], n)
    for x, y in weights:
        capacity[index[y]][index[x]] = k
    return any(_max_flow(capacity, index[x], index[y], k) < k for x, y in weights)


def _merge_large(weights: dict[tuple[N, N], int], k: int) -> dict[tuple[N, N], int]:
    """The graph with the two ends of every cell of k or more merged into one node; what is
    left are small cells between different nodes, keyed (node holding the row, the column's)."""
    parent: dict[N, N] = {}

    def find(node: N) -> N:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while node != root:
            parent[node], node = root, parent[node]
        return root

    while True:
        merged: dict[tuple[N, N], int] = defaultdict(int)
        for (x, y), n in weights.items():
            x, y = find(x), find(y)
            if x != y:
                merged[x, y] += n
        large = [(x, y) for (x, y), n in merged.items() if n >= k]
        if not large:
            return dict(merged)
        for x, y in large:
            if find(x) != find(y):
                parent[find(x)] = find(y)


def _max_flow(capacity: list[list[int]], source: int, sink: int, limit: int) -> int:
    """Edmonds-Karp from source to sink on a small dense graph, stopping once `limit` flowed."""
    room = [list(row) for row in capacity]
    size = len(room)
    flow = 0
    while flow < limit:
        parent = [-1] * size
        parent[source] = source
        queue = deque([source])
        while queue and parent[sink] < 0:
            node = queue.popleft()
            for nxt, left in enumerate(room[node]):
                if left > 0 and parent[nxt] < 0:
                    parent[nxt] = node
                    queue.append(nxt)
        if parent[sink] < 0:
            return flow
        push, node = limit - flow, sink
        while node != source:
            push = min(push, room[parent[node]][node])
            node = parent[node]
        node = sink
        while node != source:
            room[parent[node]][node] -= push
            room[node][parent[node]] += push
            node = parent[node]
        flow += push
    return flow


def combine_shown(figures: Iterable[tuple[bool, T]], start: T) -> tuple[T, int]:
    """Add up the shown figures of several tables (e.g. one per pulse): hidden ones are left
    out, never estimated. Returns the sum and how many figures went into it."""
    total: Any = start
    used = 0
    for shown, value in figures:
        if shown:
            total = total + value
            used += 1
    return total, used
