"""Shared helpers: the contract's error type, timestamps, IDs and body validators."""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
import uuid

_UTC = _dt.timezone.utc


class ApiError(Exception):
    """An error response in the contract's one shape: {status, code, description}."""

    def __init__(self, status: int, code: str, description: str, headers: dict | None = None):
        super().__init__(f"{status} {code}: {description}")
        self.status = status
        self.code = code
        self.description = description
        self.headers = headers or {}

    def body(self) -> dict:
        return {"status": self.status, "code": self.code, "description": self.description}


def bad(description: str) -> ApiError:
    return ApiError(400, "bad.request", description)


def not_found(description: str) -> ApiError:
    return ApiError(404, "not.found", description)


# ---------------------------------------------------------------- time and ids

def format_ts(value: _dt.datetime) -> str:
    value = value.astimezone(_UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def now_iso() -> str:
    return format_ts(_dt.datetime.now(_UTC))


def parse_ts(value, field: str) -> str | None:
    """Parse an ISO 8601 date-time with an offset (or Z); return it normalised to UTC millis."""
    if value is None:
        return None
    if not isinstance(value, str) or "T" not in value:
        raise bad(f"{field} must be an ISO 8601 date-time such as 2024-05-15T10:30:00.000Z")
    try:
        parsed = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise bad(f"{field} is not a valid ISO 8601 date-time: {value!r}") from None
    if parsed.tzinfo is None:
        raise bad(f"{field} must carry a UTC offset or 'Z': {value!r}")
    return format_ts(parsed)


def new_id() -> str:
    return uuid.uuid4().hex


def stable_id(*parts: str) -> str:
    """Deterministic 32-hex id for seed objects."""
    return hashlib.md5(":".join(str(p).lower() for p in parts).encode()).hexdigest()


# ---------------------------------------------------------------- validators

def _name(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def check_object(value, path: str, allowed, required=(), read_only=()) -> dict:
    """The value must be an object whose keys are all in `allowed`; `required` keys present."""
    if not isinstance(value, dict):
        raise bad(f"{path or 'request body'} must be a JSON object")
    for key in value:
        if key in read_only:
            raise bad(f"'{_name(path, key)}' is read-only and must not be sent here")
        if key not in allowed:
            raise bad(f"unknown field '{_name(path, key)}'")
    for key in required:
        if key not in value:
            raise bad(f"'{_name(path, key)}' is required")
    return value


def v_str(value, field: str, *, min_len: int = 1, max_len: int = 255) -> str:
    if not isinstance(value, str):
        raise bad(f"{field} must be a string")
    if len(value) < min_len or (min_len and not value.strip()):
        raise bad(f"{field} must not be empty")
    if len(value) > max_len:
        raise bad(f"{field} must be at most {max_len} characters")
    return value


def v_int(value, field: str, lo: int, hi: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad(f"{field} must be an integer")
    if value < lo or (hi is not None and value > hi):
        rng = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise bad(f"{field} must be {rng} (got {value})")
    return value


def v_num(value, field: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise bad(f"{field} must be a number")
    if not lo <= value <= hi:
        raise bad(f"{field} must be between {lo} and {hi} (got {value})")
    return value


def v_bool(value, field: str) -> bool:
    if not isinstance(value, bool):
        raise bad(f"{field} must be true or false")
    return value


def v_enum(value, field: str, choices) -> str:
    if not isinstance(value, str) or value not in choices:
        raise bad(f"{field} must be one of {', '.join(choices)} (got {value!r})")
    return value


def v_list(value, field: str, *, min_items: int = 0, max_items: int | None = None) -> list:
    if not isinstance(value, list):
        raise bad(f"{field} must be an array")
    if len(value) < min_items:
        raise bad(f"{field} must have at least {min_items} item(s)")
    if max_items is not None and len(value) > max_items:
        raise bad(f"{field} must have at most {max_items} items (got {len(value)})")
    return value


def v_unique_set(values: list, field: str, choices=None) -> list:
    """A stored set: items are strings, no repeats (a repeat is 400, never a silent de-dup)."""
    seen = set()
    for i, item in enumerate(values):
        if choices is not None:
            v_enum(item, f"{field}[{i}]", choices)
        else:
            v_str(item, f"{field}[{i}]")
        if item in seen:
            raise bad(f"{field} repeats {item!r}")
        seen.add(item)
    return sorted(values)


TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$")


def v_time(value, field: str) -> str:
    if not isinstance(value, str) or not TIME_RE.match(value):
        raise bad(f"{field} must be a time of day HH:MM:SS (got {value!r})")
    return value
