from django.urls import path

from . import views

app_name = "priorities"

urlpatterns = [
    path("", views.priority_list, name="list"),
    path("new/", views.priority_form, name="new"),
    path("weights/", views.weights, name="weights"),
    path("balance/", views.balance_page, name="balance"),
    path("overview/", views.overview_page, name="overview"),
    path("<int:priority_id>/", views.priority_detail, name="detail"),
    path("<int:priority_id>/edit/", views.priority_form, name="edit"),
    path("<int:priority_id>/measures/new/", views.measure_form, name="measure_new"),
    path("<int:priority_id>/links/", views.link, name="link"),
    path("measures/<int:measure_id>/", views.measure_detail, name="measure"),
    path("links/<int:link_id>/remove/", views.unlink, name="unlink"),
    path("link/<str:kind_key>/<int:object_id>/", views.link_item, name="link_item"),
]
