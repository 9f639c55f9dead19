"""A throwaway PostgreSQL server for tests and benchmarks: initdb in a temp dir, pg_ctl, gone after.

It listens on loopback only (a free port), trusts local connections, keeps its data in
a temporary folder and removes it when stopped. Run as root (CI), the server runs as
Debian's ``postgres`` user, since PostgreSQL refuses to run as root.

    with throwaway_server() as server:
        store = open_store(server.url("kb"))
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.errors import ConfigError

# Where Debian's postgresql packages put the server programs (newest version first).
_DEBIAN_BINS = "/usr/lib/postgresql"
# Seconds pg_ctl waits for the server to start or stop.
_WAIT_S = 60
# A test server is small: few connections, little shared memory, no durability needed.
_SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c max_connections=40 -c shared_buffers=64MB "
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
)


@dataclasses.dataclass(frozen=True)
class Server:
    """A running server: its port and the user that owns it."""

    port: int
    user: str
    data: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"


def server_bin(name: str) -> Path:
    """The path of a server program (``initdb``, ``pg_ctl``); a ConfigError says how to get it."""
    found = shutil.which(name)
    if found:
        return Path(found)
    versions = sorted(Path(_DEBIAN_BINS).glob("*/bin"), reverse=True)
    for folder in versions:
        if (folder / name).exists():
            return folder / name
    raise ConfigError(
        f"PostgreSQL's {name} is not installed",
        hint="install Debian's postgresql package (make test does it when it can)",
    )


def available() -> bool:
    """Whether a throwaway server can be started here."""
    try:
        server_bin("initdb")
        server_bin("pg_ctl")
    except ConfigError:
        return False
    return os.geteuid() != 0 or shutil.which("runuser") is not None


@contextmanager
def throwaway_server() -> Iterator[Server]:
    """Start a fresh server; stop it and delete its data on exit, whatever happened."""
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data = root / "data"
    as_root = os.geteuid() == 0
    user = "postgres" if as_root else _current_user()
    if as_root:
        shutil.chown(root, user="postgres")
    port = _free_port()
    try:
        _run([str(server_bin("initdb")), "-D", str(data), "-U", user, "-A", "trust",
              "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], as_root)  # fmt: skip
        _run([str(server_bin("pg_ctl")), "-D", str(data), "-l", str(root / "log"), "-w",
              "-t", str(_WAIT_S), "-o", f"-p {port} -k {root} {_SERVER_OPTIONS}", "start"],
             as_root)  # fmt: skip
        yield Server(port, user, data)
    finally:
        if (data / "postmaster.pid").exists():
            _run([str(server_bin("pg_ctl")), "-D", str(data), "-m", "immediate", "-w",
                  "stop"], as_root, check=False)  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


def _run(cmd: list[str], as_root: bool, *, check: bool = True) -> None:
    if as_root:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=_WAIT_S * 2, check=False)
    if check and done.returncode != 0:
        raise ConfigError(
            f"{Path(cmd[-1] if cmd[-1] != 'start' else cmd[0]).name} failed: "
            f"{(done.stderr or done.stdout).strip()[-500:]}",
            hint="is Debian's postgresql package installed and /tmp writable?",
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _current_user() -> str:
    import getpass

    return getpass.getuser()
