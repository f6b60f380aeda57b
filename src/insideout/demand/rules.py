"""Classification by the rules analysts keep: the first rule (by position) whose words appear in a
contact's text decides it. A pure core over plain rules, and the query that loads them."""

import json
import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class Verdict:
    """A classification and where it came from: the words that decided it, how sure it is."""

    demand_type: str
    failure_cause: str = ""
    need: str = ""
    drivers: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Rule:
    service_id: int | None
    keywords: str
    verdict: Verdict


class RuleProblem(ValueError):
    """A rule's words cannot be matched; the message says why."""


def pattern(keywords: str) -> re.Pattern:
    """Words or phrases, comma-separated, as whole words in any case; `re:` for a regex."""
    if keywords.startswith("re:"):
        try:
            return re.compile(keywords[3:], re.IGNORECASE)
        except re.error as error:
            raise RuleProblem(f"The regular expression does not work: {error}.") from None
    words = [w.strip() for w in keywords.split(",") if w.strip()]
    if not words:
        raise RuleProblem("Give at least one word or phrase.")
    alternatives = "|".join(
        r"\s+".join(re.escape(part) for part in word.split())
        for word in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


# What Python's \s takes for whitespace (str.isspace()), for the bulk pre-check in RE2.
WHITESPACE = "".join(
    f"\\x{{{ord(c):x}}}"
    for c in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def quick_pattern(keywords: str) -> str | None:
    """An RE2 pattern that every text the rule matches also matches (it drops the word
    boundaries), to test a whole column at once; None where there is none (a regular
    expression, words beyond ASCII)."""
    if keywords.startswith("re:") or not keywords.isascii():
        return None

    def literal(part: str) -> str:
        # Python's case-blind i also matches the Turkish İ and ı; RE2's does not.
        return "".join("[iI\\x{130}\\x{131}]" if c in "iI" else f"\\x{{{ord(c):x}}}" for c in part)

    words = [w.strip() for w in keywords.split(",") if w.strip()]
    alternatives = "|".join(f"[{WHITESPACE}]+".join(map(literal, w.split())) for w in words)
    return f"(?i)(?:{alternatives})"


def _words(compiled: re.Pattern, text: str) -> tuple[str, ...]:
    found = compiled.findall(text)
    return tuple(dict.fromkeys(w if isinstance(w, str) else w[0] for w in found))


class RuleBook:
    """Rules compiled once, then asked of each contact: `book.classify(service_id, text)`, or
    of a whole column of them: `book.classify_column(service_ids, texts, wanted)`."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = [(rule.service_id, pattern(rule.keywords), rule.verdict) for rule in rules]
        self.quick = [quick_pattern(rule.keywords) for rule in rules]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def classify(self, service_id: int | None, text: str) -> Verdict | None:
        if not text:
            return None
        for only_for, compiled, verdict in self.rules:
            if only_for is not None and only_for != service_id:
                continue
            words = _words(compiled, text)
            if words:
                return Verdict(verdict.demand_type, verdict.failure_cause, verdict.need, words)
        return None

    def classify_column(
        self, service_ids: np.ndarray, texts: pa.Array, wanted: np.ndarray
    ) -> tuple[np.ndarray, pa.Array]:
        """classify() for each wanted row of a column: the position of the rule that decides
        it (-1 for none) and its drivers as JSON. Each rule's RE2 pre-check runs over the
        column at once; its own pattern runs only on the texts that pass, each text once."""
        rows = len(texts)
        chosen = np.full(rows, -1, dtype=np.int64)
        drivers = np.full(rows, "[]", dtype=object)
        remaining = wanted & (pc.utf8_length(texts).to_numpy(zero_copy_only=False) > 0)
        for position, (only_for, compiled, _) in enumerate(self.rules):
            candidates = remaining if only_for is None else remaining & (service_ids == only_for)
            at = np.flatnonzero(candidates)
            if not len(at):
                continue
            picked = texts.take(pa.array(at))
            if self.quick[position] is not None:
                passed = pc.match_substring_regex(picked, self.quick[position])
                passed = pc.fill_null(passed, False).to_numpy(zero_copy_only=False)
                at, picked = at[passed], picked.filter(pa.array(passed))
            distinct = pc.unique(picked)
            said = [_words(compiled, text) for text in distinct.to_pylist()]
            hit = np.array([bool(words) for words in said] + [False])
            which = pc.index_in(picked, distinct).to_numpy(zero_copy_only=False)
            decided = hit[which]
            at, which = at[decided], which[decided]
            chosen[at], remaining[at] = position, False
            drivers[at] = np.array([json.dumps(list(words)) for words in said] + [""])[which]
        return chosen, pa.array(drivers, pa.string())


def load_rulebook() -> RuleBook:
    """The analysts' rules as they stand."""
    from .models import ClassificationRule

    return RuleBook(
        [
            Rule(r.service_id, r.keywords, Verdict(r.demand_type, r.failure_cause, r.need))
            for r in ClassificationRule.objects.all()
        ]
    )
