# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Access tokens shared by the module processes of a run.

Each Ansible task is a new process, so without this every task would log in
again. One file per (token_url, client_id, scopes) holds the token and its expiry,
never the secret. Beside it, a listing that several tasks of a run look names up in
(the users) may be kept for a few minutes, so a playbook lists the users once. The directory is 0700 and the files 0600; anything looser or
owned by someone else is not trusted. A lock file serialises forks that need a
token at the same moment, so only one of them asks for it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import stat
import tempfile
import time


def default_cache_dir():
    explicit = os.environ.get("CXONE_TOKEN_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "cxone.cxone")


def cache_key(token_url, client_id, scopes):
    material = "\n".join([token_url, client_id, " ".join(sorted(scopes or []))])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _is_private(st, mode):
    return st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & ~mode == 0


class TokenCache:
    def __init__(self, directory=None):
        self.directory = directory or default_cache_dir()
        self.usable = self._prepare_directory()

    def _prepare_directory(self):
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            st = os.lstat(self.directory)
            if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
                return False  # a link or someone else's directory: never trust it
            if stat.S_IMODE(st.st_mode) != 0o700:
                os.chmod(self.directory, 0o700)
            return True
        except OSError:
            return False

    def _path(self, key, suffix=".json"):
        return os.path.join(self.directory, key + suffix)

    @contextlib.contextmanager
    def lock(self, key):
        fd = None
        if self.usable:
            try:
                fd = os.open(self._path(key, ".lock"), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            except OSError:
                # A link planted in place of the lock (or anything that cannot be opened
                # safely): the directory is not what this user left, so do without it.
                self.usable = False
        if fd is None:
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def load(self, key):
        """Return (token, expires_at, api_endpoint or None) or None. Untrusted or corrupt files are removed."""
        path = self._path(key)
        data = self._read(path)
        try:
            token, expires_at = data["access_token"], float(data["expires_at"])
            if not isinstance(token, str) or not token:
                raise ValueError("empty token")
            endpoint = data.get("api_endpoint")
            if endpoint is not None and not isinstance(endpoint, str):
                raise ValueError("api_endpoint is not a string")
            return token, expires_at, endpoint
        except (ValueError, KeyError, TypeError):
            if data is not None:
                self._discard(path)
            return None

    def _read(self, path):
        """The JSON of a private file of this user, else None (an untrusted or corrupt one is removed)."""
        if not self.usable:
            return None
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        try:
            if not _is_private(os.fstat(fd), 0o600):
                self._discard(path)
                return None
            with os.fdopen(fd, "r", encoding="utf-8") as handle:
                fd = None
                return json.load(handle)
        except (ValueError, OSError):
            self._discard(path)
            return None
        finally:
            if fd is not None:
                os.close(fd)

    def store(self, key, token, expires_at, api_endpoint=None):
        """``api_endpoint``: the API host discovered with this token (the admin surface), kept with it."""
        entry = {"access_token": token, "expires_at": expires_at}
        if api_endpoint:
            entry["api_endpoint"] = api_endpoint
        self._write(self._path(key), entry)

    def _write(self, path, data):
        if not self.usable:
            return
        # Write a private temp file and rename it over the entry: readers never see half a file.
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except OSError:
            self._discard(tmp)

    def _listing_path(self, key, name):
        return self._path(key, ".%s.json" % hashlib.sha256(name.encode("utf-8")).hexdigest()[:16])

    def store_listing(self, key, name, entries):
        """Keep ``entries`` (a listing of ``name``, never a secret) for other tasks of the run."""
        self._write(self._listing_path(key, name), {"listed_at": time.time(), "entries": entries})

    def load_listing(self, key, name, max_age):
        """The entries of ``name`` stored less than ``max_age`` seconds ago, else None."""
        path = self._listing_path(key, name)
        data = self._read(path)
        try:
            age = time.time() - float(data["listed_at"])
            entries = data["entries"]
            if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
                raise ValueError("not a listing")
        except (ValueError, KeyError, TypeError):
            if data is not None:
                self._discard(path)
            return None
        return entries if 0 <= age < max_age else None

    def _readings_path(self, key):
        return self._path(key, ".readings.json")

    def load_readings(self, key):
        """What this tenant answered where the API has several readings (``{name: value}``, never
        a secret), kept across tokens; {} when nothing was kept."""
        data = self._read(self._readings_path(key))
        readings = data.get("readings") if isinstance(data, dict) else None
        if not isinstance(readings, dict) or not all(isinstance(v, str) for v in readings.values()):
            if data is not None:
                self._discard(self._readings_path(key))
            return {}
        return readings

    def store_readings(self, key, readings):
        self._write(self._readings_path(key), {"readings": dict(readings), "stored_at": time.time()})

    def invalidate(self, key, token):
        """Forget the entry if it still holds this (refused) token."""
        entry = self.load(key)
        if entry and entry[0] == token:
            self._discard(self._path(key))

    @staticmethod
    def _discard(path):
        with contextlib.suppress(OSError):
            os.unlink(path)
