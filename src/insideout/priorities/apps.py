from django.apps import AppConfig


class PrioritiesConfig(AppConfig):
    name = "insideout.priorities"
    verbose_name = "Priorities"
