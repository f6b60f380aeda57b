"""The raw material of the demo's citizen contacts: services, what people say, what matters."""

# (code, name, description, group, the unit that runs it (by name), offered at the front door,
#  contacts a week, failure share, median days to put right)
SERVICES = [
    (
        "ENERGY-HELP",
        "Help with energy bills",
        "Grants and advice for households who cannot afford to heat their home.",
        "cost of living",
        "Voluntary Sector Grants",
        False,
        170,
        0.34,
        9.0,
    ),
    (
        "DAMP-MOULD",
        "Damp, mould and repairs in a rented home",
        "Report damp, mould or a repair your landlord has not put right.",
        "housing",
        "Community Safety",
        True,
        110,
        0.42,
        21.0,
    ),
    (
        "SEND-SUPPORT",
        "Special educational needs support",
        "Questions about support for a child with special educational needs.",
        "education",
        "Special Educational Needs",
        False,
        70,
        0.48,
        14.0,
    ),
    (
        "BUSINESS-GRANT",
        "Small business grants",
        "Applying for and receiving a small business grant.",
        "business",
        "Small Business Support",
        True,
        50,
        0.38,
        12.0,
    ),
]
# The service change the story turns on: an online form that asks for documents people do not
# have, for the energy help, some 40 weeks before the demo's last week. Failure demand rises.
CHANGE = ("ENERGY-HELP", 40, "New online application form replaced the phone line", 1.7)
PLACES = [
    "Leeds",
    "Bradford",
    "Sheffield",
    "Manchester",
    "Liverpool",
    "Newcastle upon Tyne",
    "Birmingham",
    "Bristol",
    "Norwich",
    "Plymouth",
]
CHANNELS = [
    ("phone", 46),
    ("web", 24),
    ("email", 16),
    ("open311", 6),
    ("face_to_face", 5),
    ("letter", 3),
]
CAUSE_WEIGHTS = [
    ("progress_chasing", 40),
    ("lack_of_information", 22),
    ("not_right_first_time", 20),
    ("complaint", 10),
    ("wrong_place", 8),
]
# The share of contacts whose words belong to another kind than they are: the classifier's
# honest difficulty, so its evaluation is not a perfect score.
MISLEADING = 0.12
WHEN = [
    "last week",
    "a fortnight ago",
    "three weeks ago",
    "last month",
    "in January",
    "on Monday",
    "before Christmas",
    "six weeks ago",
]

TEXTS = {
    "ENERGY-HELP": {
        "value": [
            "I'd like to apply for help with my energy bills, I'm on pension credit",
            "Can I get a grant towards my gas bill? I have two children and work part time",
            "How do I apply for the winter heating support?",
            "My prepayment meter keeps running out, is there any help with the cost",
            "I care for my mum and we can't afford to heat the house, what help is there",
            "Am I eligible for the energy grant if I'm on universal credit",
        ],
        "progress_chasing": [
            "I applied {when} and still haven't heard anything about my energy grant",
            "Chasing my application for help with bills, nobody has got back to me",
            "Where is my grant? I was told it would be paid {when}",
            "Still waiting for a decision on my energy application, it has been weeks",
            "Ringing again to find out what is happening with my claim",
        ],
        "lack_of_information": [
            "The online form asks for a document I don't have, what do I upload",
            "I don't understand what evidence of income you need for the form",
            "The website doesn't say whether I can apply if I rent a room",
            "Can't find where to put my meter number on the new form",
        ],
        "not_right_first_time": [
            "You paid the grant into the wrong account",
            "My application was rejected because the form lost my bank details",
            "I was awarded the wrong amount, it should be for a family of four",
        ],
        "complaint": [
            "I want to make a complaint about how long the energy grant is taking",
            "Very unhappy, the new form is impossible to use and nobody answers the phone",
        ],
        "wrong_place": [
            "I need to report a gas leak",
            "My landlord won't fix the boiler, who do I tell",
        ],
    },
    "DAMP-MOULD": {
        "value": [
            "There is black mould on the bedroom walls and my landlord won't act",
            "Reporting damp in my flat, the kids keep getting chest infections",
            "The bathroom ceiling is leaking from the flat above",
            "Our windows are rotten and let the rain in, the landlord ignores us",
            "Condensation and mould in every room of the house",
        ],
        "progress_chasing": [
            "I reported the mould {when} and no one has been to inspect",
            "Still waiting for the inspector to visit about the damp",
            "Chasing my report about the leaking ceiling, nothing has happened",
            "Calling again, the landlord still hasn't been contacted",
        ],
        "lack_of_information": [
            "What happens after I report damp, will my landlord know it was me",
            "I don't know if my housing association is covered by this",
        ],
        "not_right_first_time": [
            "The landlord painted over the mould and it is back again",
            "The repair was done but the leak has started again",
            "Inspector came but looked at the wrong flat",
        ],
        "complaint": [
            "I want to complain, my child is ill and nobody is taking the damp seriously",
            "Making a formal complaint about the inspector's attitude",
        ],
        "wrong_place": [
            "My neighbour's garden is full of rubbish",
            "I need a new council tax bill for my flat",
        ],
    },
    "SEND-SUPPORT": {
        "value": [
            "How do I ask for an education health and care assessment for my son",
            "My daughter has autism and needs support at school, where do I start",
            "Can we get help with transport to a special school",
            "What support is there for a child with dyslexia in year five",
        ],
        "progress_chasing": [
            "We asked for an assessment {when} and have heard nothing",
            "Chasing the plan for my son, the deadline has passed",
            "Still no decision on school transport, term starts soon",
        ],
        "lack_of_information": [
            "The letter says the plan is being reviewed but not what that means",
            "Nobody has explained what the panel decided or why",
        ],
        "not_right_first_time": [
            "The plan names the wrong school",
            "The draft plan has another child's details in it",
            "The transport booked is for the wrong address",
        ],
        "complaint": [
            "I want to complain about how the assessment was handled",
            "Formal complaint, my daughter has been out of school for months",
        ],
        "wrong_place": [
            "I need to report a pothole outside the school",
        ],
    },
    "BUSINESS-GRANT": {
        "value": [
            "I run a small bakery and want to apply for the growth grant",
            "Is my charity shop eligible for the small business grant",
            "How do I apply for help to take on an apprentice",
            "We want to make our shop accessible, is there a grant for that",
        ],
        "progress_chasing": [
            "We applied {when} and the grant still hasn't been paid",
            "Chasing the decision on our application, our supplier needs paying",
            "Still waiting to hear about the grant, nobody returns calls",
        ],
        "lack_of_information": [
            "The guidance doesn't say whether sole traders can apply",
            "What counts as match funding for the grant",
        ],
        "not_right_first_time": [
            "The grant letter has our company name wrong so the bank won't accept it",
            "You paid half the amount we were awarded",
        ],
        "complaint": [
            "I want to complain about the grant process, it took three months",
        ],
        "wrong_place": [
            "I need a licence to sell food at the market",
        ],
    },
}
MATTERS = {
    "ENERGY-HELP": [
        "keeping the children warm",
        "knowing when the money will come",
        "not having to ring again",
        "being able to apply by phone",
    ],
    "DAMP-MOULD": [
        "my children's health",
        "someone actually coming to look",
        "the landlord not knowing it was me",
        "getting it fixed before winter",
    ],
    "SEND-SUPPORT": [
        "my child being in school",
        "someone listening to us",
        "knowing what happens next",
    ],
    "BUSINESS-GRANT": ["paying my staff on time", "a quick decision", "a clear answer"],
}
# Words people leave in what they write, for the scrubbing to find.
PERSONAL = [
    " My number is 07911 {n:06d}.",
    " Please email me at resident{n}@example.com.",
    " I live at {n} Victoria Road, LS6 2AB.",
    " My name is Sarah Jones.",
    " You can reach me on 0113 496 {n:04d}.",
]
RULES = [
    ("complain, complaint", "failure", "complaint", 10),
    (
        "still waiting, still haven't, still no, chasing, ringing again, calling again",
        "failure",
        "progress_chasing",
        20,
    ),
]
