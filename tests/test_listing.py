"""Lists page through a kind in order however they are asked: by position, from the end, or by
keyset after a row's place; an operator's whole-list count comes from `shares`."""

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from models import UNITS, Actor, csvio
from models.db import read_session, write_session
from models.listing import Filters, listing
from models.paging import count, page
from models.records import get

TODAY = date(2024, 1, 1)


@pytest.fixture
def cases(two_units: Engine) -> Engine:
    """250 cases, some sharing a day (the code breaks the tie), led by A or B."""
    rows = []
    for n in range(250):
        day = date(2017, 1, 1) + timedelta(days=n // 3)
        lead, other = ("A", "B") if n % 4 else ("B", "A")
        rows.append(
            (
                n + 2,
                {
                    "code": f"V{n:03d}",
                    "title": "Vụ",
                    "article": "173",
                    "occurred_on": day.isoformat(),
                    "locality": "LA",
                    "lead_unit": lead,
                    "coordinating_units": other if n % 5 == 0 else "",
                    "coordination": "joint" if n % 5 == 0 else "none",
                    "status": "investigating",
                },
            )
        )
    with write_session(two_units) as session:
        csvio.import_rows(session, actor=Actor.local_admin(), kind="cases", rows=rows)
    return two_units


def _codes(rows: list[dict]) -> list[str]:
    return [row["code"] for row in rows]


@pytest.mark.parametrize("descending", [True, False])
def test_keyset_pages_and_pages_from_the_end_are_the_pages_by_position(
    cases: Engine, descending: bool
) -> None:
    view = listing("cases", TODAY)
    with read_session(cases) as session:

        def at(offset: int, **options: object) -> list[dict]:
            return page(
                session,
                view,
                Filters(),
                TODAY,
                descending=descending,
                offset=offset,
                limit=100,
                **options,  # type: ignore[arg-type]
            )

        by_position = [at(0), at(100), at(200)]
        assert [len(p) for p in by_position] == [100, 100, 50]
        everything = _codes(by_position[0] + by_position[1] + by_position[2])
        assert len(set(everything)) == 250
        after = at(0, after=by_position[0][-1]["_key"])
        assert _codes(after) == _codes(by_position[1])
        before = at(0, before=by_position[2][0]["_key"])
        assert _codes(before) == _codes(by_position[1])
        assert _codes(at(-50)) == _codes(by_position[2])  # the last page, from the end
        assert _codes(at(-150)) == _codes(by_position[1])


def test_an_operators_whole_list_is_counted_from_shares_as_the_query_counts_it(
    cases: Engine,
) -> None:
    view = listing("cases", TODAY)
    with read_session(cases) as session:
        for unit in ("A", "B"):
            actor = Actor(f"{unit}.viewer", "viewer", get(session, UNITS, unit).id)
            fast = count(session, view, Filters(), TODAY, actor)
            slow = count(session, view, Filters(status="investigating"), TODAY, actor)
            assert fast == slow
        assert count(session, view, Filters(), TODAY) == 250


def test_search_finds_parts_of_words_through_the_full_text_index(cases: Engine) -> None:
    """Found through the index after an import, an edit and a delete; short words by LIKE."""
    from models import CASES, records

    with write_session(cases) as session:
        records.update(
            session,
            actor=Actor.local_admin(),
            kind=CASES,
            key="V007",
            expected_version=1,
            changes={"title": "Cướp giật ở đèo Cù Mông"},
        )
        records.delete(
            session, actor=Actor.local_admin(), kind=CASES, key="V008", expected_version=1
        )
    view = listing("cases", TODAY)
    with read_session(cases) as session:

        def found(text: str) -> list[str]:
            filters = Filters(search=text)
            rows = page(session, view, filters, TODAY, limit=300)
            assert count(session, view, filters, TODAY) == len(rows)
            return sorted(_codes(rows))

        assert found("deo cu mong") == ["V007"]  # tone marks and đ folded, words in any order
        assert found("mong CU") == ["V007"]
        assert found("ong cu") == ["V007"]  # parts of words
        assert found("v00") == [f"V00{n}" for n in range(10) if n != 8]
        assert found("v008") == []  # deleted
        assert found("vu") == found("vụ") and len(found("vu")) == 248  # a short word: LIKE


@pytest.mark.parametrize("words", ["xuan", "vu", "v01 xuan", "v01"])
def test_a_common_word_finds_the_same_pages_walking_the_list_as_through_the_index(
    cases: Engine, monkeypatch: pytest.MonkeyPatch, words: str
) -> None:
    # Past models.paging.COMMON matches, a search with no other filter tests each row along the
    # sort index instead of listing every match first: the pages must be the same.
    view = listing("cases", TODAY)
    operator = Actor(username="op", role="editor", unit_id=None)

    def pages(common: int) -> list[list[str]]:
        monkeypatch.setattr("models.paging.COMMON", common)
        with read_session(cases) as session:
            first = page(session, view, Filters(search=words), TODAY, limit=7)
            rest = page(session, view, Filters(search=words), TODAY, limit=7, offset=7)
            end = page(session, view, Filters(search=words), TODAY, limit=7, offset=-7)
            mine = page(session, view, Filters(search=words), TODAY, limit=7, actor=operator)
            if "_key" in first[-1]:  # walked: the next page also by keyset
                after = page(
                    session, view, Filters(search=words), TODAY, limit=7, after=first[-1]["_key"]
                )
                assert _codes(after) == _codes(rest)
        return [_codes(rows) for rows in (first, rest, end, mine)]

    indexed, walked = pages(10**9), pages(0)
    assert indexed == walked and all(indexed)


def test_a_common_word_is_counted_up_to_a_cap(
    cases: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("models.search.COUNT_CAP", 20)
    view = listing("cases", TODAY)
    with read_session(cases) as session:
        assert count(session, view, Filters(search="xuan"), TODAY) == 21  # more than 20
        assert len(page(session, view, Filters(search="xuan"), TODAY, limit=100)) == 100
