from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "insideout.web"

    def ready(self) -> None:
        from . import assets  # noqa: F401 - registers the check that the front end is installed
        from .logs import stamp_request_ids
        from .request_log import connect_task_signals

        stamp_request_ids()
        connect_task_signals()  # a task keeps the id of the request that queued it
