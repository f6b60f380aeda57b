from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "insideout.api"
