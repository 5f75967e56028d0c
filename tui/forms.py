"""The fields of each record's form: which widget, which choices, when a field shows.

Names are those of the record's Create model (models/), so a form's values go straight to
`models.records.create/update`, which validate them; the form only shows what they say.
"""

from dataclasses import dataclass

from models.awards import AWARD_FORMS, RECIPIENT_KINDS
from models.cases import CASE_STATUSES, COORDINATIONS
from models.suspects import SUSPECT_STATUSES
from models.tips import RESOLVED_STATUSES, TIP_KINDS, TIP_STATUSES


@dataclass(frozen=True)
class FormField:
    name: str
    widget: str = "text"  # text, date, select, multi, codes, number
    options: str | tuple[str, ...] = ()  # units, localities, campaigns, articles, or enum values
    enum: str = ""  # catalogue prefix of the options' labels
    required: bool = False
    show_if: tuple[str, tuple[str, ...]] | None = None  # (field, values) that reveal this one
    label: str = ""  # catalogue key; col.<name> when empty

    @property
    def label_key(self) -> str:
        return self.label or f"col.{self.name}"


F = FormField

FORMS: dict[str, list[FormField]] = {
    "cases": [
        F("code", required=True),
        F("title", required=True),
        F("article", "select", "articles", required=True),
        F("clause"),
        F("occurred_on", "date", required=True),
        F("locality", "select", "localities", required=True),
        F("lead_unit", "select", "units", required=True),
        F("coordinating_units", "multi", "units"),
        F("coordination", "select", COORDINATIONS, "coordination", required=True),
        F("status", "select", CASE_STATUSES, "case_status", required=True),
        F("cleared_on", "date", show_if=("status", ("cleared", "closed"))),
        F("tip_code", "codes"),
        F("campaign_code", "select", "campaigns"),
    ],
    "tips": [
        F("code", required=True),
        F("kind", "select", TIP_KINDS, "tip_kind", required=True, label="col.tip_kind"),
        F("received_on", "date", required=True),
        F("receiving_unit", "select", "units", required=True),
        F("partner_unit", "select", "units"),
        F("locality", "select", "localities"),
        F("summary", required=True),
        F("status", "select", TIP_STATUSES, "tip_status", required=True),
        F("resolved_on", "date", show_if=("status", RESOLVED_STATUSES)),
        F("extended_to", "date"),
        F("case_code", "codes"),
        F("reporter_name"),
        F("reporter_contact"),
    ],
    "suspects": [
        F("code", required=True),
        F("full_name", required=True),
        F("birth_year", "number"),
        F("address"),
        F("case_codes", "codes", required=True),
        F("status", "select", SUSPECT_STATUSES, "suspect_status", required=True),
        F(
            "arrested_on",
            "date",
            show_if=("status", ("arrested", "surrendered", "handled", "released")),
        ),
    ],
    "campaigns": [
        F("code", required=True),
        F("name", required=True),
        F("starts_on", "date", required=True),
        F("ends_on", "date", required=True),
        F("units", "multi", "units", required=True),
        F("articles", "codes"),
        F("localities", "multi", "localities"),
    ],
    "award_decisions": [
        F("decision_no", required=True),
        F("decided_on", "date", required=True),
        F("issuer", required=True),
        F("form", "select", AWARD_FORMS, "award_form", required=True),
        F("signer"),
    ],
    "award_recipients": [
        F("recipient_kind", "select", RECIPIENT_KINDS, "recipient_kind", required=True),
        F("recipient_name", required=True),
        F("recipient_unit", "select", "units"),
        F("rank"),
        F("position"),
        F("achievement", required=True),
        F("campaign_code", "select", "campaigns"),
    ],
}

# Codes of new records: <prefix>-<year>-<number>.
CODE_PREFIXES = {"cases": "VV", "tips": "NT", "suspects": "DT", "campaigns": "CD"}
