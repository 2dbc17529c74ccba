"""Click's own usage errors in Vietnamese.

Click writes its errors in English (its gettext catalogue has no Vietnamese), so
``--lang vi`` (the default) would show "No such option" to a clerk who reads no
English. Each error class is known by name (typer may vendor click), and its
sentence is rebuilt from the exception's fields, or, where click keeps only the
finished English sentence, from that sentence's fixed template. A message no
template matches is shown as click wrote it: better English than nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["LocalisedUsageError", "usage_message_vi"]

_PARAM_TYPE = {"argument": "đối số", "option": "tùy chọn", "parameter": "tham số"}
_NUMBER = {
    "integer": "số nguyên",
    "float": "số thực",
    "integer range": "số nguyên",
    "float range": "số thực",
    "boolean": "giá trị đúng/sai",
    "UUID": "UUID",
}
_PYDANTIC_TYPE = {"integer": "số nguyên", "number": "số", "boolean": "giá trị đúng/sai"}
_COMPARISON = {
    "greater than or equal to": "lớn hơn hoặc bằng",
    "greater than": "lớn hơn",
    "less than or equal to": "nhỏ hơn hoặc bằng",
    "less than": "nhỏ hơn",
}
_PATH_KIND = {"File": "Tệp", "Directory": "Thư mục", "Path": "Đường dẫn"}
_PATH_STATE = {
    "does not exist": "không tồn tại",
    "is a file": "là một tệp",
    "is a directory": "là một thư mục",
    "is not readable": "không đọc được",
    "is not writable": "không ghi được",
}


class LocalisedUsageError(Exception):
    """Mixed into the ``BadParameter`` that the CLI's own option checks raise, so
    that the sentence is shown in the user's language rather than translated."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en


_Template = tuple[str, Callable[[re.Match[str]], str]]


def _first_match(templates: list[_Template], text: str) -> str | None:
    """The sentence of the first template that matches all of ``text``."""
    for pattern, render in templates:
        if m := re.fullmatch(pattern, text):
            return render(m)
    return None


def _names(exc: BaseException) -> set[str]:
    return {c.__name__ for c in type(exc).__mro__}


def _hint(exc: BaseException) -> str:
    """The parameter as click names it in errors: ``'--format' / '-f'``, ``'PATH'``."""
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        try:  # typer's own click takes no context; click itself takes one
            hint = param.get_error_hint()
        except TypeError:
            hint = param.get_error_hint(getattr(exc, "ctx", None))
    if isinstance(hint, str):
        return hint
    if isinstance(hint, Iterable):
        return " / ".join(repr(h) for h in hint)
    return ""


def _did_you_mean(possibilities: Iterable[str] | None) -> str:
    names = list(possibilities or [])
    return f"; có phải ý bạn là {', '.join(names)}?" if names else ""


def _value_vi(message: str) -> str:
    """A value's problem, from the templates of click's and typer's parameter types."""
    message = message.removeprefix("Value error, ").strip()
    templates: list[_Template] = [
        (
            r"(?P<v>.+?) is not one of (?P<c>.+?)\.?",
            lambda m: f"{m['v']} không phải một trong {m['c']}",
        ),
        (
            r"(?P<v>.+?) is not a valid (?P<t>integer range|float range|integer|float|boolean|UUID)\b.*",
            lambda m: f"{m['v']} không phải {_NUMBER[m['t']]} hợp lệ",
        ),
        (
            r"(?P<v>.+?) is not in the range (?P<r>.+?)\.?",
            lambda m: f"{m['v']} nằm ngoài khoảng {m['r']}",
        ),
        (
            rf"(?P<k>File|Directory|Path) (?P<v>.+) (?P<s>{'|'.join(_PATH_STATE)})\.?",
            lambda m: f"{_PATH_KIND[m['k']]} {m['v']} {_PATH_STATE[m['s']]}",
        ),
    ]
    templates += [  # typer 0.2x coerces with pydantic, whose sentences differ
        (
            r"Input should be a valid (?P<t>integer|number|boolean)\b.*",
            lambda m: f"giá trị phải là {_PYDANTIC_TYPE[m['t']]}",
        ),
        (
            r"Input should be (?P<op>greater than or equal to|greater than|less than or equal to"
            r"|less than) (?P<n>\S+?)\.?",
            lambda m: f"giá trị phải {_COMPARISON[m['op']]} {m['n']}",
        ),
    ]
    return _first_match(templates, message) or message


def usage_message_vi(exc: BaseException) -> str | None:
    """The usage error in Vietnamese, or ``None`` when its English is all there is."""
    if isinstance(exc, LocalisedUsageError):
        return f"giá trị không hợp lệ: {exc.vi}"
    names = _names(exc)
    message = str(getattr(exc, "message", "") or "")
    if "NoSuchOption" in names:
        option = getattr(exc, "option_name", "")
        return f"không có tùy chọn {option}" + _did_you_mean(getattr(exc, "possibilities", None))
    if "NoSuchCommand" in names:
        command = getattr(exc, "command_name", "")
        return f"không có lệnh '{command}'" + _did_you_mean(getattr(exc, "possibilities", None))
    if "MissingParameter" in names:
        param = getattr(exc, "param", None)
        kind = str(
            getattr(exc, "param_type", None) or getattr(param, "param_type_name", "parameter")
        )
        hint = _hint(exc)
        return f"thiếu {_PARAM_TYPE.get(kind, kind)}" + (f" {hint}" if hint else "")
    if "BadParameter" in names:
        hint = _hint(exc)
        where = f" cho {hint}" if hint else ""
        return f"giá trị không hợp lệ{where}: {_value_vi(message)}"
    return _sentence_vi(message)


def _sentence_vi(message: str) -> str | None:
    """Usage errors click raises with a finished sentence only."""
    templates: list[_Template] = [
        (
            r"Option (?P<o>'.+?') requires an argument\.",
            lambda m: f"tùy chọn {m['o']} cần một giá trị",
        ),
        (
            r"Option (?P<o>'.+?') requires (?P<n>\d+) arguments\.",
            lambda m: f"tùy chọn {m['o']} cần {m['n']} giá trị",
        ),
        (
            r"Option (?P<o>'.+?') does not take a value\.",
            lambda m: f"tùy chọn {m['o']} không nhận giá trị",
        ),
        (
            r"Argument (?P<a>'.+?') takes (?P<n>\d+) values\.",
            lambda m: f"đối số {m['a']} cần {m['n']} giá trị",
        ),
        (
            r"Got unexpected extra arguments?(?:\(s\))? \((?P<a>.*)\)",
            lambda m: f"thừa đối số ({m['a']})",
        ),
        (r"Missing command\.", lambda m: "thiếu lệnh"),
        (r"No such command (?P<c>'.+?')\.", lambda m: f"không có lệnh {m['c']}"),
    ]
    return _first_match(templates, message.strip())
