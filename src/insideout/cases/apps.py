from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "insideout.cases"
    verbose_name = "Cases and pulls"
