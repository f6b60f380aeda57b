from django.apps import AppConfig


class PulsesConfig(AppConfig):
    name = "insideout.pulses"
