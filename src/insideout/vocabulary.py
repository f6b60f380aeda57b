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
    PROVIDER = "provider", "Service provider"


CENTRE_ROLES = frozenset({Role.ADMIN, Role.CENTRE_LEAD, Role.CENTRE_OFFICER, Role.ANALYST})
UNIT_ROLES = frozenset({Role.CENTRE_LEAD, Role.CENTRE_OFFICER})
ORGANISATION_ROLES = frozenset(
    {Role.DOER_LEAD, Role.DOER_MEMBER, Role.FRONTLINE_PARTNER, Role.PROVIDER}
)
DOER_ROLES = (Role.DOER_LEAD, Role.DOER_MEMBER)


class NeedCategory(models.TextChoices):
    """What kind of help a doer needs: shared by pulse answers, asks and everything after."""

    MONEY = "money", "Money"
    KNOWLEDGE = "knowledge", "Knowledge"
    TRAINING = "training", "Training"
    INFRASTRUCTURE = "infrastructure", "Infrastructure"
    FEWER_BURDENS = "fewer_burdens", "Fewer burdens"
    OTHER = "other", "Other"


class SocialNeed(models.TextChoices):
    """What a person, family or group needs help with: the categories of their needs, of the
    services that can be pulled for them, and of the unmet needs that reach the centre. They
    follow the social-risk domains of the HL7 SDOH Clinical Care guide, in plain words."""

    FOOD = "food", "Food"
    HOUSING = "housing", "Housing and homelessness"
    MONEY = "money", "Money and debt"
    WORK = "work", "Work and skills"
    EDUCATION = "education", "Education"
    HEALTH = "health", "Physical health"
    MENTAL_HEALTH = "mental_health", "Mental health and wellbeing"
    LONELINESS = "loneliness", "Loneliness and isolation"
    FAMILY = "family", "Family and parenting"
    CARING = "caring", "Caring for someone"
    SAFETY = "safety", "Safety and domestic abuse"
    SUBSTANCE_USE = "substance_use", "Alcohol and drugs"
    TRANSPORT = "transport", "Transport"
    LEGAL = "legal", "Legal and immigration advice"
    DIGITAL = "digital", "Getting online"
    OTHER = "other", "Something else"
