"""A model field's database column, for the few bulk statements written in SQL."""

from django.db.models import Field, Model


def own_field(model: type[Model], name: str) -> Field:
    """The model's field `name`: one of its own columns, not the reverse side of a relation."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise ValueError(f"{model.__name__}.{name} has no column of its own")
    return field


def column(model: type[Model], name: str) -> str:
    """The column that holds the model's field `name`."""
    return own_field(model, name).column
