from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "insideout.directory"

    def ready(self) -> None:
        from insideout.accounts.department import department_signed_in

        from .department_groups import on_department_sign_in

        # The identity provider's groups give the centre roles OIDC_GROUP_ROLES maps them to.
        department_signed_in.connect(on_department_sign_in, dispatch_uid="department_groups")
