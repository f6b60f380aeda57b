from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "status"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = ["to", "subject", "body", "status", "error", "created_at", "sent_at"]
    exclude = ["sealed_links"]  # sealed anyway; the admin never offers them
