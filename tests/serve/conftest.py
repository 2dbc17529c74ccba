"""A live ``dvc-validate serve`` in a child process, as a clerk would start it.

The child's ``TMPDIR`` is a folder of the test, so a test can see every file the
server (or the web stack's spooling) writes, and that none is left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("multipart")

SRC = Path(__file__).resolve().parents[2] / "src"


@dataclass
class Server:
    url: str
    port: int
    tmp: Path  # the child's TMPDIR
    proc: subprocess.Popen[str]

    def files(self) -> list[Path]:
        """Every file under the child's temporary folder."""
        return [p for p in self.tmp.rglob("*") if p.is_file() or p.is_symlink()]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(*args: str) -> Server:
        tmp = tmp_path / f"tmp{len(started)}"
        tmp.mkdir()
        env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(SRC)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "dvc_validate", "serve", "--port", "0", "--no-browser", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        line = proc.stdout.readline() if proc.stdout else ""
        if not line.startswith("dvc-validate serve: http://127.0.0.1:"):
            proc.kill()
            raise AssertionError(
                f"serve did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}"
            )
        url = line.split()[2]
        server = Server(url=url, port=int(url.rstrip("/").rsplit(":", 1)[1]), tmp=tmp, proc=proc)
        started.append(server)
        return server

    yield start
    for s in started:
        s.stop()
        for stream in (s.proc.stdout, s.proc.stderr):
            if stream:
                stream.close()
