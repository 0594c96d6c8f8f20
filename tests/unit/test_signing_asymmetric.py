"""Signatures made with a platform's private key (WeChat Pay v3 callbacks: SHA256-RSA2048 over
``timestamp\\nnonce\\nbody\\n``, the time stamp and nonce in headers) are verified with its
public key or certificate, never made; a template name no parameter has reads a header."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from seamguard.wire.profile_signing import SigningSettings
from seamguard.wire.signing import SigningError, sign, verify_signature

WECHAT = {"signature": {"in": ["header"], "name": "Wechatpay-Signature"}, "scheme": "template",
          "template": "{Wechatpay-Timestamp}\n{Wechatpay-Nonce}\n{body}\n",
          "algorithm": "rsa-sha256"}
BODY = '{"id":"EV-1","event_type":"TRANSACTION.SUCCESS","resource":{"ciphertext":"x"}}'
HEADERS = {"wechatpay-timestamp": "1725344525", "wechatpay-nonce": "fdasfwe4cx9p"}


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem(key: rsa.RSAPrivateKey) -> str:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _certificate(key: rsa.RSAPrivateKey) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Tenpay.com Root CA")])
    now = datetime.now(UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(0x5157F09E)
                   .not_valid_before(now).not_valid_after(now + timedelta(days=1))
                   .sign(key, hashes.SHA256()))
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def _signed(key: rsa.RSAPrivateKey, text: str) -> str:
    return base64.b64encode(key.sign(text.encode(), padding.PKCS1v15(),
                                     hashes.SHA256())).decode()


def _check(settings: SigningSettings, public: str, signature: str,
           body: str = BODY, headers: dict[str, str] | None = None) -> Any:
    return verify_signature(settings, {}, public, signature, body=body,
                            headers=HEADERS if headers is None else headers)


@pytest.mark.parametrize("form", ["public key", "certificate"])
def test_a_wechat_pay_callback_verifies_with_the_platform_key(key: rsa.RSAPrivateKey,
                                                              form: str) -> None:
    settings = SigningSettings.model_validate(WECHAT)
    public = _pem(key) if form == "public key" else _certificate(key)
    signature = _signed(key, f"1725344525\nfdasfwe4cx9p\n{BODY}\n")
    check = _check(settings, public, signature)
    assert check.valid
    assert (check.algorithm, check.expected) == ("rsa-sha256", "")
    assert check.actual == signature[:8]


def test_what_was_signed_must_be_what_was_sent(key: rsa.RSAPrivateKey) -> None:
    settings = SigningSettings.model_validate(WECHAT)
    signature = _signed(key, f"1725344525\nfdasfwe4cx9p\n{BODY}\n")
    public = _pem(key)
    assert not _check(settings, public, signature, body=BODY.replace("EV-1", "EV-2")).valid
    assert not _check(settings, public, signature,
                      headers={**HEADERS, "wechatpay-nonce": "other"}).valid
    assert not _check(settings, public, "not base64!").valid
    assert not _check(settings, public, base64.b64encode(b"\0" * 256).decode()).valid
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert not _check(settings, _pem(other), signature).valid


def test_header_names_in_a_template_are_read_without_regard_to_case() -> None:
    settings = SigningSettings.model_validate({
        **WECHAT, "algorithm": "sha256", "digest": "hex-lower",
        "template": "{X-Nonce}:{body}:{secret}"})
    wanted = hashlib.sha256(b"n1:B:k").hexdigest()
    assert sign(settings, {}, "k", body="B", headers={"X-NONCE": "n1"}) == wanted
    # a parameter of that name comes first
    assert sign(settings, {"X-Nonce": "n1"}, "k", body="B", headers={"x-nonce": "n2"}) == wanted


def test_seamguard_never_makes_a_private_key_signature() -> None:
    with pytest.raises(SigningError, match="private key"):
        sign(SigningSettings.model_validate(WECHAT), {}, "PEM", body=BODY, headers=HEADERS)


@pytest.mark.parametrize("public", ["not a key", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END "
                                    "PUBLIC KEY-----"])
def test_a_public_key_that_cannot_be_read_says_so(public: str) -> None:
    with pytest.raises(SigningError, match="PEM public key"):
        _check(SigningSettings.model_validate(WECHAT), public, "AAAA")


def test_a_public_key_that_is_not_rsa_says_so() -> None:
    pem = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    with pytest.raises(SigningError, match="not an RSA key"):
        _check(SigningSettings.model_validate(WECHAT), pem, "AAAA")


def test_an_rsa_template_needs_no_secret() -> None:
    assert SigningSettings.model_validate(WECHAT).algorithm == "rsa-sha256"


def _one_case(name: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """(expected, found) for one case of the settings-only carrier and marketplace scorer."""
    from tests.support import gateway_fresh4 as scorer
    from tests.support.gateway_fresh2 import platform_verdicts

    for variable, value in scorer.ENV.items():
        monkeypatch.setenv(variable, value)
    case = next(c for cases in scorer.cases().values() for c in cases if c.name == name)
    [(_, found)] = platform_verdicts(tmp_path, {case.platform: [case]}, scorer.write, {})
    return case.expected, found


@pytest.mark.parametrize("name", ["alipay-paid-unsigned", "wx-paid-no-signature-header"])
def test_a_missing_signature_the_contract_requires_too_is_said_once(
        name: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _, found = _one_case(name, tmp_path, monkeypatch)
    assert [code for code, _, _ in found] == ["signature.missing"]


@pytest.mark.parametrize("name", ["alipay-paid-clean", "alipay-paid-amount-changed-after-signing",
                                  "alipay-paid-sign-type-signed-too"])
def test_an_alipay_notice_is_checked_with_alipays_public_key(
        name: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    expected, found = _one_case(name, tmp_path, monkeypatch)
    assert found == expected
