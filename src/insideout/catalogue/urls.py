from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.browse, name="browse"),
    path("yours/", views.yours, name="yours"),
    path("services/new/", views.new, name="new"),
    path("services/<uuid:service_id>/", views.service_detail, name="service"),
    path("services/<uuid:service_id>/capacity/", views.capacity, name="capacity"),
    path("services/<uuid:service_id>/edit/", views.edit, name="edit"),
]
