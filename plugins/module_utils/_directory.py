# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Name <-> ID resolution for the objects tasks refer to (users, skills, queues,
campaigns, ...). Each collection is listed at most once per task; a shared kind (the
users) at most once per run for lookups, a listing an earlier task kept serving until a
reference or an id is not in it. Which kinds there are, how each is listed and which of
its fields a reference may match is the API surface's (``Surface.directory_kinds``);
entries here are ``{"id", <fields>, "raw"}`` (no ``raw`` in a shared listing)."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError


class Directory:
    def __init__(self, client, kinds):
        self.client = client
        self.kinds = kinds
        self._lists = {}
        self._indexes = {}
        self._shared = set()  # kinds whose listing came from an earlier task of the run

    def all(self, kind):
        """Every object of ``kind`` as a directory entry, as listed by this task."""
        if kind not in self._lists or kind in self._shared:
            spec = self.kinds[kind]
            self._lists[kind] = [dict(spec.entry(raw), raw=raw) for raw in spec.lister(self.client)]
            self._indexes.pop(kind, None)
            self._shared.discard(kind)
            if spec.shared:
                self.client.share_listing(kind, [{k: v for k, v in e.items() if k != "raw"}
                                                 for e in self._lists[kind]])
        return self._lists[kind]

    def _known(self, kind):
        """The listing lookups use: this task's, else a shared one an earlier task kept."""
        if kind not in self._lists and self.kinds[kind].shared:
            shared = self.client.shared_listing(kind)
            if shared is not None:
                self._lists[kind] = shared
                self._shared.add(kind)
        return self._lists[kind] if kind in self._lists else self.all(kind)

    def _listed_again(self, kind):
        """After a lookup missed in a shared listing: list anew (True) for one more try."""
        if kind not in self._shared:
            return False
        self.all(kind)
        return True

    def forget(self, kind):
        """Drop a cached listing after this task changed that collection."""
        self._lists.pop(kind, None)
        self._indexes.pop(kind, None)

    def put(self, kind, raw):
        """Keep a cached listing current after this task created or updated ``raw`` (the
        object as the API answered), so the next lookup needs no new listing."""
        if kind in self._lists and raw is not None:
            entry = dict(self.kinds[kind].entry(raw), raw=raw)
            self._lists[kind] = [e for e in self._lists[kind] if e["id"] != entry["id"]] + [entry]
            self._indexes.pop(kind, None)

    def drop(self, kind, object_id):
        """Keep a cached listing current after this task deleted ``object_id``."""
        if kind in self._lists:
            self._lists[kind] = [e for e in self._lists[kind] if e["id"] != object_id]
            self._indexes.pop(kind, None)

    def _index(self, kind):
        """``(listing, {id: entry}, {field: {casefolded value: [entries]}})`` of the listing, so
        resolving hundreds of references (500 members) is not hundreds of scans of 2,000 users."""
        entries = self._known(kind)
        index = self._indexes.get(kind)
        if index is None or index[0] is not entries:
            by_id = {}
            by_field = {field: {} for field in self.kinds[kind].fields}
            for entry in entries:
                by_id.setdefault(entry.get("id"), entry)
                for field, values in by_field.items():
                    values.setdefault(str(entry.get(field) or "").casefold(), []).append(entry)
            index = self._indexes[kind] = (entries, by_id, by_field)
        return index

    def by_id(self, kind, object_id):
        found = self._by_id(kind, object_id)
        if found is None and self._listed_again(kind):
            found = self._by_id(kind, object_id)
        return found

    def _by_id(self, kind, object_id):
        by_id = self._index(kind)[1]
        try:
            found = by_id.get(object_id)
        except TypeError:  # not hashable: not an id
            return None
        if found is None and isinstance(object_id, str) and object_id.isdigit():
            found = by_id.get(int(object_id))  # integer ids (the admin surface) given as text
        return found

    def find(self, kind, ref):
        """The one entry that ``ref`` names (id, then the kind's name fields), or None.

        Raises InputError when a name matches several objects.
        """
        try:
            found = self._find(kind, ref)
        except InputError:
            if not self._listed_again(kind):  # ambiguous in a listing kept from an earlier task: check anew
                raise
            return self._find(kind, ref)
        if found is None and self._listed_again(kind):
            found = self._find(kind, ref)
        return found

    def _find(self, kind, ref):
        found = self._by_id(kind, ref)
        if found is not None:
            return found
        wanted = str(ref).casefold()
        by_field = self._index(kind)[2]
        for field in self.kinds[kind].fields:
            matches = by_field[field].get(wanted, [])
            if len(matches) > 1:
                ids = ", ".join(sorted(str(m["id"]) for m in matches))
                raise InputError("%s %r is ambiguous: %d %ss have that %s (ids %s); use the id"
                                 % (kind, ref, len(matches), kind, field, ids))
            if matches:
                return matches[0]
        return None

    def resolve(self, kind, ref, option):
        """The id of the object ``ref`` names; InputError naming ``option`` if there is none."""
        try:
            found = self.find(kind, ref)
        except InputError as exc:
            raise InputError("%s: %s" % (option, exc)) from None
        if found is None:
            fields = " or ".join(("id",) + tuple(self.kinds[kind].fields))
            raise InputError("%s: no %s has the %s %r" % (option, kind, fields, ref))
        return found["id"]

    def resolve_all(self, kind, refs, option):
        """The ids ``refs`` name, each once, in order (``option[i]`` in messages)."""
        return list(dict.fromkeys(self.resolve(kind, ref, "%s[%d]" % (option, index))
                                  for index, ref in enumerate(refs)))

    def label(self, kind, object_id):
        """The name to show for an id (the id itself when it is unknown)."""
        found = self.by_id(kind, object_id) if object_id else None
        return (found.get(self.kinds[kind].fields[0]) or object_id) if found else object_id
