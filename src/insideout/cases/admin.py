"""Cases are private even from admins: the admin shows the audit trail's facts and the unmet
needs' figures, never a case's words."""

from django.contrib import admin

from .models import CaseEvent, UnmetNeed


@admin.register(CaseEvent)
class CaseEventAdmin(admin.ModelAdmin):
    list_display = ["case", "pull", "kind", "actor", "at"]
    list_filter = ["kind"]
    fields = readonly_fields = ("case", "pull", "kind", "actor", "from_status", "to_status", "at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(UnmetNeed)
class UnmetNeedAdmin(admin.ModelAdmin):
    list_display = ["category", "reason", "region", "raised_on", "answered_by"]
    list_filter = ["category", "reason", "region"]
    fields = ["category", "reason", "local_authority", "region", "raised_on", "answered_by"]
    readonly_fields = ["category", "reason", "local_authority", "region", "raised_on"]
    raw_id_fields = ["answered_by"]

    def has_add_permission(self, request) -> bool:
        return False
