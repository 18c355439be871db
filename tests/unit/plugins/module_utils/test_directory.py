"""The directory's shared listing: the users listed by one task serve the lookups of the next
tasks of a run (read once per playbook), and a reference or an id the kept listing lacks is
looked up in a new listing, so a new hire or a renamed user is never wrongly unknown."""

from __future__ import annotations

import os
import stat
import time

import pytest

from ansible_collections.cxone.cxone.plugins.module_utils._directory import Directory
from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._token_cache import TokenCache
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import DirectoryKind


class Tenant:
    """What the API lists, and how often it was asked."""

    def __init__(self, users):
        self.users = list(users)
        self.listings = 0


class FakeClient:
    """One task's client: lists the tenant's users; shares listings through the token cache."""

    def __init__(self, tenant, cache):
        self.tenant = tenant
        self.cache = cache

    def list_users(self):
        self.tenant.listings += 1
        return [dict(u, secretish="raw field") for u in self.tenant.users]

    def shared_listing(self, name):
        return self.cache.load_listing("key", name, 600) if self.cache else None

    def share_listing(self, name, entries):
        if self.cache:
            self.cache.store_listing("key", name, entries)


def directory(tenant, cache):
    kinds = {"user": DirectoryKind(lambda client: client.list_users(),
                                   lambda raw: {"id": raw["id"], "email": raw["email"], "name": raw["name"]},
                                   ("email", "name"), shared=True),
             "queue": DirectoryKind(lambda client: client.list_users(), lambda raw: {"id": raw["id"]}, ("email",))}
    return Directory(FakeClient(tenant, cache), kinds)


ANA = {"id": 1, "email": "ana@acme.example", "name": "Ana Diaz"}
BO = {"id": 2, "email": "bo@acme.example", "name": "Bo Lee"}


@pytest.fixture
def cache(tmp_path):
    return TokenCache(str(tmp_path / "cache"))


def test_the_next_task_looks_users_up_in_the_listing_the_first_one_kept(cache):
    tenant = Tenant([ANA, BO])
    assert directory(tenant, cache).resolve("user", "ana@acme.example", "members[0].user") == 1
    second = directory(tenant, cache)
    assert second.resolve("user", "Bo Lee", "members[0].user") == 2
    assert second.label("user", 1) == "ana@acme.example"
    assert tenant.listings == 1
    # The kept listing holds the entries only, in a private file.
    (kept,) = [p for p in os.listdir(cache.directory) if p.endswith(".json")]
    path = os.path.join(cache.directory, kept)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path, encoding="utf-8") as handle:
        assert "raw field" not in handle.read()


def test_a_reference_or_an_id_the_kept_listing_lacks_is_looked_up_anew(cache):
    tenant = Tenant([ANA])
    directory(tenant, cache).resolve("user", "ana@acme.example", "user")
    tenant.users.append({"id": 3, "email": "new.hire@acme.example", "name": "New Hire"})
    later = directory(tenant, cache)
    assert later.resolve("user", "new.hire@acme.example", "user") == 3
    assert tenant.listings == 2
    # That new listing is kept in turn; an id it lacks is looked up once more, then shown as is.
    tenant.users.append({"id": 4, "email": "another@acme.example", "name": "Another"})
    third = directory(tenant, cache)
    assert third.label("user", 4) == "another@acme.example"
    assert third.label("user", 99) == 99
    assert tenant.listings == 3
    with pytest.raises(InputError, match=r"members\[0\].user: no user has the id or email or name 'ghost'"):
        directory(tenant, cache).resolve("user", "ghost", "members[0].user")
    assert tenant.listings == 4  # one new listing per task at most


def test_a_name_ambiguous_in_the_kept_listing_is_checked_anew(cache):
    twin = {"id": 5, "email": "ana.d@acme.example", "name": "Ana Diaz"}
    tenant = Tenant([ANA, twin])
    directory(tenant, cache).all("user")
    tenant.users.remove(twin)  # the duplicate left since
    assert directory(tenant, cache).resolve("user", "Ana Diaz", "user") == 1


def test_enumerating_every_user_lists_them_anew(cache):
    tenant = Tenant([ANA])
    directory(tenant, cache).resolve("user", 1, "user")
    tenant.users.append(BO)
    assert [u["id"] for u in directory(tenant, cache).all("user")] == [1, 2]
    assert tenant.listings == 2


def test_no_sharing_without_the_token_cache_or_for_kinds_the_collection_writes(cache):
    tenant = Tenant([ANA])
    directory(tenant, None).resolve("user", 1, "user")
    directory(tenant, None).resolve("user", 1, "user")
    assert tenant.listings == 2
    directory(tenant, cache).resolve("queue", 1, "queue")
    directory(tenant, cache).resolve("queue", 1, "queue")
    assert tenant.listings == 4


def test_a_listing_older_than_its_age_is_not_used(cache):
    cache.store_listing("key", "user", [ANA])
    assert cache.load_listing("key", "user", 600) == [ANA]
    path = cache._listing_path("key", "user")  # pylint: disable=protected-access
    old = time.time() - 601
    cache._write(path, {"listed_at": old, "entries": [ANA]})  # pylint: disable=protected-access
    assert cache.load_listing("key", "user", 600) is None
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("not json")
    assert cache.load_listing("key", "user", 600) is None and not os.path.exists(path)
