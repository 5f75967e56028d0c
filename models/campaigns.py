"""Peak crackdown campaigns: dated, with units, target articles and localities.

A campaign's results are never typed in: they are the records dated inside it (see
`models.detail.campaign_cases`).
"""

from datetime import date
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, Relationship, SQLModel

from models.base import TITLE_MAX, ArticleList, Code, CodeList, Day, RecordColumns, Title
from models.kinds import Checker, Kind
from models.links import CampaignLocalityLink, CampaignUnitLink
from models.localities import Locality
from models.units import Unit


class Campaign(RecordColumns, table=True):
    __tablename__ = "campaigns"

    name: str = Field(max_length=TITLE_MAX)
    starts_on: date = Field(index=True)
    ends_on: date = Field(index=True)
    articles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))

    units: list[Unit] = Relationship(link_model=CampaignUnitLink)
    localities: list[Locality] = Relationship(link_model=CampaignLocalityLink)


class CampaignCreate(SQLModel):
    code: Code
    name: Title
    starts_on: Day
    ends_on: Day
    units: CodeList
    articles: ArticleList = []
    localities: CodeList = []


def _apply(checker: Checker, campaign: Campaign, data: CampaignCreate) -> None:
    campaign.code, campaign.name = data.code, data.name
    campaign.starts_on, campaign.ends_on = data.starts_on, data.ends_on
    campaign.articles = sorted(set(data.articles), key=lambda a: (len(a), a))
    if data.ends_on < data.starts_on:
        checker.problem("ends_on", data.ends_on, "err.date_order", other="starts_on")
    if not data.units:
        checker.problem("units", None, "err.list_required")
    units = checker.refs(Unit, data.units, "units", "err.unknown_unit")
    localities = checker.refs(Locality, data.localities, "localities", "err.unknown_locality")
    campaign.units = list({unit.id: unit for unit in units}.values())
    campaign.localities = list({locality.id: locality for locality in localities}.values())


def _snapshot(campaign: Campaign) -> dict[str, Any]:
    return {
        "code": campaign.code,
        "name": campaign.name,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "units": sorted(unit.code for unit in campaign.units),
        "articles": list(campaign.articles),
        "localities": sorted(locality.code for locality in campaign.localities),
    }


def _words(campaign: Campaign) -> list[str]:
    return [unit.name for unit in campaign.units] + [place.name for place in campaign.localities]


CAMPAIGNS = Kind(
    "campaigns",
    Campaign,
    CampaignCreate,
    _apply,
    _snapshot,
    title_field="name",
    owner_field="units",
    linked_words=_words,
    code_prefix="CD",
    references={"units": "units", "localities": "localities"},
)
