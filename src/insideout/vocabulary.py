"""The words every part of Inside Out shares: the roles people hold and the kinds of help doers
need. It imports nothing of the project's, so any app may use it."""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    CENTRE_LEAD = "centre_lead", "Centre lead"
    CENTRE_OFFICER = "centre_officer", "Centre officer"
    ANALYST = "analyst", "Analyst"
    DOER_LEAD = "doer_lead", "Doer lead"
    DOER_MEMBER = "doer_member", "Doer member"
    FRONTLINE_PARTNER = "frontline_partner", "Frontline partner"


CENTRE_ROLES = frozenset({Role.ADMIN, Role.CENTRE_LEAD, Role.CENTRE_OFFICER, Role.ANALYST})
UNIT_ROLES = frozenset({Role.CENTRE_LEAD, Role.CENTRE_OFFICER})
ORGANISATION_ROLES = frozenset({Role.DOER_LEAD, Role.DOER_MEMBER, Role.FRONTLINE_PARTNER})
DOER_ROLES = (Role.DOER_LEAD, Role.DOER_MEMBER)


class NeedCategory(models.TextChoices):
    """What kind of help a doer needs: shared by pulse answers, asks and everything after."""

    MONEY = "money", "Money"
    KNOWLEDGE = "knowledge", "Knowledge"
    TRAINING = "training", "Training"
    INFRASTRUCTURE = "infrastructure", "Infrastructure"
    FEWER_BURDENS = "fewer_burdens", "Fewer burdens"
    OTHER = "other", "Other"
