"""The report and award DOCX, reopened with python-docx: Decree 30's layout, values as written."""

from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from docx import Document as open_docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from models.documents import layout, sample
from models.documents.award import AwardDecisionDocument, award_decision_bytes
from models.documents.blocks import Signature
from models.documents.metrics import text_width_mm
from models.documents.report import ReportDocument, report_bytes
from models.errors import Refused
from models.i18n import set_language


def reopened(data: bytes) -> Document:
    return open_docx(BytesIO(data))


def report_docx(document: ReportDocument | None = None) -> Document:
    return reopened(report_bytes(document or sample.report()))


def award_docx(decision: AwardDecisionDocument | None = None) -> Document:
    return reopened(award_decision_bytes(decision or sample.award_decision()))


def texts(paragraphs: list[Paragraph]) -> list[str]:
    return [paragraph.text for paragraph in paragraphs]


def body_paragraphs(document: Document) -> list[Paragraph]:
    """Paragraphs outside tables, before the appendix."""
    paragraphs = []
    for paragraph in document.paragraphs:
        paragraphs.append(paragraph)
        if paragraph._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            break
    return paragraphs


def after(document: Document, text: str) -> list[Paragraph]:
    found = [p.text for p in document.paragraphs].index(text)
    return document.paragraphs[found + 1 :]


def mm(twips: str | None) -> float:
    return int(twips or 0) / 1440 * 25.4


def cell_padding_mm(table: Table, side: str) -> float:
    margin = table._tbl.tblPr.find(f"{qn('w:tblCellMar')}/{qn(f'w:{side}')}")
    return mm(margin.get(qn("w:w"))) if margin is not None else 1.9


def grid_mm(table: Table) -> list[float]:
    return [mm(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def paragraph_before(table: Table) -> Paragraph:
    previous = table._tbl.getprevious()
    return Paragraph(previous, table._parent)


@pytest.mark.parametrize("build", [report_docx, award_docx])
def test_pages_are_a4_portrait_with_decree_30_margins(build: object) -> None:
    document = build()  # type: ignore[operator]
    assert len(document.sections) == 2  # the body, then the appendix or the attached list
    for section in document.sections:
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        assert 20 <= round(section.top_margin.mm) <= 25
        assert 20 <= round(section.bottom_margin.mm) <= 25
        assert 30 <= round(section.left_margin.mm) <= 35
        assert 15 <= round(section.right_margin.mm) <= 20


@pytest.mark.parametrize("build", [report_docx, award_docx])
def test_everything_is_in_times_new_roman(build: object) -> None:
    document = build()  # type: ignore[operator]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert fonts.get(qn(script)) == "Times New Roman"
    assert fonts.get(qn("w:asciiTheme")) is None
    assert document.styles["Normal"].font.name == "Times New Roman"
    named = {run.font.name for p in document.paragraphs for run in p.runs}
    assert named <= {None, "Times New Roman"}


def test_body_text_is_justified_14_pt_with_a_first_line_indent_and_6_pt_between() -> None:
    document = report_docx()
    start = texts(document.paragraphs).index("I. TÌNH HÌNH AN NINH, TRẬT TỰ Ở ĐỊA BÀN GIÁP RANH")
    prose = [p for p in body_paragraphs(document)[start:] if len(p.text) > 80]
    assert len(prose) >= 10
    for paragraph in prose:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        indent, space_after = (
            paragraph.paragraph_format.first_line_indent,
            paragraph.paragraph_format.space_after,
        )
        assert indent is not None and 10 <= indent.mm <= 12.7
        assert space_after is not None and space_after.pt >= 6
        assert all(run.font.size in (Pt(13), Pt(14)) for run in paragraph.runs)
    normal = document.styles["Normal"].paragraph_format
    assert 1.0 <= normal.line_spacing <= 1.5


@pytest.mark.parametrize("build", [report_docx, award_docx])
def test_no_hard_line_break_anywhere(build: object) -> None:
    document = build()  # type: ignore[operator]
    assert document.element.body.findall(f".//{qn('w:br')}") == []
    with pytest.raises(ValueError):
        layout.paragraph(document, "một dòng\nhai dòng")


def test_the_header_boxes_name_the_issuer_and_the_nation() -> None:
    header = report_docx().tables[0]
    issuer, nation = header.cell(0, 0), header.cell(0, 1)
    assert texts(issuer.paragraphs) == ["CÔNG AN TỈNH PHÚ YÊN", "CÔNG AN THỊ XÃ SÔNG CẦU", ""]
    parent, name = issuer.paragraphs[0].runs[0], issuer.paragraphs[1].runs[0]
    assert not parent.font.bold and name.font.bold
    assert 12 <= parent.font.size.pt <= 13 and 12 <= name.font.size.pt <= 13
    assert texts(nation.paragraphs) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
    ]
    title, motto = nation.paragraphs[0].runs[0], nation.paragraphs[1].runs[0]
    assert title.font.bold and 12 <= title.font.size.pt <= 13
    assert motto.font.bold and 13 <= motto.font.size.pt <= 14
    assert header.cell(1, 0).text == "Số: 01/BC-CATX"
    when = header.cell(1, 1).paragraphs[0]
    assert when.text == "Sông Cầu, ngày 05 tháng 01 năm 2018"
    assert when.runs[0].font.italic and 13 <= when.runs[0].font.size.pt <= 14


def test_the_quoc_hieu_fits_its_column_on_one_line() -> None:
    header = report_docx().tables[0]
    room = grid_mm(header)[1] - cell_padding_mm(header, "left") - cell_padding_mm(header, "right")
    title = header.cell(0, 1).paragraphs[0].runs[0]
    assert text_width_mm(title.text, title.font.size.pt, bold=True) < room
    assert sum(grid_mm(header)) == pytest.approx(layout.TEXT_WIDTH_MM, abs=0.5)


def _rule_mm(paragraph: Paragraph, room_mm: float) -> float:
    border = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert border is not None and border.get(qn("w:val")) == "single"
    assert paragraph.text == ""
    indents = paragraph.paragraph_format
    return room_mm - indents.left_indent.mm - indents.right_indent.mm


def test_the_rules_are_paragraph_borders_sized_to_the_text() -> None:
    header = report_docx().tables[0]
    left_room = grid_mm(header)[0] - 2 * cell_padding_mm(header, "left")
    right_room = grid_mm(header)[1] - 2 * cell_padding_mm(header, "left")
    issuer = header.cell(0, 0).paragraphs
    issuer_width = text_width_mm(issuer[1].text, 12, bold=True)
    assert issuer_width / 3 <= _rule_mm(issuer[2], left_room) <= issuer_width / 2
    nation = header.cell(0, 1).paragraphs
    motto_width = text_width_mm(nation[1].text, 13, bold=True)
    assert _rule_mm(nation[2], right_room) == pytest.approx(motto_width, abs=0.5)


@pytest.mark.parametrize(
    ("signed_on", "line"),
    [
        (date(2018, 3, 15), "Sông Cầu, ngày 15 tháng 3 năm 2018"),
        (date(2018, 2, 1), "Sông Cầu, ngày 01 tháng 02 năm 2018"),
        (date(2017, 12, 9), "Sông Cầu, ngày 09 tháng 12 năm 2017"),
    ],
)
def test_the_date_line_pads_the_day_and_only_january_and_february(
    signed_on: date, line: str
) -> None:
    document = report_docx(replace(sample.report(appendix=False), signed_on=signed_on))
    assert document.tables[0].cell(1, 1).text == line


def test_the_title_subject_and_recipient() -> None:
    document = report_docx()
    paragraphs = body_paragraphs(document)
    title = next(p for p in paragraphs if p.text == "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].font.bold
    subject = " ".join(p.text for p in after(document, "BÁO CÁO")[:2])
    assert subject == sample.SUBJECT
    assert "Kính gửi: Giám đốc Công an tỉnh Phú Yên" in texts(paragraphs)


def test_headings_are_numbered_i_1_a() -> None:
    headings = texts(body_paragraphs(report_docx()))
    for heading in (
        "I. TÌNH HÌNH AN NINH, TRẬT TỰ Ở ĐỊA BÀN GIÁP RANH",
        "II. KẾT QUẢ THỰC HIỆN QUI CHẾ PHỐI HỢP",
        "1. Công tác chỉ đạo, triển khai",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2018",
        "a) Tiếp tục trao đổi, xác minh kịp thời các nguồn tin về tội phạm.",
        "b) Tổ chức các đợt cao điểm tấn công trấn áp tội phạm.",
    ):
        assert heading in headings


def test_the_figures_are_sentences_and_a_comparison_table() -> None:
    document = report_docx()
    said = texts(body_paragraphs(document))
    assert (
        "- Xảy ra 35 vụ phạm pháp hình sự ở địa bàn giáp ranh, trong đó Công an thị xã Sông Cầu "
        "20 vụ, Công an thành phố Qui Nhơn 15 vụ; tăng 27 vụ (+337,5%) so với cùng kỳ năm trước."
    ) in said
    assert "- Điều tra làm rõ 31/35 vụ, đạt 88,57%" in " ".join(said)
    assert not any(" 0 nguồn tin" in text or "Còn 0" in text for text in said)
    table = document.tables[1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Chỉ tiêu", "Năm 2017", "Năm 2016", "Tăng (+), giảm (-)"]
    assert ["6", "Vụ xảy ra ở địa bàn giáp ranh", "35", "8", "+27 (+337,5%)"] in rows
    assert ["8", "Tỷ lệ làm rõ", "88,57%", "87,50%", "+1,07 điểm %"] in rows


def test_page_numbers_are_a_page_field_top_centre_from_page_two() -> None:
    for section in report_docx().sections:
        assert section.different_first_page_header_footer
        header = section.header.paragraphs[0]
        assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
        kinds = [c.get(qn("w:fldCharType")) for c in header._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [i.text for i in header._p.iter(qn("w:instrText"))] == [" PAGE "]
        assert {run.font.size.pt for run in header.runs} <= {13.0, 14.0}
        assert not list(section.first_page_header._element.iter(qn("w:instrText")))


def test_the_appendix_restarts_page_numbers() -> None:
    body, appendix = report_docx().sections
    assert body._sectPr.find(qn("w:pgNumType")) is None
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


@pytest.mark.parametrize("build", [report_docx, award_docx])
def test_tables_have_fixed_widths_that_libreoffice_reads(build: object) -> None:
    document = build()  # type: ignore[operator]
    assert len(document.tables) >= 4
    for table in document.tables:
        properties = table._tbl.tblPr
        assert properties.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        width = properties.find(qn("w:tblW"))
        assert width.get(qn("w:type")) == "dxa"
        grid = grid_mm(table)
        assert len(grid) == len(table.columns)
        assert sum(grid) == pytest.approx(mm(width.get(qn("w:w"))), abs=0.2)
        assert sum(grid) <= layout.TEXT_WIDTH_MM + 0.2
        for row in table.rows:
            for cell, column in zip(row.cells, grid, strict=True):
                assert cell.width.mm == pytest.approx(column, abs=0.2)


def test_codes_and_dates_in_the_appendix_never_wrap() -> None:
    document = report_docx()
    tips = document.tables[3]  # header, figures, signature, then the first record table
    assert tips.rows[0].cells[1].text == "Mã"
    grid = grid_mm(tips)
    padding = 2 * cell_padding_mm(tips, "left")
    for row in tips.rows[1:]:
        for column in (1, 2, 5):  # code, received, resolved
            text = row.cells[column].text
            assert text_width_mm(text, 12) <= grid[column] - padding, text
    header_row = tips.rows[0]._tr.trPr
    assert header_row is not None and header_row.find(qn("w:tblHeader")) is not None


def _signature_table(document: Document) -> Table:
    labels = ("Nơi nhận:", "Recipients:")
    return next(
        table
        for table in document.tables
        if any(p.text in labels for cell in table._cells for p in cell.paragraphs)
    )


def test_the_signature_never_splits_and_follows_the_last_paragraph() -> None:
    document = report_docx()
    table = _signature_table(document)
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert paragraph_before(table).paragraph_format.keep_with_next
    recipients, signature = table.rows[0].cells
    assert texts(signature.paragraphs) == [
        "KT. TRƯỞNG CÔNG AN",
        "PHÓ TRƯỞNG CÔNG AN",
        "Thượng tá Trần Văn Bình",
    ]
    assert all(run.font.bold for p in signature.paragraphs for run in p.runs)
    label = recipients.paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert label.runs[0].font.bold and label.runs[0].font.italic
    assert label.runs[0].font.size == Pt(12)
    assert texts(recipients.paragraphs)[1:] == [
        "- Công an tỉnh Phú Yên (để báo cáo);",
        "- Công an thành phố Qui Nhơn;",
        "- Lưu: VT, CSHS.",
    ]
    assert {run.font.size for p in recipients.paragraphs[1:] for run in p.runs} == {Pt(11)}


def test_the_appendix_lists_the_records_behind_each_figure() -> None:
    document = report_docx()
    start = texts(document.paragraphs).index("Phụ lục")
    label = document.paragraphs[start]
    assert label.runs[0].font.bold and label.runs[0].font.size == Pt(14)
    attached = " ".join(p.text for p in document.paragraphs[start + 2 : start + 4])
    assert attached == (
        "(Kèm theo Báo cáo số 01/BC-CATX ngày 05 tháng 01 năm 2018 của Công an thị xã Sông Cầu)"
    )
    assert document.paragraphs[start + 2].runs[0].font.italic
    record_tables = document.tables[3:]
    expected = sample.record_tables()
    assert len(record_tables) == len(expected)
    for table, records in zip(record_tables, expected, strict=True):
        assert len(table.rows) == len(records.rows) + 1
    assert record_tables[0].rows[1].cells[2].text == "09/01/2017"


def test_a_joint_report_has_both_issuers_and_their_signatures_side_by_side() -> None:
    document = report_docx(sample.report(joint=True))
    header = document.tables[0]
    assert texts(header.cell(0, 0).paragraphs)[:4] == [
        "CÔNG AN TỈNH PHÚ YÊN",
        "CÔNG AN THỊ XÃ SÔNG CẦU",
        "CÔNG AN TỈNH BÌNH ĐỊNH",
        "CÔNG AN THÀNH PHỐ QUI NHƠN",
    ]
    assert header.cell(1, 0).text == "Số: 01/BC-CATX-CATP"
    table = _signature_table(document)
    assert len(table.columns) == 2
    titles, names, recipients = table.rows
    # The host signs on the right, as joint circulars sign.
    assert texts(titles.cells[1].paragraphs) == ["KT. TRƯỞNG CÔNG AN", "PHÓ TRƯỞNG CÔNG AN"]
    assert texts(titles.cells[0].paragraphs) == [
        "KT. TRƯỞNG CÔNG AN",
        "PHÓ TRƯỞNG CÔNG AN",
        "THÀNH PHỐ",
    ]
    assert [cell.text for cell in names.cells] == [
        "Thượng tá Lê Quang Hòa",
        "Thượng tá Trần Văn Bình",
    ]
    assert recipients.cells[0].paragraphs[0].text == "Nơi nhận:"
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert grid_mm(table)[0] == pytest.approx(grid_mm(table)[1])
    start = texts(document.paragraphs).index("Phụ lục")
    attached = " ".join(p.text for p in document.paragraphs[start + 2 : start + 4])
    assert attached.endswith("của Công an thị xã Sông Cầu và Công an thành phố Qui Nhơn)")
    said = texts(document.paragraphs)
    assert "- Giám đốc Công an tỉnh Phú Yên;" in said
    assert "- Giám đốc Công an tỉnh Bình Định." in said


def test_each_issuer_signs_once() -> None:
    joint = sample.report(joint=True, appendix=False)
    with pytest.raises(Refused) as refused:
        report_bytes(replace(joint, signatures=joint.signatures[:1]))
    assert "2 đơn vị ban hành nhưng 1 chữ ký" in refused.value.message()


def test_a_report_in_english() -> None:
    set_language("en")
    document = report_docx(sample.report(appendix=False))
    header = document.tables[0]
    assert header.cell(0, 1).paragraphs[0].text == "SOCIALIST REPUBLIC OF VIET NAM"
    assert header.cell(0, 1).paragraphs[1].text == "Independence - Freedom - Happiness"
    assert header.cell(1, 0).text == "No.: 01/BC-CATX"
    assert header.cell(1, 1).text == "Sông Cầu, 5 January 2018"
    said = texts(document.paragraphs)
    assert "REPORT" in said and "To: Giám đốc Công an tỉnh Phú Yên" in said
    assert any(p.startswith("- 35 cases of crime occurred in the border zone") for p in said)
    assert document.core_properties.language == "en-GB"
    assert _signature_table(document).cell(0, 0).paragraphs[0].text == "Recipients:"


def test_the_award_decision() -> None:
    decision = sample.award_decision()
    document = award_docx(decision)
    header = document.tables[0]
    assert texts(header.cell(0, 0).paragraphs)[:2] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ QUI NHƠN"]
    assert header.cell(1, 0).text == "Số: 215/QĐ-UBND"
    assert header.cell(1, 1).text == "Qui Nhơn, ngày 28 tháng 12 năm 2017"
    said = texts(body_paragraphs(document))
    assert said[said.index("QUYẾT ĐỊNH") + 1] == "Về việc tặng Giấy khen"
    authority = next(p for p in document.paragraphs if p.text.startswith("CHỦ TỊCH ỦY BAN"))
    assert authority.text == "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ QUI NHƠN"
    assert authority.runs[0].font.bold
    bases = [p for p in document.paragraphs if p.text.startswith(("Căn cứ", "Theo đề nghị"))]
    assert len(bases) == 4 and all(p.runs[0].font.italic for p in bases)
    assert all(p.text.endswith(";") for p in bases[:3]) and bases[3].text.endswith(".")
    assert "QUYẾT ĐỊNH:" in said
    first = next(p for p in document.paragraphs if p.text.startswith("Điều 1."))
    assert first.runs[0].text == "Điều 1." and first.runs[0].font.bold
    assert not first.runs[1].font.bold
    assert first.text.startswith(
        "Điều 1. Tặng Giấy khen cho 2 tập thể và 5 cá nhân (có danh sách kèm theo) đã có thành "
        "tích xuất sắc trong thực hiện qui chế phối hợp"
    )
    second = next(p.text for p in document.paragraphs if p.text.startswith("Điều 2."))
    assert "mỗi tập thể được thưởng 780.000 đồng, mỗi cá nhân được thưởng 390.000 đồng" in second
    assert any(p.startswith("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.") for p in said)
    signature = _signature_table(document)
    assert texts(signature.cell(0, 1).paragraphs) == ["CHỦ TỊCH", "Ngô Hoàng Nam"]
    assert texts(signature.cell(0, 0).paragraphs)[1] == "- Như Điều 3;"
    row = signature.rows[0]._tr.trPr
    assert row is not None and row.find(qn("w:cantSplit")) is not None


def test_the_award_list_attached_to_the_decision() -> None:
    decision = sample.award_decision()
    document = award_docx(decision)
    said = texts(document.paragraphs)
    start = said.index("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN")
    assert " ".join(said[start + 1 : start + 3]) == (
        "(Kèm theo Quyết định số 215/QĐ-UBND ngày 28 tháng 12 năm 2017 "
        "của Chủ tịch Ủy ban nhân dân thành phố Qui Nhơn)"
    )
    assert "I. TẬP THỂ" in said and "II. CÁ NHÂN" in said
    collectives, individuals = document.tables[2], document.tables[3]
    assert [c.text for c in collectives.rows[0].cells] == [
        "STT", "Tên tập thể", "Đơn vị cấp trên", "Tiền thưởng (đồng)",
    ]  # fmt: skip
    assert [c.text for c in collectives.rows[1].cells] == [
        "1", "Đội Cảnh sát hình sự", "Công an thị xã Sông Cầu", "780.000",
    ]  # fmt: skip
    assert [c.text for c in individuals.rows[0].cells][:4] == [
        "STT", "Họ và tên", "Chức vụ", "Đơn vị",
    ]  # fmt: skip
    person = decision.individuals[0]
    assert [c.text for c in individuals.rows[1].cells] == [
        "1", f"{person.rank} {person.full_name}", person.post, person.unit, "390.000",
    ]  # fmt: skip
    assert len(individuals.rows) == len(decision.individuals) + 1
    assert "Tổng cộng: 2 tập thể và 5 cá nhân; tổng số tiền thưởng 3.510.000 đồng." in said
    assert document.sections[1]._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_an_award_decision_for_individuals_only_without_prize_money() -> None:
    decision = replace(
        sample.award_decision(), collectives=(), prize_collective=None, prize_individual=None
    )
    document = award_docx(decision)
    said = texts(document.paragraphs)
    assert any(p.startswith("Điều 1. Tặng Giấy khen cho 5 cá nhân (có danh sách") for p in said)
    assert "Điều 2. Tiền thưởng kèm theo Giấy khen thực hiện theo quy định hiện hành." in said
    assert "I. CÁ NHÂN" in said and "II. TẬP THỂ" not in said
    assert "Tổng cộng: 5 cá nhân." in said
    assert len(document.tables[2].columns) == 4


@pytest.mark.parametrize("on_behalf", ["TM. Ủy ban nhân dân", "tm. ủy ban nhân dân"])
def test_an_award_decision_is_never_signed_tm(on_behalf: str) -> None:
    decision = sample.award_decision()
    signed = replace(
        decision, signature=Signature("Chủ tịch", "Ngô Hoàng Nam", on_behalf=on_behalf)
    )
    with pytest.raises(Refused) as refused:
        award_decision_bytes(signed)
    assert "TM." in refused.value.message()
    deputy = Signature("Phó Chủ tịch", "Trần Xuân Túc", on_behalf="KT. Chủ tịch")
    document = award_docx(replace(decision, signature=deputy))
    signature = _signature_table(document).cell(0, 1)
    assert texts(signature.paragraphs) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Xuân Túc"]


def test_an_award_decision_names_someone() -> None:
    with pytest.raises(Refused):
        award_decision_bytes(replace(sample.award_decision(), collectives=(), individuals=()))


# ECMA-376's order of the children of each properties element (Word calls a file damaged when
# they come out of order; LibreOffice does not mind, so only a test sees it).
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect "
    "bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW "
    "jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription tblPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange",
    "sectPr": "headerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
    "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
    "printerSettings sectPrChange",
}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: report_bytes(sample.report()), id="report"),
        pytest.param(lambda: report_bytes(sample.report(joint=True)), id="joint"),
        pytest.param(lambda: award_decision_bytes(sample.award_decision()), id="award"),
    ],
)
def test_properties_come_in_the_order_word_requires(data: object) -> None:
    document = reopened(data())  # type: ignore[operator]
    roots = [document.element, document.styles.element]
    for section in document.sections:
        roots += [section.header._element, section.first_page_header._element]
    for name, order in SCHEMA_ORDER.items():
        rank = {tag: index for index, tag in enumerate(order.split())}
        rank["footerReference"] = rank.get("headerReference", 0)
        for root in roots:
            for element in root.iter(qn(f"w:{name}")):
                tags = [child.tag.split("}")[1] for child in element]
                assert all(tag in rank for tag in tags), (name, tags)
                assert [rank[tag] for tag in tags] == sorted(rank[tag] for tag in tags), (
                    name,
                    tags,
                )
