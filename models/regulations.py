"""The coordination regulation (*quy chế phối hợp*): the units that signed it, the border-zone
localities it covers, when it was signed and the period it runs, and the host unit (*đơn vị
thường trực*) of each year.

Records in the localities a regulation covers are shared with all its parties (models.access):
a tip or a case there is read by every party's operators as by its own unit's, whatever its
date, while a tip's reporter stays the receiving unit's alone. The localities' border-zone flag
is unchanged: a regulation names which of the border-zone localities it covers.
"""

import re
import uuid
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints
from sqlmodel import Field, Relationship, SQLModel

from models.base import (
    MAX_LIST,
    TITLE_MAX,
    Code,
    CodeList,
    Day,
    OptionalDay,
    RecordColumns,
    Title,
)
from models.i18n import register
from models.kinds import Checker, Kind
from models.links import RegulationLocalityLink, RegulationUnitLink
from models.localities import Locality
from models.units import Unit

register(
    {
        "kind.regulations": ("quy chế phối hợp", "coordination regulation"),
        "col.parties": ("Các đơn vị ký", "Parties"),
        "col.hosts": ("Đơn vị thường trực từng năm (năm:mã)", "Host unit of each year (year:code)"),
        "regulation.two_parties": (
            "quy chế phối hợp phải có ít nhất hai đơn vị ký",
            "a coordination regulation has at least two parties",
        ),
        "regulation.not_border_zone": (
            "địa bàn không thuộc khu vực giáp ranh",
            "the locality is not in the border zone",
        ),
        "regulation.host_not_party": (
            "đơn vị thường trực phải là một đơn vị ký quy chế",
            "the host unit must be one of the parties",
        ),
        "regulation.host_twice": (
            "mỗi năm chỉ có một đơn vị thường trực",
            "one host unit a year",
        ),
        "regulation.host_format": (
            "ghi năm:mã đơn vị, ví dụ 2017:CA-SC",
            "write year:unit code, for example 2017:CA-SC",
        ),
    }
)

_HOST = re.compile(r"(\d{4}):(\S+)")
HostYear = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


def _hosts(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value if value is not None else []


HostList = Annotated[list[HostYear], BeforeValidator(_hosts)]


class RegulationHost(SQLModel, table=True):
    """The host unit (*đơn vị thường trực*) of one year of a regulation."""

    __tablename__ = "regulation_hosts"

    regulation_id: uuid.UUID = Field(
        foreign_key="regulations.id", primary_key=True, ondelete="CASCADE"
    )
    year: int = Field(primary_key=True)
    unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)

    unit: Unit = Relationship()


class Regulation(RecordColumns, table=True):
    __tablename__ = "regulations"

    name: str = Field(max_length=TITLE_MAX)
    signed_on: date
    starts_on: date
    ends_on: date | None = None

    parties: list[Unit] = Relationship(link_model=RegulationUnitLink)
    localities: list[Locality] = Relationship(
        link_model=RegulationLocalityLink, back_populates="regulations"
    )
    hosts: list[RegulationHost] = Relationship(
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "RegulationHost.year"}
    )


class RegulationCreate(SQLModel):
    code: Code
    name: Title
    parties: CodeList
    localities: CodeList
    signed_on: Day
    starts_on: Day
    ends_on: OptionalDay = None
    hosts: Annotated[HostList, Field(max_length=MAX_LIST)] = []


def _apply(checker: Checker, regulation: Regulation, data: RegulationCreate) -> None:
    regulation.code, regulation.name = data.code, data.name
    regulation.signed_on, regulation.starts_on = data.signed_on, data.starts_on
    regulation.ends_on = data.ends_on
    if data.ends_on is not None and data.ends_on < data.starts_on:
        checker.problem("ends_on", data.ends_on, "err.date_order", other="starts_on")
    parties = checker.refs(Unit, data.parties, "parties", "err.unknown_unit")
    parties = list({unit.id: unit for unit in parties}.values())
    if len(set(data.parties)) < 2:
        checker.problem("parties", ";".join(data.parties), "regulation.two_parties")
    localities = checker.refs(Locality, data.localities, "localities", "err.unknown_locality")
    if not data.localities:
        checker.problem("localities", None, "err.list_required")
    for locality in localities:
        if not locality.border_zone:
            checker.problem("localities", locality.code, "regulation.not_border_zone")
    regulation.parties = parties
    regulation.localities = list({place.id: place for place in localities}.values())
    by_code = {unit.code: unit for unit in parties}
    hosts: dict[int, Unit] = {}
    for text in data.hosts:
        found = _HOST.fullmatch(text)
        if found is None:
            checker.problem("hosts", text, "regulation.host_format")
            continue
        year, code = int(found.group(1)), found.group(2)
        if code not in by_code:
            checker.problem("hosts", text, "regulation.host_not_party")
        elif year in hosts:
            checker.problem("hosts", text, "regulation.host_twice")
        else:
            hosts[year] = by_code[code]
    kept = {host.year: host for host in regulation.hosts}
    regulation.hosts = [_host(kept.get(year), year, unit) for year, unit in sorted(hosts.items())]


def _host(host: RegulationHost | None, year: int, unit: Unit) -> RegulationHost:
    host = host or RegulationHost(year=year)  # type: ignore[call-arg] # its ids come with it
    host.unit = unit
    return host


def _snapshot(regulation: Regulation) -> dict[str, Any]:
    return {
        "code": regulation.code,
        "name": regulation.name,
        "parties": sorted(unit.code for unit in regulation.parties),
        "localities": sorted(place.code for place in regulation.localities),
        "signed_on": regulation.signed_on,
        "starts_on": regulation.starts_on,
        "ends_on": regulation.ends_on,
        "hosts": [f"{host.year}:{host.unit.code}" for host in regulation.hosts],
    }


def host_of(regulation: Regulation, year: int) -> Unit | None:
    return next((host.unit for host in regulation.hosts if host.year == year), None)


def _words(regulation: Regulation) -> list[str]:
    return [unit.name for unit in regulation.parties]


REGULATIONS = Kind(
    "regulations",
    Regulation,
    RegulationCreate,
    _apply,
    _snapshot,
    title_field="name",
    owner_field="parties",
    linked_words=_words,
    code_prefix="QC",
    references={"parties": "units", "localities": "localities"},
)
