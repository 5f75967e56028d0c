"""`giapranh import` of the units' registers: every format through the same bulk path, values
compared as values, the defects of issue 15 in the import path, export to .xlsx and back."""


from sqlalchemy import Engine

from tests.test_csvio import counts, import_text, problems

AWARD_HEADER = (
    "decision_no,decided_on,issuer,form,recipient_kind,recipient_name,recipient_unit,"
    "rank,position,achievement,campaign_code"
)


def _award(number: str, day: str, issuer: str, name: str, achievement: str) -> str:
    return f"{number},{day},{issuer},giay_khen,collective,{name},A,,,{achievement},"


def test_awards_already_given_are_listed_not_a_crash(two_units: Engine) -> None:
    first = [
        _award(
            "0511/QĐ-UBND",
            "2011-06-12",
            "UBND thị xã Sông Cầu",
            "Đội Cảnh sát hình sự 3",
            "Thành tích xuất sắc trong thực hiện qui chế phối hợp (3)",
        ),
        _award(
            "9911/QĐ-UBND",
            "2012-01-05",
            "UBND thành phố Qui Nhơn",
            "Đội Cảnh sát hình sự 2",
            "Thành tích xuất sắc trong thực hiện qui chế phối hợp (2)",
        ),
    ]
    assert import_text(two_units, "awards", "\n".join([AWARD_HEADER, *first])) == 2
    before = counts(two_units)
    new = [
        _award(f"{n}/QĐ-UBND", "2013-02-01", "UBND tỉnh", f"Đội {n}", f"Thành tích {n}")
        for n in range(100, 112)
    ]
    second = [
        _award(
            "9912/QĐ-UBND",
            "2013-01-05",
            "UBND thị xã Sông Cầu",
            "Đội Cảnh sát hình sự 3",
            "Thành tích xuất sắc trong thực hiện qui chế phối hợp (3)",
        ),
        *new[:6],
        _award(
            "0412/QĐ-UBND",
            "2012-11-18",
            "UBND thành phố Qui Nhơn",
            "Đội Cảnh sát hình sự 2",
            "Thành tích xuất sắc trong thực hiện qui chế phối hợp (2)",
        ),
        *new[6:],
    ]
    found = problems(two_units, "awards", "\n".join([AWARD_HEADER, *second]))
    assert [line.split(",")[0] for line in found] == ["row 2", "row 9"], found
    assert counts(two_units) == before
