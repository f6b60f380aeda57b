from django.contrib import admin

from .models import CentreUnit, ImportBatch, Membership, Organisation


@admin.register(CentreUnit)
class CentreUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "external_id", "type", "sector", "region", "local_authority", "size"]
    list_filter = ["type", "sector", "region"]
    search_fields = ["name", "external_id"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "centre_unit", "organisation"]
    list_filter = ["role"]
    search_fields = ["person__full_name", "person__email"]
    autocomplete_fields = ["person", "centre_unit", "organisation"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = [
        "filename",
        "status",
        "row_count",
        "created_count",
        "updated_count",
        "uploaded_by",
        "created_at",
    ]
    list_filter = ["status"]
    exclude = ["content"]
    readonly_fields = [
        "filename",
        "column_map",
        "status",
        "row_count",
        "errors",
        "created_count",
        "updated_count",
        "uploaded_by",
        "finished_at",
    ]
