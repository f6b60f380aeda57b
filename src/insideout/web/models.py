"""What the web kit keeps: the request that queued each waiting task, for the worker's logs."""

from django.db import models


class TaskOrigin(models.Model):
    """The id of the request that queued a task, until the worker has run it."""

    task_id = models.CharField(max_length=64, primary_key=True)
    request_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Task {self.task_id} queued by request {self.request_id}"
