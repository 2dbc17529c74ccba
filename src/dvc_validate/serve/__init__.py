"""``dvc-validate serve``: the clerk's page as a local web app.

The clerk drops a draft (and, optionally, last month's report) on a page at
``http://127.0.0.1:8766``, sees the marked-up draft of ``--format html``, and
downloads a corrected copy with the list of every change.

Why the design is what it is:

- **Nothing leaves the machine.** The server binds to 127.0.0.1 only (there is no
  option to change that), accepts only ``Host: 127.0.0.1`` or ``localhost`` (so a web
  page cannot reach it by DNS rebinding), and its pages load nothing from elsewhere.
- **Nothing is kept.** An upload is read in memory; the fixer, which works on a
  path, gets a private temporary folder that is removed when the request ends. The
  web stack's own spool files also go into a private folder, removed at exit. The
  corrected copy is handed back inside the page (a ``data:`` link), and the page
  that offers the fix carries the draft itself, so the server holds no state
  between requests.
- **The reader's limits apply.** The upload goes through the same readers, size
  limit and hostile-input guards as the CLI; a bad file gets the same one plain
  sentence, on the page.
- **A kept web stack.** Starlette, uvicorn and python-multipart (the optional extra
  ``serve``); no hand-written HTTP or multipart parsing.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DvcValidateError

if TYPE_CHECKING:
    from ..config import Config

__all__ = ["HOST", "bind", "require_extra", "run"]

HOST = "127.0.0.1"
_EXTRA = "pip install 'dvc-validate[serve]'"


def require_extra() -> None:
    """Raise one plain sentence naming the extra when the web stack is missing."""
    missing = []
    for module in ("starlette", "uvicorn", "multipart"):
        try:
            __import__(module)
        except ImportError:
            missing.append("python-multipart" if module == "multipart" else module)
    if missing:
        names = ", ".join(missing)
        raise DvcValidateError(
            f"Lệnh serve cần thêm gói {names}; cài bằng: {_EXTRA}",
            f"The serve command needs {names}; install it with: {_EXTRA}",
        )


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:``port``, or a plain sentence why not."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
        sock.listen(16)
    except OSError as exc:
        sock.close()
        raise DvcValidateError(
            f"Không mở được cổng {port} ({exc.strerror}); chọn cổng khác bằng --port.",
            f"Cannot open port {port} ({exc.strerror}); choose another with --port.",
        ) from None
    return sock


def run(config: Config, sock: socket.socket, *, open_browser: bool = True) -> None:
    """Serve until interrupted, on a socket from :func:`bind`; the private temporary
    folder is removed on the way out, whatever happens."""
    import uvicorn

    from .app import create_app

    private = Path(tempfile.mkdtemp(prefix="dvc-validate-serve-"))
    saved = tempfile.tempdir
    tempfile.tempdir = str(private)  # the multipart spool files land here too
    try:
        app = create_app(config, private)
        server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        )
        if open_browser:
            host, port = sock.getsockname()[:2]
            url = f"http://{host}:{port}/"
            threading.Timer(0.5, webbrowser.open, args=(url,)).start()
        server.run(sockets=[sock])
    finally:
        tempfile.tempdir = saved
        shutil.rmtree(private, ignore_errors=True)
