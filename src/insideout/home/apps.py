from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "insideout.home"
    verbose_name = "Start pages"
