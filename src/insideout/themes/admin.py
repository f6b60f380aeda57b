from django.contrib import admin

from .models import EvaluationRun, Framework, FrameworkTheme, TextSet, Theme


class FrameworkThemeInline(admin.TabularInline):
    model = FrameworkTheme
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    inlines = [FrameworkThemeInline]


@admin.register(TextSet)
class TextSetAdmin(admin.ModelAdmin):
    list_display = ["name", "source", "status", "engine", "created_at"]
    list_filter = ["source", "status"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["label", "text_set", "is_candidate"]
    list_filter = ["is_candidate"]


@admin.register(EvaluationRun)
class EvaluationRunAdmin(admin.ModelAdmin):
    list_display = ["data", "ran_at"]
