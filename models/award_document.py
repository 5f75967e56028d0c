"""An award decision record as its document (models.documents.award): "Quyết định về việc tặng
Giấy khen" with its articles, the signer and the attached list.

What the record holds goes in as it is: the number and symbol ("215/QĐ-UBND"), the day, the
issuer ("UBND thành phố Qui Nhơn", written out in the header box), the form, the signer ("Ngô
Hoàng Nam - Chủ tịch UBND thành phố Qui Nhơn": a deputy signs "KT. CHỦ TỊCH"), each recipient
with their unit, rank and post. What it does not hold is drafted for the unit to correct in the
file: the legal bases in force on the day (BASES), the proposal by the recipients' police
heads, the achievement most recipients share, and who carries the decision out. Prize money is
the setting `award.prize_collective` / `award.prize_individual` (đồng), else the rules in force.
"""

import re
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

from sqlmodel import Session

from models import access
from models.awards import AwardDecision, AwardRecipient
from models.base import Actor
from models.documents.award import (
    AwardDecisionDocument,
    CollectiveAward,
    IndividualAward,
    write_award_decision,
)
from models.documents.blocks import Issuer, Signature
from models.i18n import register, t
from models.records import get
from models.registry import kind_of
from models.report_document import free_path, place_of, write_whole
from models.settings import get_setting
from models.text import fold, person_sort_key
from models.units import Unit

MESSAGES = {
    "award_doc.form.giay_khen": ("Giấy khen", "Certificate of merit"),
    "award_doc.form.bang_khen": ("Bằng khen", "Certificate of commendation"),
    "award_doc.form.other": ("khen thưởng", "award"),
    "award_doc.proposal": ("Theo đề nghị của {heads}", "On the proposal of {heads}"),
    "award_doc.head": ("Trưởng {unit}", "the Head of {unit}"),
    "award_doc.chair_title": ("Chủ tịch", "Chair"),
    "award_doc.head_title": ("Thủ trưởng", "Head"),
    "award_doc.office": ("Chánh Văn phòng {issuer}", "the Chief of Office of {issuer}"),
    "award_doc.prize_source": ("quỹ thi đua, khen thưởng", "the emulation and reward fund"),
}
register(MESSAGES)

# The legal bases of an award, by the day they came into force (the last one on or before the
# decision's day applies). Sources: ../shared/reference/review-document.md (Law 06/2022/QH15,
# Decrees 91/2017, 98/2023 and 152/2025).
BASES: tuple[tuple[date, tuple[str, ...]], ...] = (
    (
        date(2017, 7, 31),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung "
            "một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        ),
    ),
    (
        date(2024, 1, 1),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15",
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        ),
    ),
    (
        date(2025, 7, 1),
        (
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15",
            "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số "
            "điều của Luật Thi đua, khen thưởng",
        ),
    ),
)
_NUMBER = re.compile(r"^\s*(\d+)\s*/\s*(\S.*?)\s*$")
_PEOPLES_COMMITTEE = re.compile(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\b", re.IGNORECASE)


def bases_on(day: date) -> tuple[str, ...]:
    in_force = [bases for since, bases in BASES if since <= day]
    return in_force[-1] if in_force else BASES[0][1]


def written_out(name: str) -> str:
    """ "UBND thị xã Sông Cầu" → "Ủy ban nhân dân thị xã Sông Cầu", as a header box names it."""
    return _PEOPLES_COMMITTEE.sub("Ủy ban nhân dân", name.strip(), count=1)


def _signature(signer: str | None, head: str) -> Signature:
    """ "Name - Post" (or a name alone); a deputy ("Phó Chủ tịch") signs for the head."""
    name, _, post = (signer or "").partition(" - ")
    post = re.split(r"\s+(?:UBND|Ủy ban nhân dân)\b", post.strip(), maxsplit=1)[0] or head
    deputy = post.casefold().startswith("phó")
    return Signature(post, name.strip(), "", f"KT. {head.upper()}" if deputy else "")


def _collective(recipient: AwardRecipient) -> CollectiveAward:
    unit = recipient.recipient_unit.name if recipient.recipient_unit else ""
    name = recipient.recipient_name
    if unit and name.endswith(f", {unit}"):
        name = name.removesuffix(f", {unit}")
    if recipient.recipient_unit is not None and unit == name:  # a unit itself: its parent's
        parent = recipient.recipient_unit.parent
        return CollectiveAward(name, parent.name if parent is not None else "")
    return CollectiveAward(name, unit)


def _individual(recipient: AwardRecipient) -> IndividualAward:
    unit = recipient.recipient_unit.name if recipient.recipient_unit else ""
    return IndividualAward(
        recipient.recipient_name, recipient.rank or "", recipient.position or "", unit
    )


def _achievement(recipients: list[AwardRecipient]) -> str:
    """The achievement most recipients share, as Điều 1 ends: "xuất sắc trong …"."""
    said = Counter(r.achievement.strip().rstrip(".") for r in recipients).most_common(1)
    text = said[0][0] if said else ""
    text = re.sub(r"^(đã có )?thành tích\s+", "", text, flags=re.IGNORECASE)
    return text[:1].lower() + text[1:]


def _proposing(recipients: list[AwardRecipient]) -> list[Unit]:
    """The police units that proposed them: the recipients' units, a commune's police rolled
    up to the unit above it among them (Bùi Thị Xuân's to Qui Nhơn's)."""
    units = {r.recipient_unit.id: r.recipient_unit for r in recipients if r.recipient_unit}
    holders: dict[uuid.UUID, Unit] = {}
    for unit in units.values():
        holder, cursor = unit, unit.parent
        while cursor is not None:
            holder = cursor if cursor.id in units else holder
            cursor = cursor.parent
        if holder.name.startswith("Công an"):
            holders.setdefault(holder.id, holder)
    return list(holders.values())


def _prize(session: Session, key: str) -> int | None:
    value = get_setting(session, key)
    return int(value) if value and value.isdigit() else None


def award_document(
    session: Session, key: str | uuid.UUID, actor: Actor | None
) -> AwardDecisionDocument:
    """The document of award decision `key` (its code, KT-2017-001, or id), as `actor` may
    read it."""
    decision: AwardDecision = get(session, kind_of("award_decisions"), key, actor=actor)
    readable = [
        r
        for r in decision.recipients
        if actor is None or access.can(actor, "read", "award_recipients", r, session=session)
    ]
    ordered = sorted(
        readable,
        key=lambda r: (
            r.recipient_kind != "collective",
            r.sort_key or person_sort_key(r.recipient_name),
        ),
    )
    issuer = written_out(decision.issuer)
    peoples_committee = issuer.startswith("Ủy ban nhân dân")
    head = t("award_doc.chair_title" if peoples_committee else "award_doc.head_title")
    authority = f"{head} {issuer}"
    number = _NUMBER.match(decision.decision_no)
    heads = [t("award_doc.head", unit=unit.name) for unit in _proposing(ordered)]
    executors = (t("award_doc.office", issuer=issuer) if peoples_committee else "", *heads)
    collective = _prize(session, "award.prize_collective")
    individual = _prize(session, "award.prize_individual")
    return AwardDecisionDocument(
        issuer=Issuer(issuer),
        number=int(number[1]) if number else 0,
        symbol=number[2] if number else decision.decision_no,
        place=place_of(issuer.removeprefix("Ủy ban nhân dân").strip()),
        signed_on=decision.decided_on,
        authority=authority,
        bases=bases_on(decision.decided_on),
        proposal=t("award_doc.proposal", heads=" và ".join(heads) or authority),
        achievement=_achievement(ordered),
        collectives=tuple(_collective(r) for r in ordered if r.recipient_kind == "collective"),
        individuals=tuple(_individual(r) for r in ordered if r.recipient_kind == "individual"),
        signature=_signature(decision.signer, head),
        executors=tuple(executor for executor in executors if executor),
        form=t(f"award_doc.form.{decision.form}"),
        prize_collective=collective,
        prize_individual=individual,
        prize_source=t("award_doc.prize_source") if collective or individual else "",
    )


def write_award_file(
    session: Session, key: str | uuid.UUID, actor: Actor | None, folder: Path
) -> Path:
    """The decision's DOCX in `folder`, named after its number ("qd-1024-qd-ubnd.docx"),
    never over a file already there."""
    document = award_document(session, key, actor)
    named = fold(f"{document.number or ''} {document.symbol}")
    stem = "qd-" + (re.sub(r"[^a-z0-9]+", "-", named).strip("-") or "khen-thuong")
    return write_whole(
        free_path(folder, stem, ".docx"), lambda path: write_award_decision(document, path)
    )
