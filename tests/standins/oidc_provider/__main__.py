"""Start the stand-in provider: python -m tests.standins.oidc_provider PORT DIRECTORY."""

import sys
from pathlib import Path

from . import CLIENT_ID, CLIENT_SECRET, OAUTH2_PROVIDER, REDIRECT_URI


def serve(port: int, directory: Path) -> None:
    """Set up the provider's database, key and application, then serve until killed."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    import django
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.core.management import call_command

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (directory / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"] = (directory / "key.pem").read_text()
    django.setup()
    call_command("migrate", verbosity=0)
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    Application.objects.create(
        name="Inside Out (tests)",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=REDIRECT_URI,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args) -> None:
            pass

    class Threaded(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    server = make_server(
        "127.0.0.1", port, get_wsgi_application(), server_class=Threaded, handler_class=Quiet
    )
    print("identity provider ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    serve(int(sys.argv[1]), Path(sys.argv[2]))
