from django.apps import AppConfig


class BurdensConfig(AppConfig):
    name = "insideout.burdens"
    verbose_name = "Burdens"
