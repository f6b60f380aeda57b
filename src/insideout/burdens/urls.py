from django.urls import path

from . import centre_views, views

app_name = "burdens"

urlpatterns = [
    path("", views.ledger_page, name="ledger"),
    path("units/", views.ledger_units, name="ledger_units"),
    path("doer-types/", views.ledger_doer_types, name="ledger_doer_types"),
    path("ledger.<str:fmt>", views.ledger_export, name="ledger_export"),
    path("calendar/", views.calendar, name="calendar"),
    path("organisations/<int:organisation_id>/", views.doer, name="doer"),
    path("decisions/", views.decisions, name="decisions"),
    path("requirements/new/", centre_views.new, name="new"),
    path("requirements/<int:requirement_id>/", views.requirement_page, name="requirement"),
    path("requirements/<int:requirement_id>/edit/", centre_views.edit, name="edit"),
    path("requirements/<int:requirement_id>/assess/", centre_views.assess, name="assess"),
    path("requirements/<int:requirement_id>/decide/", centre_views.decide, name="decide"),
    path("requirements/<int:requirement_id>/consult/", centre_views.consult, name="consult"),
    path("requirements/<int:requirement_id>/review/", centre_views.review, name="review"),
    path("requirements/<int:requirement_id>/keep/", centre_views.keep, name="keep"),
    path(
        "requirements/<int:requirement_id>/propose-change/",
        views.propose_change,
        name="propose_change",
    ),
    path("requirements/<int:requirement_id>/report/", views.report, name="report"),
    path("requirements/<int:requirement_id>/flag/", views.flag_ask, name="flag_ask"),
    path("scrutiny/", centre_views.scrutiny_queue, name="scrutiny"),
    path("proposals/", centre_views.proposals, name="proposals"),
    path("proposals/<int:proposal_id>/", centre_views.decide_change, name="decide_change"),
    path("budget/", centre_views.budget, name="budget"),
    path("signals/", centre_views.signals, name="signals"),
]
