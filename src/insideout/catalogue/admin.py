from django.contrib import admin

from .models import Location, Provider, Service, Taxonomy, TaxonomyTerm


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "status", "capacity_status", "last_modified"]
    list_filter = ["status", "capacity_status"]
    search_fields = ["name", "description"]
    raw_id_fields = ["organization", "program"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "directory_organisation"]
    search_fields = ["name"]
    raw_id_fields = ["directory_organisation"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "location_type", "local_authority"]
    search_fields = ["name"]
    raw_id_fields = ["organization"]


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "version"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "taxonomy_detail", "need_category"]
    list_filter = ["taxonomy_detail", "need_category"]
    search_fields = ["name", "code"]
