"""The Starlette app behind ``dvc-validate serve``: three pages, no state.

``GET /`` is the upload form; ``POST /check`` lints the draft (and last month's
report, if given) and answers with the marked-up page; ``POST /fix`` fixes the draft
the check page sent back and answers with the corrected copy and its changes.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..config import Config
from ..errors import DvcValidateError, InputTooLargeError
from ..readers import ReadLimits
from ..readers.base import check_size
from .pages import error_page, fixed_page, result_page, upload_page
from .work import fix_upload, lint_upload, safe_name

__all__ = ["create_app"]

#: The pages load nothing from elsewhere and post only to this app.
_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
_SLACK = 64 * 1024  # multipart headers and the small fields around the file


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=_HEADERS)


def _too_large(limit: int, lang: str) -> HTMLResponse:
    exc = InputTooLargeError(
        f"Tệp tải lên lớn hơn giới hạn {limit:,} byte.".replace(",", "."),
        f"The upload is larger than the limit of {limit:,} bytes.",
    )
    return _html(error_page(exc.message(lang), lang), 413)


def _unreadable(lang: str) -> HTMLResponse:
    sentence = (
        "The upload could not be read; choose the file again."
        if lang == "en"
        else "Không đọc được dữ liệu tải lên; hãy chọn lại tệp."
    )
    return _html(error_page(sentence, lang), 400)


def _bug(exc: Exception, lang: str) -> HTMLResponse:
    what = f"{type(exc).__name__}: {exc}"
    sentence = (
        f"internal error: {what}. This is a bug in dvc-validate; please report it."
        if lang == "en"
        else f"lỗi nội bộ: {what}. Đây là lỗi của dvc-validate, xin hãy báo lại."
    )
    return _html(error_page(sentence, lang), 500)


def create_app(config: Config, workdir: Path) -> Starlette:
    """The app; ``workdir`` is the private folder the fixer may use for a moment."""
    lang = config.lang
    limit = config.max_bytes

    def oversized(request: Request, files: int) -> bool:
        length = request.headers.get("content-length", "")
        return length.isdigit() and int(length) > files * (limit * 4 // 3 + 4) + _SLACK

    async def upload(file: object) -> tuple[bytes, str] | None:
        if not isinstance(file, UploadFile) or not file.filename:
            return None
        if file.size is not None and file.size > limit:  # the reader's own sentence
            await file.close()
            check_size(file.size, ReadLimits(max_bytes=limit), safe_name(file.filename))
        data = await file.read(limit + 1)
        await file.close()
        return data, file.filename

    async def index(request: Request) -> Response:
        return _html(upload_page(lang))

    async def check(request: Request) -> Response:
        if oversized(request, 2):
            return _too_large(limit, lang)
        try:
            async with request.form(max_files=2, max_fields=4) as form:
                draft = await upload(form.get("draft"))
                previous = await upload(form.get("previous"))
            if draft is None:
                return _html(upload_page(lang), 400)
            result = lint_upload(*draft, config, previous=previous)
            return _html(result_page(result, draft[0], lang))
        except DvcValidateError as exc:  # last month's report could not be read
            return _html(error_page(exc.message(lang), lang), 422)
        except HTTPException:  # a malformed or oversized multipart body
            return _unreadable(lang)
        except Exception as exc:  # a bug: say so in one sentence, keep serving
            return _bug(exc, lang)

    async def fix(request: Request) -> Response:
        if oversized(request, 1):
            return _too_large(limit, lang)
        try:
            async with request.form(max_files=0, max_fields=4, max_part_size=2 * limit) as form:
                name, payload = str(form.get("name") or ""), str(form.get("draft") or "")
                unsafe = form.get("mode") == "unsafe"
            try:
                data = base64.b64decode(payload, validate=True)
            except (binascii.Error, ValueError):
                return _unreadable(lang)
            if len(data) > limit:
                return _too_large(limit, lang)
            fixed = fix_upload(data, name, config, unsafe=unsafe, workdir=workdir)
            return _html(fixed_page(fixed, lang))
        except DvcValidateError as exc:
            return _html(error_page(exc.message(lang), lang), 422)
        except HTTPException:
            return _unreadable(lang)
        except Exception as exc:
            return _bug(exc, lang)

    return Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/check", check, methods=["POST"]),
            Route("/fix", fix, methods=["POST"]),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"])],
    )
