from datetime import date

import pytest

from models.text import fold, format_percent, parse_date, person_sort_key


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("deo cu mong", "Đèo Cù Mông"),
        ("xuan hai", "Xuân Hải"),
        ("quy nhon", "Qui Nhơn"),
        ("BUI THI XUAN", "phường Bùi Thị Xuân"),
    ],
)
def test_fold_ignores_case_tone_marks_and_d_stroke(typed: str, stored: str) -> None:
    assert fold(typed) in fold(stored)


def test_fold_treats_decomposed_and_composed_text_alike() -> None:
    import unicodedata

    word = "Nguyễn Đức Ánh"
    assert fold(unicodedata.normalize("NFD", word)) == fold(word) == "nguyen duc anh"


def test_people_sort_by_given_name_in_vietnamese_order() -> None:
    names = [
        "Nguyễn Văn Đức",
        "Hồ Văn Ă",
        "Trần Thị Ánh",
        "Lê Văn An",
        "Bùi Văn Ẩn",
        "Võ Thị Ân",
        "Lê Thị Anh",
        "Phạm Văn Dũng",
    ]
    ordered = sorted(names, key=person_sort_key)
    assert ordered == [
        "Lê Văn An",
        "Lê Thị Anh",
        "Trần Thị Ánh",
        "Hồ Văn Ă",
        "Võ Thị Ân",
        "Bùi Văn Ẩn",
        "Phạm Văn Dũng",
        "Nguyễn Văn Đức",
    ]


def test_sort_key_is_digits_only_so_every_database_collates_it_alike() -> None:
    assert person_sort_key("Nguyễn Thị Ánh Tuyết").isdigit()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("05/01/2017", date(2017, 1, 5)),
        ("5/1/2017", date(2017, 1, 5)),
        ("2017-01-05", date(2017, 1, 5)),
        (" 31.12.2017 ", date(2017, 12, 31)),
    ],
)
def test_dates_are_typed_day_first_or_iso(typed: str, expected: date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2017", "2017/01/05", "01-05-2017", "hôm qua", ""])
def test_bad_dates_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_date(typed)


def test_percent_uses_a_decimal_comma() -> None:
    assert format_percent(31 / 35) == "88,6%"
    assert format_percent(1.0) == "100,0%"
