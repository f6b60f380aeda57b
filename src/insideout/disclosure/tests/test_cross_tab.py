"""Suppression in cross-tabs with published row, column and grand totals."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insideout.disclosure.suppression import Cell, CrossTab, ShownCell, suppress_two_way

REGIONS = ["North", "South", "East"]


def grid(rows):
    """Cells from {doer type: [count per region]}."""
    return [
        Cell((doer_type, region), n)
        for doer_type, counts in rows.items()
        for region, n in zip(REGIONS, counts, strict=True)
    ]


def hidden_keys(shown):
    return {cell.key for cell in shown if cell.suppressed}


def test_a_small_cell_is_hidden_with_a_rectangle_of_neighbours_and_totals_stay():
    table = suppress_two_way(
        grid({"school": [3, 20, 30], "hospital": [12, 25, 40], "charity": [15, 8, 50]}), k=5
    )
    # The 3 is protected by the cheapest rectangle: school South, charity North, charity South.
    assert hidden_keys(table.cells) == {
        ("school", "North"),
        ("school", "South"),
        ("charity", "North"),
        ("charity", "South"),
    }
    assert not any(cell.suppressed for cell in table.row_totals + table.column_totals)
    assert [(t.key, t.n) for t in table.row_totals] == [
        ("school", 53),
        ("hospital", 77),
        ("charity", 73),
    ]
    assert (table.total.n, table.total.suppressed) == (203, False)


def test_a_doer_type_with_fewer_than_k_respondents_is_hidden_with_its_total():
    table = suppress_two_way(
        grid({"school": [10, 20, 30], "hospice": [1, 0, 2], "charity": [15, 8, 50]}), k=5
    )
    hospice_total = next(t for t in table.row_totals if t.key == "hospice")
    assert hospice_total.suppressed and hospice_total.n is None
    assert {("hospice", "North"), ("hospice", "East")} <= hidden_keys(table.cells)
    assert next(c for c in table.cells if c.key == ("hospice", "South")).n == 0
    # Its cells are protected through the school row, so the grand total minus the other
    # doer types' totals cannot give the hospice total away either.
    assert hidden_keys(table.row_totals) == {"hospice", "school"}
    assert hidden_keys(table.cells) == {
        ("hospice", "North"),
        ("hospice", "East"),
        ("school", "North"),
        ("school", "East"),
    }


def test_nothing_is_hidden_when_every_group_is_big_enough():
    cells = grid({"school": [10, 20, 0], "hospital": [12, 25, 40]})
    table = suppress_two_way(cells, k=5)
    assert [cell.n for cell in table.cells] == [cell.n for cell in cells]
    assert not any(cell.suppressed for cell in table.row_totals + table.column_totals)


def test_a_table_of_fewer_than_k_people_shows_nothing_not_even_its_total():
    table = suppress_two_way(grid({"school": [1, 0, 2], "hospital": [0, 1, 0]}), k=5)
    everything = table.cells + table.row_totals + table.column_totals + (table.total,)
    assert all(cell.suppressed and cell.n is None for cell in everything)


def test_shown_cells_keep_their_payload_and_totals_carry_none():
    table = suppress_two_way([Cell(("school", "North"), 9, "payload")], k=5)
    assert (table.cells[0].n, table.cells[0].value) == (9, "payload")
    assert table.row_totals[0].value is None


def test_a_table_with_one_row_hides_the_small_columns_and_their_totals():
    table = suppress_two_way(grid({"school": [3, 20, 30]}), k=5)
    assert hidden_keys(table.cells) == {("school", "North"), ("school", "South")}
    assert hidden_keys(table.column_totals) == {"North", "South"}
    assert table.total.n == 53


def test_a_cell_without_a_row_and_column_key_is_refused():
    with pytest.raises(ValueError, match="row, col"):
        suppress_two_way([Cell("North", 5)], k=5)


def test_an_empty_table_hides_nothing():
    table = suppress_two_way([], k=5)
    assert (table.cells, table.total.n, table.total.suppressed) == ((), 0, False)


def tables(max_rows=4, max_cols=4, max_n=30):
    def build(shape):
        rows, cols = shape
        keys = [(f"r{i}", f"c{j}") for i in range(rows) for j in range(cols)]
        sizes = st.one_of(st.integers(0, 6), st.integers(0, max_n))
        return st.lists(sizes, min_size=len(keys), max_size=len(keys)).map(
            lambda ns: [Cell(key, n) for key, n in zip(keys, ns, strict=True)]
        )

    return st.tuples(st.integers(1, max_rows), st.integers(1, max_cols)).flatmap(build)


def published_sums(cells, table):
    """Every sum a reader can check: (is its total hidden?, [(is a part hidden?, true n)])."""
    n = {cell.key: cell.n for cell in cells}
    hidden = {cell.key: cell.suppressed for cell in table.cells}
    rows = {t.key: t.suppressed for t in table.row_totals}
    cols = {t.key: t.suppressed for t in table.column_totals}
    row_n = {r: sum(v for (row, _), v in n.items() if row == r) for r in rows}
    col_n = {c: sum(v for (_, col), v in n.items() if col == c) for c in cols}
    sums = [(rows[r], [(hidden[r, c], n[r, c]) for c in cols if (r, c) in n]) for r in rows]
    sums += [(cols[c], [(hidden[r, c], n[r, c]) for r in rows if (r, c) in n]) for c in cols]
    sums.append((table.total.suppressed, [(rows[r], row_n[r]) for r in rows]))
    sums.append((table.total.suppressed, [(cols[c], col_n[c]) for c in cols]))
    return sums


def attacker_ranges(cells, table):
    """Try every table of counts that fits what was published; each figure's lowest and highest."""
    shown = {cell.key: cell for cell in table.cells}
    unknown = [cell.key for cell in cells if shown[cell.key].suppressed]
    row_total = {t.key: t.n for t in table.row_totals if not t.suppressed}
    col_total = {t.key: t.n for t in table.column_totals if not t.suppressed}
    values = {key: cell.n for key, cell in shown.items() if not cell.suppressed}
    ranges = {}

    def sums(axis):
        out = {}
        for key, v in values.items():
            out[key[axis]] = out.get(key[axis], 0) + v
        return out

    def search(index):
        rows, cols = sums(0), sums(1)
        if any(rows.get(r, 0) > t for r, t in row_total.items()) or any(
            cols.get(c, 0) > t for c, t in col_total.items()
        ):
            return
        budget = table.total.n - sum(values.values())
        if index == len(unknown):
            if (
                budget == 0
                and all(rows.get(r, 0) == t for r, t in row_total.items())
                and all(cols.get(c, 0) == t for c, t in col_total.items())
            ):
                figures = {("cell", key): values[key] for key in unknown}
                figures.update({("row", r): v for r, v in rows.items()})
                figures.update({("col", c): v for c, v in cols.items()})
                for name, v in figures.items():
                    low, high = ranges.get(name, (v, v))
                    ranges[name] = (min(low, v), max(high, v))
            return
        for v in range(budget + 1):
            values[unknown[index]] = v
            search(index + 1)
        del values[unknown[index]]

    search(0)
    return ranges


@given(tables(), st.integers(1, 10))
def test_no_shown_cell_or_total_has_between_1_and_k_minus_1_people(cells, k):
    table = suppress_two_way(cells, k)
    for cell in table.cells + table.row_totals + table.column_totals + (table.total,):
        assert cell.suppressed or cell.n == 0 or cell.n >= k


@given(tables(), st.integers(1, 10))
def test_in_every_row_and_column_with_a_shown_total_hidden_cells_reach_k(cells, k):
    table = suppress_two_way(cells, k)
    for total_hidden, parts in published_sums(cells, table):
        if not total_hidden:
            hidden_sum = sum(n for hidden, n in parts if hidden)
            assert hidden_sum == 0 or hidden_sum >= k


@given(tables(), st.integers(1, 10))
def test_cells_are_hidden_only_when_a_small_group_needs_it(cells, k):
    table = suppress_two_way(cells, k)
    everything = table.cells + table.row_totals + table.column_totals + (table.total,)
    if all(cell.n == 0 or cell.n >= k for cell in cells):
        assert not any(cell.suppressed for cell in everything)
    assert not table.total.suppressed or 0 < sum(c.n for c in cells) < k


@given(tables(), st.integers(1, 10), st.randoms(use_true_random=False))
def test_the_same_table_in_any_order_hides_the_same_cells(cells, k, random):
    first = suppress_two_way(cells, k)
    assert suppress_two_way(list(cells), k) == first
    shuffled = list(cells)
    random.shuffle(shuffled)
    again = suppress_two_way(shuffled, k)
    assert hidden_keys(again.cells) == hidden_keys(first.cells)
    assert hidden_keys(again.row_totals) == hidden_keys(first.row_totals)
    assert hidden_keys(again.column_totals) == hidden_keys(first.column_totals)


@settings(max_examples=80, deadline=None)
@given(
    tables(max_rows=3, max_cols=3, max_n=6).filter(
        lambda cells: len(cells) <= 6 and sum(cell.n for cell in cells) <= 18
    ),
    st.integers(2, 6),
)
def test_no_arithmetic_on_the_published_figures_pins_down_a_small_group(cells, k):
    table = suppress_two_way(cells, k)
    if table.total.suppressed:
        return  # nothing at all is published
    true = {("cell", cell.key): cell.n for cell in cells}
    for cell in cells:
        true["row", cell.key[0]] = true.get(("row", cell.key[0]), 0) + cell.n
        true["col", cell.key[1]] = true.get(("col", cell.key[1]), 0) + cell.n
    ranges = attacker_ranges(cells, table)
    for name, n in true.items():
        if 0 < n < k:
            low, high = ranges[name]
            assert low == 0 and high >= k, (name, n, ranges[name])


def test_the_attacker_check_catches_a_group_left_to_subtraction():
    cells = grid({"school": [3, 20, 30], "hospital": [12, 25, 40]})
    primary_only = CrossTab(
        cells=tuple(
            ShownCell(cell.key, None, None, True) if cell.n < 5 else ShownCell(cell.key, cell.n)
            for cell in cells
        ),
        row_totals=(ShownCell("school", 53), ShownCell("hospital", 77)),
        column_totals=tuple(ShownCell(r, n) for r, n in zip(REGIONS, [15, 45, 70], strict=True)),
        total=ShownCell(None, 130),
    )
    assert attacker_ranges(cells, primary_only)["cell", ("school", "North")] == (3, 3)
    protected = attacker_ranges(cells, suppress_two_way(cells, k=5))
    assert protected["cell", ("school", "North")] == (0, 15)
