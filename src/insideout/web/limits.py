"""The limits every input lives within, one per kind of field, shared by forms and API schemas.

Numbers beyond what the database stores (64 bits), the NUL character (PostgreSQL refuses it in
text) and text longer than a person would type never reach a query: they get a 4xx naming the
field. A new field picks its kind here rather than a number of its own:

    # an API schema (django-ninja / pydantic)
    class ThingIn(Schema):
        title: limits.Line                  # a title or name, on one line
        detail: limits.Paragraph = ""       # free text: a note, an answer, a reason
        unit_id: limits.Id                  # a row's id
    def list_things(request, q: limits.Search = "", unit_id: limits.Id | None = None): ...
    @paginate(limits.Pagination)            # limit and offset bounded too

    # a Django form
    title = forms.CharField(max_length=limits.LINE)
    detail = forms.CharField(max_length=limits.PARAGRAPH, widget=forms.Textarea)

Django's form CharField already refuses NUL; `web.middleware.refuse_nul_characters` refuses it in
any query string, and the API's error handlers turn a database's DataError into a 400 as a last
resort.
"""

import decimal
from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, StringConstraints, WithJsonSchema

# Text, by kind: the most characters a person may send.
LINE = 200  # a title or a name, on one line
PARAGRAPH = 2_000  # free text: an ask's detail, a note, a reason, an answer to a question
MESSAGE = 10_000  # a message to many people (a pulse's play-back), or a list of identifiers
SEARCH = 200  # what someone types into a search or filter box
CODE = 64  # an identifier or short code: a URN, an ONS code, a question's short name

# Numbers: PostgreSQL's bigint and SQLite's INTEGER hold 64 bits; ids start at 1.
MAX_INTEGER = 2**63 - 1
MAX_PAGE = 500  # the most rows one API page returns
NUL_MESSAGE = "must not contain the NUL character (\\u0000)"


def refuse_nul(value: str) -> str:
    """Refuse text holding NUL, which PostgreSQL cannot store and nobody types."""
    if "\x00" in value:
        raise ValueError(NUL_MESSAGE)
    return value


# Where a model's column fixes another length: Annotated[str, StringConstraints(max_length=300),
# NoNul]. (Give the length in StringConstraints, not in Field(): pydantic keeps the first.)
NoNul = AfterValidator(refuse_nul)
Line = Annotated[str, StringConstraints(max_length=LINE), NoNul]
Paragraph = Annotated[str, StringConstraints(max_length=PARAGRAPH), NoNul]
Message = Annotated[str, StringConstraints(max_length=MESSAGE), NoNul]
Search = Annotated[str, StringConstraints(max_length=SEARCH), NoNul]
Code = Annotated[str, StringConstraints(max_length=CODE), NoNul]

Id = Annotated[int, Field(ge=1, le=MAX_INTEGER)]
Count = Annotated[int, Field(ge=0, le=MAX_INTEGER)]


def Amount(low: str, high: str, places: int = 2):  # noqa: N802 - reads as a type, like Id
    """A decimal number from `low` to `high` with at most `places` decimals. It is accepted as a
    JSON number or as text, and the OpenAPI document names it a bounded number."""
    return Annotated[
        decimal.Decimal,
        Field(ge=decimal.Decimal(low), le=decimal.Decimal(high), decimal_places=places),
        WithJsonSchema({"type": "number", "minimum": float(low), "maximum": float(high)}),
    ]


class Pagination(LimitOffsetPagination):
    """ninja's limit-and-offset pages, with both numbers bounded so no query can overflow."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE, description=f"Rows a page (1 to {MAX_PAGE})")
        offset: int = Field(0, ge=0, le=MAX_INTEGER, description="Rows to skip")
