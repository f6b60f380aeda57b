from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "insideout.accounts"
