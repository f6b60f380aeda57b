from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "insideout.accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .services import signed_in

        # However someone signs in (link or password), their sign-in e-mail limit starts afresh.
        user_logged_in.connect(
            lambda sender, user, **kwargs: signed_in(user), weak=False, dispatch_uid="signed_in"
        )

        from insideout.web.redaction import secret_path

        # A sign-in link signs its holder in: kept out of logs and stored e-mails.
        secret_path("/sign-in/link/", "sign-in link")
