"""Signatures made with a platform's private key and checked with its public one (WeChat Pay
API v3 signs its callbacks with SHA256-RSA2048: ``Wechatpay-Signature`` is the Base64 of an
RSASSA-PKCS1-v1_5 signature over ``timestamp\\nnonce\\nbody\\n``). seamguard never holds the
private key, so it only verifies: the public key comes as PEM text, a bare ``PUBLIC KEY`` or the
platform certificate it is in.

``cryptography`` is imported on first use, so ``import seamguard`` stays light.
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache
from typing import Any

__all__ = ["PublicKeyError", "rsa_verifies"]


class PublicKeyError(ValueError):
    """The text given as the platform's public key is no PEM public key or certificate."""


@lru_cache(maxsize=8)
def _public_key(pem: str) -> Any:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    text = pem.strip().encode("ascii", "replace")
    try:
        key = x509.load_pem_x509_certificate(text).public_key() \
            if b"CERTIFICATE-----" in text else load_pem_public_key(text)
    except ValueError as problem:
        raise PublicKeyError(f"the platform's public key is no PEM public key or certificate "
                             f"({problem}); give the -----BEGIN PUBLIC KEY----- text, or the "
                             "platform certificate") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise PublicKeyError("the platform's public key is not an RSA key")
    return key


def rsa_verifies(pem: str, data: bytes, signature: str) -> bool:
    """Does ``signature`` (Base64) verify ``data`` by RSASSA-PKCS1-v1_5 with SHA-256 under the
    public key (or certificate) ``pem``?

    Raises:
        PublicKeyError: ``pem`` holds no RSA public key.
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    key = _public_key(pem)
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return False
    try:
        key.verify(raw, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True
