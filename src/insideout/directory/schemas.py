from ninja import Field, ModelSchema, Schema

from insideout.accounts.models import User
from insideout.web.limits import Code, Search

from .models import CentreUnit, Membership, Organisation


class UnitOut(ModelSchema):
    parent_id: int | None

    class Meta:
        model = CentreUnit
        fields = ["id", "name", "short_name", "kind", "purpose", "email"]


class OrganisationOut(ModelSchema):
    region_name: str
    local_authority_name: str

    class Meta:
        model = Organisation
        fields = [
            "id",
            "external_id",
            "name",
            "type",
            "sector",
            "region",
            "local_authority",
            "size",
            "updated_at",
        ]


class MembershipOut(ModelSchema):
    centre_unit_id: int | None
    organisation_id: int | None

    class Meta:
        model = Membership
        fields = ["role"]


class PersonOut(ModelSchema):
    memberships: list[MembershipOut] = Field(default_factory=list)

    class Meta:
        model = User
        fields = ["id", "full_name", "email", "job_title"]


class OrganisationQuery(Schema):
    q: Search = Field("", description="Part of the name, or the exact external identifier")
    type: Organisation.Type | None = None
    sector: Organisation.Sector | None = None
    region: Code = Field("", description="ONS region code, e.g. E12000007 for London")
    local_authority: Code = Field("", description="ONS local authority code")
