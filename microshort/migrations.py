"""Apply alembic migrations programmatically (the launcher, tests and the demo command use it)."""

from __future__ import annotations

from alembic.config import Config

from alembic import command
from microshort.config import PROJECT_ROOT


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Autogenerate filter: tables we do not model (e.g. alembic's own) are left alone."""
    if type_ == "table" and reflected and compare_to is None:
        from sqlmodel import SQLModel

        return name in SQLModel.metadata.tables
    return True


def alembic_config(url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["url"] = url
    config.attributes["configure_logger"] = False
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)
