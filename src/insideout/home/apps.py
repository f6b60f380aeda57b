from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in

PREVIOUS_VISIT = "previous_visit_at"


def remember_previous_visit(sender, request, user, **kwargs) -> None:
    """Before Django records this sign-in, keep when the person last signed in, so their start
    page can say what changed since then."""
    if request is not None and hasattr(request, "session") and user.last_login:
        request.session[PREVIOUS_VISIT] = user.last_login.isoformat()


class HomeConfig(AppConfig):
    name = "insideout.home"
    verbose_name = "Start pages"

    def ready(self) -> None:
        # Connected here, before django.contrib.auth's own receiver updates last_login: this
        # app comes before it in INSTALLED_APPS.
        user_logged_in.connect(remember_previous_visit, dispatch_uid="remember_previous_visit")
