"""The "Only with api=..." notes of the module docs, from the API surfaces' own tables.

Every option one API surface refuses (what its stores' field maps do not keep, and the reason
it gives: ``Surface.unsupported``) says so first in its description, with that reason; a module
whose kind a surface does not manage says so in its description. This file computes those
notes and writes them into each module's DOCUMENTATION:

    .venv/bin/python tests/support/module_docs.py          # list what is missing or stale
    .venv/bin/python tests/support/module_docs.py --write  # write the notes

tests/unit/test_module_docs.py fails while any note is missing or stale, so the docs cannot
drift from what the modules refuse.
"""

from __future__ import annotations

import ast
import re
import sys
import textwrap
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
MODULES = REPO / "plugins" / "modules"
NOTE = re.compile(r"^Only with O\(api=(admin|v2)\)")
OTHER = {"admin": "v2", "v2": "admin"}
DEFAULT_API = "admin"
# Where a kind's options sit in a module besides the top level: the list options whose entries
# are that kind's objects or items (a queue's members, users' skill assignments).
ENTRY_LISTS = {
    "queue": ("queues",),
    "queue members": ("members", "memberships.members"),
    "user skills": ("assignments",),
    "wrap-up code": ("codes",),
    "campaign schedule": ("schedules",),
}
ITEM_KINDS = ("queue members", "user skills")  # their options are item options, except task ones
TASK_OPTIONS = {"user skills": ("queue",)}


def _surfaces():
    sys.path.insert(0, str(REPO / ".build" / "collections"))
    from ansible_collections.cxone.cxone.plugins.module_utils._surfaces import SURFACES  # noqa: E402
    from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import SECTIONS  # noqa: E402

    kinds = {section.module: section.kind for section in SECTIONS}
    return SURFACES, kinds


def documentation(path):
    """``(DOCUMENTATION text, its parsed YAML, line number where the text starts)``."""
    source = path.read_text()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "DOCUMENTATION" for t in node.targets):
            return node.value.value, yaml.safe_load(node.value.value), node.value.lineno
    raise ValueError("%s has no DOCUMENTATION" % path)


def _note(api, surface_name, reason):
    return ("Only with O(api=%s). With O(api=%s)%s it is refused before any request: %s."
            % (api, surface_name, ", the default," if surface_name == DEFAULT_API else "", reason.rstrip(".")))


def _paths(kind, option):
    """The option paths (tuples) where ``option`` of ``kind`` can be written in its module."""
    if "[]." in option:
        head, tail = option.split("[].")
        tops = [(head, tail)]
        return tops + [tuple(entry.split(".")) + (head, tail) for entry in ENTRY_LISTS.get(kind, ())]
    if kind in ITEM_KINDS and option not in TASK_OPTIONS.get(kind, ()):
        return [tuple(entry.split(".")) + (option,) for entry in ENTRY_LISTS[kind]]
    return [(option,)] + [tuple(entry.split(".")) + (option,) for entry in ENTRY_LISTS.get(kind, ())]


def _spec_at(options, path):
    spec = None
    for index, name in enumerate(path):
        if not isinstance(options, dict) or name not in options:
            return None
        spec = options[name]
        options = spec.get("suboptions") if index < len(path) - 1 else None
    return spec


def expected():
    """``{module file name: {option path (tuple, () for the module itself): note}}``."""
    surfaces, kinds = _surfaces()
    notes = {}
    for path in sorted(MODULES.glob("cxone_*.py")):
        module = path.stem
        kind = kinds.get(module) or _module_kind(module)
        if kind is None:
            continue
        _text, doc, _line = documentation(path)
        found = {}
        for surface_name, surface in surfaces.items():
            missing = surface.missing(kind)
            if missing:
                found[()] = _note(OTHER[surface_name], surface_name, missing)
                continue
            for option, reason in surface.unsupported(kind).options.items():
                for option_path in _paths(kind, option):
                    if _spec_at(doc.get("options") or {}, option_path) is not None:
                        found[option_path] = _note(OTHER[surface_name], surface_name, reason)
        if found:
            notes[path.name] = found
    # Agent state: a surface whose store checks no compliance refuses enforce_compliance.
    from ansible_collections.cxone.cxone.plugins.module_utils.resources.agent_state import NO_COMPLIANCE_CHECK

    for surface_name, surface in surfaces.items():
        if not surface.store("agent state").checks_compliance:
            notes.setdefault("cxone_agent_state.py", {})[("enforce_compliance",)] = _note(
                OTHER[surface_name], surface_name, NO_COMPLIANCE_CHECK)
    return notes


def _module_kind(module):
    """The resource kind of a module the catalog does not list (info modules, webhooks, agent state)."""
    base = module[len("cxone_"):]
    base = base[:-len("_info")] if base.endswith("_info") else base
    return {"webhook": "webhook", "unavailable_code": "unavailable code",
            "hours_of_operation": "hours of operation"}.get(base)


def _description(spec):
    text = spec.get("description") if isinstance(spec, dict) else None
    return text if isinstance(text, list) else ([text] if text else [])


def problems():
    """What is missing or stale: ``[(module, option path, expected note)]``."""
    found = []
    for name, notes in expected().items():
        _text, doc, _line = documentation(MODULES / name)
        for option_path, note in notes.items():
            spec = doc if option_path == () else _spec_at(doc.get("options") or {}, option_path)
            lines = _description(spec)
            if not lines or lines[0] != note:
                found.append((name, option_path, note))
        # A note no table asks for any longer (the surface now keeps the option).
        for option_path, spec in _all_options(doc.get("options") or {}):
            if option_path not in notes and any(NOTE.match(str(line)) for line in _description(spec)):
                found.append((name, option_path, None))
        if () not in notes and any(NOTE.match(str(line)) for line in _description(doc)):
            found.append((name, (), None))
    return found


def _all_options(options, prefix=()):
    for name, spec in (options or {}).items():
        yield prefix + (name,), spec
        if isinstance(spec, dict) and spec.get("suboptions"):
            yield from _all_options(spec["suboptions"], prefix + (name,))


# ---- writing --------------------------------------------------------------------------------

def _quoted(note, indent):
    body = note.replace("\\", "\\\\").replace('"', '\\"')
    lines = textwrap.wrap(body, width=max(60, 116 - indent), break_long_words=False, break_on_hyphens=False)
    first = " " * indent + '- "' + lines[0]
    rest = [" " * (indent + 2) + line for line in lines[1:]]
    return "\n".join([first] + rest) + '"'


def _locate(lines, option_path):
    """The index of the ``description:`` line of ``option_path`` (``()``: the module's)."""
    indent, start = 0, 0
    keys = ["description"] if option_path == () else ["options"]
    for index, name in enumerate(option_path):
        keys += [name] + (["suboptions"] if index < len(option_path) - 1 else [])
    if option_path != ():
        keys.append("description")
    for key in keys:
        pattern = re.compile(r"^%s%s:(\s|$)" % (" " * indent, re.escape(key)))
        for index in range(start, len(lines)):
            if pattern.match(lines[index]):
                start = index + 1
                break
            if lines[index].strip() and len(lines[index]) - len(lines[index].lstrip()) < indent and index > start:
                raise ValueError("%s: not found" % ".".join(option_path))
        else:
            raise ValueError("%s: not found" % ".".join(option_path))
        indent += 2
    return start - 1, indent - 2


def _rewrite(text, option_path, note):
    lines = text.split("\n")
    at, indent = _locate(lines, option_path)
    head = lines[at]
    inline = head.split(":", 1)[1].strip()
    end = at + 1
    items_indent = indent + 2
    if inline:  # a one-line description becomes a list
        scalar = inline
        replacement = [" " * indent + "description:"]
        if note:
            replacement.append(_quoted(note, items_indent))
        replacement.append(" " * items_indent + "- " + scalar)
        lines[at:end] = replacement
        return "\n".join(lines)
    # A list: drop a note written before (its item and continuation lines), then put this one first.
    first = end
    if first < len(lines) and lines[first].lstrip().startswith('- "Only with O(api='):
        last = first
        while not lines[last].rstrip().endswith('"') or last == first and lines[last].count('"') < 2:
            last += 1
        del lines[first:last + 1]
    if note:
        lines.insert(first, _quoted(note, items_indent))
    return "\n".join(lines)


def write():
    for name, option_path, note in problems():
        path = MODULES / name
        source = path.read_text()
        text, _doc, _line = documentation(path)
        try:
            new = _rewrite(text, option_path, note)
        except ValueError:
            continue  # suboptions shared through a YAML alias: written where the anchor is
        if new == text:
            continue
        yaml.safe_load(new)  # still YAML
        path.write_text(source.replace(text, new, 1))


def main(argv):
    if "--write" in argv:
        for _round in range(3):  # a rewrite can only fix what it found: once more until clean
            write()
    left = problems()
    for name, option_path, note in left:
        print("%s %s: %s" % (name, ".".join(option_path) or "(module)", note or "a note no table asks for"))
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
