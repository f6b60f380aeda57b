from django.urls import path

from . import views

app_name = "scorecard"

urlpatterns = [
    path("", views.league, name="league"),
    path("units/<int:unit_id>/", views.unit, name="unit"),
    path("pulses/<int:pulse_id>/", views.pulse, name="pulse"),
    path(
        "pulses/<int:pulse_id>/comments/<int:question_id>/",
        views.pulse_comments,
        name="pulse_comments",
    ),
    path("export.<str:fmt>", views.export, name="export"),
]
