from django.apps import AppConfig


class AsksConfig(AppConfig):
    name = "insideout.asks"

    def ready(self) -> None:
        from insideout.pulses.signals import need_sent_as_ask

        from .from_pulses import ask_from_own_answer

        def raise_from_answer(sender, invitation, answer, **_):
            return ask_from_own_answer(invitation, answer)

        need_sent_as_ask.connect(
            raise_from_answer, weak=False, dispatch_uid="asks.raise_from_answer"
        )
