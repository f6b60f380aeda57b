"""The demo's year of pulses as a story: how each unit is seen, and what the doers wrote.

Scores are the Net Promoter Score each unit earns in the four quarters, oldest first. School
Funding climbs as it cuts its forms; Digital and Data slides after bringing in a two-step
sign-in and a monthly data collection; Teacher Development is loved and Estates is not.
"""

# unit -> (NPS in each quarter, {organisation type: how much warmer (+) or cooler it feels},
#          how often a doer it serves has dealt with it, relative to the unit's neighbours)
UNITS: dict[str, tuple[tuple[int, int, int, int], dict[str, int], int]] = {
    "School Funding": ((-21, -6, 9, 25), {}, 6),
    "Curriculum and Standards": ((11, 8, 14, 12), {"other": -10}, 3),
    "Teacher Development": ((38, 43, 40, 45), {"other": -8}, 3),
    "Special Educational Needs": ((-11, -15, -9, -13), {"local_authority": -15}, 3),
    "Hospital Performance": ((-5, 2, -2, 3), {}, 5),
    "Primary Care Support": ((17, 22, 18, 21), {}, 5),
    "Policing Partnerships": ((7, 3, 10, 6), {}, 5),
    "Community Safety": ((19, 24, 20, 23), {"charity": 14, "police_force": -12}, 3),
    "Voluntary Sector Grants": ((27, 31, 34, 29), {}, 5),
    "Small Business Support": ((-3, 2, -6, -1), {}, 5),
    "Digital and Data": ((14, 5, -6, -17), {"gp_practice": -16, "business": 12, "school": -5}, 3),
    "Estates and Infrastructure": ((-27, -33, -29, -31), {"hospital": -10, "school": 6}, 2),
}
IMPROVING, FALLING = "School Funding", "Digital and Data"

# Of the doers asked, the share who answer by the close, by kind of organisation.
RESPONSE_RATES = {
    "school": 0.66,
    "gp_practice": 0.60,
    "hospital": 0.70,
    "police_force": 0.68,
    "local_authority": 0.65,
    "charity": 0.62,
    "business": 0.58,
    "other": 0.62,
}

S, G, H, P, L = "school", "gp_practice", "hospital", "police_force", "local_authority"
C, B, OT, ANY = "charity", "business", "other", "*"
# How the doers' worries move over the year: more about forms early on, sign-in trouble later.
FORMS_EASING = (2.2, 1.4, 0.7, 0.4)
SIGN_IN_GROWING = (0.1, 0.7, 1.6, 2.6)

# "What one thing would help you most?": (category, who writes it, text, weight by quarter)
NEEDS: list[tuple[str, tuple[str, ...], str, tuple[float, ...] | None]] = [
    (
        "money",
        (S,),
        "Confirm our funding allocation before we set the budget in March, not in "
        "June when the staff contracts are already signed.",
        FORMS_EASING,
    ),
    (
        "money",
        (S,),
        "Fund the full cost of the teachers' pay award. We covered the last two out "
        "of reserves and there is nothing left.",
        None,
    ),
    (
        "money",
        (S, L),
        "Top-up funding for pupils with EHC plans that reflects what their support "
        "actually costs; we lose about £6,000 on each one.",
        None,
    ),
    (
        "infrastructure",
        (S,),
        "Someone to look at our roof. It has leaked into two classrooms "
        "every winter since 2019 and the condition survey is still 'pending'.",
        None,
    ),
    (
        "training",
        (S,),
        "Proper training for teaching assistants in speech and language support. "
        "Most of our new reception children need it.",
        None,
    ),
    (
        "knowledge",
        (S,),
        "A single page that tells me which returns are due this term and where "
        "to send them. I find out about deadlines from other heads on WhatsApp.",
        FORMS_EASING,
    ),
    (
        "fewer_burdens",
        (S,),
        "Stop asking for the same attendance figures in three formats. You "
        "already get them from the census.",
        FORMS_EASING,
    ),
    (
        "knowledge",
        (S,),
        "Clear guidance on what we can share with children's social care without "
        "ringing the data protection officer every time.",
        None,
    ),
    (
        "training",
        (S,),
        "Funded mentor time for early career teachers. Our mentors do it on top of "
        "a full timetable and two of them are close to burning out.",
        None,
    ),
    (
        "infrastructure",
        (S,),
        "Reliable broadband. We are on a 20 Mbps line and lessons stop when "
        "Year 6 all log in at once.",
        None,
    ),
    (
        "other",
        (S,),
        "Faster access to CAMHS for our pupils. Children wait eighteen months while "
        "the school holds the risk.",
        None,
    ),
    (
        "money",
        (S,),
        "Capital money for an accessible toilet and a hoist; we cannot admit a child "
        "who uses a wheelchair without them.",
        None,
    ),
    (
        "fewer_burdens",
        (S, C),
        "One application for the holiday activities programme that lasts "
        "three years, instead of a new bid every spring.",
        None,
    ),
    (
        "knowledge",
        (S, OT),
        "Earlier notice of curriculum and exam changes: a full year before we "
        "have to teach them, not a term.",
        None,
    ),
    (
        "fewer_burdens",
        (G,),
        "Fewer reporting templates. Our practice manager spends a day a month "
        "entering data the clinical system already holds.",
        None,
    ),
    (
        "money",
        (G,),
        "Funding for a second practice nurse. We have 2,000 more patients than three "
        "years ago and the same clinical hours.",
        None,
    ),
    (
        "infrastructure",
        (G,),
        "Space. We see patients in a converted storeroom because our "
        "extension bid has been under review for two years.",
        None,
    ),
    ("knowledge", (G,), "A named contact for premises questions who replies within a week.", None),
    (
        "training",
        (G,),
        "Care navigation training for the reception team, so patients reach the "
        "right person first time.",
        None,
    ),
    (
        "infrastructure",
        (G,),
        "A telephone system that queues calls properly. The 8am rush is the "
        "worst part of everyone's day, patients' and ours.",
        None,
    ),
    (
        "other",
        (G,),
        "Quicker access to social prescribing link workers: the waiting list is now "
        "longer than for a GP appointment.",
        None,
    ),
    (
        "fewer_burdens",
        (G,),
        "Let us send the access data once a quarter instead of every month.",
        SIGN_IN_GROWING,
    ),
    (
        "fewer_burdens",
        (H,),
        "Stop asking trusts for improvement plans we have already sent to NHS "
        "England in a different template.",
        None,
    ),
    (
        "money",
        (H,),
        "Multi-year capital, so we can plan the theatre refurbishment instead of "
        "spending in a rush every March.",
        None,
    ),
    (
        "knowledge",
        (H,),
        "Share what the best trusts did to cut discharge delays, in practical "
        "detail rather than a slide deck.",
        None,
    ),
    (
        "infrastructure",
        (H,),
        "Make our patient record talk to the community services record. Ward "
        "staff still copy discharge letters by hand.",
        None,
    ),
    (
        "other",
        (H, L),
        "Help to get social care packages in place faster. A third of our delayed "
        "discharges are waiting for one.",
        None,
    ),
    (
        "training",
        (H,),
        "Places on the improvement coaching programme for ward managers, not only for executives.",
        None,
    ),
    (
        "fewer_burdens",
        (P,),
        "Drop the weekly return on neighbourhood patrol hours; my inspectors "
        "lose Monday mornings to it.",
        None,
    ),
    (
        "knowledge",
        (P,),
        "Tell us which other agencies already work with a family before we knock on the door.",
        None,
    ),
    (
        "training",
        (P,),
        "Mental health first aid training for response officers. At 2am we are "
        "the service of last resort.",
        None,
    ),
    (
        "infrastructure",
        (P,),
        "Devices that reach the case system from the street, so officers do "
        "not drive back to the station to update a record.",
        None,
    ),
    (
        "money",
        (P,),
        "Neighbourhood funding for more than a year at a time, so we can keep PCSOs in post.",
        None,
    ),
    (
        "other",
        (P, C),
        "Someone from housing on the multi-agency panel who can make decisions in the room.",
        None,
    ),
    (
        "money",
        (L,),
        "Certainty about the homelessness prevention grant at least six months before "
        "the year starts.",
        None,
    ),
    (
        "fewer_burdens",
        (L,),
        "One data return for children's services instead of four collections "
        "with four different definitions.",
        None,
    ),
    (
        "knowledge",
        (L,),
        "Early sight of policy changes that land on councils, so we are not "
        "reading about them in the press first.",
        None,
    ),
    (
        "infrastructure",
        (L, H),
        "A data sharing agreement with health that works across the whole "
        "county, not practice by practice.",
        None,
    ),
    (
        "training",
        (L,),
        "Help to recruit and train social workers: a third of our posts are filled "
        "by agency staff at twice the cost.",
        None,
    ),
    (
        "money",
        (L,),
        "Fund the rise in SEND home-to-school transport. It is now our fastest growing cost.",
        None,
    ),
    (
        "money",
        (C,),
        "Grants for three years, not one. We lose good staff every spring while we wait to hear.",
        None,
    ),
    (
        "money",
        (C,),
        "Pay for core costs (rent, a manager, insurance), not only for new projects.",
        None,
    ),
    (
        "fewer_burdens",
        (C,),
        "A shorter grant report. We are a team of four and the last one took a week.",
        None,
    ),
    (
        "knowledge",
        (C,),
        "Tell us who else is funded for similar work in our area, so we can join "
        "up rather than compete.",
        None,
    ),
    ("training", (C,), "Safeguarding training our volunteers can do online in the evenings.", None),
    (
        "other",
        (C,),
        "Referrals from the council that arrive with the information we need, so we "
        "are not phoning round for a week.",
        None,
    ),
    (
        "infrastructure",
        (C,),
        "Somewhere affordable to meet. We lost the church hall and now run sessions in a café.",
        None,
    ),
    (
        "fewer_burdens",
        (B,),
        "One login for every return a small firm has to make.",
        SIGN_IN_GROWING,
    ),
    (
        "money",
        (B,),
        "Help with the cost of an apprentice for the first six months, before they are productive.",
        None,
    ),
    (
        "knowledge",
        (B,),
        "Plain-English guidance on the new procurement rules, so small firms can "
        "bid for council contracts.",
        None,
    ),
    (
        "training",
        (B,),
        "Short digital skills courses for staff who are not at a desk all day.",
        None,
    ),
    (
        "other",
        (B,),
        "Pay invoices in 30 days as promised. Late payment by public bodies is our "
        "biggest cash-flow problem.",
        None,
    ),
    (
        "money",
        (OT,),
        "Fund 16 to 19 places for the students we actually enrol, not last year's numbers.",
        None,
    ),
    (
        "training",
        (OT,),
        "Industry placements for our lecturers, so what we teach keeps up with what employers use.",
        None,
    ),
    (
        "knowledge",
        (ANY,),
        "A named person at the centre I can ring who knows my area. I spend "
        "hours being passed between inboxes.",
        None,
    ),
    (
        "fewer_burdens",
        (ANY,),
        "Ask us once. Three of your teams asked us for the same figures last month.",
        None,
    ),
    (
        "other",
        (ANY,),
        "Tell us what happened to what we said last time. It is hard to keep "
        "answering if nothing changes.",
        (1.0, 0.8, 0.6, 0.5),
    ),
    (
        "infrastructure",
        (ANY,),
        "A sign-in that works first time. The new two-step sign-in locks me out every other week.",
        SIGN_IN_GROWING,
    ),
    (
        "knowledge",
        (ANY,),
        "Publish every deadline for the year in one place, in January.",
        FORMS_EASING,
    ),
    (
        "training",
        (ANY,),
        "Short, practical sessions at times frontline staff can attend: after "
        "4pm, not 10am on a weekday.",
        None,
    ),
    (
        "fewer_burdens",
        (ANY,),
        "At least four weeks' notice of any new data request.",
        SIGN_IN_GROWING,
    ),
    (
        "money",
        (ANY,),
        "Fewer competitive bids. Small organisations like ours cannot afford a bid writer.",
        None,
    ),
]

# "What should the centre stop doing?": (who writes it, text, weight by quarter)
STOPS: list[tuple[tuple[str, ...], str, tuple[float, ...] | None]] = [
    ((S,), "Sending guidance on a Friday afternoon that needs action by Monday.", None),
    ((S,), "The termly funding survey. It asks what the census already tells you.", FORMS_EASING),
    ((S,), "The separate catch-up funding report. Nobody has ever replied to ours.", FORMS_EASING),
    ((G,), "The monthly access return.", SIGN_IN_GROWING),
    ((G,), "Making practices register on a new system for every new scheme.", None),
    ((H,), "Asking two different teams for the same delayed-discharge figures.", None),
    ((H,), "The weekly calls that repeat what is already on the dashboard.", None),
    ((P,), "The quarterly partnership questionnaire. Come to the district meeting instead.", None),
    ((P, L), "Small pots of money with a two-week bidding deadline.", None),
    ((L,), "Announcing one-year grants in February for a year that starts in April.", None),
    ((L, C), "Running consultations in August.", None),
    ((C,), "Asking for audited accounts for grants under £10,000.", None),
    ((C,), "Monitoring visits that ask to see the same files as the written report.", None),
    ((B,), "Writing to tell me to go online, then posting me the same letter again.", None),
    ((B,), "The annual business survey: an hour of my time, and we never see the results.", None),
    ((ANY,), "Launching new initiatives before the last one has been evaluated.", None),
    ((ANY,), "Asking for case studies of good practice for the newsletter.", None),
    ((ANY,), "Mailing lists that send me forty e-mails a week, most of them not for me.", None),
    ((ANY,), "Making us change the portal password every 60 days.", SIGN_IN_GROWING),
    (
        (ANY,),
        "Sending sign-in codes to an e-mail address the whole office shares.",
        SIGN_IN_GROWING,
    ),
    (
        (ANY,),
        "Asking us to confirm nil returns. If there is nothing to report, there is nothing "
        "to report.",
        FORMS_EASING,
    ),
    ((ANY,), "Webinars that could have been a two-paragraph e-mail.", None),
    ((ANY,), "Changing the templates halfway through the year.", FORMS_EASING),
    ((ANY,), "Consulting on decisions that have already been made.", None),
    ((ANY,), "Sending three people to a meeting where one would do.", None),
    ((ANY,), "Using acronyms nobody outside the building understands.", None),
    ((ANY,), "Asking us to pilot things without the money to run the pilot.", None),
    ((ANY,), "The monthly data collection. Termly was enough.", SIGN_IN_GROWING),
    ((ANY,), "Asking for the same information as a spreadsheet and as a PDF.", None),
    ((ANY,), "Thanking us for our feedback and then doing nothing with it.", (1.0, 0.7, 0.6, 0.5)),
]

# What the centre played back when each of the three closed pulses closed, oldest first:
# lines of text, {respondents} and {rate} filled in from the pulse's own figures.
PLAYBACKS: list[tuple[str, ...]] = [
    (
        "Thank you: {respondents:,} of you answered, {rate:.0f}% of those we asked.",
        "",
        "What you told us",
        "- School Funding is the schools unit you find least useful. Heads told us the funding "
        "returns take too long and that allocations arrive after budgets are set.",
        "- Estates and Infrastructure is the unit you find least useful overall: leaking roofs,"
        " slow condition surveys and nobody to ring.",
        "- Teacher Development and Voluntary Sector Grants are the units you rate highest.",
        "- The one thing asked for most was a single list of every return that is due, and when.",
        "",
        "What we will do",
        "- School Funding will replace its three termly funding returns with one, and publish "
        "indicative allocations by the end of February.",
        "- Estates and Infrastructure will name a contact for every region within three months.",
        "- Several of you said you would say more if your name were not attached. From the next"
        " pulse, answers are anonymous.",
    ),
    (
        "Thank you: {respondents:,} of you answered, {rate:.0f}% of those we asked.",
        "",
        "What you told us",
        "- School Funding has moved: one return instead of three this term, and heads noticed. "
        "Allocations still arrive too late.",
        "- Digital and Data's new two-step sign-in is causing trouble, most of all for GP "
        "practices whose staff share an inbox.",
        "- Estates and Infrastructure is still the unit you find least useful.",
        "- A calendar of returns is still the thing you ask for most.",
        "",
        "What we will do",
        "- We have published the calendar of every return due from schools, councils and "
        "practices for the rest of the year.",
        "- Digital and Data will let each person register a second device for sign-in codes "
        "within two months.",
        "- Estates and Infrastructure has named its regional contacts and will clear the "
        "condition survey backlog by the end of the year.",
    ),
    (
        "Thank you: {respondents:,} of you answered, {rate:.0f}% of those we asked.",
        "",
        "What you told us",
        "- School Funding is now rated positively for the first time: allocations arrived "
        "before budgets were set, and one return replaced three.",
        "- Digital and Data fell again. Sign-in codes and the new monthly data collection are "
        "the main complaints, and GP practices and schools feel them most.",
        "- Estates and Infrastructure remains the unit you find least useful, though schools "
        "rate it better than hospitals do.",
        "",
        "What we will do",
        "- Digital and Data will pause the monthly data collection and go back to termly until "
        "the new portal pre-fills what we already hold, and will fix sign-in codes for shared "
        "inboxes.",
        "- Estates and Infrastructure will publish its condition survey queue, organisation by "
        "organisation, so you can see where you are.",
        "- Every unit's score will be shown beside what it did about your asks, on one page.",
    ),
]
