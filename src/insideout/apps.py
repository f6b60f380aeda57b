from django.apps import AppConfig


class InsideOutConfig(AppConfig):
    """The project itself, as an app: its own commands (`demo`, `serve`, `tick`)."""

    name = "insideout"
    verbose_name = "Inside Out"
