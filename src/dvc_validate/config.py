"""Configuration: which rules run, at what severity, in which language.

Loaded from ``[tool.dvc-validate]`` in ``pyproject.toml`` or from the top level
of ``dvc-validate.toml``; the nearest file to the checked path wins
(:func:`find_config`), as in ruff. Every field is validated with pydantic, and a
bad value is a :class:`ConfigError` that names the file and the key, because a
config is written by hand and the fix is always "edit that key".

Paths inside a config (rule packs, ``per-file-ignores`` and ``suppress.path``
globs) are relative to the directory of the file they are written in, so the
same config works whatever directory the tool is started from.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from ._safeio import Refused, read_limited
from .errors import ConfigError, UnknownRuleError
from .model.finding import Finding, Severity
from .names import closest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 needs the backport
    import tomli as tomllib

if TYPE_CHECKING:
    from .engine import Selection

__all__ = [
    "CONFIG_FILES",
    "Config",
    "Suppression",
    "check_rule_references",
    "find_config",
    "load_config",
    "reaches_fail_on",
]

#: Names looked for in each directory, in order of preference within one directory.
CONFIG_FILES = ("dvc-validate.toml", "pyproject.toml")
#: A config is a few lines written by hand; a pyproject.toml rarely passes 50 KB.
MAX_CONFIG_BYTES = 1024 * 1024
#: The largest ``max-bytes`` accepted: text costs ~30× its size in memory.
MAX_BYTES_LIMIT = 4 * 1024**3

_TARGETS = ("indicator", "line", "paragraph", "table", "row", "cell")
_UNTARGETED = (
    "một chỉ thị bỏ qua cần chỉ tiêu (indicator) hoặc vị trí (line, paragraph, table, row, cell); "
    "muốn tắt cả quy tắc thì dùng ignore hoặc per-file-ignores",
    "a suppression needs an indicator or a location (line, paragraph, table, row, cell); "
    "use ignore or per-file-ignores to turn a whole rule off",
)


class Suppression(BaseModel):
    """Silence one finding on purpose, with a reason. Matches by code plus
    indicator and/or location fields; an unmatched suppression is reported."""

    model_config = ConfigDict(extra="forbid")

    code: str
    reason: str = Field(min_length=1)
    indicator: str | None = None
    line: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    path: str | None = None  # glob of files it applies to

    @model_validator(mode="after")
    def _targeted(self) -> Suppression:
        """A suppression points at one place; silencing a whole rule is ``ignore``'s job."""
        if all(getattr(self, t) is None for t in _TARGETS):
            raise PydanticCustomError("suppression_untargeted", _UNTARGETED[1])
        return self


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    lang: Literal["vi", "en"] = "vi"
    fail_on: Literal["error", "warning", "info", "never"] = Field(default="error", alias="fail-on")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    suppress: list[Suppression] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)  # extra rule pack files
    # a report is well under 1 MB; reading text costs ~30× its size in memory
    max_bytes: int = Field(default=32 * 1024 * 1024, alias="max-bytes", gt=0, le=MAX_BYTES_LIMIT)
    source: str | None = Field(default=None, exclude=True)  # the file it came from

    @property
    def root(self) -> Path | None:
        """The directory the config's relative paths and globs are relative to."""
        return Path(self.source).resolve().parent if self.source else None

    def matches_path(self, pattern: str, path: str) -> bool:
        """Does the glob ``pattern`` name ``path``?

        Tried against the path as given, its file name, and the path relative to
        the config's directory, so ``drafts/*.docx`` works from any directory.
        """
        p = PurePath(path).as_posix().removeprefix("./")
        candidates = [p, PurePath(path).name]
        root = self.root
        if root is not None and not path.startswith("<"):
            rel = os.path.relpath(os.path.abspath(path), root)
            if not rel.startswith(".."):
                candidates.append(PurePath(rel).as_posix())
        return any(fnmatch.fnmatch(c, pattern) for c in candidates)

    def selection_for(self, path: str) -> Selection:
        """The rules to run on ``path``: ``ignore`` plus its ``per-file-ignores``."""
        from .engine import Selection

        ignore = list(self.ignore)
        for pattern, codes in self.per_file_ignores.items():
            if self.matches_path(pattern, path):
                ignore.extend(codes)
        return Selection(
            select=tuple(self.select), extend_select=tuple(self.extend_select), ignore=tuple(ignore)
        )


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (a file or folder; default cwd).

    In each directory ``dvc-validate.toml`` is preferred; a ``pyproject.toml``
    counts only if it has a ``[tool.dvc-validate]`` table, so an unrelated
    project file does not stop the search.
    """
    here = Path(start if start is not None else os.getcwd()).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = read_limited(pyproject, MAX_CONFIG_BYTES).decode("utf-8")
    except Refused:
        return True  # ours or not, load_config says plainly why it is not read
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(text)
    except RecursionError:
        return True
    except tomllib.TOMLDecodeError:
        # broken TOML: ours only if it mentions our table, so load_config reports the error
        return "[tool.dvc-validate" in text
    tool = data.get("tool")
    return isinstance(tool, dict) and "dvc-validate" in tool


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate one config file (``pyproject.toml`` or ``dvc-validate.toml``)."""
    p = Path(path)
    text = _read_config(p)
    try:
        data = tomllib.loads(text)
    except RecursionError as exc:  # tomllib recurses once per level of nesting
        raise ConfigError(
            f"Tệp cấu hình {p} lồng nhau quá sâu (mảng hoặc bảng trong nhau).",
            f"Config file {p} is nested too deeply (arrays or tables inside each other).",
            file=str(p),
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"Tệp cấu hình {p} không đúng cú pháp TOML: {exc}.",
            f"Config file {p} is not valid TOML: {exc}.",
        ) from exc
    prefix = ""
    if p.name == "pyproject.toml":
        prefix = "tool.dvc-validate."
        tool = data.get("tool", {})
        data = tool.get("dvc-validate", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(
                f"{p}: [tool.dvc-validate] phải là một bảng.",
                f"{p}: [tool.dvc-validate] must be a table.",
            )
    if "source" in data:  # an internal field, not a key users may set
        raise _key_error(p, prefix + "source", "khoá không được hỗ trợ", "unknown key")
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(p, prefix, exc) from exc
    root = p.resolve().parent
    return config.model_copy(
        update={"source": str(p), "rules": [str(root / r) for r in config.rules]},
    )


def _read_config(p: Path) -> str:
    """A config's text: a regular file of at most ``MAX_CONFIG_BYTES``, in UTF-8.

    Configs are discovered beside the draft, so a received folder may hold one:
    a FIFO or device under its name is refused without waiting on it."""
    try:
        return read_limited(p, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(
            f"Không tìm thấy tệp cấu hình: {p}.", f"Config file not found: {p}."
        ) from exc
    except Refused as exc:
        vi, en = exc.words(MAX_CONFIG_BYTES)
        raise ConfigError(
            f"Tệp cấu hình {p} {vi}; không đọc.",
            f"Config file {p} {en}; it is not read.",
            file=str(p),
        ) from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(
            f"Không đọc được tệp cấu hình {p}: {exc}.", f"Cannot read config file {p}: {exc}."
        ) from exc


_VI_MESSAGES = {
    "extra_forbidden": ("khoá không được hỗ trợ", "unknown key"),
    "missing": ("thiếu khoá bắt buộc", "required key is missing"),
    "string_too_short": ("không được để trống", "must not be empty"),
    "literal_error": ("giá trị không hợp lệ", "invalid value"),
    "enum": ("giá trị không hợp lệ", "invalid value"),
    "greater_than": ("phải lớn hơn 0", "must be greater than 0"),
    "less_than_equal": (
        f"quá lớn (tối đa {MAX_BYTES_LIMIT:,})",
        f"too large (at most {MAX_BYTES_LIMIT:,})",
    ),
    "int_parsing_size": ("số quá dài", "the number is too long"),
    "suppression_untargeted": _UNTARGETED,
}


#: The keys of the config file, as they are spelled there (``extend-select``).
_KEYS = [f.alias or name for name, f in Config.model_fields.items() if name != "source"]


def _validation_error(path: Path, prefix: str, exc: ValidationError) -> ConfigError:
    """One line that names the file and every bad key, in both languages."""
    vi: list[str] = []
    en: list[str] = []
    for err in exc.errors():
        key = prefix + "".join(f"[{x + 1}]" if isinstance(x, int) else f".{x}" for x in err["loc"])
        key = key.replace("..", ".").lstrip(".")
        msg_vi, msg_en = _VI_MESSAGES.get(err["type"], (err["msg"], err["msg"]))
        near = closest(str(err["loc"][0]), _KEYS) if err["type"] == "extra_forbidden" else None
        if near is not None and len(err["loc"]) == 1:
            msg_vi, msg_en = f"{msg_vi} (có phải '{near}'?)", f"{msg_en} (did you mean '{near}'?)"
        if err["type"] in ("literal_error", "enum"):
            expected = err.get("ctx", {}).get("expected", "")
            msg_vi, msg_en = f"{msg_vi} (cần: {expected})", f"{msg_en} (expected: {expected})"
        vi.append(f"khoá '{key}': {msg_vi}")
        en.append(f"key '{key}': {msg_en}")
    return ConfigError(
        f"Cấu hình không hợp lệ trong {path}: " + "; ".join(vi) + ".",
        f"Invalid configuration in {path}: " + "; ".join(en) + ".",
        file=str(path),
    )


def _key_error(path: Path, key: str, vi: str, en: str) -> ConfigError:
    return ConfigError(
        f"Cấu hình không hợp lệ trong {path}: khoá '{key}': {vi}.",
        f"Invalid configuration in {path}: key '{key}': {en}.",
        file=str(path),
        key=key,
    )


def check_rule_references(config: Config) -> None:
    """Fail early on rule codes that match nothing and on bad per-rule options.

    The runner would find these too, but once per file and mid-run; checking
    once up front gives one clear message that names the config key.
    """
    from .engine import REGISTRY, Selection, resolve_selection

    where = f" ({config.source})" if config.source else ""
    keyed: list[tuple[str, list[str]]] = [
        ("select", config.select),
        ("extend-select", config.extend_select),
        ("ignore", config.ignore),
        *((f"per-file-ignores.{pat}", codes) for pat, codes in config.per_file_ignores.items()),
    ]
    for key, items in keyed:
        try:
            resolve_selection(Selection(select=tuple(items)))
        except UnknownRuleError as exc:
            raise UnknownRuleError(
                f"{exc.message('vi')}{where} [khoá '{key}']",
                f"{exc.message('en')}{where} [key '{key}']",
                key=key,
            ) from exc
    # severity and options apply per rule code, so a prefix or name there would do nothing
    for key, codes in (("severity", list(config.severity)), ("options", list(config.options))):
        for code in codes:
            if code not in REGISTRY:
                raise UnknownRuleError(
                    f"Không có quy tắc mã '{code}'{where} [khoá '{key}.{code}']; "
                    "ở đây cần mã đầy đủ, ví dụ PC001. Xem danh sách: dvc-validate rules",
                    f"No rule has the code '{code}'{where} [key '{key}.{code}']; "
                    "a full code such as PC001 is needed here. See the list: dvc-validate rules",
                    key=f"{key}.{code}",
                )
    for code, opts in config.options.items():
        try:
            REGISTRY[code].options.model_validate(opts)
        except ValidationError as exc:
            path = Path(config.source) if config.source else Path("<cli>")
            raise _validation_error(path, f"options.{code}.", exc) from exc


def reaches_fail_on(findings: Iterable[Finding], fail_on: str) -> bool:
    """Is any finding at or above ``fail_on`` (``never``: none ever is)?

    The one definition of ``fail-on``, shared by the CLI's exit code and the
    pytest plugin's verdict.
    """
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in findings)
