"""TLS trust (a tenant served over HTTPS with a certificate from a CA made here) and OAuth
scopes (a client without the scope a call needs)."""

from __future__ import annotations

import datetime
import ipaddress

import pytest

from cxone_emulator import Emulator
from reliability import count
from secret_scan import Needles, forms_of, needles  # noqa: F401  pylint: disable=unused-import

x509 = pytest.importorskip("cryptography.x509")
# pylint: disable=wrong-import-position,wrong-import-order
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # noqa: E402

READONLY = {"client_id": "cxone-readonly", "client_secret": "readonly-secret-not-for-production"}
BATCH_LIMITED = {"client_id": "cxone-batch-limited", "client_secret": "batch-secret-not-for-production"}
WARNING = "validate_certs is false"


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_ca_and_server_cert(directory):
    """A CA, and a server certificate it signed for localhost / 127.0.0.1 (SAN DNS and IP)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    valid = {"not_valid_before": now - datetime.timedelta(minutes=5), "not_valid_after": now + datetime.timedelta(days=1)}
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (x509.CertificateBuilder().subject_name(_name("cxone.cxone test CA")).issuer_name(_name("cxone.cxone test CA"))
               .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(valid["not_valid_before"]).not_valid_after(valid["not_valid_after"])
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                            data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                            crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
               .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(valid["not_valid_before"]).not_valid_after(valid["not_valid_after"])
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = {"ca": directory / "ca.pem", "cert": directory / "server.pem", "key": directory / "server.key"}
    paths["ca"].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    paths["key"].chmod(0o600)
    return paths


@pytest.fixture
def https_tenant(tmp_path):
    files = make_ca_and_server_cert(tmp_path)
    emu = Emulator(tls_cert=str(files["cert"]), tls_key=str(files["key"]))
    emu.start()
    yield emu, files
    emu.stop()


def test_tls_is_verified_by_default_and_a_ca_can_be_trusted(https_tenant, run_playbook, monkeypatch):
    emu, files = https_tenant
    tls_needles = Needles(emu, monkeypatch)
    assert emu.base_url.startswith("https://")
    conn = {"base_url": emu.base_url}
    tasks = [
        {"name": "default", "cxone.cxone.cxone_wrapup_code": dict(conn, name="TLS default"), "ignore_errors": True},
        {"name": "ca_path", "cxone.cxone.cxone_wrapup_code": dict(conn, name="TLS ca_path", ca_path=str(files["ca"]))},
        {"name": "no verification", "cxone.cxone.cxone_wrapup_code": dict(conn, name="TLS unverified",
                                                                          validate_certs=False)},
        {"name": "ca_path from the environment", "cxone.cxone.cxone_queue_info": dict(conn, name="Support"),
         "environment": {"CXONE_CA_PATH": str(files["ca"])}},
    ]
    run = run_playbook(tasks, diff=True, extra_args=("-vvvv",))
    refused = run.task("default")
    msg = refused["result"]["msg"]
    assert refused["failed"] and "TLS certificate" in msg and "could not be verified" in msg and "ca_path" in msg, msg
    assert emu.stats()["token_requests"] >= 1
    codes = emu.store.wrapup_codes_by_name()
    assert "TLS default" not in codes and "TLS ca_path" in codes and "TLS unverified" in codes
    assert not run.task("ca_path")["failed"] and not run.task("ca_path")["result"].get("warnings")
    unverified = run.task("no verification")
    assert not unverified["failed"]
    assert any(WARNING in warning for warning in unverified["result"].get("warnings", [])), unverified["result"]
    assert not run.task("ca_path from the environment")["failed"]
    count("security", "TLS checks", 4)
    count("security", "playbook outputs scanned")
    tls_needles.record_tokens()
    found = tls_needles.scan("TLS run stdout", run.stdout) + tls_needles.scan("TLS run stderr", run.stderr)
    assert tls_needles.tokens and not found, found


def test_validate_certs_false_warns_even_over_http(emulator, run_playbook):
    run = run_playbook([{"name": "info", "cxone.cxone.cxone_queue_info": {"name": "Support", "validate_certs": False}}])
    assert any(WARNING in warning for warning in run.task("info")["result"].get("warnings", []))


def test_missing_scope_is_named(emulator, run_playbook, needles):
    """A client without the scope a write needs gets a 403 naming the scope; through the
    batch endpoint each operation's 403 is reported with its scope."""
    tasks = [
        {"name": "readonly queue write", "cxone.cxone.cxone_queue": dict(READONLY, name="Support", max_waiters=60)},
        {"name": "readonly code create", "cxone.cxone.cxone_wrapup_code": dict(READONLY, name="Scope test")},
        {"name": "readonly agent state", "cxone.cxone.cxone_agent_state": dict(
            READONLY, user="alice.johnson@acme.example", state="PAUSED")},
        {"name": "batch members", "cxone.cxone.cxone_queue_member": dict(BATCH_LIMITED, queue="Overflow", members=[
            {"user": "alice.johnson@acme.example"}, {"user": "bob.smith@acme.example"}, {"user": "Carla Gomez"}])},
        {"name": "batch skills", "cxone.cxone.cxone_user_skill": dict(BATCH_LIMITED, assignments=[
            {"user": "alice.johnson@acme.example", "skill": "skill-sales", "level": 2},
            {"user": "bob.smith@acme.example", "skill": "skill-sales", "level": 2}])},
    ]
    for task in tasks:
        task["ignore_errors"] = True
    needles.add(*forms_of(READONLY["client_id"], READONLY["client_secret"]))
    needles.add(*forms_of(BATCH_LIMITED["client_id"], BATCH_LIMITED["client_secret"]))
    run = run_playbook(tasks, diff=True, extra_args=("-vvvv",))
    count("security", "playbook outputs scanned")
    found = needles.scan("scope run stdout", run.stdout) + needles.scan("scope run stderr", run.stderr)
    assert needles.tokens and not found, found
    needed = {"readonly queue write": "routing:queue:write", "readonly code create": "routing:wrapupcode:write",
              "readonly agent state": "users:state:view", "batch members": "routing:queue:write",
              "batch skills": "routing:user:write"}
    for name, scope in needed.items():
        result = run.task(name)
        assert result["failed"], name
        assert scope in result["result"]["msg"] and "403" in result["result"]["msg"], (name, result["result"]["msg"])
    for name in ("batch members", "batch skills"):
        failures = run.task(name)["result"].get("failures")
        assert failures and all("missing.scope" in f["error"] for f in failures), failures
    assert emulator.stats()["writes_applied"] == 0
    count("security", "scope checks", len(needed))
