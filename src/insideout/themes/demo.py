"""The demo's themes: the doers' "one thing" and "stop doing" answers over the year, the asks,
the citizens' contacts and the needs no service could meet, each themed as the demo builds.

Themed at once, not in the background, so the demo opens with its themes ready: the demo's
texts repeat (doers say the same things in the same words), and each distinct text is embedded
once, in batches, so this step takes seconds. Then the "one thing" themes are pinned as a
framework, and the open pulse's answers are assigned to it, as an analyst would each quarter.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from insideout.cases.models import UnmetNeed
from insideout.pulses.models import Question

from . import services
from .models import Framework, TextSet


@dataclass
class DemoThemes:
    text_sets: list[TextSet] = field(default_factory=list)
    framework: Framework | None = None


def _question(code: str) -> Question | None:
    return Question.objects.filter(code=code).first()


def clear() -> None:
    """A rebuild starts with no themes."""
    for model in (TextSet, Framework):
        model.objects.all().delete()


def populate(rng: random.Random, built: dict) -> DemoThemes:
    """Theme the demo's free text; the themes tell its story (see pulses/demo_data.py)."""
    clear()
    found = DemoThemes()
    pulses = built.get("pulses")
    one_thing, stop = _question("one_thing"), _question("stop")
    plans: list[tuple[str, str, dict[str, object], int]] = []
    if one_thing:
        plans.append(
            ("What one thing would help: the year", "pulse_question", {"question": one_thing.pk}, 8)
        )
    if stop:
        plans.append(
            ("What the centre should stop doing", "pulse_question", {"question": stop.pk}, 6)
        )
    plans.append(("Every ask this year", "asks", {}, 8))
    if built.get("demand") is not None:
        since = timezone.localdate() - datetime.timedelta(days=91)
        plans.append(
            ("Citizens' contacts: the last quarter", "contacts", {"since": since.isoformat()}, 8)
        )
    if UnmetNeed.objects.exists():
        plans.append(("Needs no service could meet", "unmet_needs", {}, 5))
    for name, source, scope, n_themes in plans:
        text_set = TextSet.objects.create(name=name, source=source, scope=scope)
        services.theme_text_set(text_set, n_themes=n_themes)
        found.text_sets.append(text_set)
    if one_thing and found.text_sets and pulses is not None:
        year = found.text_sets[0]
        found.framework = services.pin_framework(year, "What doers need")
        latest = TextSet.objects.create(
            name=f"What one thing would help: {pulses.open_pulse.title}",
            source="pulse_question",
            scope={"question": one_thing.pk, "pulse": pulses.open_pulse.pk},
            framework=found.framework,
        )
        services.theme_text_set(latest)
        found.text_sets.append(latest)
    return found
