"""Many-to-many link tables. The owning record's side cascades; the other side blocks deletion."""

import uuid

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class CaseUnitLink(SQLModel, table=True):
    """A unit that coordinates a case (the lead unit is on the case itself)."""

    __tablename__ = "case_units"

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True, ondelete="CASCADE")
    unit_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True, index=True)


class CaseSuspectLink(SQLModel, table=True):
    __tablename__ = "case_suspects"
    # From a suspect to its cases without reading the table (the review's arrests).
    __table_args__ = (Index("ix_case_suspects_suspect", "suspect_id", "case_id"),)

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True)
    suspect_id: uuid.UUID = Field(foreign_key="suspects.id", primary_key=True, ondelete="CASCADE")


class CampaignUnitLink(SQLModel, table=True):
    __tablename__ = "campaign_units"

    campaign_id: uuid.UUID = Field(foreign_key="campaigns.id", primary_key=True, ondelete="CASCADE")
    unit_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True, index=True)


class CampaignLocalityLink(SQLModel, table=True):
    __tablename__ = "campaign_localities"

    campaign_id: uuid.UUID = Field(foreign_key="campaigns.id", primary_key=True, ondelete="CASCADE")
    locality_id: uuid.UUID = Field(foreign_key="localities.id", primary_key=True, index=True)


class ReviewUnitLink(SQLModel, table=True):
    """A partner unit of a joint review (the host unit is on the review itself)."""

    __tablename__ = "review_units"

    review_id: uuid.UUID = Field(foreign_key="reviews.id", primary_key=True, ondelete="CASCADE")
    unit_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True, index=True)


class RegulationUnitLink(SQLModel, table=True):
    """A unit that signed a coordination regulation."""

    __tablename__ = "regulation_units"

    regulation_id: uuid.UUID = Field(
        foreign_key="regulations.id", primary_key=True, ondelete="CASCADE"
    )
    unit_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True, index=True)


class RegulationLocalityLink(SQLModel, table=True):
    """A border-zone locality a coordination regulation covers."""

    __tablename__ = "regulation_localities"

    regulation_id: uuid.UUID = Field(
        foreign_key="regulations.id", primary_key=True, ondelete="CASCADE"
    )
    locality_id: uuid.UUID = Field(foreign_key="localities.id", primary_key=True, index=True)
