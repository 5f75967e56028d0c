"""giapranh's records, their rules and the review, with no knowledge of any terminal.

Importing this package registers every table on `SQLModel.metadata`; nothing opens a database.
"""

from models.accesslog import AccessLogEntry
from models.awards import AWARD_DECISIONS, AWARD_RECIPIENTS, AwardDecision, AwardRecipient
from models.base import Actor
from models.campaigns import CAMPAIGNS, Campaign
from models.cases import CASES, Case
from models.changelog import ChangeLogEntry, ChangeLogUnit
from models.kinds import Kind, KindName
from models.links import CampaignLocalityLink, CampaignUnitLink, CaseSuspectLink, CaseUnitLink
from models.localities import LOCALITIES, Locality
from models.operators import OPERATORS, Operator, OperatorKey
from models.registry import KINDS
from models.settings import Setting
from models.shares import Share
from models.suspects import SUSPECTS, Suspect
from models.tips import TIPS, Tip
from models.units import UNITS, Unit

__all__ = [
    "AWARD_DECISIONS",
    "AWARD_RECIPIENTS",
    "CAMPAIGNS",
    "CASES",
    "KINDS",
    "LOCALITIES",
    "OPERATORS",
    "SUSPECTS",
    "TIPS",
    "UNITS",
    "AccessLogEntry",
    "Actor",
    "AwardDecision",
    "AwardRecipient",
    "Campaign",
    "CampaignLocalityLink",
    "CampaignUnitLink",
    "Case",
    "CaseSuspectLink",
    "CaseUnitLink",
    "ChangeLogEntry",
    "ChangeLogUnit",
    "Kind",
    "KindName",
    "Locality",
    "Operator",
    "OperatorKey",
    "Setting",
    "Share",
    "Suspect",
    "Tip",
    "Unit",
]
