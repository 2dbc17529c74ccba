"""The report model itself, as JSON or YAML: extraction already done, checks only.

This lets a user (or a pipeline) fix up what extraction understood and lint that,
and lets tests feed checks a hand-written model. Two shapes are accepted: the
bare :class:`Report` and the wrapper written by ``dvc-validate extract``::

    {"schema": "dvc-validate/report@1", "report": {...}}

A broken file is a tool failure, so every error is a :class:`CorruptInputError`
that says where: the line for JSON/YAML syntax, the field path for a value that
does not fit the model. YAML is read with ``safe_load`` only: a model file must
never be able to construct Python objects.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import CorruptInputError, InputTooLargeError
from ..model.report import Report
from .encoding import decode_text

__all__ = ["SCHEMA", "dump_model", "read_model"]

SCHEMA = "dvc-validate/report@1"
_SCHEMA_PREFIX = "dvc-validate/report@"


def dump_model(report: Report, fmt: str = "json") -> str:
    """The report in the ``extract`` wrapper, readable back by :func:`read_model`."""
    wrapped = {"schema": SCHEMA, "report": report.model_dump(mode="json")}
    if fmt == "json":
        return json.dumps(wrapped, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        return yaml.safe_dump(wrapped, allow_unicode=True, sort_keys=False)
    raise ValueError(f"unknown model format: {fmt!r} (json or yaml)")


def read_model(data: bytes, source: str, fmt: str) -> Report:
    """Parse and validate a report model; ``fmt`` is ``json`` or ``yaml``."""
    text, notes = decode_text(data, source)
    obj = _parse_json(text, source) if fmt == "json" else _parse_yaml(text, source)
    body, where = _unwrap(obj, source)
    try:
        report = Report.model_validate(body)
    except ValidationError as exc:
        raise _invalid(source, exc, where) from exc
    report.notes.extend(notes)
    return report


def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorruptInputError(
            f"Tệp {source}: JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno} ({exc.msg}).",
            f"File {source}: invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}).",
            line=exc.lineno,
            column=exc.colno,
        ) from exc


def _parse_yaml(text: str, source: str) -> Any:
    """``safe_load``, refused when aliases stand for far more than the file holds
    (without aliases a file of n characters has fewer than n nodes)."""
    from .._yamlsafe import MAX_NODES, YamlTooLarge, load_limited

    try:
        return load_limited(text, MAX_NODES + len(text))[0]
    except YamlTooLarge as exc:
        raise InputTooLargeError(
            f"Tệp {source}: các bí danh YAML (&/*) tạo ra một cấu trúc quá lớn; không đọc.",
            f"File {source}: its YAML aliases (&/*) expand to too large a structure; "
            "it is not read.",
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is not None:
            line, col = mark.line + 1, mark.column + 1
            raise CorruptInputError(
                f"Tệp {source}: YAML không hợp lệ ở dòng {line}, cột {col} ({problem}).",
                f"File {source}: invalid YAML at line {line}, column {col} ({problem}).",
                line=line,
                column=col,
            ) from exc
        raise CorruptInputError(
            f"Tệp {source}: YAML không hợp lệ ({problem}).",
            f"File {source}: invalid YAML ({problem}).",
        ) from exc


def _unwrap(obj: Any, source: str) -> tuple[dict[str, Any], str]:
    """The report object, from the wrapper or bare; anything else is rejected.

    Report fields all have defaults and pydantic ignores unknown keys, so any
    JSON object would "validate" as an empty report. Unknown top-level keys are
    therefore refused: a findings file or a random config is named as such.
    """
    if isinstance(obj, dict) and "schema" in obj:
        schema = obj.get("schema")
        if not isinstance(schema, str) or not schema.startswith(_SCHEMA_PREFIX):
            raise CorruptInputError(
                f"Tệp {source} có schema {schema!r}, không phải mô hình báo cáo ({SCHEMA}).",
                f"File {source} has schema {schema!r}, not a report model ({SCHEMA}).",
            )
        if schema != SCHEMA:
            raise CorruptInputError(
                f"Tệp {source} dùng phiên bản mô hình {schema} chưa được hỗ trợ (cần {SCHEMA}).",
                f"File {source} uses model version {schema}, which is not supported ({SCHEMA}).",
            )
        obj = obj.get("report")
        where = "report"
    else:
        where = ""
    if not isinstance(obj, dict):
        kind = type(obj).__name__ if obj is not None else "empty"
        raise CorruptInputError(
            f"Tệp {source}: {where or 'nội dung'} phải là một đối tượng, không phải {kind}.",
            f"File {source}: {where or 'the content'} must be an object, not {kind}.",
        )
    if not obj:
        raise CorruptInputError(
            f"Tệp {source}: mô hình báo cáo trống.", f"File {source}: the report model is empty."
        )
    unknown = sorted(str(k) for k in obj if k not in Report.model_fields)
    if unknown:
        path = ".".join(filter(None, [where, unknown[0]]))
        raise CorruptInputError(
            f"Tệp {source} không phải mô hình báo cáo: trường lạ {path}.",
            f"File {source} is not a report model: unexpected field {path}.",
            field=path,
        )
    return {str(k): v for k, v in obj.items()}, where


def _invalid(source: str, exc: ValidationError, where: str) -> CorruptInputError:
    errors = exc.errors()
    first = errors[0]
    path = ".".join([where, *(str(p) for p in first["loc"])] if where else map(str, first["loc"]))
    more_vi = f" (và {len(errors) - 1} lỗi khác)" if len(errors) > 1 else ""
    more_en = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return CorruptInputError(
        f"Tệp {source}: trường {path} không hợp lệ: {first['msg']}{more_vi}.",
        f"File {source}: field {path} is invalid: {first['msg']}{more_en}.",
        field=path,
        errors=len(errors),
    )
