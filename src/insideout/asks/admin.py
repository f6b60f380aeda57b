"""Asks in the Django admin: service levels and triage rules to change; asks to look at only.

An ask changes only through `lifecycle.perform`, which keeps its audit trail, so here every
field of an ask and of its trail is read-only.
"""

from django.contrib import admin
from django.template.defaultfilters import pluralize

from .models import Ask, AskEvent, ServiceLevel, Supporter, TriageRule
from .service_levels import apply_level


@admin.register(ServiceLevel)
class ServiceLevelAdmin(admin.ModelAdmin):
    list_display = ["category", "days_to_acknowledge", "days_to_decide"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        moved = apply_level(obj)
        if moved:
            self.message_user(request, f"Due dates moved on {moved:,} open ask{pluralize(moved)}.")

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        apply_level(ServiceLevel(category=obj.category))  # back to the default level


@admin.register(TriageRule)
class TriageRuleAdmin(admin.ModelAdmin):
    list_display = [
        "position",
        "unit",
        "category",
        "organisation_type",
        "region",
        "keywords",
        "is_active",
    ]
    list_filter = ["is_active", "category"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["created_by", "created_at"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AskEventInline(ReadOnlyInline):
    model = AskEvent
    fields = ["at", "kind", "actor", "from_status", "to_status", "to_unit", "note"]


class SupporterInline(ReadOnlyInline):
    model = Supporter
    fields = ["person", "organisation", "joined_at"]


@admin.register(Ask)
class AskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "unit", "category", "raised_at"]
    list_filter = ["status", "category", "urgency"]
    search_fields = ["title", "detail"]
    inlines = [SupporterInline, AskEventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
