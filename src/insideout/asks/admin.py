"""Asks in the Django admin: service levels and triage rules to change; asks to look at only.

An ask changes only through `lifecycle.perform`, which keeps its audit trail, so here every
field of an ask and of its trail is read-only.
"""

from django.contrib import admin

from .models import Ask, AskEvent, ServiceLevel, Supporter, TriageRule


@admin.register(ServiceLevel)
class ServiceLevelAdmin(admin.ModelAdmin):
    list_display = ["category", "days_to_acknowledge", "days_to_decide"]


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
