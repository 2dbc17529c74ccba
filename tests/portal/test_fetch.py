"""``portal fetch`` against a local server on 127.0.0.1 that replays the recorded files,
and ``lint --portal`` with every socket call refused. Nothing here leaves the machine."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from clirun import Run
from dvc_validate.api import lint
from dvc_validate.errors import DvcValidateError, NotAReportError
from dvc_validate.portal import PortalData, read_portal
from dvc_validate.portal.fetch import FetchError, fetch
from portal.drafts import draft, unit_id_of

PROVINCE = "019d2be3-6a88-732b-8b17-b68020c8553a"


class _Replay(BaseHTTPRequestHandler):
    """POST /api/v1/reporting/evaluation/<endpoint> → the recorded file, as recorded."""

    folder: Path
    requests: list[tuple[str, dict[str, Any]]]
    broken: bool = False

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        endpoint = self.path.rsplit("/", 1)[-1]
        self.requests.append((endpoint, body))
        path = self.folder / f"{endpoint}.json"
        data = b"<html>maintenance</html>" if self.broken else path.read_bytes()
        self.send_response(201)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server(recorded_dir: Path) -> Iterator[tuple[str, type[_Replay]]]:
    handler = type("Replay", (_Replay,), {"folder": recorded_dir, "requests": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api/v1/reporting/evaluation/", handler
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_fetch_asks_as_the_captures_did_and_writes_the_same_files(
    server: tuple[str, type[_Replay]], recorded_dir: Path, tmp_path: Path
) -> None:
    base, handler = server
    out = tmp_path / "phu-tho"
    got = fetch(PROVINCE, "2026-08", out, base_url=base)
    recorded = json.loads((recorded_dir / "CAPTURES.json").read_text(encoding="utf-8"))
    want = {c["endpoint"]: c for c in recorded["captures"]}
    assert {g.endpoint for g in got} == set(want)
    for endpoint, body in handler.requests:  # the recorded payloads, field for field
        assert body == want[endpoint]["payload"]
    for g in got:
        assert g.file.read_bytes() == (recorded_dir / want[g.endpoint]["localFile"]).read_bytes()
        assert g.record["sha256"] == want[g.endpoint]["sha256"]
    fetched = read_portal(out)  # the capture record gives the period
    assert fetched.periods == ["2026-08"] and len(fetched.table) == len(
        read_portal(recorded_dir).table
    )


def test_fetch_never_overwrites_nor_follows_a_link(
    server: tuple[str, type[_Replay]], tmp_path: Path
) -> None:
    base, _ = server
    out = tmp_path / "once"
    fetch(PROVINCE, "2026-08", out, base_url=base)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(FetchError, match="nothing is overwritten"):
        fetch(PROVINCE, "2026-08", out, base_url=base)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(FetchError, match="link"):
        fetch(PROVINCE, "2026-08", link, base_url=base)
    assert not (tmp_path / "elsewhere").exists()


def test_an_answer_that_is_not_a_response_writes_nothing(
    server: tuple[str, type[_Replay]], tmp_path: Path
) -> None:
    base, handler = server
    handler.broken = True
    out = tmp_path / "bad"
    with pytest.raises(NotAReportError):
        fetch(PROVINCE, "2026-08", out, base_url=base)
    assert not out.exists()


def test_an_unreachable_portal_is_one_plain_error(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError) as exc:
        fetch(PROVINCE, "2026-08", tmp_path / "x", base_url=f"http://127.0.0.1:{port}/", timeout=5)
    assert "Could not fetch" in exc.value.message("en") and not (tmp_path / "x").exists()
    with pytest.raises(DvcValidateError, match="YYYY-MM"):
        fetch(PROVINCE, "08/2026", tmp_path / "y")


def test_the_fetch_command(
    cli: Callable[..., Run], server: tuple[str, type[_Replay]], tmp_path: Path
) -> None:
    base, _ = server
    out = tmp_path / "cli"
    run = cli(
        "portal", "fetch", "--unit", PROVINCE, "--month", "2026-08", "-o", out, "--base-url", base
    )
    assert run.code == 0, run.err
    assert len(run.out.strip().split("\n")) == 6 and (out / "CAPTURES.json").is_file()
    again = cli(
        "portal", "fetch", "--unit", PROVINCE, "--month", "2026-08", "-o", out, "--base-url", base
    )
    assert again.code == 2 and "ghi đè" in again.err


def test_lint_with_portal_opens_no_socket(
    monkeypatch: pytest.MonkeyPatch, recorded: PortalData, recorded_dir: Path, tmp_path: Path
) -> None:
    text = draft(recorded, unit_id_of(recorded, "UBND xã Xuân Lũng"))
    path = tmp_path / "draft.txt"
    path.write_text(
        text.replace("Công khai, minh bạch đạt ", "Công khai, minh bạch đạt 1"), encoding="utf-8"
    )

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network access: {args!r}")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    result = lint(str(path), portal=recorded_dir)
    assert result.files[0].error is None
    assert [f.code for f in result.findings if f.code.startswith("PT")] == ["PT010"]  # it compared
