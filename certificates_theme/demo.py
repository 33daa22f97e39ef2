"""Sample data for ``ppta demo setup``."""


def setup(echo) -> None:
    """Nothing to load: the demo certificates are built from sample data on each request (idempotent)."""
    echo("Certificates: sample certificates in every language mode at /academy/certificates/.")
