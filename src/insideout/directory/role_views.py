"""People and roles in the service: give a role (inviting someone new), change or end one,
and see each person's history of roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from insideout.accounts.models import User
from insideout.accounts.requests import AuthenticatedHttpRequest

from . import roles
from .role_forms import ChangeRoleForm, GiveRoleForm


def may_manage_anyone(user: User) -> bool:
    return user.is_admin or bool(user.led_organisation_ids)


@login_required
def give_role(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not may_manage_anyone(request.user):
        raise PermissionDenied("Only admins and doer leads give people roles.")
    form = GiveRoleForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = roles.give_role(
                request.user,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                organisation=data.get("organisation"),
                centre_unit=data.get("centre_unit"),
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            where = membership.organisation or membership.centre_unit
            messages.success(
                request,
                f"{membership.person.full_name} is now {membership.get_role_display().lower()}"
                f"{f' at {where}' if where else ''}. We have e-mailed them.",
            )
            return redirect("directory:person_roles", person_id=membership.person_id)
    return render(request, "directory/give_role.html", {"form": form})


@login_required
def person_roles(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(User, pk=person_id)
    manageable = roles.manageable_memberships(request.user, person)
    history = roles.visible_history(request.user, person)
    if not (request.user.is_admin or manageable.exists() or history.exists()):
        raise PermissionDenied("Only admins, and doer leads for their colleagues, manage roles.")
    if request.method == "POST":
        membership = get_object_or_404(manageable, pk=request.POST.get("membership") or 0)
        try:
            if "end" in request.POST:
                roles.end_role(request.user, membership)
                messages.success(request, f"Role ended: {membership}. We have e-mailed them.")
            else:
                change = ChangeRoleForm(request.POST, by=request.user, prefix=f"m{membership.pk}")
                if not change.is_valid():
                    raise ValidationError("Choose a role")
                roles.change_role(request.user, membership, change.cleaned_data["role"])
                messages.success(request, f"Role changed: {membership}. We have e-mailed them.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("directory:person_roles", person_id=person.pk)
    return render(
        request,
        "directory/person_roles.html",
        {
            "person": person,
            "rows": [
                (m, ChangeRoleForm(initial={"role": m.role}, by=request.user, prefix=f"m{m.pk}"))
                for m in manageable
            ],
            "history": history.select_related("actor", "centre_unit", "organisation"),
        },
    )
