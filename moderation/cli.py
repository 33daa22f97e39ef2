"""``ppta roles``: grant, revoke and list the academy's roles (Django groups) from the command line."""

from __future__ import annotations

import click

from ppta.django_env import setup_django

#: Command-line name -> moderation.public.Role member name.
ROLE_OPTIONS = {"secretariat": "SECRETARIAT", "library-moderator": "LIBRARY_MODERATOR"}


def _role(name: str):
    from moderation.public import Role

    return Role[ROLE_OPTIONS[name]]


def _find_user(identifier: str):
    """The user with this username, else with this e-mail address (exactly one), else a clear error."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    user = users.filter(username=identifier).first()
    if user is None and "@" in identifier:
        matches = list(users.filter(email__iexact=identifier)[:2])
        if len(matches) > 1:
            raise click.ClickException(f"More than one user has the e-mail address {identifier}: give the username.")
        user = matches[0] if matches else None
    if user is None:
        raise click.ClickException(f"No user {identifier!r} (give a username or an e-mail address).")
    return user


def _how_held(user, role) -> str:
    """Why ``user`` holds ``role``, most specific first (membership is what grant/revoke change); "" if not."""
    from moderation.public import IMPLIED_ROLES, has_role

    if not has_role(user, role):
        return ""
    names = set(user.groups.values_list("name", flat=True))
    if role.value in names:
        return "member"
    holder = next((held for held, implied in IMPLIED_ROLES.items() if role in implied and held.value in names), None)
    if holder is not None:
        return f"via {next(cli for cli, member in ROLE_OPTIONS.items() if member == holder.name)}"
    return "superuser" if user.is_superuser else "staff"


def user_option(required: bool):
    return click.option("--user", "identifier", metavar="USER", required=required,
                        help="Username or e-mail address.")


def role_option(required: bool):
    return click.option("--role", "role_name", type=click.Choice(list(ROLE_OPTIONS)), required=required,
                        help="The role.")


@click.group()
def roles() -> None:
    """Academy roles: the secretariat (reports, trainer applications, every moderation) and library
    moderators (library contributions). Staff and superusers hold every role."""


@roles.command()
@user_option(required=True)
@role_option(required=True)
def grant(identifier: str, role_name: str) -> None:
    """Give USER the role (nothing changes when they are already a member)."""
    setup_django()
    from moderation.public import grant_role

    user, role = _find_user(identifier), _role(role_name)
    if user.groups.filter(name=role.value).exists():
        click.echo(f"{user.get_username()} is already a {role_name} member; nothing changed.")
        return
    grant_role(user, role)
    click.echo(f"Granted {role_name} to {user.get_username()}.")
    if not user.is_active:
        click.echo(f"Note: {user.get_username()} is inactive and acts in no role until reactivated.")


@roles.command()
@user_option(required=True)
@role_option(required=True)
def revoke(identifier: str, role_name: str) -> None:
    """Take the role from USER (nothing changes when they are not a member)."""
    setup_django()
    from moderation.public import revoke_role

    user, role = _find_user(identifier), _role(role_name)
    if user.groups.filter(name=role.value).exists():
        revoke_role(user, role)
        click.echo(f"Revoked {role_name} from {user.get_username()}.")
    else:
        click.echo(f"{user.get_username()} is not a {role_name} member; nothing changed.")
    still = _how_held(user, role)
    if still:
        click.echo(f"Note: {user.get_username()} still holds {role_name} ({still}).")


@roles.command(name="list")
@user_option(required=False)
@role_option(required=False)
def list_roles(identifier: str | None, role_name: str | None) -> None:
    """Who holds which role: every role, one role (--role), or one user's roles (--user)."""
    setup_django()
    from moderation.public import users_with_role

    names = [role_name] if role_name else list(ROLE_OPTIONS)
    if identifier:
        user = _find_user(identifier)
        for name in names:
            how = _how_held(user, _role(name))
            click.echo(f"{name:<18} {how or '-'}")
        return
    for name in names:
        holders = list(users_with_role(_role(name)))
        click.echo(f"{name} ({len(holders)})")
        for user in holders:
            click.echo(f"  {user.get_username():<30} {_how_held(user, _role(name))}")
        if not holders:
            click.echo("  (nobody)")
