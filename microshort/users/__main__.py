"""`python -m microshort.users create-admin EMAIL`: create an admin (or promote a user).

The password is asked for on the terminal, or read from stdin with --password-stdin.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlmodel import select

from microshort.config import get_settings
from microshort.db import get_engine, session_scope
from microshort.errors import InvalidInput
from microshort.logs import configure_logging
from microshort.runtime import database
from microshort.users.models import Role, User
from microshort.users.passwords import hash_password
from microshort.users.validation import check_password, clean_email


def create_admin(url: str, email: str, password: str) -> str:
    email = clean_email(email)
    check_password(password, email=email)
    with session_scope(get_engine(url)) as session:
        user = session.exec(select(User).where(User.email == email)).first()
        created = user is None
        user = user or User(email=email, display_name="Admin")
        user.role, user.password_hash = Role.ADMIN, hash_password(password)
        session.add(user)
    return f"{'Created' if created else 'Promoted'} admin {email}."


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m microshort.users")
    commands = parser.add_subparsers(dest="command", required=True)
    admin = commands.add_parser("create-admin", help="create an admin account")
    admin.add_argument("email")
    admin.add_argument("--password-stdin", action="store_true")
    args = parser.parse_args(argv)
    configure_logging(get_settings())
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password (10+ characters): ")
    try:
        with database() as url:
            print(create_admin(url, args.email, password))
    except InvalidInput as error:
        print(f"Not created: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
