"""The HSDS API at /hsds/: the capability catalogue as any Open Referral HSDS 3.0 client reads
it. Public, as service directories are; its own OpenAPI document is /hsds/openapi.json."""

from insideout.catalogue.hsds.api import HsdsApi, router

from .errors import install_error_handlers

hsds_api = HsdsApi(
    title="Inside Out capability catalogue: HSDS API",
    version="3.0",
    description=(
        "The services that frontline partners can pull, published as the Open Referral Human "
        "Services Data Specification (HSDS) 3.0 API reference defines: fully nested services, "
        "organisations and services at locations, paged lists with the reference's query "
        "parameters, and the official schemas as this document's components. Errors are RFC "
        "9457 problem details."
    ),
    docs_url=None,
    urls_namespace="hsds",
)
install_error_handlers(hsds_api)
hsds_api.add_router("/", router)
