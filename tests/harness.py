"""Throwaway service instances and processes for fault tests, so the machine's shared services stay up."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

from django.db import connection

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float, interval: float = 0.2, message: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {message}")


def database_url_for_test() -> str:
    """The URL of the database the current test uses, for processes started by the test."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class RedisServer:
    """A private redis-server on a spare port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, timeout=10, message="redis-server")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class PostgresCluster:
    """A private PostgreSQL cluster (initdb + pg_ctl) on a spare port, run as the postgres system user."""

    def __init__(self) -> None:
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="newsapi-pg-"))
        self.bin = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.directory, "postgres", "postgres")
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, timeout=120)

    def _pg_ctl(self, action: str) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", action, "-D", str(self.directory / "data"), "-w", "-o", options, "-l", str(self.directory / "log")
        )

    def start(self) -> None:
        if not (self.directory / "data").exists():
            self._run("initdb", "-D", str(self.directory / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self._pg_ctl("start")

    def restart(self) -> None:
        self._pg_ctl("restart")

    def stop(self) -> None:
        try:
            self._pg_ctl("stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def start_process(args: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        args, cwd=REPO, env=os.environ | env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
    )


def start_worker(*, env: dict[str, str], log: Path, beat: bool = False) -> subprocess.Popen:
    args = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "newsapi",
        "worker",
        "--pool=solo",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "-n",
        f"test-{free_port()}@%h",
    ]
    if beat:
        args += ["--beat", "--schedule", str(log.with_suffix(".beat"))]
    return start_process(args, env=env, log=log)


def start_web(*, env: dict[str, str], log: Path, threads: int = 8) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = start_process(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsapi.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            str(threads),
            "--timeout",
            "60",
        ],
        env=env,
        log=log,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: http_status(f"{base}/api/v1/") == 200, timeout=60, message="the web process")
    return process, base


def http_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def stop_process(process: subprocess.Popen, *, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
