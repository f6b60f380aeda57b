from django.urls import path

from . import review_views, service_views, views

app_name = "demand"

urlpatterns = [
    path("", views.volume, name="volume"),
    path("failure/", views.failure, name="failure"),
    path("end-to-end/", views.capability, name="capability"),
    path("what-matters/", views.what_matters, name="what_matters"),
    path("review/", review_views.review, name="review"),
    path("contacts/<int:contact_id>/", review_views.contact, name="contact"),
    path("contacts/<int:contact_id>/label", review_views.label, name="label"),
    path("contacts/<int:contact_id>/resolve", review_views.resolve, name="resolve"),
    path("classifier/", review_views.classifier, name="classifier"),
    path("rules/", review_views.rules, name="rules"),
    path("rules/<int:rule_id>/delete", review_views.delete_rule, name="delete_rule"),
    path("services/", service_views.service_list, name="services"),
    path("services/<int:service_id>/", service_views.service, name="service"),
    path("import/", service_views.import_upload, name="import_upload"),
    path("import/<int:batch_id>/", service_views.import_batch, name="import_batch"),
    path("open311-keys/", service_views.open311_keys, name="open311_keys"),
    path("open311-keys/<int:key_id>/revoke", service_views.revoke_key, name="revoke_key"),
]
