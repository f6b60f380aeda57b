from django.urls import path

from . import import_views, role_views, views

app_name = "directory"

urlpatterns = [
    path("units/", views.units, name="units"),
    path("units/<int:unit_id>/", views.unit, name="unit"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<int:organisation_id>/", views.organisation, name="organisation"),
    path("people/", views.people, name="people"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("people/invite/", role_views.give_role, name="give_role"),
    path("people/<int:person_id>/roles/", role_views.person_roles, name="person_roles"),
    path("import/", import_views.upload, name="import_upload"),
    path("import/<int:batch_id>/", import_views.batch, name="import_batch"),
]
