from django.http import HttpRequest
from ninja import Router

from insideout.directory.schemas import PersonOut

router = Router(tags=["accounts"])


@router.get("/me", response=PersonOut, summary="Who the token or session belongs to")
def me(request: HttpRequest):
    return request.user
