"""The minister's mandate as priorities, their outcome measures, and what is linked to them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from insideout.directory.models import CentreUnit
from insideout.vocabulary import NeedCategory


class Priority(models.Model):
    """One of the department's priorities: what it is for, who owns it, how much it weighs."""

    title = models.CharField(max_length=200)
    statement = models.TextField(help_text="What the priority will achieve, and for whom.")
    owner_unit = models.ForeignKey(CentreUnit, on_delete=models.PROTECT, related_name="priorities")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="priorities_owned",
        help_text="The person who answers for it.",
    )
    weight = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Set by leadership, 1 to 100: how much the priority matters beside the others.",
    )
    categories = models.JSONField(
        default=list, blank=True, help_text="The kinds of help (need categories) it covers."
    )
    is_active = models.BooleanField(default=True)
    weight_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    weight_set_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    # Not stored: its share of the weights and each measure's latest point, for the list.
    share: float
    latest: "list[tuple[OutcomeMeasure, MeasurePoint | None]]"

    class Meta:
        ordering = ["-weight", "title", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("priorities:detail", args=[self.pk])

    @property
    def category_labels(self) -> list[str]:
        labels = dict(NeedCategory.choices)
        return [labels.get(category, category) for category in self.categories]


class OutcomeMeasure(models.Model):
    """A measure of whether a priority is being achieved: a time series with a target."""

    class Direction(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=200)
    unit_label = models.CharField(
        max_length=40, blank=True, help_text='What a value counts, e.g. "per cent" or "days".'
    )
    direction = models.CharField(max_length=10, choices=Direction.choices)
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the figures come from.")

    class Meta:
        ordering = ["priority", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("priorities:measure", args=[self.pk])


class MeasurePoint(models.Model):
    """One value of a measure, for the period starting on a date (a month, a quarter, ...)."""

    measure = models.ForeignKey(OutcomeMeasure, on_delete=models.CASCADE, related_name="points")
    period_start = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["measure", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period_start"], name="one_value_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} from {self.period_start}"


class Link(models.Model):
    """Something linked to a priority: an ask, a pulse answer, a requirement, an unmet need, a
    service. Generic, so that any capability's objects can be linked without this app
    knowing each of them in advance."""

    class How(models.TextChoices):
        BY_HAND = "by_hand", "By hand"
        SUGGESTED = "suggested", "Accepted from a suggestion"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="links")
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64, help_text="Its key, whole number or UUID.")
    target = GenericForeignKey("target_type", "target_id")
    how = models.CharField(max_length=10, choices=How.choices, default=How.BY_HAND)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-linked_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "target_type", "target_id"], name="one_link_per_target"
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.target_type.model} {self.target_id} under {self.priority}"
