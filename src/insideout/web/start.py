"""What a start page is made of. Each app says, in its own `start.py`, what a person should see
first when they sign in (`sections(user)`); the home page lays out every app's sections."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StartItem:
    """One line: what it is, a link to it, and optionally a count or a tag (e.g. "Late")."""

    title: str
    url: str
    text: str = ""
    count: int | None = None
    tag: str = ""
    tag_colour: str = ""  # a GOV.UK tag modifier: "red", "yellow", "green", "grey", ...


@dataclass(frozen=True)
class StartSection:
    """A heading and its items; lower `order` comes first. Empty sections are not shown."""

    heading: str
    items: list[StartItem] = field(default_factory=list)
    order: int = 50
    more_url: str = ""
    more_text: str = ""
