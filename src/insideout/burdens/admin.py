"""The ledger in the Django admin, to look at: a requirement changes only through the rules in
`services` and `scrutiny`, which keep its trail, so here its fields are read-only."""

from django.contrib import admin

from .models import BudgetRule, ChangeProposal, Report, Requirement, RequirementEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Requirement)
class RequirementAdmin(ReadOnly):
    list_display = ["title", "kind", "owner_unit", "frequency", "estimated_hours", "state"]
    list_filter = ["state", "kind", "frequency", "is_statutory"]
    search_fields = ["title", "description"]


@admin.register(RequirementEvent)
class RequirementEventAdmin(ReadOnly):
    list_display = ["requirement", "kind", "actor", "hours_per_year_change", "at"]
    list_filter = ["kind"]


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ["requirement", "organisation", "due_on", "hours", "usefulness"]
    list_filter = ["usefulness"]


@admin.register(ChangeProposal)
class ChangeProposalAdmin(ReadOnly):
    list_display = ["requirement", "action", "status", "proposed_at", "decided_at"]
    list_filter = ["status", "action"]


@admin.register(BudgetRule)
class BudgetRuleAdmin(ReadOnly):
    list_display = ["ratio", "exempts_statutory", "applies_from", "set_by", "set_at"]
