"""The time limits of the Criminal Procedure Code (BLTTHS) as data: one row per rule, with the
date it takes effect, so a tip or a case keeps the rules in force when its clock started and a
change of law is an added row (a row with `in_force=False` repeals a step from its date).

Rows shipped: BLTTHS 2015 (Law 101/2015/QH13, in force 01/01/2018) arts. 147–149 for tips,
arts. 172 and 174 for investigations, with Joint Circular 01/2017/TTLT art. 11 for how the tip
limits are counted. Law 02/2021/QH15 (in force 01/12/2021) and Law 99/2025/QH15 (in force
01/07/2025) reorganised who receives, decides and supervises, and the grounds for suspension,
but left these amounts as they were, so no later rows are needed yet.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Literal, get_args

from models.i18n import register

Procedure = Literal["tip", "investigation"]
Category = Literal["it_nghiem_trong", "nghiem_trong", "rat_nghiem_trong", "dac_biet_nghiem_trong"]
CATEGORIES: tuple[str, ...] = get_args(Category)
Unit = Literal["days", "months"]
# What a step does to the clock: `start` is the first limit; `extend` replaces the limit in
# force with a later one; `stop` suspends the clock; `restart` runs it again from a decision;
# `close` ends it (an outcome).
Effect = Literal["start", "extend", "stop", "restart", "close"]
# Where a step's limit is counted from: the clock's start (receipt of the tip, opening of the
# case), the end of the limit in force (as counted, before the day-off rule), or the decision's
# own date (Decision.counted_from when given).
CountedFrom = Literal["start", "previous_end", "decision"]
# Who decides, as catalogue keys `clock_decider.<code>`.
Decider = Literal["cqdt", "cqdt_head", "procuracy", "supreme_procuracy"]


LABELS = {
    "clock_procedure.tip": ("giải quyết nguồn tin về tội phạm", "resolving a crime tip"),
    "clock_procedure.investigation": ("điều tra vụ án", "investigating a case"),
    "clock_category.it_nghiem_trong": ("tội phạm ít nghiêm trọng", "less serious crime"),
    "clock_category.nghiem_trong": ("tội phạm nghiêm trọng", "serious crime"),
    "clock_category.rat_nghiem_trong": ("tội phạm rất nghiêm trọng", "very serious crime"),
    "clock_category.dac_biet_nghiem_trong": (
        "tội phạm đặc biệt nghiêm trọng",
        "particularly serious crime",
    ),
    "clock_decider.cqdt": ("Cơ quan điều tra", "the investigation agency"),
    "clock_decider.cqdt_head": (
        "Thủ trưởng hoặc Phó Thủ trưởng Cơ quan điều tra",
        "the head or a deputy head of the investigation agency",
    ),
    "clock_decider.procuracy": (
        "Viện trưởng Viện kiểm sát có thẩm quyền",
        "the chief of the competent procuracy",
    ),
    "clock_decider.supreme_procuracy": (
        "Viện trưởng Viện kiểm sát nhân dân tối cao",
        "the chief of the Supreme People's Procuracy",
    ),
    "clock_step.tip_base": ("thời hạn giải quyết ban đầu", "initial limit"),
    "clock_step.tip_extension": (
        "kéo dài thời hạn giải quyết",
        "extension by the investigation agency",
    ),
    "clock_step.tip_procuracy_extension": (
        "gia hạn kiểm tra, xác minh của Viện kiểm sát",
        "extension by the procuracy",
    ),
    "clock_step.tip_suspension": ("tạm đình chỉ việc giải quyết", "resolution suspended"),
    "clock_step.tip_suspension_cancelled": (
        "Viện kiểm sát hủy bỏ quyết định tạm đình chỉ",
        "suspension cancelled by the procuracy",
    ),
    "clock_step.tip_restoration": ("phục hồi giải quyết", "resolution restored"),
    "clock_step.tip_case_opened": ("khởi tố vụ án", "case opened"),
    "clock_step.tip_no_case": ("không khởi tố vụ án", "no case opened"),
    "clock_step.tip_transferred": (
        "chuyển cơ quan có thẩm quyền",
        "transferred to the competent agency",
    ),
    "clock_step.investigation_base": ("thời hạn điều tra", "investigation limit"),
    "clock_step.investigation_extension": ("gia hạn điều tra", "investigation extended"),
    "clock_step.investigation_suspension": ("tạm đình chỉ điều tra", "investigation suspended"),
    "clock_step.investigation_resumption": ("phục hồi điều tra", "investigation resumed"),
    "clock_step.investigation_resumption_extension": (
        "gia hạn điều tra sau khi phục hồi",
        "extension after resumption",
    ),
    "clock_step.investigation_concluded": ("kết thúc điều tra", "investigation concluded"),
    "clock_step.investigation_discontinued": ("đình chỉ điều tra", "investigation discontinued"),
}
register(LABELS)


@dataclass(frozen=True)
class LimitRule:
    """One step of one procedure under the law in force from `effective_from`.

    `amount` is the most one decision of this step may give, counted from `counted_from`;
    `max_total` caps the end counted from the clock's start (both in `unit`; either may be None).
    `nth` numbers a step that may be taken several times with different limits (the 1st and 2nd
    extension of an investigation); None means any number of times within `max_total`.
    `after` lists the stages this step may follow; None means whenever the clock runs.
    `request_days_before`: the request must be made at least this many days before the limit in
    force ends (0 when the decider acts on its own, before the limit ends).
    """

    procedure: Procedure
    step: str
    effect: Effect
    amount: int | None
    unit: Unit
    counted_from: CountedFrom
    decided_by: Decider
    source: str
    effective_from: date
    category: Category | None = None
    nth: int | None = 1
    max_total: int | None = None
    after: frozenset[str] | None = None
    request_days_before: int = 0
    in_force: bool = True


CODE_2015 = date(2018, 1, 1)  # BLTTHS 2015 in force
_BEFORE_PROCURACY = frozenset({"base", "extension"})
_SUSPENDED = frozenset({"suspension"})


def _tip_rules() -> list[LimitRule]:
    row = partial(LimitRule, "tip", effective_from=CODE_2015)
    outcome = partial(row, effect="close", amount=None, unit="days", counted_from="decision")
    return [
        row("base", "start", 20, "days", "start", "cqdt", "BLTTHS 2015 Đ.147(1)"),
        row(
            "extension",
            "extend",
            None,
            "months",
            "start",
            "cqdt_head",
            "BLTTHS 2015 Đ.147(2); TTLT 01/2017 Đ.11(1)",
            nth=None,
            max_total=2,
            after=_BEFORE_PROCURACY,
        ),
        row(
            "procuracy_extension",
            "extend",
            2,
            "months",
            "previous_end",
            "procuracy",
            "BLTTHS 2015 Đ.147(2); TTLT 01/2017 Đ.11(2)",
            after=_BEFORE_PROCURACY,
            request_days_before=5,
        ),
        row(
            "suspension", "stop", None, "days", "decision", "cqdt", "BLTTHS 2015 Đ.148(1)", nth=None
        ),
        # Counted from the day the agency receives the procuracy's cancellation.
        row(
            "suspension_cancelled",
            "restart",
            1,
            "months",
            "decision",
            "procuracy",
            "BLTTHS 2015 Đ.148(2); TTLT 01/2017 Đ.11(3)",
            nth=None,
            after=_SUSPENDED,
        ),
        row(
            "restoration",
            "restart",
            1,
            "months",
            "decision",
            "cqdt",
            "BLTTHS 2015 Đ.149(1)",
            nth=None,
            after=_SUSPENDED,
        ),
        outcome(step="case_opened", decided_by="cqdt", source="BLTTHS 2015 Đ.147(1)(a)"),
        outcome(step="no_case", decided_by="cqdt", source="BLTTHS 2015 Đ.147(1)(b)"),
        outcome(step="transferred", decided_by="cqdt", source="BLTTHS 2015 Đ.146(2)"),
    ]


# Art. 172(1)–(3) and 174(1), per category: the base months; each extension's months (the
# fourth, for the most serious category, is the Supreme Procuracy chief's); the months after a
# resumption; and the one extension allowed after a resumption.
_INVESTIGATION_LIMITS: dict[Category, tuple[int, tuple[int, ...], int, int]] = {
    "it_nghiem_trong": (2, (2,), 2, 1),
    "nghiem_trong": (3, (3, 2), 2, 2),
    "rat_nghiem_trong": (4, (4, 4), 3, 2),
    "dac_biet_nghiem_trong": (4, (4, 4, 4, 4), 3, 3),
}


def _investigation_rules(category: Category) -> list[LimitRule]:
    base, extensions, resumed, resumed_extension = _INVESTIGATION_LIMITS[category]
    row = partial(
        LimitRule, "investigation", unit="months", effective_from=CODE_2015, category=category
    )
    outcome = partial(row, effect="close", amount=None, counted_from="decision")
    rules = [
        row(
            "base",
            "start",
            base,
            counted_from="start",
            decided_by="cqdt",
            source="BLTTHS 2015 Đ.172(1)",
        )
    ]
    for nth, months in enumerate(extensions, start=1):
        supreme = nth == 4
        rules.append(
            row(
                "extension",
                "extend",
                months,
                counted_from="previous_end",
                decided_by="supreme_procuracy" if supreme else "procuracy",
                source="BLTTHS 2015 Đ.172(3)" if supreme else "BLTTHS 2015 Đ.172(2)",
                nth=nth,
                after=_BEFORE_PROCURACY,
                request_days_before=10,
            )
        )
    return [
        *rules,
        row(
            "suspension",
            "stop",
            None,
            counted_from="decision",
            decided_by="cqdt",
            source="BLTTHS 2015 Đ.229",
            nth=None,
        ),
        row(
            "resumption",
            "restart",
            resumed,
            counted_from="decision",
            decided_by="cqdt",
            source="BLTTHS 2015 Đ.174(1), Đ.235",
            nth=None,
            after=_SUSPENDED,
        ),
        row(
            "resumption_extension",
            "extend",
            resumed_extension,
            counted_from="previous_end",
            decided_by="procuracy",
            source="BLTTHS 2015 Đ.174(1)",
            after=frozenset({"resumption"}),
            request_days_before=10,
        ),
        outcome(step="concluded", decided_by="cqdt", source="BLTTHS 2015 Đ.232"),
        outcome(step="discontinued", decided_by="cqdt", source="BLTTHS 2015 Đ.230"),
    ]


LIMIT_RULES: tuple[LimitRule, ...] = (
    *_tip_rules(),
    *(rule for category in _INVESTIGATION_LIMITS for rule in _investigation_rules(category)),
)

_RuleKey = tuple[str, str | None]
_StepKey = tuple[str, int | None]


@dataclass(frozen=True)
class RuleSet:
    """The rules of one procedure (and category) in force on some day, keyed by (step, nth)."""

    by_step: dict[_StepKey, LimitRule]
    extend_steps: tuple[str, ...]  # the steps that give a later deadline, in the rows' order

    @classmethod
    def of(cls, rules: Iterable[LimitRule]) -> RuleSet:
        by_step = {(rule.step, rule.nth): rule for rule in rules}
        extend_steps = tuple(
            dict.fromkeys(step for (step, _), rule in by_step.items() if rule.effect == "extend")
        )
        return cls(by_step, extend_steps)

    def get(self, step: str, nth: int | None) -> LimitRule | None:
        return self.by_step.get((step, nth))

    def steps(self) -> list[str]:
        return list(dict.fromkeys(step for step, _ in self.by_step))


class LimitBook:
    """The rules of each procedure (and crime category) as they stood on a given day."""

    def __init__(self, rules: Iterable[LimitRule]) -> None:
        self.rules = tuple(rules)
        by_key: dict[_RuleKey, list[LimitRule]] = {}
        for rule in self.rules:
            by_key.setdefault((rule.procedure, rule.category), []).append(rule)
        self._eras: dict[_RuleKey, list[date]] = {
            key: sorted({rule.effective_from for rule in rules}) for key, rules in by_key.items()
        }
        self._by_key = by_key
        self._cache: dict[tuple[_RuleKey, date], RuleSet] = {}

    def in_force(self, procedure: str, on: date, category: str | None = None) -> RuleSet:
        """The rules in force on `on`: for each (step, nth), the latest row that took effect on
        or before that day, leaving out steps that a later row repealed."""
        key = (procedure, category)
        eras = self._eras.get(key, [])
        index = bisect.bisect_right(eras, on)
        if index == 0:
            return RuleSet({}, ())
        era = eras[index - 1]
        cached = self._cache.get((key, era))
        if cached is None:
            # Steps keep the order of their first row; each takes its latest row.
            latest: dict[_StepKey, LimitRule] = {}
            for rule in self._by_key[key]:
                latest.setdefault((rule.step, rule.nth), rule)
            for rule in sorted(self._by_key[key], key=lambda rule: rule.effective_from):
                if rule.effective_from <= era:
                    latest[(rule.step, rule.nth)] = rule
            cached = RuleSet.of(
                rule for rule in latest.values() if rule.in_force and rule.effective_from <= era
            )
            self._cache[(key, era)] = cached
        return cached


LIMITS = LimitBook(LIMIT_RULES)
