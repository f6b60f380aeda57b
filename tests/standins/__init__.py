"""Real local stand-ins for the services a department runs Inside Out beside: an OpenID Connect
provider (django-oauth-toolkit's, in its own process) and GOV.UK Notify's HTTP API."""
