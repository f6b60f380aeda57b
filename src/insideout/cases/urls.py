from django.urls import path

from . import pull_views, unmet_views, views

app_name = "cases"

urlpatterns = [
    path("", views.my_cases, name="mine"),
    path("new/", views.open_case, name="new"),
    path("queue/", pull_views.queue, name="queue"),
    path("unmet-needs/", unmet_views.unmet_needs, name="unmet_needs"),
    path("unmet-needs/answer/", unmet_views.answer, name="answer_unmet"),
    path("goals/<int:goal_id>/", views.goal_status, name="goal_status"),
    path("pulls/<int:pull_id>/", pull_views.pull_detail, name="pull"),
    path("pulls/<int:pull_id>/<str:action>/", pull_views.pull_act, name="pull_act"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/consent/", views.consent, name="consent"),
    path("<int:case_id>/what-matters/", views.what_matters, name="what_matters"),
    path("<int:case_id>/goals/new/", views.add_goal, name="add_goal"),
    path("<int:case_id>/needs/new/", views.add_need, name="add_need"),
    path("<int:case_id>/needs/<int:need_id>/", views.need_detail, name="need"),
    path(
        "<int:case_id>/needs/<int:need_id>/pull/<uuid:service_id>/",
        views.pull_service,
        name="pull_service",
    ),
    path("<int:case_id>/needs/<int:need_id>/unmet/", views.unmet, name="unmet"),
    path("<int:case_id>/export/", views.export, name="export"),
    path("<int:case_id>/erase/", views.erase, name="erase"),
]
