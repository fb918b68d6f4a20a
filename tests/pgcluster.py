"""A throwaway PostgreSQL + PostGIS server for the tests, from Debian's packages, in a temp folder.

`initdb` and `pg_ctl` refuse to run as root: as root they run as the `postgres` user Debian's
package creates. The server listens on a Unix socket in its own folder only (no TCP port to clash
with anything), with fsync off (a test server: nothing of it outlives the session). Each test gets
a new database cloned from a template that already has PostGIS.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

# Debian installs each major version's binaries under /usr/lib/postgresql/<major>/bin.
_BINARIES = "/usr/lib/postgresql/*/bin/pg_ctl"
INSTALL_HINT = "apt-get install postgresql-15-postgis-3 (scripts/test.sh does it)"


def _bin_dir() -> Path | None:
    """The newest PostgreSQL whose PostGIS extension is installed too, or None."""
    for pg_ctl in sorted(glob.glob(_BINARIES), reverse=True):
        bindir = Path(pg_ctl).parent
        major = bindir.parent.name
        if glob.glob(f"/usr/share/postgresql/{major}/extension/postgis.control"):
            return bindir
    return None


def missing() -> str | None:
    """Why no test server can start here (None when it can)."""
    if _bin_dir() is None:
        return f"PostgreSQL with PostGIS is not installed ({INSTALL_HINT})"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run the server as"
    return None


class Server:
    """A running server; `url(db)` names a database on it."""

    def __init__(self) -> None:
        bindir = _bin_dir()
        assert bindir is not None, INSTALL_HINT
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="sortie-pg-"))
        self.data = self.folder / "data"
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")
        self._names = itertools.count(1)
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-t", "60",
            "-o", f"-k {self.folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off",
            "start",
        )  # fmt: skip
        self._psql("postgres", "CREATE DATABASE sortie_template")
        self._psql("sortie_template", "CREATE EXTENSION postgis")

    def _run(self, tool: str, *args: str) -> None:
        cmd = [*self._as, str(self.bindir / tool), *args]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=self.folder, check=False)
        if done.returncode:
            log = self.folder / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip()}\n{tail}")

    def _psql(self, db: str, sql: str) -> None:
        self._run("psql", "-h", str(self.folder), "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1",
                  "-q", "-c", sql)  # fmt: skip

    def url(self, db: str) -> str:
        return f"postgresql://postgres@/{db}?host={self.folder}"

    def new_database(self) -> str:
        """A fresh database with PostGIS; its URL."""
        name = f"sortie_{next(self._names)}"
        self._psql("postgres", f"CREATE DATABASE {name} TEMPLATE sortie_template")
        return self.url(name)

    def empty_database(self) -> str:
        """A fresh database without PostGIS (the store enables it, as the superuser it connects as)."""
        name = f"plain_{next(self._names)}"
        self._psql("postgres", f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
