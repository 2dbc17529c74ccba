"""``dvc-validate serve`` over HTTP: loopback only, the marked page, the same
sentence as the CLI for a bad file, the corrected copy with its changes, and
nothing left on disk."""

from __future__ import annotations

import base64
import builtins
import io
import re
import socket
import sys
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest

from dvc_validate.api import lint
from dvc_validate.model.finding import Result
from dvc_validate.report.html import count_line

from .conftest import Server

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "examples" / "binh-thanh-2024-02.docx"
CASES = ROOT / "src" / "dvc_validate" / "cases"
sys.path.insert(0, str(ROOT / "tests" / "data" / "bad"))
from make_bad import zip_bomb  # noqa: E402


def _error_sentence(page: str) -> str:
    m = re.search(r'<p class="error-box" role="alert">([^<]*)</p>', page)
    assert m, page[:500]
    return unescape(m.group(1))


def _listening(port: int) -> list[str]:
    """Local addresses of the sockets listening on ``port`` (IPv4 and IPv6)."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, hexport = local.rsplit(":", 1)
            if state == "0A" and int(hexport, 16) == port:
                out.append(addr)
    return out


def test_binds_only_to_loopback(start_server: Callable[..., Server]) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux /proc/net/tcp")
    server = start_server()
    assert _listening(server.port) == ["0100007F"]  # 127.0.0.1, nothing else, no IPv6
    others = {ai[4][0] for ai in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    for addr in others - {"127.0.0.1"}:
        with pytest.raises(OSError), socket.create_connection((addr, server.port), timeout=2):
            pass
    assert httpx.get(server.url).status_code == 200


def test_upload_page_is_local_and_guarded(start_server: Callable[..., Server]) -> None:
    server = start_server()
    r = httpx.get(server.url)
    assert r.status_code == 200 and 'type="file" name="draft"' in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "http://" not in r.text and "https://" not in r.text
    # a page on another site reaching the server by DNS rebinding sends its own Host
    assert httpx.get(server.url, headers={"host": "evil.example"}).status_code == 400


def _check(server: Server, path: Path, name: str | None = None, **extra: Any) -> httpx.Response:
    files = {"draft": (name or path.name, path.read_bytes()), **extra}
    return httpx.post(server.url + "check", files=files, timeout=60)


def test_check_shows_the_marked_draft(start_server: Callable[..., Server]) -> None:
    server = start_server()
    r = _check(server, DRAFT)
    assert r.status_code == 200
    assert 'id="dvc-count">16 lỗi cần sửa, 20 cảnh báo, 6 thông tin</p>' in r.text
    assert "<del>1000%</del><ins>100%</ins>" in r.text
    assert 'id="make-fixed"' in r.text


def test_english(start_server: Callable[..., Server]) -> None:
    r = _check(start_server("--lang", "en"), DRAFT)
    assert 'id="dvc-count">16 errors to fix, 20 warnings, 6 infos</p>' in r.text


def test_previous_month_is_used(start_server: Callable[..., Server], tmp_path: Path) -> None:
    server = start_server()
    current, previous = CASES / "base.txt", CASES / "base-previous.txt"
    extra = {"previous": (previous.name, previous.read_bytes())}
    r = _check(server, current, **extra)
    expected: Result = lint(current, previous=previous)
    assert f'id="dvc-count">{count_line(expected, "vi")}</p>' in r.text
    assert 'class="error-box"' not in r.text


@pytest.mark.parametrize(
    ("name", "data", "args"),
    [
        ("hong.docx", b"PK\x03\x04 not really a zip", ()),
        ("trong.txt", b"   \n", ()),
        ("lon.txt", "Tỷ lệ 95,6%\n".encode() * 200, ("--max-bytes", "1000")),
        ("bom.docx", zip_bomb(64 * 1024 * 1024), ()),
    ],
    ids=["corrupt", "empty", "too-large", "zip-bomb"],
)
def test_a_bad_file_gets_the_cli_sentence(
    start_server: Callable[..., Server],
    cli: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    name: str,
    data: bytes,
    args: tuple[str, ...],
) -> None:
    server = start_server(*args)
    (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    run = cli("lint", name, *args)
    assert run.code == 2
    sentence = run.err.strip().removeprefix("dvc-validate: lỗi: ")
    r = httpx.post(server.url + "check", files={"draft": (name, data)}, timeout=60)
    assert _error_sentence(r.text) == sentence
    assert 'id="make-fixed"' not in r.text


def test_corrected_copy_and_nothing_kept(start_server: Callable[..., Server]) -> None:
    import docx

    server = start_server()
    page = _check(server, DRAFT, name="Báo cáo <02>.docx").text
    payload = re.search(r'name="draft" value="([^"]+)"', page)
    name = re.search(r'name="name" value="([^"]+)"', page)
    assert payload and name and unescape(name.group(1)) == "Báo cáo _02_.docx"
    form = {"name": unescape(name.group(1)), "draft": payload.group(1), "mode": "unsafe"}
    r = httpx.post(server.url + "fix", files={k: (None, v) for k, v in form.items()}, timeout=120)
    assert r.status_code == 200
    link = re.search(r'id="download" download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', r.text)
    assert link and unescape(link.group(1)) == "Báo cáo _02_.fixed.docx"
    fixed = base64.b64decode(link.group(2))
    docx.Document(io.BytesIO(fixed))  # opens in Word's library
    changes = re.findall(
        r"<tr><td>([^<]*)</td><td><del>([^<]*)</del></td><td><ins>([^<]*)</ins>", r.text
    )
    assert ("bảng 1, hàng 4, ô 6", "1000%", "100%") in [tuple(map(unescape, c)) for c in changes]
    after = lint(fixed, format="docx")
    errors = [f for f in after.findings if f.severity.value == "error"]
    assert errors and all(f.fix is None for f in errors)  # only those a person must choose
    assert {f.code for f in errors} <= {"TO002", "CO002"}
    assert server.files() == []  # nothing on disk while it runs
    server.stop()
    assert list(server.tmp.iterdir()) == []  # and its private folder is gone


def test_missing_extra_names_it(cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def no_starlette(name: str, *args: Any, **kw: Any) -> Any:
        if name.split(".")[0] == "starlette":
            raise ImportError(name)
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_starlette)
    run = cli("serve", "--no-browser")
    assert run.code == 2
    assert "pip install 'dvc-validate[serve]'" in run.err and "starlette" in run.err


def test_port_in_use_is_one_sentence(cli: Callable[..., Any]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        run = cli("serve", "--port", str(port), "--no-browser", "--lang", "en")
    assert run.code == 2
    assert run.err.startswith(f"dvc-validate: error: Cannot open port {port}")
    assert run.err.count("\n") == 1


def _fix(server: Server, path: Path, mode: str) -> tuple[str, list[tuple[str, str, str, str]]]:
    page = _check(server, path).text
    payload = re.search(r'name="draft" value="([^"]+)"', page)
    assert payload
    form = {"name": path.name, "draft": payload.group(1), "mode": mode}
    r = httpx.post(server.url + "fix", files={k: (None, v) for k, v in form.items()}, timeout=120)
    rows = re.findall(
        r"<tr><td>([^<]*)</td><td><del>([^<]*)</del></td><td><ins>([^<]*)</ins></td><td>([^<]*)</td>",
        r.text,
    )
    return r.text, [tuple(unescape(c) for c in row) for row in rows]  # type: ignore[misc]


def test_the_clerk_chooses_safe_or_unsafe_fixes(start_server: Callable[..., Server]) -> None:
    from dvc_validate.checks import REGISTRY, load_rules
    from dvc_validate.model.finding import Applicability

    load_rules()

    server = start_server()
    text = ROOT / "examples" / "binh-thanh-2024-02.txt"
    page, safe = _fix(server, text, "safe")
    assert 'href="data:text/plain;charset=utf-8;base64,' in page
    codes = {row[3].rsplit("(", 1)[1].rstrip(")") for row in safe}
    assert codes and all(REGISTRY[c].fix == Applicability.SAFE for c in codes)
    _, unsafe = _fix(server, text, "unsafe")
    assert set(safe) < set(unsafe)
    assert any(row[1:3] == ("1000%", "100%") for row in unsafe)
    assert not any(row[1:3] == ("1000%", "100%") for row in safe)
