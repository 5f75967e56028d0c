"""The seed's scenario: Sông Cầu town police (Phú Yên) and Quy Nhơn city police (Bình Định), 2017.

`build` writes, through the ordinary data functions, a year of records whose review for
01/01/2017–31/12/2017 gives exactly the seed's figures: more than 100 tips verified, 6 campaigns,
31 of 35 border-zone cases cleared, 24 by joint investigation, 7 suspects arrested, 4 collectives
and 10 individuals commended. Some 2016 and early-2018 records make period filtering visible.
Suspects, reporters and most officers are fictitious; the officials are those the seed names.
Every run gives the same database: dates and texts come from a seeded generator, and ids and
timestamps are fixed (models.base.deterministic).
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from models import records
from models.awards import AWARD_DECISIONS, AWARD_RECIPIENTS
from models.base import Actor, deterministic
from models.campaigns import CAMPAIGNS
from models.cases import CASES
from models.kinds import Kind
from models.localities import LOCALITIES
from models.operators import OPERATORS
from models.regulations import REGULATIONS
from models.review_figures import set_approval
from models.reviews import REVIEWS
from models.settings import AS_OF, put_setting
from models.suspects import SUSPECTS
from models.tips import TIPS
from models.units import UNITS

SEED = 2017
BUILT_AT = datetime(2018, 4, 2, 1, 30, tzinfo=UTC)
# The demo's "today": after its last record (cases cleared up to 31/03/2018), so nothing on
# screen contradicts itself; a few tips are still open on it, to show their deadlines.
AS_OF_DAY = date(2018, 4, 2)
# The window of each year's records: the seed's year in full, around it enough to filter by.
YEARS = {
    2016: (date(2016, 7, 1), date(2016, 12, 31)),
    2017: (date(2017, 1, 2), date(2017, 12, 31)),
    2018: (date(2018, 1, 2), date(2018, 3, 31)),
}
DEMO_ACTOR = Actor(username="demo", role="admin")

UNITS_DATA = [
    # code, name, level, parent, valid_from, valid_to
    ("CA-PY", "Công an tỉnh Phú Yên", "tinh", None, None, "2025-06-30"),
    ("CA-BD", "Công an tỉnh Bình Định", "tinh", None, None, "2025-06-30"),
    ("CA-SC", "Công an thị xã Sông Cầu", "huyen", "CA-PY", None, "2025-02-28"),
    ("CA-QN", "Công an thành phố Qui Nhơn", "huyen", "CA-BD", None, "2025-02-28"),
    ("CA-XH", "Công an xã Xuân Hải", "xa", "CA-SC", None, "2025-06-30"),
    ("CA-XL", "Công an xã Xuân Lộc", "xa", "CA-SC", None, "2025-06-30"),
    ("CA-XC", "Công an xã Xuân Cảnh", "xa", "CA-SC", None, "2025-06-30"),
    ("CA-BTX", "Công an phường Bùi Thị Xuân", "xa", "CA-QN", None, "2025-06-30"),
    ("CA-GR", "Công an phường Ghềnh Ráng", "xa", "CA-QN", None, "2025-06-30"),
    ("CA-NL", "Công an xã Nhơn Lý", "xa", "CA-QN", None, "2025-06-30"),
    # After the 2025 reform: the provinces merged, district police were abolished.
    ("CA-DL", "Công an tỉnh Đắk Lắk", "tinh", None, "2025-07-01", None),
    ("CA-GL", "Công an tỉnh Gia Lai", "tinh", None, "2025-07-01", None),
]

# code, name, unit with jurisdiction, border zone, side
LOCALITIES_DATA = [
    ("XA-XH", "Xã Xuân Hải", "CA-XH", True, "SC"),
    ("XA-XL", "Xã Xuân Lộc", "CA-XL", True, "SC"),
    ("XA-XC", "Xã Xuân Cảnh", "CA-XC", True, "SC"),
    ("PH-XP", "Phường Xuân Phú", "CA-SC", False, "SC"),
    ("PH-XD", "Phường Xuân Đài", "CA-SC", False, "SC"),
    ("PH-BTX", "Phường Bùi Thị Xuân", "CA-BTX", True, "QN"),
    ("PH-GR", "Phường Ghềnh Ráng", "CA-GR", True, "QN"),
    ("XA-NL", "Xã Nhơn Lý", "CA-NL", True, "QN"),
    ("PH-LL", "Phường Lê Lợi", "CA-QN", False, "QN"),
    ("PH-TP", "Phường Trần Phú", "CA-QN", False, "QN"),
]
SIDE_UNIT = {"SC": "CA-SC", "QN": "CA-QN"}
OTHER_SIDE = {"SC": "QN", "QN": "SC"}

CAMPAIGNS_DATA = [
    # code, name, starts, ends, articles
    (
        "CD-2016-04",
        "Cao điểm tấn công trấn áp tội phạm cuối năm 2016",
        "2016-11-15",
        "2016-12-31",
        "173;171;168",
    ),
    (
        "CD-2017-01",
        "Cao điểm bảo đảm an ninh, trật tự Tết Nguyên đán Đinh Dậu 2017",
        "2017-01-10",
        "2017-02-15",
        "173;171;321",
    ),
    (
        "CD-2017-02",
        "Cao điểm phòng, chống trộm cắp tài sản ở địa bàn giáp ranh",
        "2017-03-15",
        "2017-04-30",
        "173",
    ),
    (
        "CD-2017-03",
        "Cao điểm bảo đảm an ninh, trật tự mùa du lịch hè 2017",
        "2017-05-15",
        "2017-06-20",
        "171;134;318",
    ),
    (
        "CD-2017-04",
        "Cao điểm đấu tranh với tội phạm ma túy",
        "2017-06-26",
        "2017-07-31",
        "249;251;255",
    ),
    (
        "CD-2017-05",
        "Cao điểm trấn áp cướp, cướp giật trên Quốc lộ 1A qua đèo Cù Mông",
        "2017-09-01",
        "2017-09-30",
        "168;171",
    ),
    (
        "CD-2017-06",
        "Cao điểm tấn công trấn áp tội phạm cuối năm 2017",
        "2017-11-15",
        "2017-12-31",
        "173;171;321;249",
    ),
    (
        "CD-2018-01",
        "Cao điểm bảo đảm an ninh, trật tự Tết Nguyên đán Mậu Tuất 2018",
        "2018-01-15",
        "2018-02-28",
        "173;171;321",
    ),
]

CRIMES = [
    # article, clause, case title, tip summary
    ("173", "1", "Trộm cắp xe máy", "Tố giác bị mất trộm xe máy"),
    ("173", "1", "Trộm cắp tài sản tại nhà dân", "Tin báo nhà dân bị trộm tài sản"),
    ("173", "2", "Trộm cắp ngư cụ và thiết bị trên tàu cá", "Ngư dân báo mất thiết bị trên tàu cá"),
    ("171", "1", "Cướp giật điện thoại di động", "Tố giác bị cướp giật điện thoại"),
    ("171", "2", "Cướp giật túi xách của du khách", "Tin báo du khách bị cướp giật túi xách"),
    ("168", "1", "Cướp tài sản của tài xế xe ôm", "Tài xế xe ôm tố giác bị cướp tài sản"),
    ("134", "1", "Cố ý gây thương tích do mâu thuẫn cá nhân", "Tin báo xô xát gây thương tích"),
    ("321", "1", "Đánh bạc dưới hình thức đá gà", "Tin báo tụ tập đá gà ăn tiền"),
    ("321", "1", "Đánh bạc bằng hình thức ghi số đề", "Tin báo ghi số đề trong khu dân cư"),
    ("249", "1", "Tàng trữ trái phép chất ma túy", "Tin báo đối tượng nghi tàng trữ ma túy"),
    ("251", "1", "Mua bán trái phép chất ma túy", "Tin báo mua bán ma túy tại nhà nghỉ"),
    ("174", "1", "Lừa đảo chiếm đoạt tài sản qua mạng xã hội", "Tố giác bị lừa đảo qua mạng"),
    ("318", "1", "Gây rối trật tự công cộng", "Tin báo nhóm thanh niên gây rối"),
    ("242", "1", "Hủy hoại nguồn lợi thủy sản bằng chất nổ", "Tin báo đánh bắt cá bằng chất nổ"),
]

PLACES = {
    "XA-XH": ["thôn Hòa Thạnh", "chân đèo Cù Mông", "bãi Vũng Chào"],
    "XA-XL": ["thôn Phú Dương", "Quốc lộ 1A, đoạn qua xã Xuân Lộc", "bến cá Xuân Lộc"],
    "XA-XC": ["thôn Hòa Hiệp", "bãi biển Hòa Hiệp", "đầm Cù Mông"],
    "PH-XP": ["khu phố Long Bình", "chợ Sông Cầu"],
    "PH-XD": ["khu phố Dân Phước", "cảng cá Dân Phước"],
    "PH-BTX": ["khu vực 1", "Quốc lộ 1A, đoạn qua phường Bùi Thị Xuân", "đèo Cù Mông"],
    "PH-GR": ["khu du lịch Ghềnh Ráng", "đường Xuân Diệu", "bãi tắm Hoàng Hậu"],
    "XA-NL": ["thôn Lý Chánh", "bãi Kỳ Co", "cầu cảng Nhơn Lý"],
    "PH-LL": ["chợ Lớn Qui Nhơn", "đường Lê Lợi"],
    "PH-TP": ["đường Trần Phú", "khu vực cảng Qui Nhơn"],
}

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Minh", "Đức", "Thanh", "Quốc", "Hữu", "Ngọc", "Công"]
GIVEN = [
    "Hùng",
    "Dũng",
    "Tuấn",
    "Hải",
    "Long",
    "Sơn",
    "Phúc",
    "Tài",
    "Lộc",
    "Bình",
    "Khoa",
    "Nhân",
    "Trung",
    "Vũ",
    "Thắng",
    "Cường",
    "Đạt",
    "Ân",
    "Ánh",
    "Quang",
]


def fictitious_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


@dataclass
class _Plan:
    """What the demo has made so far, to link later records to earlier ones."""

    cases: list[dict[str, Any]]
    tips: list[dict[str, Any]]


class _Builder:
    def __init__(self, session: Session):
        self.session = session
        self.rng = random.Random(SEED)
        self.plan = _Plan(cases=[], tips=[])
        self.counts: dict[str, int] = {}

    def add(self, kind: Kind[Any], data: dict[str, Any]) -> Any:
        self.counts[kind.name] = self.counts.get(kind.name, 0) + 1
        return records.create(self.session, actor=DEMO_ACTOR, kind=kind, data=data)

    def person(self) -> str:
        return fictitious_name(self.rng)

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def place(self, locality: str) -> str:
        name = next(row[1] for row in LOCALITIES_DATA if row[0] == locality)
        return f"{self.rng.choice(PLACES[locality])}, {name[0].lower()}{name[1:]}"

    # --- reference data ---------------------------------------------------------------------------

    def reference(self) -> None:
        for code, name, level, parent, valid_from, valid_to in UNITS_DATA:
            self.add(
                UNITS,
                {
                    "code": code,
                    "name": name,
                    "level": level,
                    "parent_code": parent,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                },
            )
        for code, name, unit, border, _side in LOCALITIES_DATA:
            self.add(
                LOCALITIES, {"code": code, "name": name, "unit_code": unit, "border_zone": border}
            )
        border_places = [row[0] for row in LOCALITIES_DATA if row[3]]
        # The regulation the two units coordinate under: each shares its border records.
        self.add(
            REGULATIONS,
            {
                "code": "QC-2016-01",
                "name": "Quy chế phối hợp bảo đảm an ninh, trật tự ở địa bàn giáp ranh giữa "
                "Công an thị xã Sông Cầu và Công an thành phố Qui Nhơn",
                "parties": ["CA-SC", "CA-QN"],
                "localities": border_places,
                "signed_on": date(2016, 3, 15),
                "starts_on": date(2016, 3, 15),
                "hosts": ["2016:CA-QN", "2017:CA-SC", "2018:CA-QN"],
            },
        )
        for code, name, starts, ends, articles in CAMPAIGNS_DATA:
            self.add(
                CAMPAIGNS,
                {
                    "code": code,
                    "name": name,
                    "starts_on": starts,
                    "ends_on": ends,
                    "units": ["CA-SC", "CA-QN"],
                    "articles": articles,
                    "localities": border_places,
                },
            )

    # --- cases, each possibly from a tip ----------------------------------------------------------

    def case(
        self,
        number: str,
        occurred: date,
        locality: str,
        coordination: str,
        status: str,
        cleared: date | None,
    ) -> dict[str, Any]:
        side = next(row[4] for row in LOCALITIES_DATA if row[0] == locality)
        article, clause, title, summary = self.rng.choice(CRIMES)
        coordinating = [SIDE_UNIT[OTHER_SIDE[side]]] if coordination != "none" else []
        campaign = next(
            (
                c[0]
                for c in CAMPAIGNS_DATA
                if c[2] <= occurred.isoformat() <= c[3] and article in c[4].split(";")
            ),
            None,
        )
        row = {
            "code": number,
            "title": f"{title} tại {self.place(locality)}",
            "article": article,
            "clause": clause,
            "occurred_on": occurred,
            "locality": locality,
            "lead_unit": SIDE_UNIT[side],
            "coordinating_units": coordinating,
            "coordination": coordination,
            "status": status,
            "cleared_on": cleared,
            "campaign_code": campaign,
            "summary": summary,
            "side": side,
        }
        self.plan.cases.append(row)
        return row

    def cases_of_year(self, year: int, border: list[tuple[str, str, int]], other: int) -> None:
        """`border`: (coordination, outcome, how many) for border-zone cases."""
        start, end = YEARS[year]
        border_places = [row[0] for row in LOCALITIES_DATA if row[3]]
        other_places = [row[0] for row in LOCALITIES_DATA if not row[3]]
        number = 0
        for coordination, outcome, how_many in border:
            for _ in range(how_many):
                number += 1
                if outcome == "cleared":
                    occurred = self.day_between(start, end - timedelta(days=30))
                    cleared = min(occurred + timedelta(days=self.rng.randint(2, 55)), end)
                    status = self.rng.choice(["cleared", "cleared", "cleared", "closed"])
                elif outcome == "cleared_next_year":
                    occurred = self.day_between(end - timedelta(days=30), end - timedelta(days=10))
                    cleared, status = end + timedelta(days=15), "cleared"
                else:
                    occurred = self.day_between(end - timedelta(days=90), end - timedelta(days=3))
                    cleared, status = None, outcome
                self.case(
                    f"VV-{year}-{number:03d}",
                    occurred,
                    self.rng.choice(border_places),
                    coordination,
                    status,
                    cleared,
                )
        for _ in range(other):
            number += 1
            occurred = self.day_between(start, end - timedelta(days=45))
            cleared = occurred + timedelta(days=self.rng.randint(3, 40))
            self.case(
                f"VV-{year}-{number:03d}",
                occurred,
                self.rng.choice(other_places),
                "none",
                "cleared",
                cleared,
            )

    # --- tips: some opened the cases above, most were checked jointly -----------------------------

    def tip(
        self,
        code: str,
        received: date,
        side: str,
        exchanged: bool,
        status: str,
        resolved: date | None,
        summary: str,
        locality: str | None,
        case_code: str | None = None,
        extended_to: date | None = None,
    ) -> None:
        kind = self.rng.choice(["to_giac", "to_giac", "tin_bao", "kien_nghi"])
        reporter = self.person() if kind == "to_giac" else None
        contact = f"09{self.rng.randint(10000000, 99999999)}" if reporter else None
        self.plan.tips.append({"code": code})
        self.add(
            TIPS,
            {
                "code": code,
                "kind": kind,
                "received_on": received,
                "receiving_unit": SIDE_UNIT[side],
                "partner_unit": SIDE_UNIT[OTHER_SIDE[side]] if exchanged else None,
                "locality": locality,
                "summary": summary,
                "status": status,
                "resolved_on": resolved,
                "extended_to": extended_to,
                "case_code": case_code,
                "reporter_name": reporter,
                "reporter_contact": contact,
            },
        )

    def tips_of_year(self, year: int, verified: int, plain: int) -> None:
        start, end = YEARS[year]
        number = 0
        border_places = [row[0] for row in LOCALITIES_DATA if row[3]]
        # Tips that opened this year's cases come first; a case keeps its tip's code.
        for case in [c for c in self.plan.cases if c["occurred_on"].year == year][: verified // 3]:
            number += 1
            code = f"NT-{year}-{number:03d}"
            received = case["occurred_on"]
            resolved = min(received + timedelta(days=self.rng.randint(3, 18)), end)
            self.tip(
                code,
                received,
                case["side"],
                True,
                "case_opened",
                resolved,
                case["summary"],
                case["locality"],
                case_code=case["code"],
            )
            case["tip_code"] = code
            verified -= 1
        for _ in range(verified):
            number += 1
            received = self.day_between(start, end - timedelta(days=30))
            resolved = min(received + timedelta(days=self.rng.randint(4, 19)), end)
            side = self.rng.choice(["SC", "QN"])
            self.tip(
                f"NT-{year}-{number:03d}",
                received,
                side,
                True,
                "no_case",
                resolved,
                self.rng.choice(CRIMES)[3],
                self.rng.choice(border_places),
            )
        for index in range(plain):
            number += 1
            received = self.day_between(start, end - timedelta(days=30))
            resolved = received + timedelta(days=self.rng.randint(5, 19))
            status = "transferred" if index % 2 else "no_case"
            self.tip(
                f"NT-{year}-{number:03d}",
                received,
                self.rng.choice(["SC", "QN"]),
                False,
                status,
                resolved,
                self.rng.choice(CRIMES)[3],
                None,
            )
        self.tip_number = number

    # --- the seed's year --------------------------------------------------------------------------

    def year_2017(self) -> None:
        self.cases_of_year(
            2017,
            border=[
                ("joint", "cleared", 24),
                ("directed", "cleared", 5),
                ("none", "cleared", 2),
                ("joint", "cleared_next_year", 1),
                ("directed", "investigating", 2),
                ("none", "suspended", 1),
            ],
            other=8,
        )
        self.tips_of_year(2017, verified=104, plain=9)
        number = self.tip_number
        border_places = [row[0] for row in LOCALITIES_DATA if row[3]]
        extras = [
            # (received, resolved, extended_to): all still open on 31/12/2017, resolved in January.
            (date(2017, 12, 20), date(2018, 1, 5), None),  # inside its 20 days on 31/12
            (date(2017, 12, 28), date(2018, 1, 12), None),
            (date(2017, 11, 2), date(2018, 1, 25), date(2018, 1, 31)),  # extended, not overdue
            (date(2017, 11, 20), date(2018, 1, 8), None),  # overdue on 31/12/2017
        ]
        for received, resolved, extended in extras:
            number += 1
            self.tip(
                f"NT-2017-{number:03d}",
                received,
                "SC",
                True,
                "no_case",
                resolved,
                self.rng.choice(CRIMES)[3],
                self.rng.choice(border_places),
                extended_to=extended,
            )

    def other_years(self) -> None:
        self.cases_of_year(
            2016,
            border=[
                ("joint", "cleared", 5),
                ("directed", "cleared", 2),
                ("none", "investigating", 1),
            ],
            other=3,
        )
        self.cases_of_year(
            2018, border=[("joint", "cleared", 2), ("none", "investigating", 3)], other=2
        )

    def write_cases(self) -> None:
        for row in self.plan.cases:
            data = {k: v for k, v in row.items() if k not in ("summary", "side")}
            self.add(CASES, data)

    # --- suspects: 7 arrested in 2017 for border-zone cases ---------------------------------------

    def suspects(self) -> None:
        def cleared_border(year: int) -> list[dict[str, Any]]:
            border = {row[0] for row in LOCALITIES_DATA if row[3]}
            return [
                c
                for c in self.plan.cases
                if c["occurred_on"].year == year
                and c["locality"] in border
                and c["cleared_on"]
                and c["cleared_on"].year == year
            ]

        def other_cases(year: int) -> list[dict[str, Any]]:
            border = {row[0] for row in LOCALITIES_DATA if row[3]}
            return [
                c
                for c in self.plan.cases
                if c["occurred_on"].year == year and c["locality"] not in border
            ]

        number = 0

        def suspect(cases: list[dict[str, Any]], status: str, arrested: date | None) -> None:
            nonlocal number
            number += 1
            self.add(
                SUSPECTS,
                {
                    "code": f"DT-{number:03d}",
                    "full_name": self.person(),
                    "birth_year": self.rng.randint(1970, 1999),
                    "address": f"{self.rng.choice(['thôn', 'khu phố'])} {self.rng.randint(1, 9)}, "
                    f"{self.place(cases[0]['locality']).split(', ')[-1]}",
                    "case_codes": [c["code"] for c in cases],
                    "status": status,
                    "arrested_on": arrested,
                },
            )

        cases_2017 = cleared_border(2017)
        for index in range(7):
            case = cases_2017[index]
            linked = [case, cases_2017[index + 10]] if index == 0 else [case]
            arrested = min(
                case["occurred_on"] + timedelta(days=self.rng.randint(1, 20)), case["cleared_on"]
            )
            suspect(linked, "handled" if index % 3 == 0 else "arrested", arrested)
        for case in cases_2017[7:9]:
            suspect([case], "surrendered", None)
        for case in cases_2017[9:12]:
            suspect([case], "wanted", None)
        for case in other_cases(2017)[:2]:  # arrested in 2017, but not in the border zone
            suspect([case], "arrested", case["cleared_on"])
        for case in cleared_border(2016)[:2]:
            suspect([case], "handled", case["cleared_on"])
        late = next(
            c
            for c in self.plan.cases
            if c["code"].startswith("VV-2017") and c["cleared_on"] == date(2018, 1, 15)
        )
        suspect([late], "arrested", date(2018, 1, 9))

    # --- awards: each town's People's Committee commends the other side ---------------------------

    def awards(self) -> None:
        decisions = [
            (
                "215/QĐ-UBND",
                "2017-12-28",
                "UBND thành phố Qui Nhơn",
                "Ngô Hoàng Nam - Chủ tịch UBND thành phố Qui Nhơn",
                "SC",
            ),
            (
                "1024/QĐ-UBND",
                "2017-12-29",
                "UBND thị xã Sông Cầu",
                "Trần Xuân Túc - Phó Chủ tịch UBND thị xã Sông Cầu",
                "QN",
            ),
            (
                "86/QĐ-UBND",
                "2016-12-30",
                "UBND thị xã Sông Cầu",
                "Trần Xuân Túc - Phó Chủ tịch UBND thị xã Sông Cầu",
                "QN",
            ),
        ]
        collectives = {
            "SC": [
                ("Đội Cảnh sát hình sự, Công an thị xã Sông Cầu", "CA-SC"),
                ("Công an xã Xuân Hải", "CA-XH"),
                ("Công an xã Xuân Lộc", "CA-XL"),
            ],
            "QN": [
                ("Đội Cảnh sát điều tra tội phạm về ma túy, Công an thành phố Qui Nhơn", "CA-QN"),
                ("Công an phường Bùi Thị Xuân", "CA-BTX"),
                ("Công an phường Ghềnh Ráng", "CA-GR"),
            ],
        }
        ranks = ["Đại úy", "Thượng úy", "Thiếu tá", "Trung úy", "Trung tá"]
        posts = [
            "Điều tra viên",
            "Phó Trưởng Công an xã",
            "Cán bộ Đội Cảnh sát hình sự",
            "Trưởng Công an phường",
            "Cán bộ Đội Cảnh sát điều tra tội phạm về ma túy",
        ]
        for decision_no, decided, issuer, signer, side in decisions:
            year = decided[:4]
            decision = self.add(
                AWARD_DECISIONS,
                {
                    "decision_no": decision_no,
                    "decided_on": decided,
                    "issuer": issuer,
                    "form": "giay_khen",
                    "signer": signer,
                },
            )
            how_many = (2, 5) if year == "2017" else (1, 3)
            for name, unit in collectives[side][: how_many[0]]:
                self.add(
                    AWARD_RECIPIENTS,
                    {
                        "decision": decision.code,
                        "recipient_kind": "collective",
                        "recipient_name": name,
                        "recipient_unit": unit,
                        "achievement": "Thành tích xuất sắc trong thực hiện qui chế phối hợp "
                        f"bảo đảm an ninh, trật tự ở địa bàn giáp ranh năm {year}",
                        "campaign_code": None,
                    },
                )
            campaigns = [c for c in CAMPAIGNS_DATA if c[0].startswith(f"CD-{year}")]
            for index in range(how_many[1]):
                civilian = index == how_many[1] - 1
                campaign = campaigns[index % len(campaigns)]
                self.add(
                    AWARD_RECIPIENTS,
                    {
                        "decision": decision.code,
                        "recipient_kind": "individual",
                        "recipient_name": self.person(),
                        "recipient_unit": None if civilian else SIDE_UNIT[side],
                        "rank": None if civilian else self.rng.choice(ranks),
                        "position": "Người dân" if civilian else self.rng.choice(posts),
                        "achievement": (
                            f"Phát hiện, tố giác tội phạm ở địa bàn giáp ranh năm {year}"
                            if civilian
                            else f"Thành tích xuất sắc trong đợt {campaign[1][0].lower()}"
                            f"{campaign[1][1:]}"
                        ),
                        "campaign_code": None if civilian else campaign[0],
                    },
                )

    def open_tips(self) -> None:
        """Tips still open on AS_OF_DAY: one well inside its 20 days, one nearly due, one
        extended, one overdue (received after 2018's other tips, NT-2018-001…009)."""
        places = [row[0] for row in LOCALITIES_DATA if row[3]]
        for number, received, side, extended in [
            (10, date(2018, 3, 5), "SC", None),  # due on Monday 26/03: overdue on 02/04
            (11, date(2018, 2, 26), "QN", date(2018, 4, 27)),  # extended
            (12, date(2018, 3, 16), "QN", None),  # due on 05/04
            (13, date(2018, 3, 26), "SC", None),
        ]:
            self.tip(
                f"NT-2018-{number:03d}",
                received,
                side,
                True,
                "verifying",
                None,
                self.rng.choice(CRIMES)[3],
                self.rng.choice(places),
                extended_to=extended,
            )

    def operators(self) -> None:
        for username, name, unit, role in [
            ("admin", "Quản trị hệ thống", "CA-SC", "admin"),
            ("sc.hung", "Thượng úy Nguyễn Văn Hùng", "CA-SC", "editor"),
            ("qn.lan", "Đại úy Trần Thị Lan", "CA-QN", "editor"),
            ("py.an", "Đại tá Lê Xuân An, Phó Giám đốc Công an tỉnh Phú Yên", "CA-PY", "viewer"),
            (
                "bd.nam",
                "Đại tá Nguyễn Đức Nam, Phó Giám đốc Công an tỉnh Bình Định",
                "CA-BD",
                "viewer",
            ),
        ]:
            self.add(OPERATORS, {"code": username, "full_name": name, "unit": unit, "role": role})

    def review_2017(self) -> None:
        """The seed's conference: the review of 2017, hosted by Sông Cầu, approved there."""
        seed = REVIEW_2017
        review = self.add(REVIEWS, seed)
        set_approval(
            self.session,
            actor=DEMO_ACTOR,
            key=review.id,
            expected_version=review.version,
            approved=True,
            on=seed["signed_on"],
        )


# The review of 2017 as the units wrote it; its words are the seed article's.
REVIEW_2017: dict[str, Any] = {
    "code": "SK-2017-01",
    "starts_on": date(2017, 1, 1),
    "ends_on": date(2017, 12, 31),
    "host_unit": "CA-SC",
    "partner_units": ["CA-QN"],
    "report_no": 1,
    "place": "Sông Cầu",
    "signed_on": date(2018, 1, 19),
    "addressed_to": "Công an tỉnh Phú Yên\nCông an tỉnh Bình Định",
    "recipients": "Công an tỉnh Phú Yên (để báo cáo)\nCông an tỉnh Bình Định (để báo cáo)\n"
    "Thị ủy, UBND thị xã Sông Cầu\nThành ủy, UBND thành phố Qui Nhơn",
    "signers": "Trưởng Công an | Thượng tá | Nguyễn Văn Thành\n"
    "Phó Trưởng Công an | Thượng tá | Trần Minh Đức",
    "situation": "Năm qua, Đảng ủy, lãnh đạo Công an thị xã Sông Cầu và Công an thành phố Qui "
    "Nhơn đã chủ động tham mưu cấp ủy, chính quyền địa phương chỉ đạo triển khai thực hiện các "
    "chủ trương, giải pháp đảm bảo an ninh trật tự; kịp thời giải quyết ổn định các vấn đề phức "
    "tạp nổi lên ở địa bàn giáp ranh.",
    "strengths": "Công tác xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc ở địa bàn giáp "
    "ranh được các cấp ủy Đảng, chính quyền quan tâm chỉ đạo. Tinh thần cảnh giác, ý thức chấp "
    "hành pháp luật trong Nhân dân ngày càng tăng; xuất hiện ngày càng nhiều gương điển hình "
    "trong phát hiện, đấu tranh tố giác tội phạm.\nMối quan hệ phối hợp giữa hai địa phương "
    "được duy trì thường xuyên, phát huy hiệu quả nhất là trong quản lý địa bàn, phòng ngừa "
    "đấu tranh, truy bắt các loại tội phạm.",
    "direction": "Tiếp tục nâng cao hơn nữa hiệu quả của qui chế phối hợp, góp phần đảm bảo tốt "
    "an ninh, trật tự ở địa bàn giáp ranh.",
}


def build(session: Session) -> dict[str, int]:
    """Write the demo scenario into an empty database; returns how many records of each kind."""
    with deterministic(BUILT_AT, SEED):
        builder = _Builder(session)
        builder.reference()
        builder.other_years()
        builder.year_2017()
        builder.tips_of_year(2016, verified=20, plain=4)
        builder.tips_of_year(2018, verified=6, plain=3)
        builder.write_cases()
        builder.suspects()
        builder.awards()
        builder.operators()
        builder.open_tips()  # last: the generator's earlier draws stay those of the seed's data
        builder.review_2017()
        # The app opens the demo as of its "today": the tips' deadlines, this year's review.
        put_setting(session, AS_OF, AS_OF_DAY.isoformat())
        session.flush()
        return builder.counts
