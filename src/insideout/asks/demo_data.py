"""The demo's year of asks: what doers need, which unit owns it, and how each unit answers.

Each need carries the words a unit would use to commit to it, to report it done, or to decline
it, so the demo's trail reads as people wrote it. Profiles give each unit its character:
Teacher Development is loved but slow to deliver (courses start next term), Primary Care
Support is quick, Estates and Infrastructure is slow and declines much, School Funding gets
better over the year and Digital and Data worse, as the pulses tell it.
"""

from typing import NamedTuple


class Need(NamedTuple):
    types: tuple[str, ...]  # the kinds of organisation that raise it
    unit: str  # the unit that owns it
    category: str
    urgency: str
    shared: bool  # widely felt: many doers say "me too"
    title: str
    detail: str
    commitment: str
    delivery: str
    decline: str


class Profile(NamedTuple):
    """How a unit answers, at the start of the year and (where it drifts) at its end."""

    ack_hours: tuple[float, float]  # median office hours to acknowledge
    decline: tuple[float, float]  # share of decided asks declined
    decide_days: float  # median days from acknowledging to deciding
    deliver_days: float  # median days from committing to delivering
    helped: tuple[float, float]  # share of confirmations that say "yes" (the rest partly/no)
    stall: float = 0.05  # share of asks left undecided for months


PROFILES: dict[str, Profile] = {
    "School Funding": Profile((24, 3), (0.35, 0.12), 6, 40, (0.45, 0.8)),
    "Curriculum and Standards": Profile((6, 6), (0.25, 0.25), 5, 28, (0.6, 0.6)),
    "Teacher Development": Profile((3, 3), (0.1, 0.1), 4, 80, (0.85, 0.85)),
    "Special Educational Needs": Profile((18, 18), (0.4, 0.4), 12, 50, (0.35, 0.35), 0.12),
    "Hospital Performance": Profile((8, 8), (0.3, 0.3), 7, 35, (0.45, 0.45)),
    "Primary Care Support": Profile((2, 2), (0.12, 0.12), 3, 16, (0.72, 0.72)),
    "Policing Partnerships": Profile((7, 7), (0.28, 0.28), 6, 30, (0.5, 0.5)),
    "Community Safety": Profile((5, 5), (0.18, 0.18), 5, 26, (0.65, 0.65)),
    "Voluntary Sector Grants": Profile((3, 3), (0.38, 0.38), 4, 21, (0.75, 0.75)),
    "Small Business Support": Profile((14, 14), (0.3, 0.3), 8, 24, (0.4, 0.4), 0.08),
    "Digital and Data": Profile((4, 20), (0.2, 0.5), 6, 55, (0.65, 0.3)),
    "Estates and Infrastructure": Profile((22, 22), (0.45, 0.45), 15, 95, (0.3, 0.3), 0.15),
}
LOVED_BUT_SLOW = "Teacher Development"

# (position, unit, category, organisation type, keywords, active): how new asks are routed.
TRIAGE_RULES = [
    (1, "Special Educational Needs", "", "", "EHC plan, special educational, tribunal", True),
    (2, "Estates and Infrastructure", "", "", "roof, boiler, RAAC, consulting rooms", True),
    (3, "Digital and Data", "", "", "sign-in, broadband, Wi-Fi, phone system", True),
    (4, "Primary Care Support", "fewer_burdens", "gp_practice", "", True),
    (5, "Voluntary Sector Grants", "money", "charity", "", True),
    (6, "Small Business Support", "", "business", "", True),
    (7, "Hospital Performance", "", "hospital", "discharge", True),
    (8, "Curriculum and Standards", "", "", "Ofsted", False),
]

# Confirmations and follow-ups, by verdict: what a doer writes back (sometimes nothing).
HELPED_COMMENTS = {
    "yes": [
        "Exactly what we needed, and sooner than we expected.",
        "Made a real difference: thank you for ringing to check the detail first.",
        "Sorted. Staff noticed the difference the same week.",
        "Yes, and it was simple to take up.",
        "",
    ],
    "partly": [
        "It helps, but it came after we had set our budget.",
        "A good start; the harder half of the problem is still there.",
        "Useful, though only one of our two sites benefits.",
        "",
    ],
    "no": [
        "The form changed but the work it takes did not.",
        "It arrived too late to make a difference this year.",
        "It does not fit how we work; we have gone back to the old way.",
        "",
    ],
}
PASS_ON_NOTES = [
    "This is {unit}'s to answer; passing it on with the detail.",
    "Not ours: {unit} run this programme.",
    "{unit} hold the budget for this, so it should sit with them.",
    "Passing to {unit}, who already have two asks like it.",
]
REOPEN_NOTES = [
    "We have new costings that answer the reason given; please look again.",
    "The situation has changed since: we now have a date for the inspection.",
    "Our council says this is for the department after all.",
]

S, G, H, P, L = "school", "gp_practice", "hospital", "police_force", "local_authority"
C, B, OT = "charity", "business", "other"
SF, CS, TD, SEN = (
    "School Funding",
    "Curriculum and Standards",
    "Teacher Development",
    "Special Educational Needs",
)
HP, PC, PP, CSF = (
    "Hospital Performance",
    "Primary Care Support",
    "Policing Partnerships",
    "Community Safety",
)
VSG, SBS, DD, EI = (
    "Voluntary Sector Grants",
    "Small Business Support",
    "Digital and Data",
    "Estates and Infrastructure",
)
