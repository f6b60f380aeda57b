from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "insideout.disclosure"
    verbose_name = "Disclosure control"
