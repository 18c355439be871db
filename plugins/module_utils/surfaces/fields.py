# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Field maps: for each option a store keeps, one line that says where it goes in one API
and how. A store's ``from_api``, ``to_api``, defaults, fields fixed at creation, the body of
a create, and the options the surface refuses (the resource's options it does not map) are
all derived from its map.

Option paths are dotted for the keys of a dict option (``service_level.threshold``); API
fields are dotted for nested API objects (``serviceLevelTarget.threshold``). A field whose
``api`` is None reads the whole API object and writes a dict of API fields (a value spread
over several of them)."""

from __future__ import annotations

NO_DEFAULT = object()


def _identity(value):
    return value


class Field:
    """How one option is kept by one API.

    ``read``/``write`` convert the API's value to the option's and back; ``missing`` is the
    value read when the API leaves the field out; ``default`` is what the API gives a new
    object. ``fixed``: set when the object is created, never changed after. ``create``: True
    (sent in a create), False (not taken by the create: written after it when it differs
    from the default), "if_set" (sent when it is not None or empty), or a test of the state
    (sent when it holds; otherwise left to the API's default). ``create_as``: the
    API field of a create when it differs. ``always``: sent in every update (the API
    requires it). ``listed``: False when the API's list of objects does not carry it (the
    object is read whole). ``keys``: for a list of dicts, the item keys the API has (any
    other key of the items is refused)."""

    __slots__ = ("api", "read", "write", "missing", "default", "fixed", "create", "create_as", "always",
                 "listed", "keys")

    def __init__(self, api, read=None, write=None, missing=None, default=NO_DEFAULT, fixed=False, create=True,
                 create_as=None, always=False, listed=True, keys=None):
        self.api = api
        self.read = read or _identity
        self.write = write or _identity
        self.missing = missing
        self.default = default
        self.fixed = fixed
        self.create = create
        self.create_as = create_as
        self.always = always
        self.listed = listed
        self.keys = tuple(keys) if keys is not None else None


def _get(data, dotted, missing=None):
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return missing
        data = data[part]
    return data


def _put(data, dotted, value):
    parts = dotted.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def text(value):
    """A text the API may leave out or send as null: ``""``."""
    return value or ""


def flag(value):
    """A boolean as read: older API versions send ``"True"``/``"False"`` as text (``bool("False")``
    would be true)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


class FieldMap:
    """An ordered ``{option path: Field}`` (a plain string is ``Field(that string)``)."""

    def __init__(self, fields, create_extra=None):
        self.fields = {path: spec if isinstance(spec, Field) else Field(spec) for path, spec in fields.items()}
        self.create_extra = dict(create_extra or {})  # constant fields every create sends

    def options(self):
        """The top-level options this map keeps, in order."""
        return tuple(dict.fromkeys(path.split(".", 1)[0] for path in self.fields))

    def item_keys(self):
        """``{list option: the item keys the API has}`` for the lists of dicts it keeps."""
        return {path: spec.keys for path, spec in self.fields.items() if spec.keys is not None}

    def fixed(self):
        return tuple(path for path, spec in self.fields.items() if spec.fixed)

    def unlisted(self):
        return tuple(path for path, spec in self.fields.items() if not spec.listed)

    def carried_by(self, raw):
        """Whether a listed object carries every field the list is expected to (no source
        says what a list answer carries: one that lacks a field is read whole)."""
        absent = object()
        return all(_get(raw, spec.api, absent) is not absent for spec in self.fields.values()
                   if spec.api is not None and spec.listed and spec.missing is None)

    def defaults(self):
        """What the API gives a new object, in option space (every option but the name)."""
        state = {}
        for path, spec in self.fields.items():
            if path != "name":
                _put(state, path, None if spec.default is NO_DEFAULT else spec.default)
        return state

    def nested_defaults(self, *options):
        """The defaults of dict ``options``: what a dict option that is unset now starts from."""
        defaults = self.defaults()
        return {option: defaults[option] for option in options}

    def from_api(self, raw):
        state = {}
        for path, spec in self.fields.items():
            value = spec.read(raw) if spec.api is None else spec.read(_get(raw, spec.api, spec.missing))
            _put(state, path, value)
        return state

    def _api_fields(self, path, spec, state):
        value = _get(state, path)
        if spec.api is None:
            return dict(spec.write(value))
        return {spec.api: spec.write(value)}

    def to_api(self, state, only=None):
        """The API's object for option-space ``state`` (``only``: just these option paths)."""
        body = {}
        for path, spec in self.fields.items():
            if only is None or path in only:
                for api, value in self._api_fields(path, spec, state).items():
                    _put(body, api, value)
        return body

    def changes(self, current, state):
        """The API fields (flat, top level) of ``state`` that differ from ``current``, fixed ones
        left out, with the fields every update must carry."""
        before, after = self.to_api(current), self.to_api(state)
        changed = {key: value for key, value in after.items() if before.get(key) != value}
        for path, spec in self.fields.items():
            if spec.fixed and spec.api is not None:
                changed.pop(spec.api.split(".", 1)[0], None)
        if changed:
            for path, spec in self.fields.items():
                if spec.always:
                    changed.update(self._api_fields(path, spec, state))
        return changed

    def create_body(self, state):
        """``(body of the create, API fields to write after it)``: a field the create does not
        take is written after it when the state gives it another value than the default."""
        body, later = dict(self.create_extra), {}
        for path, spec in self.fields.items():
            value = _get(state, path)
            if spec.create is False:
                if spec.default is NO_DEFAULT or value != spec.default:
                    later.update(self._api_fields(path, spec, state))
                continue
            if spec.create == "if_set" and value in (None, "", [], {}):
                continue
            if callable(spec.create) and not spec.create(state):
                continue
            for api, written in self._api_fields(path, spec, state).items():
                _put(body, spec.create_as or api, written)
        if later:
            for path, spec in self.fields.items():
                if spec.always:
                    later.update(self._api_fields(path, spec, state))
        return body, later


def list_item_models(model):
    """``{option: the model of its items}`` for the list-of-dicts options of a pydantic model."""
    found = {}
    for name, info in getattr(model, "model_fields", {}).items():
        item = _list_item(info.annotation)
        if item is not None:
            found[name] = item
    return found


def _list_item(annotation):
    """The model of the items of (an Optional of) a list of models, or None."""
    if getattr(annotation, "__origin__", None) is list:
        args = getattr(annotation, "__args__", ())
        return args[0] if args and hasattr(args[0], "model_fields") else None
    for arg in getattr(annotation, "__args__", ()) or ():
        item = _list_item(arg)
        if item is not None:
            return item
    return None


def refused_options(resource, field_map):
    """The options of ``resource`` that a map does not keep (every store keeps the name): the
    top-level ones, and ``list[].key`` for the item keys of a kept list of dicts that the API
    does not have."""
    kept = set(field_map.options()) | {"name"}
    refused = [option for option in resource.options if option not in kept]
    item_models = list_item_models(resource.model)
    for option, keys in field_map.item_keys().items():
        if option in item_models:
            refused.extend("%s[].%s" % (option, key) for key in item_models[option].model_fields if key not in keys)
    return refused
