from django.apps import AppConfig


class AsksConfig(AppConfig):
    name = "insideout.asks"

    def ready(self) -> None:
        from insideout.pulses.signals import need_sent_as_ask, playback_commitments

        from .from_pulses import ask_from_own_answer

        def raise_from_answer(sender, invitation, answer, **_):
            return ask_from_own_answer(invitation, answer)

        need_sent_as_ask.connect(
            raise_from_answer, weak=False, dispatch_uid="asks.raise_from_answer"
        )

        def commitments(sender, pulse, **_):
            from .models import Ask, Status

            committed = Ask.objects.filter(
                source_pulse=pulse,
                status__in=[Status.COMMITTED, Status.DELIVERED, Status.CONFIRMED],
            ).order_by("due_on")
            return [
                f"{ask.title}: {ask.commitment}"
                + (f" By {ask.due_on:%-d %B %Y}." if ask.due_on else "")
                for ask in committed
            ]

        playback_commitments.connect(commitments, weak=False, dispatch_uid="asks.commitments")
