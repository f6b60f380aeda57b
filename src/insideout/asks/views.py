from django.http import HttpRequest, HttpResponse


def my_asks(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def raise_ask(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def triage(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def triage_rules(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def unit_queue(request: HttpRequest, unit_id: int) -> HttpResponse:
    raise NotImplementedError


def ask_detail(request: HttpRequest, ask_id: int) -> HttpResponse:
    raise NotImplementedError


def act(request: HttpRequest, ask_id: int, action: str) -> HttpResponse:
    raise NotImplementedError


def join(request: HttpRequest, ask_id: int) -> HttpResponse:
    raise NotImplementedError


def from_answer(request: HttpRequest, answer_id: int) -> HttpResponse:
    raise NotImplementedError


def you_said_we_did(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
