"""A few facts about the database itself, e.g. the date a demo database is 'as of'."""

from datetime import date

from sqlmodel import Field, Session, SQLModel

AS_OF = "as_of"


class Setting(SQLModel, table=True):
    __tablename__ = "settings"

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(max_length=400)


def get_setting(session: Session, key: str) -> str | None:
    setting = session.get(Setting, key)
    return setting.value if setting else None


def put_setting(session: Session, key: str, value: str) -> None:
    setting = session.get(Setting, key) or Setting(key=key, value=value)
    setting.value = value
    session.add(setting)


def as_of(session: Session) -> date | None:
    """The day the records are as of, when the database says so (the demo: 31/12/2017)."""
    value = get_setting(session, AS_OF)
    return date.fromisoformat(value) if value else None
