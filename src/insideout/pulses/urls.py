from django.urls import path

from . import answer_views, views

app_name = "pulses"

urlpatterns = [
    path("", views.pulse_list, name="list"),
    path("new/", views.pulse_new, name="new"),
    path("questions/", views.question_bank, name="questions"),
    path("yours/", answer_views.my_pulses, name="mine"),
    path("<int:pulse_id>/", views.pulse_detail, name="detail"),
    path("<int:pulse_id>/edit/", views.pulse_edit, name="edit"),
    path("<int:pulse_id>/launch/", views.pulse_launch, name="launch"),
    path("<int:pulse_id>/close/", views.pulse_close, name="close"),
    path("<int:pulse_id>/repeat/", views.pulse_repeat, name="repeat"),
    path("<int:pulse_id>/responses.<str:fmt>", views.responses_export, name="responses_export"),
    path("answer/<str:token>/", answer_views.answer, name="answer"),
    path("answer/<str:token>/questions/", answer_views.answer_questions, name="answer_questions"),
]
