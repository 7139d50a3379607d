"""Engine, session scope and the UTC timestamp helpers shared by every table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, Session, SQLModel, create_engine

# Ids are PostgreSQL integers: a bigger number in a URL is simply not found (not a 500).
MAX_ID = 2**31 - 1


def is_id(value: int) -> bool:
    return 0 < value <= MAX_ID


def utcnow() -> datetime:
    return datetime.now(UTC)


# Stable constraint names, so autogenerate and downgrade see the same names everywhere.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def aware(*, nullable: bool = False, index: bool = False, now: bool = True) -> Any:
    """A field holding an aware UTC datetime (defaults to now unless nullable)."""
    return Field(
        default_factory=utcnow if now and not nullable else None,
        sa_type=sa.DateTime(timezone=True),
        nullable=nullable,
        index=index,
    )


def one_of(column: str, choices: type[StrEnum]) -> sa.CheckConstraint:
    """A CHECK constraint keeping a text column within an enum's values."""
    values = ", ".join(f"'{member.value}'" for member in choices)
    return sa.CheckConstraint(f"{column} IN ({values})", name=f"{column}_valid")


def non_negative(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{column} >= 0", name=f"{column}_non_negative")


def trigram_index(table: str, column: str) -> sa.Index:
    """A pg_trgm GIN index on a text column: typo-tolerant `%`/`<%` matching (migration 0005)."""
    return sa.Index(
        f"ix_{table}_{column}_trgm",
        column,
        postgresql_using="gin",
        postgresql_ops={column: "gin_trgm_ops"},
    )


def currency_code(column: str = "currency") -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{column} ~ '^[A-Z]{{3}}$'", name=f"{column}_iso")


class Timestamped(SQLModel):
    """Mixin: created_at / updated_at, both aware UTC."""

    created_at: datetime = aware()
    updated_at: datetime = Field(
        default_factory=utcnow,
        sa_type=sa.DateTime(timezone=True),
        nullable=False,
        sa_column_kwargs={"onupdate": utcnow},
    )


def sqlalchemy_url(url: str) -> str:
    """SQLAlchemy 2.1 reads postgresql:// as psycopg 3."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def make_engine(url: str, *, pool_size: int = 5) -> sa.Engine:
    return create_engine(
        sqlalchemy_url(url),
        pool_size=pool_size,
        max_overflow=5,
        pool_pre_ping=True,
    )


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> sa.Engine:
    """The process-wide engine for the configured database (or the given URL)."""
    if url is None:
        from microshort.config import get_settings

        url = get_settings().database_url
        if url is None:
            raise RuntimeError(
                "No database URL: start through `python -m microshort run` "
                "(it starts the embedded PostgreSQL) or set DATABASE_URL."
            )
    return make_engine(url)


@contextmanager
def session_scope(engine: sa.Engine | None = None) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
