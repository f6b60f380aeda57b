from django.urls import path

from . import staff_views, views

app_name = "asks"

urlpatterns = [
    path("", views.my_asks, name="mine"),
    path("new/", views.raise_ask, name="new"),
    path("triage/", staff_views.triage, name="triage"),
    path("triage/rules/", staff_views.triage_rules, name="rules"),
    path("units/<int:unit_id>/", staff_views.unit_queue, name="queue"),
    path("<int:ask_id>/", views.ask_detail, name="detail"),
    path("<int:ask_id>/join/", views.join, name="join"),
    path("<int:ask_id>/<str:action>/", views.act, name="act"),
    path("from-answer/<str:handle>/", staff_views.from_answer, name="from_answer"),
]
