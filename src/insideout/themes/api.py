"""Themes over the API: themed sets, their themes and texts, framework assignment, under the same
rules (and the same disclosure) as the pages."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.language.frameworks import assign
from insideout.web.decorators import refuse_unless
from insideout.web.limits import Id, Pagination
from insideout.web.problems import Problem

from . import services
from .disclosure import shown_texts, summaries, summary_of
from .models import Framework, TextSet, Theme
from .schemas import (
    AssignmentIn,
    AssignmentOut,
    FrameworkOut,
    TextOut,
    TextSetDetailOut,
    TextSetIn,
    TextSetOut,
    ThemeOut,
    ThemeRenameIn,
    theme_out,
)
from .tasks import queue_theming
from .views import SHAPERS_ONLY

router = Router(tags=["themes"])
ERRORS = {400: Problem, 403: Problem, 404: Problem}
STAFF_ONLY = "Only centre staff can read themes."


def staff(request: AuthenticatedHttpRequest) -> None:
    refuse_unless(request.user.is_centre_staff, STAFF_ONLY)


@router.get("/text-sets", response={200: list[TextSetOut], 403: Problem}, summary="Themed sets")
@paginate(Pagination)
def list_text_sets(request: AuthenticatedHttpRequest):
    """Every set of texts themed so far, newest first."""
    staff(request)
    return TextSet.objects.all()


@router.post("/text-sets", response={202: TextSetOut, **ERRORS}, summary="Theme a set of texts")
def create_text_set(request: AuthenticatedHttpRequest, payload: TextSetIn):
    """Choose texts to theme (a pulse question's answers, asks, contacts, unmet needs); the
    theming runs in the background, and the set's status says when it is ready."""
    staff(request)
    refuse_unless(request.user.shapes_themes, SHAPERS_ONLY)
    framework = None
    if payload.framework_id is not None:
        framework = get_object_or_404(Framework, pk=payload.framework_id)
    text_set = services.new_text_set(
        payload.name, payload.source.value, payload.scope(), by=request.user, framework=framework
    )
    queue_theming(text_set)
    return Status(202, text_set)


@router.get(
    "/text-sets/{text_set_id}", response={200: TextSetDetailOut, 403: Problem, 404: Problem}
)
def text_set_detail(request: AuthenticatedHttpRequest, text_set_id: Id):
    """A set with its themes as they may be shown: withheld themes carry no label or counts."""
    staff(request)
    found = get_object_or_404(TextSet, pk=text_set_id)
    return TextSetDetailOut(
        **TextSetOut.from_orm(found).model_dump(), themes=[theme_out(s) for s in summaries(found)]
    )


@router.get("/themes/{theme_id}", response={200: ThemeOut, 403: Problem, 404: Problem})
def theme_detail(request: AuthenticatedHttpRequest, theme_id: Id):
    staff(request)
    return theme_out(summary_of(get_object_or_404(Theme, pk=theme_id)))


@router.patch("/themes/{theme_id}", response={200: ThemeOut, **ERRORS}, summary="Rename a theme")
def rename_theme(request: AuthenticatedHttpRequest, theme_id: Id, payload: ThemeRenameIn):
    staff(request)
    refuse_unless(request.user.shapes_themes, SHAPERS_ONLY)
    theme = get_object_or_404(Theme, pk=theme_id)
    services.rename(theme, payload.label)
    return theme_out(summary_of(theme))


@router.get(
    "/themes/{theme_id}/texts",
    response={200: list[TextOut], 403: Problem, 404: Problem},
    summary="A theme's texts",
)
@paginate(Pagination)
def theme_texts(request: AuthenticatedHttpRequest, theme_id: Id):
    """Every text in the theme, the surest first; none for a theme that is withheld."""
    staff(request)
    return shown_texts(get_object_or_404(Theme, pk=theme_id))


@router.get("/frameworks", response={200: list[FrameworkOut], 403: Problem})
def list_frameworks(request: AuthenticatedHttpRequest):
    staff(request)
    return list(Framework.objects.prefetch_related("themes"))


@router.post(
    "/frameworks/{framework_id}/assignments",
    response={200: list[AssignmentOut], **ERRORS},
    summary="Assign texts to a framework",
)
def assign_texts(request: AuthenticatedHttpRequest, framework_id: Id, payload: AssignmentIn):
    """Each text's theme in the framework with a confidence, or none where no theme fits."""
    staff(request)
    framework = get_object_or_404(Framework, pk=framework_id)
    themes = list(framework.themes.all())
    found = assign(payload.texts, services.pinned(framework))
    return [
        AssignmentOut(
            text=text,
            theme=themes[a.theme].name if a.theme is not None else None,
            confidence=a.confidence,
        )
        for text, a in zip(payload.texts, found, strict=True)
    ]
