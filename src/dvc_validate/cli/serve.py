"""``dvc-validate serve``: the check page as a local app."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app
from ._options import LangOption, MaxBytesOption, _lang_config
from ._output import _print


@app.command()
def serve(
    ctx: typer.Context,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (0: any free port).")
    ] = 8766,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the page in a browser.")
    ] = False,
    lang: LangOption = None,
    max_bytes: MaxBytesOption = None,
) -> int:
    """Open the check page as a local app on 127.0.0.1 (needs dvc-validate\\[serve])."""
    from ..serve import HOST, bind, require_extra, run

    config = _lang_config(ctx, lang)
    if max_bytes is not None:
        config = config.model_copy(update={"max_bytes": max_bytes})
    require_extra()
    sock = bind(port)
    url = f"http://{HOST}:{sock.getsockname()[1]}/"
    stop = "Ctrl+C to stop" if config.lang == "en" else "Ctrl+C để dừng"
    _print(f"dvc-validate serve: {url} ({stop})")
    run(config, sock, open_browser=not no_browser)
    return 0
