from django.urls import path

from . import views

app_name = "themes"

urlpatterns = [
    path("", views.text_sets, name="list"),
    path("new/", views.new_text_set, name="new"),
    path("evaluation/", views.evaluation, name="evaluation"),
    path("sets/<int:text_set_id>/", views.text_set, name="text_set"),
    path("sets/<int:text_set_id>/pin/", views.pin, name="pin"),
    path("<int:theme_id>/", views.theme, name="theme"),
    path("<int:theme_id>/change/", views.edit_theme, name="edit"),
    path("texts/<int:text_id>/move/", views.move_text, name="move"),
    path("frameworks/<int:framework_id>/", views.framework, name="framework"),
]
