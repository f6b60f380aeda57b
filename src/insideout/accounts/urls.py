from django.urls import path

from . import department_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/check-your-email/", views.check_email, name="check_email"),
    path("sign-in/link/<str:token>/", views.sign_in_link, name="sign_in_link"),
    path("sign-in/password/", views.PasswordSignInView.as_view(), name="password_sign_in"),
    path("sign-in/lockouts/", views.lockouts, name="lockouts"),
    path("sign-in/department/", department_views.department_sign_in, name="department_sign_in"),
    path(
        "sign-in/department/callback/",
        department_views.department_callback,
        name="department_callback",
    ),
    path(
        "sign-in/department/refused/",
        department_views.department_refusals,
        name="department_refusals",
    ),
    path("sign-in/lockouts/<int:attempt_id>/lift/", views.lift_lockout, name="lift_lockout"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("account/", views.account, name="account"),
    path("account/tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
]
