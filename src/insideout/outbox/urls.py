from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:message_id>/", views.message_detail, name="detail"),
    path("failed/", views.failed, name="failed"),
]
