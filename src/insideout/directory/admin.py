from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from insideout.accounts.models import User

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


class RolesInTheService:
    """Roles are read here and changed only in the service (People > Change or end roles), where
    every change is recorded in the person's history and e-mailed to them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(RolesInTheService, admin.ModelAdmin):
    list_display = ["person", "role", "centre_unit", "organisation"]
    list_filter = ["role"]
    search_fields = ["person__full_name", "person__email"]


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


class MembershipInline(RolesInTheService, admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "job_title", "is_active", "is_staff"]
    search_fields = ["full_name", "email"]
    list_filter = ["is_active", "is_staff", "memberships__role"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "job_title"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
