"""What the app knows about its session: the database, who is working, and which day it is.

Every method here blocks on the database, so the app calls them from thread workers only.
"""

import socket
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from sqlalchemy import Engine
from sqlmodel import col, select

from models import KINDS, Actor, ChangeLogEntry, Operator, access, audit, records, workflow
from models import choices as picking
from models.articles import ARTICLES
from models.audit import LogFilters
from models.award_document import write_award_file
from models.calendar_days import YearDay, year_days
from models.campaigns import Campaign
from models.db import display_url, open_database, read_session, write_session
from models.detail import Detail, describe
from models.due import DueQueue, due_queue
from models.i18n import t
from models.kinds import find_by_code
from models.listing import Filters, Listing, listing
from models.localities import Locality
from models.operators import log_in
from models.paging import count, page, position
from models.registers.importing import import_folder
from models.report import Review, busiest_month, compute, months
from models.report_document import write_record_file, write_review_files
from models.review_figures import set_approval, visible_reviews
from models.settings import as_of
from models.text import harmless
from models.units import Unit
from models.watch import ChangeWatcher

# (label, code): the label a Text, so a stored name is never read as markup.
Options = list[tuple[Text, str]]


@dataclass
class AppContext:
    engine: Engine
    actor: Actor
    today: date
    operator_label: str
    database_label: str
    as_of: date | None = None
    unit_code: str | None = None  # the operator's unit; None for the local administrator
    _options: dict[str, Options] = field(default_factory=dict)
    _watcher: ChangeWatcher | None = None

    @classmethod
    def open(cls, database: str | None, operator: str | None) -> "AppContext":
        """Open (and upgrade) the database and find the operator; GiapranhError if refused."""
        engine = open_database(database)
        with read_session(engine) as session:
            day = as_of(session)
            unit_code = None
            if operator is None:
                actor = Actor.local_admin()
                label = f"{actor.username} ({t('header.local_admin')})"
            else:
                actor = log_in(session, operator)
                found = session.get(Operator, actor.operator_id)  # loaded already: no query
                assert found is not None
                label = f"{found.code} · {found.unit.name} ({t(f'role.{found.role}')})"
                unit_code = found.unit.code
        # An operator (at a station, over SSH) is told which station; the path is the server's.
        where = display_url(str(engine.url))
        if operator is not None:
            where = t("header.station", name=socket.gethostname())
        return cls(engine, actor, day or date.today(), label, where, day, unit_code)

    # --- lists -----------------------------------------------------------------------------------

    def view(self, kind: str) -> Listing:
        return listing(kind, self.today)

    def count(self, view: Listing, filters: Filters) -> int:
        with read_session(self.engine) as session:
            return count(session, view, filters, self.today, self.actor)

    def page(
        self,
        view: Listing,
        filters: Filters,
        sort: str,
        descending: bool,
        offset: int,
        limit: int,
        after: Any = None,
        before: Any = None,
    ) -> list[dict[str, Any]]:
        with read_session(self.engine) as session:
            return page(
                session,
                view,
                filters,
                self.today,
                sort=sort,
                descending=descending,
                offset=offset,
                limit=limit,
                actor=self.actor,
                after=after,
                before=before,
            )

    def describe(self, kind: str, record_id: uuid.UUID) -> Detail:
        with read_session(self.engine) as session:
            return describe(session, kind, record_id, self.today, self.actor)

    def review(self, start: date, end: date) -> Review:
        with read_session(self.engine) as session:
            return compute(session, start, end, self.actor)

    def write_review(self, start: date, end: date) -> list[Path]:
        """The review's report and workbook in the operator's own folder on the server."""
        with read_session(self.engine) as session:
            return write_review_files(session, start, end, self.actor, self._own_folder())

    def write_award(self, decision: uuid.UUID) -> Path:
        """An award decision's document in the operator's own folder on the server."""
        with read_session(self.engine) as session:
            return write_award_file(session, decision, self.actor, self._own_folder())

    def write_review_record(self, review: uuid.UUID) -> Path:
        """A review record's report in the operator's own folder on the server."""
        with read_session(self.engine) as session:
            return write_record_file(session, review, self.actor, self._own_folder())

    def set_approval(self, review: uuid.UUID, version: int, approved: bool) -> None:
        with write_session(self.engine) as session:
            set_approval(
                session, actor=self.actor, key=review, expected_version=version, approved=approved
            )

    def reviews(self) -> list[dict[str, Any]]:
        """The review records the operator may read, as their snapshots with their id."""
        with read_session(self.engine) as session:
            return [
                {"id": review.id, **access.snapshot(self.actor, KINDS["reviews"], review)}
                for review in visible_reviews(session, self.actor)
            ]

    def _own_folder(self) -> Path:
        return import_folder(self.actor.username)  # the local administrator's: the root

    def busiest_month(self) -> int:
        with read_session(self.engine) as session:
            return busiest_month(session, self.actor)

    def months(self, start: date, end: date) -> list[tuple[int, int, int, int]]:
        with read_session(self.engine) as session:
            return months(session, start, end, self.actor)

    def due(self) -> DueQueue:
        """The queue of what is due, with the database's windows (models.due)."""
        with read_session(self.engine) as session:
            return due_queue(session, actor=self.actor, today=self.today)

    def calendar_year(self, year: int) -> list[YearDay]:
        """The year's holidays on weekdays and its corrections (models.calendar_days)."""
        with read_session(self.engine) as session:
            return year_days(session, year, access.visible(self.actor, "calendar_days"))

    @property
    def may_change_calendar(self) -> bool:
        """Administrators only (models.access): the calendar is one for the whole country."""
        return access.can(self.actor, "create", "calendar_days")

    def log_count(self, filters: LogFilters) -> int:
        with read_session(self.engine) as session:
            return audit.count(session, self.actor, filters)

    def log_page(
        self,
        filters: LogFilters,
        offset: int,
        limit: int,
        after: Any = None,
        before: Any = None,
    ) -> list[dict[str, Any]]:
        with read_session(self.engine) as session:
            return audit.page(session, self.actor, filters, offset, limit, after, before)

    def log_entry(self, entry_id: int) -> ChangeLogEntry | None:
        with read_session(self.engine) as session:
            return audit.read_entry(session, self.actor, entry_id)

    def last_change(self, record_id: uuid.UUID) -> tuple[str, str] | None:
        """Who changed the record last, and when, as shown (None: not theirs to read)."""
        rows = self.log_page(LogFilters(record_id=record_id), 0, 1)
        return (rows[0]["actor"], rows[0]["at"]) if rows else None

    def records_changed(self) -> bool:
        """Whether another connection changed records since the last call (the first: no)."""
        watcher = self._watcher
        if watcher is None:
            self._watcher = ChangeWatcher(self.engine)
            return False
        try:
            return watcher.changed()
        except Exception:
            watcher.close()  # its connection is gone: the next call starts afresh
            if self._watcher is watcher:
                self._watcher = None
            raise

    def stop_watching(self) -> None:
        """For good (the app is leaving): a look already under way ends first (ChangeWatcher)."""
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.close()

    # --- choices for forms and filters ---------------------------------------------------------

    def options(self, source: str) -> Options:
        """(label, code) choices: units, localities, campaigns or articles. Small tables only.

        Only the records the operator may read (another unit's campaign is not theirs to choose,
        nor to learn of); the labels with their escapes spelled out."""
        if source == "articles":
            return [(Text(f"{code} — {name}"), code) for code, name in ARTICLES.items()]
        if source not in self._options:
            table: Any = {"units": Unit, "localities": Locality, "campaigns": Campaign}[source]
            with read_session(self.engine) as session:
                query = select(table).where(access.visible(self.actor, source))
                rows = session.exec(query.order_by(col(table.code))).all()
                self._options[source] = [
                    (Text(harmless(f"{row.name} ({row.code})")), row.code) for row in rows
                ]
        return self._options[source]

    def choices(self, kind: str, text: str) -> list[picking.Choice]:
        """The first records of `kind` whose code or name holds what was typed (a picker)."""
        with read_session(self.engine) as session:
            return picking.choices(session, self.actor, kind, text)

    def names(self, kind: str, codes: list[str]) -> dict[str, str]:
        with read_session(self.engine) as session:
            return picking.names(session, self.actor, kind, codes)

    def case_from_tip(self, tip_id: uuid.UUID) -> tuple[dict[str, Any], int, str, str | None]:
        """A new case's values from the tip, the tip's version and code, and the code of the case
        it opened already (None if none). NotFound if the tip is gone."""
        with read_session(self.engine) as session:
            tip = records.get(session, KINDS["tips"], tip_id, actor=self.actor)
            values = workflow.case_from_tip(tip, self.today)
            return values, tip.version, tip.code, tip.case_code

    def locate(
        self, view: Listing, filters: Filters, sort: str, descending: bool, code: str
    ) -> tuple[uuid.UUID, int | None] | None:
        """The record with `code` in this list: its id and its row (None: where, unknown), or
        None when the list does not hold it."""
        with read_session(self.engine) as session:
            return position(
                session, view, filters, self.today, sort, descending, code, actor=self.actor
            )

    def unit_id(self, code: str) -> uuid.UUID | None:
        with read_session(self.engine) as session:
            unit = find_by_code(session, Unit, code)
            return unit.id if unit else None

    def locality_id(self, code: str) -> uuid.UUID | None:
        with read_session(self.engine) as session:
            place = find_by_code(session, Locality, code)
            return place.id if place else None

    def forget_options(self) -> None:
        self._options.clear()

    # --- writes ----------------------------------------------------------------------------------

    def suggested_code(self, kind: str, day: date | None = None) -> str:
        """The next free code of a record made today, or of the year of `day`."""
        if KINDS[kind].code_prefix is None:
            return ""
        with read_session(self.engine) as session:
            return KINDS[kind].new_code(session, day or self.today) or ""

    def save(
        self,
        kind: str,
        data: dict[str, Any],
        record_id: uuid.UUID | None = None,
        version: int | None = None,
        from_tip: tuple[uuid.UUID, int] | None = None,
    ) -> str:
        """Create, or update the record at `version`; its code. Raises GiapranhError.

        `from_tip`: (id, version) of the tip a new case is opened from, which becomes "case
        opened" with it in the same transaction."""
        with write_session(self.engine) as session:
            if from_tip is not None:
                case, _tip = workflow.open_case(
                    session,
                    actor=self.actor,
                    data=data,
                    tip_id=from_tip[0],
                    tip_version=from_tip[1],
                    day=self.today,
                )
                return case.code
            if record_id is None:
                record = records.create(session, actor=self.actor, kind=KINDS[kind], data=data)
            else:
                assert version is not None
                record = records.update(
                    session,
                    actor=self.actor,
                    kind=KINDS[kind],
                    key=record_id,
                    expected_version=version,
                    changes=data,
                )
            return record.code

    def delete(self, kind: str, record_id: uuid.UUID, version: int) -> None:
        with write_session(self.engine) as session:
            records.delete(
                session, actor=self.actor, kind=KINDS[kind], key=record_id, expected_version=version
            )
