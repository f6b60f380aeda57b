"""The API's one error format: RFC 9457 problem details, served as `application/problem+json`.

    {"type": "about:blank", "title": "Not found", "status": 404,
     "detail": "No organisation with id 7.", "errors": [{"field": "...", "message": "..."}]}

Every app's router names it in its responses; the API assembly turns each error into one.
"""

from ninja import Schema


class FieldProblem(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] = []
