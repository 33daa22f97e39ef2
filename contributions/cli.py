"""``ppta library representatives add|remove|list``: who may contribute materials for which country.

Plugged into the ``ppta library`` group through the ``ppta.library_commands`` entry point, so the
library app does not import this one.
"""

from __future__ import annotations

import click

from ppta.django_env import setup_django


@click.group()
def representatives() -> None:
    """Grant or remove the right to contribute library materials for a country."""


def _user(username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise click.BadParameter(f"there is no user {username!r}", param_hint="--user")
    return user


def _country(code: str) -> str:
    from library_importer.public import country_codes

    code = code.strip().upper()
    if code not in country_codes():
        raise click.BadParameter(f"unknown country {code!r}; use an ISO 3166 alpha-2 code such as MD",
                                 param_hint="--country")
    return code


@representatives.command("add")
@click.option("--user", "username", required=True, help="LMS username.")
@click.option("--country", required=True, help="ISO 3166 alpha-2 code, e.g. MD.")
def add(username: str, country: str) -> None:
    """Let USER contribute for COUNTRY (a user represents one country; re-running changes nothing)."""
    setup_django()
    from contributions.models import Representative

    user, country = _user(username), _country(country)
    existing = Representative.objects.filter(user=user).first()
    if existing and existing.country != country:
        raise click.ClickException(f"{username} already represents {existing.country}; remove that first")
    _representative, created = Representative.objects.get_or_create(user=user, defaults={"country": country})
    click.echo(f"{username} {'now represents' if created else 'already represents'} {country}.")


@representatives.command("remove")
@click.option("--user", "username", required=True, help="LMS username.")
@click.option("--country", required=True, help="ISO 3166 alpha-2 code, e.g. MD.")
def remove(username: str, country: str) -> None:
    """Take the right away (pending contributions stay for the moderators; re-running changes nothing)."""
    setup_django()
    from contributions.models import Representative

    user, country = _user(username), _country(country)
    deleted, _details = Representative.objects.filter(user=user, country=country).delete()
    click.echo(f"{username} {'no longer represents' if deleted else 'did not represent'} {country}.")


@representatives.command("list")
@click.option("--country", default="", help="Only this country.")
def list_representatives(country: str) -> None:
    """List representatives: country and username."""
    setup_django()
    from contributions.models import Representative

    rows = Representative.objects.select_related("user")
    if country:
        rows = rows.filter(country=_country(country))
    if not rows:
        click.echo("No representatives.")
    for row in rows:
        click.echo(f"{row.country}  {row.user.get_username()}")
