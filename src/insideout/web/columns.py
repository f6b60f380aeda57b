"""A model field's database column, for the few bulk statements written in SQL."""

from django.db.models import Field, Model


def column(model: type[Model], name: str) -> str:
    """The column that holds the model's field `name` (a field of its own, not a reverse one)."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise ValueError(f"{model.__name__}.{name} has no column of its own")
    return field.column
