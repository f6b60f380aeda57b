from django.contrib import admin

from .models import ClassificationRule, Contact, Open311Key, Service, ServiceChange


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "group", "unit", "open311"]
    search_fields = ["name", "code"]
    list_filter = ["open311", "group"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["received_at", "service", "channel", "demand_type", "classified_by"]
    list_filter = ["channel", "demand_type", "classified_by", "service"]
    date_hierarchy = "received_at"
    # Only the scrubbed words are shown; raw text never leaves the database through the admin.
    exclude = ["raw_text"]
    raw_id_fields = ["organisation", "labelled_by", "repeat_of"]
    show_full_result_count = False


@admin.register(ClassificationRule)
class ClassificationRuleAdmin(admin.ModelAdmin):
    list_display = ["keywords", "service", "demand_type", "failure_cause", "position"]


@admin.register(ServiceChange)
class ServiceChangeAdmin(admin.ModelAdmin):
    list_display = ["service", "changed_on", "description"]


@admin.register(Open311Key)
class Open311KeyAdmin(admin.ModelAdmin):
    """Keys are made on the Open311 keys page, which shows each once; here they can be revoked."""

    list_display = ["name", "hint", "created_at", "revoked_at"]
    readonly_fields = ["digest", "hint", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
