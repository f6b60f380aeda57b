"""Labelled lines for measuring the scrubbing: what citizens write, with personal data of known
kinds put in at known places, and lines with none (numbers that are not personal, names of
places and services) to count what is removed that should not be. Made from a seed, the same
every time: 300 lines with personal data, 100 without."""

import random

from .demo_data import TEXTS

KINDS = {
    "email": [
        "jo.bloggs@example.com",
        "a.khan77@example.co.uk",
        "mary_o@example.org",
        "tenant.flat4@example.net",
        "dave@example.com",
        "jo at example dot com",
    ],
    "phone": [
        "07911 123456",
        "07700 900123",
        "0113 496 0123",
        "020 7946 0000",
        "+44 7911 654321",
        "01632 960 555",
        "07123456789",
        "0161 496 0999",
        "(0113) 4960123",
        "0113-496-0123",
        "07911-123-456",
    ],
    "postcode": [
        "LS6 2AB",
        "M1 1AE",
        "SW1A 1AA",
        "B33 8TH",
        "CR2 6XH",
        "NE1 4ST",
        "BS1 5TR",
        "ls6 2ab",
        "m1 1ae",
    ],
    "street_address": [
        "12 Victoria Road",
        "4 Acacia Avenue",
        "221 Baker Street",
        "17 Mill Lane",
        "3a Church Close",
        "58 Park View",
        "Flat 3, Rosebank",
        "9 the crescent",
    ],
    "titled_name": ["Mrs Patel", "Mr John Smith", "Ms Okafor", "Dr Evans", "Miss Sarah Jones"],
    "introduced_name": [
        "My name is Tom Brown",
        "This is Aisha Begum",
        "Regards, Peter Walsh",
        "I'm Grace O'Neill",
        "Thanks, Hannah Lee",
        "my name is tom brown",
    ],
    # Names with nothing before them to say they are names: the pattern detectors miss most.
    "bare_name": ["John Smith", "Fatima Ali", "Gary O'Connor", "Wei Chen"],
    "ni_number": ["AB 12 34 56 C", "JK123456D", "NH 98 76 54 A"],
    "plate": ["AB12 CDE", "YX65 ZTP", "LB07 SEO"],
}
# The part of each insert that is personal: for names after an introduction, the name only.
PERSONAL_PART = {
    "introduced_name": lambda text: (
        text.split(" ", 3)[-1]
        if text.lower().startswith("my name")
        else text.split(" ", 2)[-1]
        if text.startswith(("This is", "Regards"))
        else text.split(" ", 1)[-1]
    ),
}
SENTENCES = {
    "email": "Please reply to {} about this.",
    "phone": "You can call me on {} any time.",
    "postcode": "The house is at {}.",
    "street_address": "The flat is at {}, second floor.",
    "titled_name": "I spoke to {} on the phone.",
    "introduced_name": "{}.",
    "ni_number": "My National Insurance number is {}.",
    "plate": "The van parked outside is {}.",
    "bare_name": "{} next door has the same problem.",
}
CLEAN_EXTRAS = [
    "It has been 3 weeks.",
    "Case ref 4471.",
    "We have 2 children.",
    "Since 14 May.",
    "About £250 a month.",
    "In Leeds.",
    "On the 2nd floor.",
    "Room 12.",
    "Year 5.",
    "Three times now.",
    "Since Monday.",
    "At 9am.",
    # Traps: words that look like the start of a name, or numbers that look like a phone.
    "Thanks, Leeds City Council.",
    "This is Urgent.",
    "I'm Disabled and cannot get out.",
    "From Monday nobody answered.",
    "I called 111 twice.",
    "Spoke to Housing Benefit.",
    "Reference 2025 0414 77.",
]


def labelled_lines(seed: int = 311) -> list[tuple[str, str, str]]:
    """(line, kind of personal data or "", the personal words) for 400 lines."""
    rng = random.Random(seed)
    bases = [
        text.format(when="last week")
        for kinds in TEXTS.values()
        for texts in kinds.values()
        for text in texts
    ]
    lines = []
    kinds = list(KINDS)
    for i in range(300):
        kind = kinds[i % len(kinds)]
        value = rng.choice(KINDS[kind])
        sentence = SENTENCES[kind].format(value)
        line = f"{rng.choice(bases)}. {sentence}" if rng.random() < 0.7 else sentence
        personal = PERSONAL_PART.get(kind, lambda text: text)(value)
        lines.append((line, kind, personal))
    for _ in range(100):
        lines.append((f"{rng.choice(bases)}. {rng.choice(CLEAN_EXTRAS)}", "", ""))
    return lines


def measure(scrub) -> dict:
    """What a scrubber catches: per kind, the share of lines whose personal words are gone; and
    the share of clean lines it changed."""
    caught: dict[str, list[bool]] = {}
    changed = 0
    clean = 0
    for line, kind, personal in labelled_lines():
        scrubbed = scrub(line)
        if kind:
            caught.setdefault(kind, []).append(personal not in scrubbed)
        else:
            clean += 1
            changed += scrubbed != line
    per_kind = {kind: sum(found) / len(found) for kind, found in caught.items()}
    every = [hit for found in caught.values() for hit in found]
    return {
        "recall": per_kind,
        "overall_recall": sum(every) / len(every),
        "false_positive_rate": changed / clean,
        "lines": len(every) + clean,
    }
