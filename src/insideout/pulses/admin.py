"""Pulses in the Django admin: the question bank and the pulses themselves.

Invitations, responses and answers are left out on purpose: the admin must not become a way to
browse who answered what (see docs/privacy.md). Pulses are launched and closed in the service,
where the rules run; here a pulse can be looked at and a draft corrected.
"""

from django.contrib import admin

from .models import Pulse, PulseQuestion, Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "text", "is_standard"]
    list_filter = ["kind", "is_standard"]
    search_fields = ["code", "text"]
    readonly_fields = ["created_by", "created_at"]


class PulseQuestionInline(admin.TabularInline):
    model = PulseQuestion
    extra = 0


@admin.register(Pulse)
class PulseAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "opens_on", "closes_on", "anonymity"]
    list_filter = ["status", "anonymity", "cadence"]
    search_fields = ["title"]
    inlines = [PulseQuestionInline]
    filter_horizontal = ["units", "audience_organisations"]
    readonly_fields = [
        "status",
        "launched_at",
        "closed_at",
        "playback_sent_at",
        "created_by",
        "created_at",
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or obj.status == Pulse.Status.DRAFT
