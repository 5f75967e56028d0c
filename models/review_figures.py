"""A review record's figures: counted over its units, frozen when it is approved, compared with
what the records say now, and the Decree 30 report made from it.

The figures of a review are those of its units (the host, the partners and every unit below
them): what an operator of those units together may read, whoever asks. Approving stores them
(`freeze`) with the records behind each figure, as JSON whose hash (`hash_of`) goes into the
change log with the review's snapshot; the document of an approved review is made from that
JSON alone (`thaw`), so it is the same whenever it is made. `moved` says which figures the
records have changed since.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from models import access, records
from models.base import Actor, utcnow
from models.changelog import append_change, canonical_json
from models.documents.tables import Column, RecordTable
from models.errors import Conflict
from models.i18n import register, t
from models.report import FIGURES, Review
from models.report_records import FigureRecords, all_records
from models.report_units import ComparedReview, ReviewUnit, compare
from models.reviews import REVIEWS, ReviewRecord
from models.units import unit_tree

FROZEN_VERSION = 1
# The appendix of a review lists at most this many records per figure, as the live report does.
APPENDIX_LIMIT = 200

register(
    {
        "review.moved": (
            "{figure}: duyệt {then}, nay {now} ({change})",
            "{figure}: approved {then}, now {now} ({change})",
        ),
        "review.moved_unit": (
            "{figure} của {unit}: duyệt {then}, nay {now} ({change})",
            "{figure} of {unit}: approved {then}, now {now} ({change})",
        ),
        "review.unchanged": (
            "Số liệu không thay đổi kể từ khi duyệt.",
            "No figure has changed since the review was approved.",
        ),
        "review.tampered": (
            "Số liệu đã lưu không khớp mã băm khi duyệt: bản ghi đã bị sửa ngoài giapranh.",
            "The stored figures do not match their hash at approval: changed outside giapranh.",
        ),
    }
)


@dataclass(frozen=True)
class Moved:
    """A figure the records have changed since the review was approved (`unit`: of that unit)."""

    figure: str
    then: float
    now: float
    unit: str = ""

    def words(self) -> str:
        change = self.now - self.then
        said = f"{change:+g}".replace(".", ",")
        values = {"figure": t(f"fig.{self.figure}"), "then": f"{self.then:g}",
                  "now": f"{self.now:g}", "change": said}  # fmt: skip
        if self.unit:
            return t("review.moved_unit", unit=self.unit, **values)
        return t("review.moved", **values)


def units_actor(session: Session, review: ReviewRecord) -> Actor:
    """An operator of the review's units together: whose view its figures are counted in."""
    scope: set[Any] = set()
    for unit in review.units:
        scope.update(session.scalars(unit_tree(unit.id)))
    return Actor(f"review:{review.code}", "viewer", review.host_unit_id, scope=frozenset(scope))


def live(
    session: Session, review: ReviewRecord
) -> tuple[ComparedReview, tuple[FigureRecords, ...]]:
    """The review's figures and the records behind them, as the records say now."""
    actor = units_actor(session, review)
    start, end = review.starts_on, review.ends_on
    compared = compare(session, start, end, actor)
    return compared, all_records(session, start, end, actor, APPENDIX_LIMIT)


def freeze(session: Session, review: ReviewRecord) -> dict[str, Any]:
    """The figures and their records, now, as plain JSON to store with the approved review."""
    compared, records = live(session, review)
    return {
        "version": FROZEN_VERSION,
        "current": _review_json(compared.current),
        "previous": _review_json(compared.previous),
        "units": [
            {
                "code": unit.code,
                "name": unit.name,
                "parent": unit.parent,
                "review": _review_json(unit.review),
            }  # fmt: skip
            for unit in compared.units
        ],
        "appendix": [
            {
                "figure": figure.figure,
                "total": figure.total,
                "columns": [[column.key, column.kind] for column in figure.table.columns],
                "rows": [
                    {key: _plain(value) for key, value in row.items()} for row in figure.table.rows
                ],
            }
            for figure in records
        ],
    }


def hash_of(frozen: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(frozen).encode()).hexdigest()


def thaw(frozen: dict[str, Any]) -> tuple[ComparedReview, tuple[FigureRecords, ...]]:
    """The figures and records as they were approved."""
    units = tuple(
        ReviewUnit(unit["code"], unit["name"], unit["parent"], _review(unit["review"]))
        for unit in frozen["units"]
    )
    compared = ComparedReview(_review(frozen["current"]), _review(frozen["previous"]), units)
    records = tuple(
        FigureRecords(
            figure["figure"],
            RecordTable(
                t(f"fig.{figure['figure']}"),
                tuple(Column(key, t(f"col.{key}"), kind) for key, kind in figure["columns"]),
                tuple(_rows(figure["rows"], figure["columns"])),
                figure["figure"],
            ),
            figure["total"],
        )
        for figure in frozen["appendix"]
    )
    return compared, records


def figures_of(
    session: Session, review: ReviewRecord
) -> tuple[ComparedReview, tuple[FigureRecords, ...]]:
    """An approved review's figures as approved; a draft's as the records say now."""
    if review.status == "approved" and review.figures is not None:
        return thaw(review.figures)
    return live(session, review)


def intact(review: ReviewRecord) -> bool:
    """Do the stored figures still hash to what was logged when the review was approved?"""
    return review.figures is None or hash_of(review.figures) == review.figures_hash


def moved(then: ComparedReview, now: ComparedReview) -> list[Moved]:
    """Every figure whose value differs, for the whole review and for each unit."""
    changes = [
        Moved(figure, value, new)
        for figure in FIGURES
        if (value := getattr(then.current, figure)) != (new := getattr(now.current, figure))
    ]
    units_now = {unit.code: unit for unit in now.units}
    units_then = {unit.code: unit for unit in then.units}
    for code in sorted(units_then.keys() | units_now.keys()):
        before, after = units_then.get(code), units_now.get(code)
        name = (after or before).name  # type: ignore[union-attr]
        for figure in FIGURES:
            if figure in ("campaigns_held", "clearance_rate"):
                continue  # not a unit's own (models.report_units)
            value = getattr(before.review, figure) if before else 0
            new = getattr(after.review, figure) if after else 0
            if value != new:
                changes.append(Moved(figure, value, new, name))
    return changes


def moved_since_approval(session: Session, review: ReviewRecord) -> list[Moved]:
    if review.status != "approved" or review.figures is None:
        return []
    return moved(thaw(review.figures)[0], live(session, review)[0])


def set_approval(
    session: Session,
    *,
    actor: Actor,
    key: uuid.UUID | str,
    expected_version: int,
    approved: bool,
    on: date | None = None,
) -> ReviewRecord:
    """Approve a review (its figures frozen now, their hash logged) or reopen it (back to a
    draft, the frozen figures dropped): with the rights, the version check and the change log of
    any update. Approving an approved review, or reopening a draft, changes nothing. `on`: the
    day of the approval (today)."""
    access.require(actor, "update", REVIEWS)
    review = records.get(session, REVIEWS, key, for_update=True, actor=actor)
    access.require(actor, "update", REVIEWS, review, session=session)
    if review.version != expected_version:
        raise Conflict("reviews", review.code, expected_version, review.version)
    if (review.status == "approved") == approved:
        return review
    before = REVIEWS.snapshot(review)
    if approved:
        review.figures = freeze(session, review)
        review.figures_hash, review.approved_on = hash_of(review.figures), on or date.today()
        review.status = "approved"
    else:
        review.figures = review.figures_hash = review.approved_on = None
        review.status = "draft"
    review.version += 1
    review.updated_at = utcnow()
    session.add(review)
    session.flush()
    append_change(
        session,
        actor=actor,
        action="update",
        kind="reviews",
        record_id=review.id,
        record_code=review.code,
        before=before,
        after=REVIEWS.snapshot(review),
        units=access.shared_units(REVIEWS, review),
    )
    return review


def visible_reviews(session: Session, actor: Actor | None) -> list[ReviewRecord]:
    """The review records an actor may read, the latest period first."""
    statement = select(ReviewRecord).order_by(
        col(ReviewRecord.starts_on).desc(), col(ReviewRecord.code)
    )
    if actor is not None:
        statement = statement.where(access.visible(actor, "reviews"))
    return list(session.exec(statement))


# --- plain JSON ------------------------------------------------------------------------------

_REVIEW_FIELDS = tuple(field.name for field in fields(Review) if field.name != "months")


def _review_json(review: Review) -> dict[str, Any]:
    return {name: _plain(getattr(review, name)) for name in _REVIEW_FIELDS}


def _review(data: dict[str, Any]) -> Review:
    values = dict(data)
    values["start"], values["end"] = (
        date.fromisoformat(data["start"]),
        date.fromisoformat(data["end"]),
    )
    return Review(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _rows(rows: list[dict[str, Any]], columns: list[list[str]]) -> list[dict[str, Any]]:
    dates = {key for key, kind in columns if kind == "date"}
    return [
        {
            key: date.fromisoformat(value) if key in dates and value else value
            for key, value in row.items()
        }  # fmt: skip
        for row in rows
    ]
