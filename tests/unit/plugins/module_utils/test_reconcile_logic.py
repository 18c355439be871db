"""The reconcilers' pure logic, with an in-memory surface: no HTTP, no emulator."""

from __future__ import annotations

import pytest

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import Failure
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import (
    ObjectReconciler,
    SetReconciler,
    differences,
    merge,
)
from ansible_collections.cxone.cxone.plugins.module_utils.resources.base import ItemSet, ObjectResource
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ItemStore, ObjectStore, Unsupported
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import WrapupCodeOptions


def test_differences_compare_only_managed_options():
    current = {"name": "Q", "level": {"a": 1, "b": 2}, "tags": ["x", "y"], "plain": [1, 2]}
    assert differences({"name": "Q", "level": {"a": None, "b": 2}, "extra": None}, current) == []
    assert differences({"level": {"b": 3}}, current) == ["level.b"]
    assert differences({"tags": ["y", "x"]}, current, set_fields=("tags",)) == []
    assert differences({"plain": [2, 1]}, current) == ["plain"]  # order kept where it matters
    assert differences({"name": "Q"}, None) == ["name"]


def test_merge_lays_managed_values_over_current_without_touching_it():
    current = {"name": "Q", "overflow": None, "level": {"a": 1, "b": 2}}
    merged = merge(current, {"name": None, "overflow": {"target": "T"}, "level": {"b": 5}},
                   nested_defaults={"overflow": {"enabled": True, "target": None}})
    assert merged == {"name": "Q", "overflow": {"enabled": True, "target": "T"}, "level": {"a": 1, "b": 5}}
    assert current == {"name": "Q", "overflow": None, "level": {"a": 1, "b": 2}}


# ---- an in-memory surface -------------------------------------------------------------------

class MemoryStore(ObjectStore):
    defaults = {"available": True, "routing_type": "ROUTED", "wrap_up_type": "ALL"}

    def __init__(self, resource, objects=None):
        super().__init__(resource)
        self.objects = dict(objects or {})
        self.writes = []

    def from_api(self, raw):
        return {k: raw[k] for k in ("name", "available", "routing_type", "wrap_up_type")}

    def to_api(self, state):
        return dict(state)

    def id_of(self, raw):
        return raw["id"]

    def name_of(self, raw):
        return raw["name"]

    def everything(self, ctx, fresh=False):
        return [self.record(raw) for raw in self.objects.values()]

    def by_id(self, ctx, object_id):
        return self.record(self.objects.get(object_id))

    def create(self, ctx, state):
        self.writes.append(("create", state["name"]))
        raw = dict(state, id="id-%d" % (len(self.objects) + 1))
        self.objects[raw["id"]] = raw
        return self.record(raw)

    def update(self, ctx, current, state):
        self.writes.append(("update", current.id))
        self.objects[current.id] = dict(state, id=current.id)
        return self.record(self.objects[current.id])

    def delete(self, ctx, current):
        self.writes.append(("delete", current.id))
        del self.objects[current.id]


class Code(ObjectResource):
    kind = "code"
    result_key = "code"
    options = ("name", "available", "routing_type", "wrap_up_type")
    model = WrapupCodeOptions


class MemorySurface:
    name = "memory"

    def __init__(self, store, unsupported=None):
        self._store = store
        self._unsupported = unsupported or {}

    def store(self, kind, **scope):
        return self._store

    def unsupported(self, kind):
        return Unsupported(self.name, self._unsupported)


class Ctx:
    def __init__(self, surface, params=None, check_mode=False):
        self.surface = surface
        self.params = params or {}
        self.check_mode = check_mode
        self.diff_mode = True

    @property
    def client(self):
        raise AssertionError("planning sent a request")


CODE = Code()
EXISTING = {"id-1": {"id": "id-1", "name": "Resolved", "available": True, "routing_type": "ROUTED",
                     "wrap_up_type": "ALL"}}


@pytest.mark.parametrize("check_mode", [False, True])
def test_check_mode_predicts_the_real_run_and_writes_nothing(check_mode):
    store = MemoryStore(CODE, EXISTING)
    ctx = Ctx(MemorySurface(store), check_mode=check_mode)
    desired = CODE.desired(ctx, {"name": "resolved", "available": False})
    result = ObjectReconciler(ctx, CODE).present({"name": "resolved"}, desired).result
    assert result["changed"] is True
    assert result["diff"]["before"]["available"] is True and result["diff"]["after"]["available"] is False
    assert result["code"]["name"] == "Resolved"  # the tenant's spelling is kept
    assert store.writes == ([] if check_mode else [("update", "id-1")])


def test_a_converged_object_is_not_written():
    store = MemoryStore(CODE, EXISTING)
    ctx = Ctx(MemorySurface(store))
    result = ObjectReconciler(ctx, CODE).present({"name": "Resolved"}, CODE.desired(ctx, {"name": "Resolved",
                                                                                          "available": True})).result
    assert result["changed"] is False and store.writes == []


def test_create_starts_from_the_surface_defaults():
    store = MemoryStore(CODE)
    ctx = Ctx(MemorySurface(store))
    result = ObjectReconciler(ctx, CODE).present({"name": "New"}, CODE.desired(ctx, {"name": "New"})).result
    assert result["code"] == {"name": "New", "available": True, "routing_type": "ROUTED", "wrap_up_type": "ALL",
                              "id": "id-1"}


def test_an_option_the_surface_lacks_is_refused_before_any_request():
    store = MemoryStore(CODE, EXISTING)
    ctx = Ctx(MemorySurface(store, {"wrap_up_type": "this API has no channel on a code"}))
    with pytest.raises(InputError) as caught:
        CODE.desired(ctx, {"name": "Resolved", "wrap_up_type": "CALL"})
    assert str(caught.value) == "wrap_up_type: not available with api=memory: this API has no channel on a code"
    CODE.desired(ctx, {"name": "Resolved", "available": False})  # options left out are fine
    assert store.writes == []


class Letters(ItemSet):
    kind = "letters"
    key_name = "letter"
    result_key = "letters"

    def show_key(self, ctx, key):
        return key

    def show_all(self, ctx, items):
        return [dict(item, letter=key) for key, item in sorted(items.items())]

    def describe(self, ctx):
        return "letters"


class LetterStore(ItemStore):
    defaults = {"weight": 1}
    read_after_write = False

    def __init__(self, items, fail=()):
        self.items = dict(items)
        self.fail = set(fail)
        self.sent = []

    def read(self, ctx, items):
        return dict(self.items)

    def write(self, ctx, items, actions):
        applied, failed = [], []
        for action, key, item in actions:
            self.sent.append((action, key))
            if key in self.fail:
                failed.append(Failure((action, key), "refused", False))
                continue
            applied.append((action, key))
            if action == "remove":
                self.items.pop(key)
            else:
                self.items[key] = item
        return applied, failed


def _letters(store, check_mode=False):
    ctx = Ctx(MemorySurface(store), check_mode=check_mode)
    return ctx, SetReconciler(ctx, Letters(ctx))


def test_set_plan_adds_updates_and_removes_only_when_exclusive():
    ctx, reconciler = _letters(LetterStore({"a": {"weight": 1}, "b": {"weight": 2}, "z": {"weight": 3}}))
    current = {"a": {"weight": 1}, "b": {"weight": 2}, "z": {"weight": 3}}
    wanted = {"a": {"weight": None}, "b": {"weight": 5}, "c": {"weight": None}}
    assert reconciler.plan(current, wanted, "present", False) == [
        ("update", "b", {"weight": 5}), ("add", "c", {"weight": 1})]
    assert reconciler.plan(current, wanted, "present", True)[-1] == ("remove", "z", None)
    assert reconciler.plan(current, wanted, "absent", False) == [("remove", "a", None), ("remove", "b", None)]
    assert current == {"a": {"weight": 1}, "b": {"weight": 2}, "z": {"weight": 3}}  # planning changed nothing


@pytest.mark.parametrize("check_mode", [False, True])
def test_set_check_mode_result_equals_the_real_one(check_mode):
    store = LetterStore({"a": {"weight": 1}})
    _ctx, reconciler = _letters(store, check_mode)
    result = reconciler.run({"a": {"weight": 2}, "b": {"weight": None}})
    assert result["added"] == ["b"] and result["updated"] == ["a"] and result["changed"]
    assert result["letters"] == [{"letter": "a", "weight": 2}, {"letter": "b", "weight": 1}]
    assert store.sent == ([] if check_mode else [("update", "a"), ("add", "b")])


def test_set_partial_failure_names_what_was_and_was_not_applied():
    store = LetterStore({}, fail={"b"})
    _ctx, reconciler = _letters(store)
    with pytest.raises(Exception) as caught:
        reconciler.run({"a": {"weight": None}, "b": {"weight": None}})
    text = str(caught.value)
    assert "1 change(s) not applied (add b)" in text and "added: a" in text and "refused" in text
    assert caught.value.details["failures"] == [{"action": "add", "letter": "b", "error": "refused"}]


class ForgetfulStore(MemoryStore):
    """A tenant that answers success to an update and keeps nothing of it."""

    def update(self, ctx, current, state):
        self.writes.append(("update", current.id))
        return self.record(self.objects[current.id])


def test_a_write_the_tenant_did_not_keep_is_changed_and_said():
    store = ForgetfulStore(CODE, EXISTING)
    ctx = Ctx(MemorySurface(store))
    result = ObjectReconciler(ctx, CODE).present({"name": "Resolved"}, CODE.desired(ctx, {
        "name": "Resolved", "available": False})).result
    assert result["changed"] is True and store.writes == [("update", "id-1")]
    assert result["warnings"] == ["code 'Resolved': the tenant did not keep available after the write (it reads "
                                  "back otherwise); the next run will write it again: please report this with the "
                                  "tenant check's report"]


class ForgetfulLetters(LetterStore):
    read_after_write = True

    def write(self, ctx, items, actions):
        self.sent.extend((action, key) for action, key, _item in actions)
        return [(action, key) for action, key, _item in actions], []


def test_set_writes_answered_success_but_not_kept_fail_once_and_say_so():
    store = ForgetfulLetters({"a": {"weight": 1}})
    _ctx, reconciler = _letters(store)
    with pytest.raises(Exception) as caught:
        reconciler.run({"a": {"weight": 2}})
    assert "reads them back unchanged (it did not keep them)" in str(caught.value)
    assert store.sent == [("update", "a")]  # not sent again and again
