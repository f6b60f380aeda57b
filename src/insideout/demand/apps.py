from django.apps import AppConfig


class DemandConfig(AppConfig):
    name = "insideout.demand"
    verbose_name = "Demand analysis"
