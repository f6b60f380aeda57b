"""Small-group suppression: no breakdown ever shows, or lets anyone work out, a group under k.

The public rules every capability shares (k is the anonymity threshold, 5 by default; free-text
comments have their own, higher threshold, 10 by default, because words identify people more
easily than numbers):

- `can_show(n, k)`: a group may be shown only if at least k people answered. Comments from a
  group may be shown only if at least k_text people answered (`can_show(n, k_text)`).
- `suppress_breakdown(cells, k)`: one breakdown of a published total (say by region).
  Primary suppression hides every group of 1 to k-1 (count and results: the output says only
  "suppressed"). Groups with no respondents are shown as zero, as ONS and NHS statistics do:
  a zero names nobody; but when the whole total is under k, every group is hidden, zeros
  included, and the total must not be shown either. Secondary suppression: when the total is
  shown, a hidden group is the total minus the shown ones, so while the hidden groups hold 1 to
  k-1 respondents together, the next smallest shown group is hidden too (ties by key).
- `shown_groups(counts, k)`: the same rule for plain counts, returning the keys that may be
  shown. For comments: the groups of ONE dimension whose comments may be listed (with k_text).
  Lists of the same comments cut two ways (by kind and by region) intersect by their words, so
  a capability offers comments by one dimension at most.
- `insideout.disclosure.linked.publish_linked(counts, k)`: one set of respondents counted by two
  dimensions at once (a total, row totals, column totals and cells), published so that no sum
  or difference of published figures isolates a group under k; `combine_shown` adds published
  figures of several such tables (several pulses) and nothing else.

Whether a figure was hidden because it was small or to protect another is never shown, as that
alone would tell a reader which hidden groups are small. The protection covers arithmetic on
the published figures, assuming every figure ever shown comes from these functions with the
same k in every page, export and API response. It cannot cover a group in which everyone
answered alike (the figure then tells each member's answer).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

DEFAULT_K = 5
DEFAULT_K_TEXT = 10


def check_threshold(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"An anonymity threshold must be a whole number of 1 or more, not {k!r}")


def can_show(n: int, k: int = DEFAULT_K) -> bool:
    """Whether figures for a group of n respondents may be shown: the one threshold test."""
    check_threshold(k)
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
    check_threshold(k)
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


Group = TypeVar("Group", bound=Hashable)


def shown_groups(counts: Mapping[Group, int], k: int) -> set[Hashable]:
    """The groups of a one-way breakdown of a published total that may be shown (as
    `suppress_breakdown`), for callers that only need to know which."""
    cells = [Cell(key, n) for key, n in counts.items()]
    return {cell.key for cell in suppress_breakdown(cells, k) if not cell.suppressed}
