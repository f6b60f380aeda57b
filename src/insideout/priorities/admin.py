"""Priorities in the Django admin."""

from django.contrib import admin

from .models import Link, MeasurePoint, OutcomeMeasure, Priority


class MeasureInline(admin.TabularInline):
    model = OutcomeMeasure
    extra = 0


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_unit", "weight", "is_active"]
    list_filter = ["is_active"]
    inlines = [MeasureInline]


@admin.register(MeasurePoint)
class MeasurePointAdmin(admin.ModelAdmin):
    list_display = ["measure", "period_start", "value"]


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ["priority", "target_type", "target_id", "how", "linked_at"]
    list_filter = ["how", "target_type"]
