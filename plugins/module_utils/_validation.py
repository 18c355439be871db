# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checking what a task declares: the base of the option models (pydantic), one
InputError that lists every problem with the option path and the value, and the
one way a secret or a secret-bearing URL is masked in anything shown."""

from __future__ import annotations

from typing import Literal, Union, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit, urlunsplit

# A field without a default, in a model read without pydantic.
REQUIRED = object()

try:
    from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
except ImportError:
    # Lets the collection's files load without pydantic: CXoneModule fails the task with
    # missing_required_lib before any model is used, and the models' options (a module's
    # argument spec) are still read from their annotations (ansible-test imports modules so).
    BaseModel = object
    ValidationError = ValueError

    def ConfigDict(**kwargs):  # pylint: disable=invalid-name
        return kwargs

    def Field(*args, **kwargs):  # pylint: disable=invalid-name
        return args[0] if args else kwargs.get("default", REQUIRED)

    def model_validator(**kwargs):  # pylint: disable=unused-argument
        return lambda method: method

    def field_validator(*args, **kwargs):  # pylint: disable=unused-argument
        return lambda method: method

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError

__all__ = ("Field", "Options", "field_validator", "model_validator", "validate", "problems_of", "pick",
           "MASK", "mask", "mask_url", "repeated", "argument_spec", "option_names")

MASK = "********"


class Options(BaseModel):
    """Base of the option models: unknown keys are errors, None means 'not managed'."""

    # defer_build: a model's validator is built when it first validates, not when its
    # file is imported (a task validates one or two of the models, not all of them).
    model_config = ConfigDict(extra="forbid", defer_build=True)


SCALARS = {str: "str", int: "int", bool: "bool", float: "float"}


def _fields(model):
    """``{option: (annotation, required, default)}`` of a model, in order: from pydantic, or
    without it from the model's annotations and class attributes."""
    fields = getattr(model, "model_fields", None)
    if fields is not None:
        return {name: (info.annotation, info.is_required(), info.default) for name, info in fields.items()}
    found = {}
    for name, annotation in get_type_hints(model).items():
        default = getattr(model, name, REQUIRED)
        found[name] = (annotation, default is REQUIRED, None if default is REQUIRED else default)
    return found


def option_names(model):
    """A model's options, in order."""
    return tuple(_fields(model))


def argument_spec(model, exclude=()):
    """The module argument spec of a model's options: types, choices, elements, sub-options,
    required and defaults, so an option is declared once (the model) and the module's spec
    follows it. ``exclude``: options the module declares itself (``name``)."""
    return {name: _option_spec(*field) for name, field in _fields(model).items() if name not in exclude}


def _not_none(annotation):
    """``X`` of ``Optional[X]``."""
    if get_origin(annotation) is Union:
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _type_spec(annotation):
    """``{type, choices | options}`` of one annotation."""
    annotation = _not_none(annotation)
    if get_origin(annotation) is Literal:
        choices = list(get_args(annotation))
        return {"type": SCALARS[type(choices[0])], "choices": choices}
    if isinstance(annotation, type) and issubclass(annotation, Options):
        return {"type": "dict", "options": argument_spec(annotation)}
    return {"type": SCALARS[annotation]}


def _option_spec(annotation, required, default):
    annotation = _not_none(annotation)
    if get_origin(annotation) is list:
        item = _type_spec(get_args(annotation)[0])
        spec = {"type": "list", "elements": item.pop("type")}
        spec.update(item)
    else:
        spec = _type_spec(annotation)
    if required:
        spec["required"] = True
    elif default is not None:
        spec["default"] = default
    return spec


def _location(loc, prefix):
    text = prefix
    for part in loc:
        if isinstance(part, int):
            text += "[%d]" % part
        else:
            text += ("." if text else "") + str(part)
    return text or "input"


def describe(error, prefix):
    """One pydantic error as ``option.path: what is wrong``."""
    where = _location(error["loc"], prefix)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    kind = error["type"]
    if kind == "greater_than_equal":
        return "%s: %r is below %s" % (where, value, ctx["ge"])
    if kind == "less_than_equal":
        return "%s: %r is above %s" % (where, value, ctx["le"])
    if kind == "too_long":
        return "%s: %d items given, at most %s allowed" % (where, ctx.get("actual_length", len(value)), ctx["max_length"])
    if kind == "too_short":
        return "%s: at least %s item(s) required" % (where, ctx["min_length"])
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return "%s: %s (got %r)" % (where, message, value) if kind != "value_error" else "%s: %s" % (where, message)


def problems_of(model, data, prefix=""):
    """``(validated model or None, [problem, ...])``: for callers that add rules of their own
    to the same one error."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [describe(err, prefix) for err in exc.errors()]


def validate(model, data, prefix=""):
    """Validate ``data`` with ``model``; one InputError that lists every problem."""
    validated, problems = problems_of(model, data, prefix)
    if problems:
        raise InputError("invalid input: " + "; ".join(problems))
    return validated


def repeated(values):
    """The values that occur more than once in ``values``, sorted."""
    return sorted({v for v in values if values.count(v) > 1})


def pick(params, names):
    return {name: params.get(name) for name in names}


def mask(text, *secrets):
    """``text`` with every non-empty secret replaced by the mask."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


def mask_url(url):
    """The URL with query values and a password replaced by the mask: what a diff shows."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return MASK
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(":" + parts.password + "@", ":" + MASK + "@", 1)
    query = "&".join(
        (item.split("=", 1)[0] + "=" + MASK) if "=" in item else MASK
        for item in parts.query.split("&")
    ) if parts.query else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
