"""``dvc-validate portal fetch``: the only code that opens the network, and only when asked.

It asks the portal's reporting API for one unit's month, endpoint by endpoint,
with the requests the recorded captures used (``rules/portal.yaml``: base URL
and payloads), checks that every answer is such a response (the reader refuses
anything else), and only then writes the files and a capture record
(``CAPTURES.json``: URL, payload, time, sha256 and size of each file) into a
new folder. Nothing is ever overwritten, and no link is followed: a fetch is a
record of what the portal said at one moment.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..vn import last_day_of_month
from .pack import PortalPack, portal_pack
from .read import CAPTURES, read_portal

__all__ = ["FetchError", "Fetched", "fetch"]

_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_MAX_BYTES = 64 * 1024 * 1024


class FetchError(InputError):
    """The portal could not be asked, or did not answer with a response."""


@dataclass(frozen=True)
class Fetched:
    endpoint: str
    file: Path
    record: dict[str, Any]


def _payload(template: dict[str, Any], unit: str, year: int, month: int) -> dict[str, Any]:
    last = last_day_of_month(year, month)
    values = {
        "{unit}": unit,
        "{year}": year,
        "{month}": month,
        "{first}": f"{year:04d}-{month:02d}-01",
        "{last}": last.isoformat(),
    }
    return {k: values.get(v, v) if isinstance(v, str) else v for k, v in template.items()}


def _post(url: str, payload: dict[str, Any], timeout: float) -> tuple[int, str, bytes]:
    body = json.dumps(payload).encode("utf-8")
    req = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read(_MAX_BYTES + 1)
            return int(resp.status), str(resp.headers.get("Content-Type", "")), data
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(
            f"Không lấy được {url}: {reason}.", f"Could not fetch {url}: {reason}.", url=url
        ) from exc


def _prepare(out: Path, names: list[str]) -> None:
    """A new folder, or an existing real folder that holds none of the files."""
    if out.is_symlink():
        raise FetchError(
            f"{out} là một liên kết; hãy chọn một thư mục thật.",
            f"{out} is a link; choose a real folder.",
        )
    if out.exists() and not out.is_dir():
        raise FetchError(f"{out} không phải là thư mục.", f"{out} is not a folder.")
    clash = [n for n in names if os.path.lexists(out / n)]
    if clash:
        raise FetchError(
            f"{out} đã có {', '.join(clash)}; không ghi đè, hãy chọn thư mục khác.",
            f"{out} already holds {', '.join(clash)}; nothing is overwritten, choose another folder.",
        )


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path``; fail if anything (a file, a link) is already there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def fetch(
    unit: str,
    month: str,
    out: str | os.PathLike[str],
    *,
    base_url: str | None = None,
    timeout: float = 60.0,
    pack: PortalPack | None = None,
) -> list[Fetched]:
    """Fetch ``unit``'s (a root department id) figures for ``month`` (``YYYY-MM``) into ``out``."""
    m = _MONTH_RE.match(month)
    if m is None:
        raise FetchError(
            f"Tháng {month!r} phải viết dạng YYYY-MM.", f"Month {month!r} must be YYYY-MM."
        )
    year, mon = int(m.group(1)), int(m.group(2))
    pack = pack or portal_pack()
    base = base_url or pack.base_url
    if not base.startswith(("https://", "http://")):
        raise FetchError(f"Địa chỉ {base!r} không phải http(s).", f"{base!r} is not http(s).")
    base = base if base.endswith("/") else base + "/"
    target = Path(out)
    names = [f"{e.endpoint}.json" for e in pack.endpoints] + [CAPTURES]
    _prepare(target, names)
    answers: dict[str, bytes] = {}
    records: list[dict[str, Any]] = []
    for ep in pack.endpoints:
        url = base + ep.endpoint
        payload = _payload(ep.payload or pack.payload, unit, year, mon)
        status, ctype, data = _post(url, payload, timeout)
        if len(data) > _MAX_BYTES:
            raise FetchError(f"{url}: phản hồi quá lớn.", f"{url}: the response is too large.")
        name = f"{ep.endpoint}.json"
        answers[name] = data
        records.append(
            {
                "endpoint": ep.endpoint,
                "localFile": name,
                "url": url,
                "payload": payload,
                "httpStatus": status,
                "contentType": ctype,
                "capturedAt": datetime.now(timezone.utc).isoformat(),
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
                "period": "month",
                "scope": "all",
            }
        )
    record = json.dumps({"captures": records}, ensure_ascii=False, indent=2).encode("utf-8")
    # every answer must be a response the reader accepts before anything is written
    files: dict[str, bytes] = {**answers, CAPTURES: record}
    read_portal(files, pack=pack)
    _prepare(target, names)  # again: nothing may have appeared meanwhile
    target.mkdir(parents=True, exist_ok=True)
    for name, data in answers.items():
        _write_new(target / name, data)
    _write_new(target / CAPTURES, record)
    return [Fetched(r["endpoint"], target / r["localFile"], r) for r in records]
