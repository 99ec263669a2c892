"""Small cells: no figure of fewer than 10 people, and none recoverable by subtraction."""

from civic.analytics.suppression import HIDDEN, hidden_mask, hidden_reasons, people_total


def test_a_count_below_ten_is_hidden_and_zero_is_shown():
    assert hidden_mask([25, 0, 4, 12, 40]) == [False, False, True, True, False]


def test_a_lone_hidden_cell_hides_the_smallest_other_so_the_total_does_not_give_it_back():
    counts = [30, 3, 12, 20]
    mask = hidden_mask(counts)
    assert mask == [False, True, True, False]
    shown = sum(c for c, m in zip(counts, mask, strict=True) if not m)
    # The total (65) minus what is shown leaves 15: the sum of two hidden cells, not the 3.
    assert sum(counts) - shown == 15


def test_two_small_cells_protect_each_other():
    assert hidden_mask([30, 3, 4, 20]) == [False, True, True, False]


def test_nothing_is_hidden_when_every_count_is_ten_or_more():
    assert hidden_mask([10, 11, 0]) == [False, False, False]


def test_a_total_of_people_below_ten_is_hidden_on_its_own():
    assert people_total(7).display == HIDDEN
    assert people_total(7).value is None
    assert people_total(1234).display == "1\u202f234"
    assert people_total(0).display == "0"


def test_a_representativeness_table_hides_the_largest_other_group_instead():
    assert hidden_reasons([30, 3, 12, 20], secondary="largest") == [
        "secondary",
        "small",
        None,
        None,
    ]
