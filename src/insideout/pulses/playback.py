"""The play-back a lead sends when a pulse closes: drafted from the results, written in a
plain markup (lines starting "## " are headings, "- " list items), shown as headings and lists
on the page, and sent as the same text by e-mail."""

from dataclasses import dataclass, field

from .disclosure import needs
from .models import Pulse
from .services import overall_rate
from .signals import playback_commitments


def draft_playback(pulse: Pulse) -> str:
    """A first draft from what the doers said and what the centre already committed to."""
    rate = overall_rate(pulse)
    told = [f"- {rate.responded:,} of {rate.invited:,} doers answered ({rate.rate:.0f}%)."]
    named = sorted((n, label) for label, n in (needs(pulse) or []) if n)[::-1][:3]
    if named:
        told.append(
            "- The help you asked for most: "
            + ", ".join(f"{label.lower()} ({n:,})" for n, label in named)
            + "."
        )
    commitments = [
        line for _, lines in playback_commitments.send(Pulse, pulse=pulse) for line in lines or []
    ]
    will_do = [f"- {line}" for line in commitments[:8]] or [
        "- (Say here what the centre will do about the needs above, who will do it, and by when.)"
    ]
    return "\n".join(
        [
            f"## What you told us in {pulse.title}",
            *told,
            "",
            "## What we will do",
            *will_do,
            "",
            "## What happens next",
            "We will tell you how each of these goes, and ask you again in the next pulse.",
        ]
    )


@dataclass
class Block:
    kind: str  # "heading", "list" or "paragraph"
    text: str = ""
    items: list[str] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    """The play-back as headings, lists and paragraphs, for the page to lay out."""
    found: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if found and found[-1].kind == "paragraph":
                found.append(Block("break"))
            continue
        if line.startswith("#"):
            found.append(Block("heading", line.lstrip("#").strip()))
        elif line.startswith(("- ", "* ")):
            if not found or found[-1].kind != "list":
                found.append(Block("list"))
            found[-1].items.append(line[2:].strip())
        elif found and found[-1].kind == "paragraph":
            found[-1].text += " " + line
        else:
            found.append(Block("paragraph", line))
    return [b for b in found if b.kind != "break"]
