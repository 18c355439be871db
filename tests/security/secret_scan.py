"""What the secrets suite searches for, and where: the client secret (as sent in a form, in
a Basic header, URL-encoded), the access tokens the emulator issued, and any extra
needle (a wrong secret, a webhook credential), in text, bytes and directories."""

from __future__ import annotations

import base64
import json
import urllib.parse
from pathlib import Path

import pytest

from reliability import count

DEMO_ID = "cxone-demo"
DEMO_SECRET = "demo-secret-not-for-production"


def forms_of(client_id, secret):
    """The ways a secret travels: as is, URL-encoded, and inside a Basic header."""
    basic = base64.b64encode(("%s:%s" % (client_id, secret)).encode()).decode()
    return {secret, urllib.parse.quote_plus(secret), basic}


class Needles:
    """The secrets that must never show, and the tokens the emulator issued (recorded live)."""

    def __init__(self, emulator, monkeypatch):
        self.emulator = emulator
        self.tokens = []
        self.extra = set(forms_of(DEMO_ID, DEMO_SECRET))
        original = emulator._token  # pylint: disable=protected-access

        def recording(*args, **kwargs):
            resp = original(*args, **kwargs)
            body = resp.body if isinstance(resp.body, dict) else {}
            if resp.status == 200 and body.get("access_token"):
                self.tokens.append(body["access_token"])
            return resp

        monkeypatch.setattr(emulator, "_token", recording)

    def add(self, *values):
        self.extra.update(v for v in values if v)

    def all(self):
        # The admin logins' tokens too: access, refresh and id tokens, whatever spelling they came in.
        self.tokens.extend(t for t in getattr(self.emulator, "issued_tokens", ()) if t not in self.tokens)
        return sorted(self.extra | set(self.tokens))

    def found_in(self, text):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        return [needle for needle in self.all() if needle in text]

    def scan(self, where, text):
        """Secrets found in ``text``, counted in the published figures."""
        found = self.found_in(text)
        count("security", "secrets found", len(found))
        return ["%s: %s" % (where, _label(needle, self.tokens)) for needle in found]

    def scan_dir(self, directory, skip=()):
        found, files = [], 0
        for path in sorted(Path(directory).rglob("*")):
            if path.is_file() and not path.is_symlink() and path.name not in skip:
                files += 1
                found.extend(self.scan(str(path), path.read_bytes()))
        return found, files

    def record_tokens(self):
        count("security", "tokens checked", len(set(self.tokens)))


def _label(needle, tokens):
    return "access token %s..." % needle[:6] if needle in tokens else "secret %s..." % needle[:4]


def events_text(events):
    return json.dumps(list(events), default=str)


@pytest.fixture
def needles(emulator, monkeypatch):
    found = Needles(emulator, monkeypatch)
    yield found
    found.record_tokens()
