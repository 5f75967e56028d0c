"""How wide each list column is and from which screen width it shows (80 columns first).

The columns themselves (what they hold, how they sort) are models.listing's; this is layout.
"""

from dataclasses import dataclass

from models.listing import Column


@dataclass(frozen=True)
class TableColumn:
    key: str
    format: str = "text"  # as models.listing.Column.format
    width: int = 0  # 0: takes the width left over
    hide_below: int = 0  # hidden when the screen is narrower than this many cells

    @property
    def whole(self) -> bool:
        """Never cut: a code is read (and typed elsewhere) in full, so the column widens to the
        longest one listed rather than show `DT-2017-…`."""
        return self.key in WHOLE


WHOLE = frozenset({"code", "decision_no"})


# {list: {column: (width, hide below)}}; a column not named takes the width left over.
LAYOUT: dict[str, dict[str, tuple[int, int]]] = {
    "cases": {
        "code": (11, 0),
        "occurred_on": (10, 0),
        "article": (5, 0),
        "locality": (18, 110),
        "lead_unit": (7, 100),
        "coordination": (9, 120),
        "status": (13, 0),
        "cleared_on": (10, 90),
        "investigation_left": (8, 0),
    },
    "tips": {
        "code": (11, 0),
        "received_on": (10, 0),
        "tip_kind": (9, 100),
        "receiving_unit": (7, 110),
        "partner_unit": (7, 120),
        "status": (13, 0),
        "deadline_on": (10, 90),
        "days_left": (6, 0),
    },
    "suspects": {
        "code": (9, 0),
        "birth_year": (7, 90),
        "status": (11, 0),
        "arrested_on": (10, 0),
        "case_count": (6, 100),
    },
    "campaigns": {"code": (11, 0), "starts_on": (10, 0), "ends_on": (10, 0), "articles": (14, 100)},
    "award_decisions": {
        "decision_no": (14, 0),
        "decided_on": (10, 0),
        "form": (9, 90),
        "collectives": (7, 0),
        "individuals": (7, 0),
    },
    "award_recipients": {
        "decision_no": (14, 0),
        "decided_on": (10, 0),
        "recipient_kind": (9, 0),
        "recipient_name": (30, 0),
    },
}


def laid_out(kind: str, columns: tuple[Column, ...]) -> tuple[TableColumn, ...]:
    """The list's columns with their widths on screen."""
    layout = LAYOUT.get(kind, {})
    return tuple(
        TableColumn(column.key, column.format, *layout.get(column.key, (0, 0)))
        for column in columns
    )
