"""The centre's view of unmet needs: counts by kind of need, region and quarter, as evidence
for designing services at scale; and linking a new or expanded service to what it answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.disclosure.suppression import DEFAULT_K, DEFAULT_K_TEXT
from insideout.vocabulary import SocialNeed
from insideout.web.charts import pareto_chart
from insideout.web.decorators import refuse_unless

from . import unmet
from .forms import AnswerForm


def _quarter(request: HttpRequest) -> unmet.Quarter:
    chosen = unmet.Quarter.parse(request.GET.get("quarter", ""))
    if chosen is not None:
        return chosen
    found = unmet.quarters()
    return found[0] if found else unmet.Quarter.of(timezone.localdate())


@login_required
def unmet_needs(request: AuthenticatedHttpRequest) -> HttpResponse:
    refuse_unless(request.user.sees_unmet_needs, "Only centre staff see unmet needs.")
    quarter = _quarter(request)
    table = unmet.unmet_table(quarter)
    labels = dict(SocialNeed.choices)
    shown = [
        (labels[code], figure.cases)
        for code, figure in table.category_totals.items()
        if figure.shown and figure.cases
    ]
    words_for = request.GET.get("words", "")
    return render(
        request,
        "cases/unmet_needs.html",
        {
            "table": table,
            "quarters": unmet.quarters() or [quarter],
            "rows": [
                (
                    code,
                    label,
                    [table.cells[code, region] for region, _ in table.regions],
                    table.category_totals[code],
                )
                for code, label in table.categories
            ],
            "region_figures": [table.region_totals[code] for code, _ in table.regions],
            "places": [
                (name, unmet.places_in(table, region))
                for region, name in table.regions
                if table.region_totals[region].shown
            ],
            "chart": pareto_chart(
                shown,
                title=f"Cases with an unmet need, by kind of need, {quarter.label}",
                y_label="Cases",
            )
            if shown
            else None,
            "words_for": words_for if words_for in labels else "",
            "words_label": labels.get(words_for, ""),
            "words": unmet.in_their_words(quarter, words_for) if words_for in labels else [],
            "answering": unmet.answering_services(),
            "k": DEFAULT_K,
            "k_text": DEFAULT_K_TEXT,
        },
    )


@login_required
def answer(request: AuthenticatedHttpRequest) -> HttpResponse:
    refuse_unless(request.user.sees_unmet_needs, "Only centre staff work with unmet needs.")
    category = request.GET.get("category", "")
    if category not in SocialNeed.values:
        return render(request, "cases/answer_choose.html", {"categories": SocialNeed.choices})
    initial = {"quarter": request.GET.get("quarter", ""), "region": request.GET.get("region", "")}
    form = AnswerForm(category, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answered = unmet.answer_signals(
            data["service"],
            request.user,
            category,
            region=data["region"],
            quarter=unmet.Quarter.parse(data["quarter"]) if data["quarter"] else None,
        )
        how_many = f"{answered} unmet needs" if answered else f"fewer than {DEFAULT_K} unmet needs"
        messages.success(request, f"{data['service'].name} now answers {how_many}.")
        return redirect(reverse("cases:unmet_needs"))
    return render(
        request,
        "cases/answer.html",
        {"form": form, "category_label": SocialNeed(category).label},
    )
