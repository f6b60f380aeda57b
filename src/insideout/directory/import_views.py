from django.http import HttpRequest, HttpResponse

from insideout.accounts.decorators import admin_required


@admin_required
def upload(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


@admin_required
def batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    raise NotImplementedError
