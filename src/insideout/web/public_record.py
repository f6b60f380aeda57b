"""What a public page is made of when several capabilities add to it, e.g. "You said, we did":
the assembly hands the page each capability's `section(request)`, which returns one of these
or None, so the page's own app never imports the others."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PublicSection:
    """A heading, the template that shows it, and what that template needs."""

    heading: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50
