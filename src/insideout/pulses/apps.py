from django.apps import AppConfig


class PulsesConfig(AppConfig):
    name = "insideout.pulses"

    def ready(self) -> None:
        from insideout.web.redaction import secret_path

        # A doer's personal link answers as them: kept out of logs and stored e-mails.
        secret_path("/pulses/answer/", "personal pulse link")
