"""One page of a long list, with what govuk/pagination.html needs to link to the others."""

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.http import urlencode


def paginate(request: HttpRequest, items, per_page: int = 25) -> dict:
    """The page the request asks for, keeping its other query parameters in the page links."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = {k: request.GET[k] for k in request.GET if k != "page" and request.GET[k]}
    return {
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "query_without_page": urlencode(query) + "&" if query else "",
    }
