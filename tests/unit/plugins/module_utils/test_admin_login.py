"""How the admin client logs in (docs/api/admin.md, "Logging in"): the access key alone at its
area's login host, its refresh, the registered application's password grant, and which
credential a refusal points at. Against the in-process emulator, under both readings."""

from __future__ import annotations

import time
import pytest

from ansible_collections.cxone.cxone.plugins.module_utils._errors import AuthError, InputError, TransportError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import AdminClient, login_url_of
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.surface import connection

KEY = ("cxone-demo-key", "demo-access-secret-not-for-production")
APP = ("cxone-demo-app", "demo-app-secret-not-for-production")


def key_client(emulator, tmp_path=None, **kwargs):
    options = dict(login_url=emulator.base_url, auth_url=emulator.base_url, token_cache=tmp_path is not None,
                   cache_dir=str(tmp_path) if tmp_path else None, max_retries=0)
    options.update(kwargs)
    return AdminClient(KEY[0], KEY[1], **options)


def logins(emulator):
    return [(r["method"], r["path"]) for r in emulator.requests if "/inContactAPI/" not in r["path"]]


def test_the_access_key_alone_logs_in_discovers_and_reads(emulator, admin_reading, tmp_path):
    client = key_client(emulator, tmp_path)
    assert client.login == "access_key"
    assert [s["skillName"] for s in client.paginate("/skills")]
    assert logins(emulator) == [("POST", "/authentication/v1/token/access-key"),
                                ("GET", "/.well-known/cxone-configuration")]
    assert client.claims_from == "id_token"  # under both readings the id_token carries the claims
    kept = "".join(p.read_text() for p in tmp_path.rglob("*") if p.is_file())
    assert KEY[1] not in kept and client._refresh_token not in kept  # the refresh token stays in memory


def test_an_expired_token_is_refreshed_once_then_the_key_logs_in_again(emulator, admin_reading):
    client = key_client(emulator)
    client.paginate("/skills")
    emulator.revoke_tokens()  # the access token expired
    client.paginate("/skills")
    assert logins(emulator)[-1] == ("POST", "/public/user/refresh")
    # Both spellings of the refresh answer carry a lifetime.
    assert client._token_use_until > time.time() + 60
    emulator.revoke_tokens()
    emulator.admin_store.refresh_tokens.clear()  # and the refresh token too: the key logs in again
    client.paginate("/skills")
    assert logins(emulator)[-2:] == [("POST", "/public/user/refresh"), ("POST", "/authentication/v1/token/access-key")]


def test_the_application_logs_in_with_the_password_grant(emulator):
    client = AdminClient(KEY[0], KEY[1], APP[0], APP[1], auth_url=emulator.base_url, token_cache=False)
    assert client.login == "application"
    client.paginate("/skills")
    assert logins(emulator)[0] == ("POST", "/auth/token")


def test_a_refused_key_names_the_key_and_the_login_host_never_the_secret(emulator):
    client = AdminClient(KEY[0], "wrong-secret", login_url=emulator.base_url, token_cache=False, max_retries=0)
    with pytest.raises(AuthError) as caught:
        client.paginate("/skills")
    text = str(caught.value)
    assert "access key (access_key_id / access_key_secret) was refused at " + emulator.base_url in text
    assert "wrong-secret" not in text


def test_a_login_host_without_the_login_or_out_of_reach_asks_about_the_area(emulator):
    # The emulator's own control API answers 404 for a path it lacks, as a wrong host would.
    with pytest.raises(AuthError, match="has no access-key login .*is area .* the tenant's area"):
        key_client(emulator, login_url=emulator.base_url + "/_emulator").paginate("/skills")
    unreachable = AdminClient(KEY[0], KEY[1], login_url="http://127.0.0.1:9", token_cache=False, max_retries=0)
    with pytest.raises(TransportError, match="is area .* the tenant's area"):
        unreachable.paginate("/skills")


def test_the_login_host_of_an_area_a_url_or_the_api_host():
    assert login_url_of("na1") == "https://na1.nice-incontact.com"
    assert login_url_of("EU1") == "https://eu1.nice-incontact.com"
    assert login_url_of("http://127.0.0.1:8765/") == "http://127.0.0.1:8765"
    assert login_url_of(None, "https://api-au1.niceincontact.com") == "https://au1.nice-incontact.com"
    assert login_url_of(None, "https://emulator.example") is None


def test_a_refresh_lifetime_read_as_seconds_or_as_a_time_since_the_epoch():
    fields = AdminClient(KEY[0], KEY[1], login_url="https://na1.example", token_cache=False)._token_fields
    assert fields({"token": "t", "tokenExpirationTimeSec": 3600})["lifetime"] == 3600
    assert 3500 < fields({"token": "t", "tokenExpirationTimeSec": time.time() + 3600})["lifetime"] <= 3600
    assert fields({"access_token": "t", "expires_in": "60", "refresh_token": "r"}) == {
        "access_token": "t", "lifetime": 60.0, "id_token": None, "refresh_token": "r"}


def params(**given):
    base = dict.fromkeys(("auth_method", "client_id", "client_secret", "area", "base_url", "token_url", "scopes"))
    base.update(access_key_id="k", access_key_secret="s")
    base.update(given)
    return base


@pytest.mark.parametrize("given, login", [
    ({"area": "na1"}, ("https://na1.nice-incontact.com", "access_key")),
    ({"base_url": "https://api-uk1.niceincontact.com"}, ("https://uk1.nice-incontact.com", "access_key")),
    ({"client_id": "app", "client_secret": "x"}, (None, "application")),
    ({"auth_method": "application", "client_id": "app", "client_secret": "x"}, (None, "application")),
])
def test_how_the_connection_options_log_in(given, login):
    assert connection(params(**given)) == login


@pytest.mark.parametrize("given, message", [
    ({}, "area: required to log in with the access key alone"),
    ({"area": "na 1"}, "area=na 1: not a CXone area"),
    ({"area": "na1", "client_id": "app", "auth_method": "access_key"}, "client_id: only with auth_method=application"),
    ({"auth_method": "application", "area": "na1"}, "client_id, client_secret: required with api=admin"),
    ({"client_id": "app", "client_secret": "x", "area": "na1"}, "area=na1: only with the access-key login"),
    ({"auth_method": "client_secret_post", "area": "na1"}, "auth_method=client_secret_post: only with api=v2"),
    ({"area": "na1", "scopes": ["a"]}, "scopes: only with api=v2"),
    ({"area": "na1", "access_key_secret": None}, "access_key_secret: required with api=admin"),
])
def test_connection_options_are_refused_naming_the_option(given, message):
    with pytest.raises(InputError) as caught:
        connection(params(**given))
    assert message in str(caught.value)
