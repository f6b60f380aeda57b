"""Theme pages: the sets of texts, a set's themes and their trend, a theme's texts, and the
analysts' tools to shape them; the framework; the evaluation."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.language import embeddings
from insideout.web.charts import pareto_chart
from insideout.web.decorators import centre_staff_required, refuse_unless
from insideout.web.pagination import paginate

from . import services
from .disclosure import shown_texts, summaries, summary_of
from .evaluation import default_data, latest
from .forms import AdoptForm, MergeForm, MoveForm, PinForm, RenameForm, SplitForm, TextSetForm
from .models import Framework, TextSet, Theme, ThemedText
from .tasks import queue_theming
from .trends import trends

SHAPERS_ONLY = "Only analysts, centre leads and admins can change themes."


@centre_staff_required
def text_sets(request: HttpRequest) -> HttpResponse:
    """Every set of texts themed so far."""
    return render(
        request,
        "themes/text_sets.html",
        {
            "text_sets": TextSet.objects.select_related("framework"),
            "frameworks": Framework.objects.all(),
            "engine_note": embeddings.engine_note(),
        },
    )


@centre_staff_required
def new_text_set(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Choose texts to theme; the theming runs in the background."""
    refuse_unless(request.user.shapes_themes, SHAPERS_ONLY)
    form = TextSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text_set = services.new_text_set(
            form.cleaned_data["name"],
            form.cleaned_data["source"],
            form.scope(),
            by=request.user,
            framework=form.cleaned_data["framework"],
        )
        queue_theming(text_set)
        messages.success(request, "The texts are being themed: this page shows them when ready.")
        return redirect(text_set)
    return render(request, "themes/new.html", {"form": form})


@centre_staff_required
def text_set(request: HttpRequest, text_set_id: int) -> HttpResponse:
    """A set's themes, largest first, as they may be shown; candidates; change over time."""
    found = get_object_or_404(TextSet, pk=text_set_id)
    shown = summaries(found)
    themes = [s for s in shown if not s.theme.is_candidate]
    candidates = [s for s in shown if s.theme.is_candidate]
    visible = [s for s in themes if s.shown]
    context = {
        "text_set": found,
        "themes": themes,
        "candidates": candidates,
        "hidden": sum(not s.shown for s in shown),
        "total": found.texts.count(),
        "trends": trends(found),
        "engine_note": embeddings.engine_note(),
        "pin_form": PinForm(initial={"name": found.name}),
    }
    if visible:
        context["chart"] = pareto_chart(
            [(s.theme.label, s.respondents) for s in visible if s.respondents is not None],
            title="Respondents by theme",
            y_label="Respondents",
            chart_id="themes-chart",
        )
    return render(request, "themes/text_set.html", context)


@centre_staff_required
def theme(request: HttpRequest, theme_id: int) -> HttpResponse:
    """A theme's key phrases, counts by segment and sentiment, and every text in it."""
    found = get_object_or_404(Theme.objects.select_related("text_set"), pk=theme_id)
    summary = summary_of(found)
    context = {"theme": found, "summary": summary, "text_set": found.text_set}
    if summary.shown:
        context |= paginate(request, shown_texts(found), per_page=50)
    return render(request, "themes/theme.html", context)


@centre_staff_required
def edit_theme(request: AuthenticatedHttpRequest, theme_id: int) -> HttpResponse:
    """Rename, merge, split a theme, or adopt a candidate: each its own small form."""
    refuse_unless(request.user.shapes_themes, SHAPERS_ONLY)
    found = get_object_or_404(Theme.objects.select_related("text_set"), pk=theme_id)
    action = request.POST.get("action", "")
    forms = {
        "rename": RenameForm(
            request.POST if action == "rename" else None, initial={"label": found.label}
        ),
        "merge": MergeForm(request.POST if action == "merge" else None, theme=found),
        "split": SplitForm(request.POST if action == "split" else None),
        "adopt": AdoptForm(request.POST if action == "adopt" else None),
    }
    form = forms.get(action)
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "rename":
                services.rename(found, data["label"])
            elif action == "merge":
                services.merge(found, list(data["others"]))
            elif action == "split":
                services.split(found, data["parts"])
            else:
                services.adopt_candidate(found, data["label"])
        except services.ThemeRuleBroken as broken:
            form.add_error(None, broken.reason)
        else:
            messages.success(request, "The themes are changed.")
            return redirect(found.text_set)
    return render(
        request, "themes/edit.html", {"theme": found, "forms": forms, "text_set": found.text_set}
    )


@centre_staff_required
def move_text(request: AuthenticatedHttpRequest, text_id: int) -> HttpResponse:
    """Move one text to another theme of its set."""
    refuse_unless(request.user.shapes_themes, SHAPERS_ONLY)
    text = get_object_or_404(ThemedText.objects.select_related("text_set", "theme"), pk=text_id)
    refuse_unless(text.theme is None or summary_of(text.theme).shown, "This text is not shown.")
    form = MoveForm(request.POST or None, text_set=text.text_set, initial={"theme": text.theme})
    if request.method == "POST" and form.is_valid():
        services.move(text, form.cleaned_data["theme"])
        messages.success(request, "The text is moved.")
        return redirect(form.cleaned_data["theme"])
    return render(request, "themes/move.html", {"text": text, "form": form})


@require_POST
@centre_staff_required
def pin(request: AuthenticatedHttpRequest, text_set_id: int) -> HttpResponse:
    """Pin a set's themes as a framework that later sets are assigned to."""
    refuse_unless(request.user.shapes_themes, SHAPERS_ONLY)
    found = get_object_or_404(TextSet, pk=text_set_id)
    form = PinForm(request.POST)
    if form.is_valid():
        try:
            framework = services.pin_framework(found, form.cleaned_data["name"], request.user)
        except services.ThemeRuleBroken as broken:
            messages.error(request, broken.reason)
        else:
            messages.success(request, f"The themes are pinned as the framework {framework}.")
            return redirect(framework)
    return redirect(found)


@centre_staff_required
def framework(request: HttpRequest, framework_id: int) -> HttpResponse:
    found = get_object_or_404(Framework, pk=framework_id)
    return render(
        request,
        "themes/framework.html",
        {"framework": found, "themes": found.themes.all(), "text_sets": found.text_sets.all()},
    )


@centre_staff_required
def evaluation(request: HttpRequest) -> HttpResponse:
    """How the themes agree with human labels, against the baseline: the latest run."""
    run = latest()
    report = run.report if run else None
    return render(
        request,
        "themes/evaluation.html",
        {"run": run, "report": report, "data": default_data().name},
    )
