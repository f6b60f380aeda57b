"""Personal data out of what citizens write, before any analyst sees it.

scrubadub (a maintained library; nothing is downloaded, no model is loaded) finds e-mail
addresses, phone numbers, postcodes, National Insurance numbers, vehicle plates, card numbers,
URLs and credentials with its en_GB detectors. Our own detectors, in the same framework, add
names after a title or an introduction ("Mrs Patel", "my name is Jo Bloggs") and street
addresses ("12 Acacia Avenue"). Each is replaced by a tag such as {{PHONE}}.

A cheap test decides which detectors could match at all (no digit, no phone number; no @, no
e-mail), so the import of a million contacts spends the detectors' time only where it can pay;
tests check that this never changes what is caught.
"""

import re
import warnings
from collections.abc import Iterable
from functools import cache

import pyarrow as pa
import pyarrow.compute as pc

NAME_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
TITLED_NAME = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Cllr|Councillor)\.?\s+((?:{NAME_WORD}\s?){{1,3}})"
)
INTRODUCED_NAME = re.compile(
    rf"\b(?:[Mm]y name is|[Mm]y name's|I am|I'm|[Tt]his is|[Cc]alled|[Ss]poke to|[Ss]poke with|"
    rf"[Rr]egards,?|[Tt]hanks,?|[Ss]incerely,?|[Ff]rom)\s+((?:{NAME_WORD})(?:\s{NAME_WORD}){{0,2}})"
)
STREET = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Court|Ct|Place|Gardens|"
    r"Terrace|Grove|Walk|Row|Square|Hill|Park|Mews|View|Rise"
)
STREET_ADDRESS = re.compile(
    rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){{1,3}}(?:{STREET})\b\.?", re.UNICODE
)
# UK numbers as people write them, for those the phone library judges invalid (the ranges kept
# for drama, new ranges, typos in a digit): 0113 496 0123, 07700 900123, +44 (0)20 7946 0000.
UK_PHONE = re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|\b0)(?:\d[\s\-]?){8,9}\d\b")
COMMON_WORDS = (
    "I The A An My We It This That There Here Please Thanks Thank Hello Hi Dear Sir Madam "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Council Bin Road Street Not "
    "Very Still So Just Now Again Also Sorry Your Our Urgent Disabled Unhappy Worried Desperate "
    "Housing Benefit City Team Department Service Support Office Centre"
)
# Capitalised words that start sentences, not names.
NOT_NAMES = frozenset(COMMON_WORDS.split())

# What Python's \s and str.strip() take for whitespace (str.isspace()).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
DETECTORS = (
    "email",
    "twitter",
    "url",
    "credential",
    "phone",
    "uk_phone",
    "postalcode",
    "vehicle_licence_plate",
    "national_insurance_number",
    "drivers_licence",
    "tax_reference_number",
    "credit_card",
    "street_address",
    "titled_name",
    "introduced_name",
)
# scrubadub also reads "jo at example dot com"; asked without an @ or a "dot", it takes "was
# at home." for an e-mail address, so it is asked only where one of them appears.
EMAIL_WORDS = re.compile(r"@|\sdot\s", re.IGNORECASE)
# The phone library finds numbers of seven digits or more, however written.
PHONE_LIKE = re.compile(r"(?:\d[\s().\-]*){7}")
# The test of a detector with no regular expression of its own: every find passes it.
EVERY_FIND = re.compile("")
# Two detectors finding the same phone number make {{PHONE+PHONE}}; one tag says it.
SAME_TAG_TWICE = re.compile(r"\{\{([A-Z_]+)(?:\+\1)+\}\}")
DIGIT = re.compile(r"\d")
NEEDS_A_DIGIT = frozenset(
    (
        "phone",
        "uk_phone",
        "postalcode",
        "vehicle_licence_plate",
        "national_insurance_number",
        "drivers_licence",
        "tax_reference_number",
        "credit_card",
        "street_address",
    )
)


# Before a detector's own (sometimes slow) pattern, a test of a few microseconds that every
# find passes too: words it needs, or a shape of digits and letters it needs.
QUICK = {
    "email": re.compile(r"@|\sdot\s", re.IGNORECASE),
    "twitter": re.compile("@"),
    "url": re.compile(r"http|www\.", re.IGNORECASE),
    "credential": re.compile(r"user|login|u:", re.IGNORECASE),
    "phone": PHONE_LIKE,
    "uk_phone": PHONE_LIKE,
    "postalcode": re.compile(r"[A-Za-z]\d|\d[A-Za-z]|BFPO|bfpo"),
    "vehicle_licence_plate": re.compile(r"[A-Za-z]\d"),
    "national_insurance_number": re.compile(r"(?:\d\s*){6}"),
    "drivers_licence": re.compile(r"(?:\d\s*){6}"),
    "tax_reference_number": re.compile(r"\d\d\s?[A-Za-z]"),
    "credit_card": re.compile(r"\d{13}"),
    "street_address": re.compile(r"\d\s+[A-Z]|\d[A-Za-z],?\s+[A-Z]"),
    "titled_name": re.compile(r"M[rsx]|Miss|Dr|Sir|Dame|Cllr|Councillor"),
    "introduced_name": re.compile(
        r"(?:name is|name's|I am|I'm|his is|alled|poke to|poke with|egards,?|hanks,?|"
        r"incerely,?|rom)\s+[A-Z]"
    ),
}
# Words at least one of the word detectors needs (in lower case): a few fast substring tests
# pass most texts, where one regular expression of alternatives would take ten times as long.
WORDS_QUICK = (
    "@",
    " dot ",
    "http",
    "www.",
    "user",
    "login",
    "u:",
    "mr",
    "ms",
    "mx",
    "miss",
    "dr",
    "sir",
    "dame",
    "cllr",
    "councillor",
    "name",
    "i am",
    "i'm",
    "his is",
    "alled",
    "poke",
    "egards",
    "hanks",
    "incerely",
    "rom ",
)
SHAPES_QUICK = re.compile(
    r"(?:\d[\s().\-]*){6}|[A-Za-z]\d|\d[A-Za-z]|\d,?\s+[A-Z]|\d\d\s?[A-Za-z]\s*\d|BFPO|bfpo"
)


# The two kinds citizens leave most, e-mail addresses and UK phone numbers, in their plainest
# shapes: tagged first, by one pattern each that reads the same in Python and in RE2 (Arrow's
# engine, for a column at once), so a line that held nothing else needs no detector at all.
CERTAIN = (
    (r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b", "{{EMAIL}}"),
    (r"(?:\+44 ?(?:\(0\) ?)?|\b0)(?:[0-9][ \-]?){8,9}[0-9]\b", "{{PHONE}}"),
)
CERTAIN_PYTHON = tuple((re.compile(found, re.ASCII), tag) for found, tag in CERTAIN)
# The quick tests above for a whole column at once, in RE2: never narrower. Python's \d and \s
# are Unicode's, so they are spelled out; its case-blind i also matches the Turkish İ and ı.
_D = r"\p{Nd}"
_S = "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE)
QUICK_RE2 = "|".join(
    (
        rf"@|[{_S}](?i:dot)[{_S}]",
        r"(?i:http|www\.|user|log[iI\x{130}\x{131}]n|u:)",
        rf"(?:{_D}[{_S}().\-]*){{6}}",
        rf"[A-Za-z]{_D}|{_D}[A-Za-z]|BFPO|bfpo",
        rf"{_D}{_D}[{_S}]?[A-Za-z]",
        rf"{_D}[{_S}]+[A-Z]|{_D}[A-Za-z],?[{_S}]+[A-Z]",
        r"M[rsx]|Miss|Dr|Sir|Dame|Cllr|Councillor",
        rf"(?:name is|name's|I am|I'm|his is|alled|poke to|poke with|egards,?|hanks,?|"
        rf"incerely,?|rom)[{_S}]+[A-Z]",
    )
)


def tag_certain(text: str) -> str:
    """E-mail addresses and UK phone numbers in their plainest shapes, tagged."""
    for pattern, tag in CERTAIN_PYTHON:
        text = pattern.sub(tag, text)
    return text


def scrub_column(texts: pa.Array) -> pa.Array:
    """scrub() over a column of texts, giving the same: the plainest personal data is tagged
    and the quick tests run over the whole column at once; only the texts they flag meet the
    detectors, each distinct text once."""
    for pattern, tag in CERTAIN:
        texts = pc.replace_substring_regex(texts, pattern, tag)
    flagged = pc.fill_null(pc.match_substring_regex(texts, QUICK_RE2), False)
    picked = texts.filter(flagged)
    if not len(picked):
        return texts
    distinct = pc.unique(picked)
    cleaned = pa.array([scrub(text) for text in distinct.to_pylist()], pa.string())
    return pc.replace_with_mask(texts, flagged, pc.take(cleaned, pc.index_in(picked, distinct)))


@cache
def _gates() -> dict[str, re.Pattern]:
    """For each detector, a test its finds must pass: its own regular expression where it has
    one (so the test is exact), else one that every find passes."""
    classes = _detector_classes()
    gates = {
        name: getattr(classes[name](locale="en_GB"), "regex", None) or EVERY_FIND
        for name in DETECTORS
    }
    gates.update(email=EMAIL_WORDS, phone=PHONE_LIKE)
    return gates


def detectors_for(text: str) -> frozenset[str]:
    """The detectors that could find anything in this text; the others cannot match."""
    lowered = text.lower()
    words = any(word in lowered for word in WORDS_QUICK)
    shapes = DIGIT.search(text) is not None and SHAPES_QUICK.search(text) is not None
    if not (words or shapes):
        return frozenset()
    return frozenset(
        name
        for name, gate in _gates().items()
        if (shapes if name in NEEDS_A_DIGIT else words)
        and QUICK[name].search(text)
        and gate.search(text)
    )


@cache
def _detector_classes() -> dict:
    """scrubadub's detectors by name, with ours; imported on first use (it is slow to import)."""
    import scrubadub
    from scrubadub.detectors import Detector, catalogue
    from scrubadub.filth import AddressFilth, NameFilth, PhoneFilth

    class GroupDetector(Detector):
        """Finds the first group of a regular expression as filth of one kind."""

        regex: re.Pattern = re.compile("$^")
        filth_cls = NameFilth

        def iter_filth(self, text, document_name=None):
            for match in self.regex.finditer(text):
                found = match.group(1).strip()
                words = found.split()
                while words and words[-1] in NOT_NAMES:
                    words.pop()
                if not words or words[0] in NOT_NAMES:
                    continue
                found = " ".join(words)
                begin = match.start(1)
                yield self.filth_cls(
                    beg=begin,
                    end=begin + len(found),
                    text=found,
                    detector_name=self.name,
                    document_name=document_name,
                    locale=self.locale,
                )

    class TitledNameDetector(GroupDetector):
        name = "titled_name"
        regex = TITLED_NAME

    class IntroducedNameDetector(GroupDetector):
        name = "introduced_name"
        regex = INTRODUCED_NAME

    class UkPhoneDetector(scrubadub.detectors.RegexDetector):
        name = "uk_phone"
        filth_cls = PhoneFilth
        regex = UK_PHONE

    class StreetAddressDetector(scrubadub.detectors.RegexDetector):
        name = "street_address"
        filth_cls = AddressFilth
        regex = STREET_ADDRESS

    found = dict(catalogue.detector_catalogue.get_all())
    for ours in (
        TitledNameDetector,
        IntroducedNameDetector,
        UkPhoneDetector,
        StreetAddressDetector,
    ):
        found[ours.name] = ours
    return found


@cache
def _scrubber(names: frozenset[str]):
    import scrubadub

    classes = _detector_classes()
    return scrubadub.Scrubber(
        detector_list=[classes[name](locale="en_GB") for name in sorted(names)],
        locale="en_GB",
    )


def scrub(text: str, known: Iterable[str] = ()) -> str:
    """The text with personal data replaced by tags such as {{EMAIL}}; `known` adds words known
    to identify the person (the name they gave), removed wherever they appear."""
    if not text:
        return text
    for word in known:
        if word and len(word.strip()) > 1:
            text = re.sub(rf"\b{re.escape(word.strip())}\b", "{{NAME}}", text, flags=re.IGNORECASE)
    text = tag_certain(text)
    names = detectors_for(text)
    if not names:
        return text
    return _clean(_scrubber(names), text)


def _clean(scrubber, text: str) -> str:
    with warnings.catch_warnings():
        # scrubadub's own default replacement warns that it will change; we pin its version.
        warnings.simplefilter("ignore", DeprecationWarning)
        cleaned = scrubber.clean(text)
    return SAME_TAG_TWICE.sub(r"{{\1}}", cleaned)


def scrub_everything(text: str) -> str:
    """Every detector, whatever the text holds (e-mail still only with an @ or a "dot"): the
    slow way, to check the fast way against."""
    names = set(DETECTORS) - ({"email"} if not EMAIL_WORDS.search(text) else set())
    return _clean(_scrubber(frozenset(names)), text) if text else text
