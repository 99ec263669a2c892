"""Small-cell suppression: no published figure lets a reader single out fewer than 10 people.

A count of people between 1 and 9 is shown as "< 10" (primary suppression). When a column
holds exactly one such cell, its value could be recovered by subtracting the other cells from
the column's total (which is shown, or is another published figure): another non-zero cell is
then hidden too (secondary suppression, shown as "masqué"), so the total only gives the sum of
two hidden cells. The smallest by default (the least information lost); the largest in a
representativeness table, whose point is to show the small groups (the under-represented
ones). A zero is shown: it singles out nobody. Figures computed from a hidden count (a share,
an index, a turnout) are hidden with it.
"""

from dataclasses import dataclass

THRESHOLD = 10
HIDDEN = "< 10"
MASKED = "masqué"


@dataclass(frozen=True)
class Cell:
    """One figure as published: `value` is None when it is hidden (`display` says why)."""

    value: float | int | None
    display: str
    hidden: bool = False

    def __str__(self):
        return self.display


def is_small(count: int | None) -> bool:
    return count is not None and 0 < count < THRESHOLD


def hidden_reasons(counts: list[int], *, secondary: str = "smallest") -> list[str | None]:
    """Per cell of a column of people counts: None (shown), "small" (< 10) or "secondary"
    (hidden so that the column's total does not give a small cell back)."""
    reasons: list[str | None] = ["small" if is_small(count) else None for count in counts]
    if reasons.count("small") == 1:
        others = [(count, i) for i, count in enumerate(counts) if not reasons[i] and count > 0]
        if others:
            pick = max(others) if secondary == "largest" else min(others)
            reasons[pick[1]] = "secondary"
    return reasons


def hidden_mask(counts: list[int], *, secondary: str = "smallest") -> list[bool]:
    """Which cells of a column of people counts to hide (primary, then secondary)."""
    return [reason is not None for reason in hidden_reasons(counts, secondary=secondary)]


def hidden_cell(reason: str) -> "Cell":
    return Cell(None, HIDDEN if reason == "small" else MASKED, hidden=True)


def people_total(total: int) -> Cell:
    """A total count of people on its own (a key figure): hidden below 10."""
    if is_small(total):
        return Cell(None, HIDDEN, hidden=True)
    return Cell(total, format_number(total))


def format_number(value: float | int | None, digits: int = 0) -> str:
    """French number formatting: narrow no-break space between thousands, decimal comma."""
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text
