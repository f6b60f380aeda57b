from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "insideout.catalogue"
    verbose_name = "Capability catalogue"
