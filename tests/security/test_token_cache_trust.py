"""The token cache trusts only what the user alone could have written: files 0600 in a 0700
directory, both owned by the user, never through a symbolic link. Anything else is ignored
(and replaced where it is the user's own directory); a corrupt file is survived.

tests/unit/plugins/module_utils/test_client.py covers loose file permissions and garbage
JSON; this adds other owners, symbolic links, loose directories and more corruption."""

from __future__ import annotations

import json
import os
import stat
import time

import pytest

from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2 import paths
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.client import V2Client as Client
from ansible_collections.cxone.cxone.plugins.module_utils._token_cache import cache_key
from secret_scan import DEMO_ID, DEMO_SECRET

NOBODY = 65534
FORGED = "forged-token-planted-by-someone-else"
root_only = pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")


@pytest.fixture
def client_for(emulator):
    clients = []

    def make(cache_dir):
        client = Client(base_url=emulator.base_url, client_id=DEMO_ID, client_secret=DEMO_SECRET,
                        cache_dir=str(cache_dir), backoff_base=0.01, backoff_cap=0.05)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def entry_path(emulator, cache_dir):
    return cache_dir / (cache_key(emulator.base_url + "/oauth/token", DEMO_ID, []) + ".json")


def forged_entry(path):
    path.write_text(json.dumps({"access_token": FORGED, "expires_at": time.time() + 3600}))
    os.chmod(path, 0o600)


def use(client):
    assert client.get(paths.USERS)["entities"]


def assert_forged_token_never_sent(emulator):
    # The emulator answers an unknown token with 401: none means the forged one was never presented.
    assert emulator.stats()["status"].get("401", 0) == 0


def test_new_cache_is_private(emulator, client_for, tmp_path):
    cache = tmp_path / "fresh" / "cache"
    use(client_for(cache))
    use(client_for(cache))
    assert emulator.stats()["token_requests"] == 1
    st = os.lstat(cache)
    assert stat.S_ISDIR(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == os.getuid()
    files = list(cache.iterdir())
    assert files and all(stat.S_IMODE(p.lstat().st_mode) == 0o600 and p.lstat().st_uid == os.getuid() for p in files)
    assert all(DEMO_SECRET not in p.read_text() for p in files)


def test_loose_directory_of_the_user_is_tightened(emulator, client_for, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o755)
    os.chmod(cache, 0o755)
    use(client_for(cache))
    assert stat.S_IMODE(os.stat(cache).st_mode) == 0o700


@root_only
def test_entry_owned_by_someone_else_is_ignored_and_replaced(emulator, client_for, tmp_path):
    cache = tmp_path / "cache"
    use(client_for(cache))
    entry = entry_path(emulator, cache)
    forged_entry(entry)
    os.chown(entry, NOBODY, NOBODY)
    use(client_for(cache))
    assert emulator.stats()["token_requests"] == 2
    assert_forged_token_never_sent(emulator)
    st = entry.lstat()
    assert st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) == 0o600
    assert json.loads(entry.read_text())["access_token"] != FORGED


def test_entry_that_is_a_symlink_is_not_followed(emulator, client_for, tmp_path):
    cache = tmp_path / "cache"
    use(client_for(cache))
    entry = entry_path(emulator, cache)
    target = tmp_path / "elsewhere.json"
    forged_entry(target)
    before = target.read_bytes()
    entry.unlink()
    entry.symlink_to(target)
    use(client_for(cache))
    assert emulator.stats()["token_requests"] == 2
    assert_forged_token_never_sent(emulator)
    assert target.read_bytes() == before  # never written through the link
    assert not entry.is_symlink() and stat.S_IMODE(entry.lstat().st_mode) == 0o600


def test_lock_file_that_is_a_symlink_is_not_followed(emulator, client_for, tmp_path):
    cache = tmp_path / "cache"
    use(client_for(cache))
    entry = entry_path(emulator, cache)
    lock = entry.with_suffix(".lock")
    victim = tmp_path / "victim"
    victim.write_text("precious")
    os.chmod(victim, 0o644)
    lock.unlink()
    lock.symlink_to(victim)
    entry.unlink()  # so the next client has to take the lock to fetch a token
    use(client_for(cache))  # works, without the cache
    assert emulator.stats()["token_requests"] == 2
    assert victim.read_text() == "precious" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert lock.is_symlink() and not entry.exists()  # nothing stored next to a planted link


def test_cache_directory_that_is_a_symlink_is_not_used(emulator, client_for, tmp_path):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    use(client_for(link))
    use(client_for(link))
    assert list(real.iterdir()) == []  # nothing written through the link
    assert emulator.stats()["token_requests"] == 2  # and nothing trusted from it


@root_only
def test_cache_directory_owned_by_someone_else_is_not_used(emulator, client_for, tmp_path):
    cache = tmp_path / "cache"
    use(client_for(cache))
    entry = entry_path(emulator, cache)
    forged_entry(entry)
    os.chown(cache, NOBODY, NOBODY)
    use(client_for(cache))
    use(client_for(cache))
    assert emulator.stats()["token_requests"] == 3
    assert_forged_token_never_sent(emulator)
    assert json.loads(entry.read_text())["access_token"] == FORGED  # not trusted, not touched
    assert os.stat(cache).st_uid == NOBODY


@pytest.mark.parametrize("content", [
    b"\x00\xff\xfe garbage", b"", b"[]", b'{"access_token": 42, "expires_at": 1e12}',
    b'{"access_token": "", "expires_at": 1e12}', b'{"access_token": "x", "expires_at": "soon"}',
    b'{"access_token": "x"}', b'{"access_token": "x", "expires_at": 1e12' + b" " * 5000,
], ids=["binary", "empty", "list", "token-not-a-string", "token-empty", "expiry-not-a-number", "no-expiry", "truncated"])
def test_corrupt_entry_is_survived_and_replaced(emulator, client_for, tmp_path, content):
    cache = tmp_path / "cache"
    use(client_for(cache))
    entry = entry_path(emulator, cache)
    entry.write_bytes(content)
    os.chmod(entry, 0o600)
    use(client_for(cache))
    assert emulator.stats()["token_requests"] == 2
    assert emulator.stats()["status"].get("401", 0) == 0
    assert json.loads(entry.read_text())["access_token"]


def test_modules_survive_an_untrusted_cache(emulator, run_playbook, token_cache_dir, tmp_path):
    """End to end: a corrupt entry and a symlinked entry in the cache the modules use."""
    tasks = [{"name": "first", "cxone.cxone.cxone_queue_info": {"name": "Support"}}]
    assert run_playbook(tasks).rc == 0
    (entry,) = token_cache_dir.glob("*.json")
    entry.write_bytes(b"\x00not json")
    os.chmod(entry, 0o600)
    assert run_playbook(tasks).rc == 0
    target = tmp_path / "planted.json"
    forged_entry(target)
    entry.unlink()
    entry.symlink_to(target)
    run = run_playbook(tasks + [{"name": "second", "cxone.cxone.cxone_wrapup_code_info": {"name": "Resolved"}}])
    assert run.rc == 0 and emulator.stats()["token_requests"] == 3
    assert_forged_token_never_sent(emulator)
    assert not entry.is_symlink()
