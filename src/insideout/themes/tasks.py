"""Background work for themes: theming a set of texts."""

from django_tasks import task

from .models import TextSet
from .services import theme_text_set


@task()
def theme_in_background(text_set_id: int) -> None:
    """Theme a queued set; on failure, record why so the page can say so."""
    text_set = TextSet.objects.get(pk=text_set_id)
    try:
        theme_text_set(text_set)
    except Exception as error:
        TextSet.objects.filter(pk=text_set_id).update(
            status=TextSet.Status.FAILED, problem=f"Theming stopped: {error}"
        )
        raise


def queue_theming(text_set: TextSet) -> None:
    """Theme a new set in the background (at once where tasks run immediately, as in tests)."""
    theme_in_background.enqueue(text_set.pk)
