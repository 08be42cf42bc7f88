"""Real services for the fault scenarios: a PostgreSQL cluster, Redis servers, Celery
workers and beats, each started here, restarted or killed by a test, and cleaned up.

Ports are chosen at run time: the first free one of a range (FAULTS_PG_PORTS,
FAULTS_REDIS_PORTS, "first-last"), else whatever the system gives, so a CI machine
and a developer's shared machine both work.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port(env_range: str, default: str) -> int:
    first, last = (int(p) for p in os.environ.get(env_range, default).split("-"))
    for port in [*range(first, last + 1), 0]:
        with closing(socket.socket()) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


def wait_until(check, seconds: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"{what}: not within {seconds} s")


def _quiet(*command: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True)
    if check and result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result


class Postgres:
    """A cluster of our own (pg_createcluster), trusted on 127.0.0.1 only."""

    def __init__(self):
        self.version = sorted(os.listdir("/etc/postgresql"), key=int)[-1]
        self.port = free_port("FAULTS_PG_PORTS", "5442-5449")
        self.name = f"fault_{os.getpid()}_{self.port}"

    def create(self) -> "Postgres":
        _quiet("pg_createcluster", self.version, self.name, "-p", str(self.port),
               "--start-conf=manual",
               "-o", "fsync=off", "-o", "synchronous_commit=off",
               "--", "--auth-host=trust", "--auth-local=trust", "--no-sync")
        self.start()
        return self

    def _ctl(self, action: str, *options: str) -> None:
        _quiet("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action,
               *options)

    def is_ready(self) -> bool:
        return _quiet("pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port),
                      check=False).returncode == 0

    def start(self) -> None:
        self._ctl("start")
        wait_until(self.is_ready, 30, "PostgreSQL accepting connections")

    def stop(self) -> None:
        self._ctl("stop", "-m", "fast")

    def restart(self) -> None:
        self._ctl("restart", "-m", "fast")
        wait_until(self.is_ready, 30, "PostgreSQL accepting connections again")

    def drop(self) -> None:
        _quiet("pg_dropcluster", "--stop", self.version, self.name, check=False)


class Redis:
    """A redis-server of our own, without persistence: a restart loses every message."""

    def __init__(self):
        self.port = free_port("FAULTS_REDIS_PORTS", "6411-6419")
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def ping(self) -> bool:
        return _quiet("redis-cli", "-p", str(self.port), "ping", check=False).stdout.strip() == "PONG"

    def start(self) -> "Redis":
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, 10, "Redis answering")
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            _quiet("redis-cli", "-p", str(self.port), "shutdown", "nosave", check=False)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self, down_for: float = 1.0) -> None:
        self.stop()
        time.sleep(down_for)
        self.start()


class Celery:
    """Workers and beats of a scenario, each with its own log file."""

    def __init__(self, env: dict, logs: Path):
        self.env, self.logs = env, logs
        self.processes: dict[str, subprocess.Popen] = {}

    def _start(self, name: str, arguments: list[str]) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "wb")  # closed with the process, below
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", *arguments],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        self.processes[name] = process
        return process

    def worker(self, name: str) -> subprocess.Popen:
        process = self._start(name, [
            "worker", "-P", "solo", "-l", "info", "--without-gossip", "--without-mingle",
            "--without-heartbeat", "-n", f"{name}-{os.getpid()}@%h",
        ])
        wait_until(lambda: "ready." in self.log(name) or process.poll() is not None, 60,
                   f"worker {name} ready")
        assert process.poll() is None, f"worker {name} did not start:\n{self.log(name)[-3000:]}"
        return process

    def beat(self, name: str) -> subprocess.Popen:
        return self._start(name, [
            "beat", "-l", "info", "--pidfile", str(self.logs / f"{name}.pid"),
            "-s", str(self.logs / f"{name}-schedule"),
        ])

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def alive(self, name: str) -> bool:
        return self.processes[name].poll() is None

    def kill(self, name: str) -> None:
        """kill -9: nothing acknowledged, nothing cleaned up."""
        process = self.processes[name]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def tools_missing() -> str:
    for tool in ("pg_createcluster", "pg_ctlcluster", "redis-server", "redis-cli"):
        if shutil.which(tool) is None:
            return tool
    return ""
