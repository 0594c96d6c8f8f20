"""The pseudonyms' digests with their key blocks hashed once give the library's digests: HMAC-
SHA256 as ``hmac.digest`` computes it for keys of every length (a key longer than SHA-256's
block is hashed first) and the public BLAKE2b check as a fresh keyed hash gives it."""

from __future__ import annotations

import hashlib
import hmac
import random

from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.privacy import Pseudonymizer, pseudonym_digits
from seamguard.privacy.pseudonym_digits import KeyedSha256


@given(st.binary(min_size=1, max_size=300), st.binary(max_size=500))
@settings(max_examples=400, deadline=None)
def test_keyed_sha256_is_hmac(key: bytes, message: bytes) -> None:
    assert KeyedSha256(key).digest(message) == hmac.digest(key, message, "sha256")


def test_keyed_sha256_at_the_block_edges_and_reused() -> None:
    rng = random.Random(5)
    for length in (1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000):
        key = bytes(rng.randrange(256) for _ in range(length))
        keyed = KeyedSha256(key)
        for size in (0, 1, 55, 56, 63, 64, 65, 119, 120, 4096):
            message = bytes(rng.randrange(256) for _ in range(size))
            # the same object twice: a digest leaves the hashed key blocks as they were
            assert keyed.digest(message) == hmac.digest(key, message, "sha256")
            assert keyed.digest(message) == hmac.digest(key, message, "sha256")


@given(st.text(max_size=40), st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_public_check_is_a_fresh_keyed_blake2b(label: str, text: str) -> None:
    fresh = hashlib.blake2b(f"{label}\x00{text}".encode(), key=pseudonym_digits._PUBLIC,
                            digest_size=8).digest()
    assert pseudonym_digits._check(label, text) == int.from_bytes(fresh, "big")


def test_pseudonyms_draw_the_library_hmac() -> None:
    fake = Faker(["zh_CN", "en_US", "de_DE", "ja_JP", "pt_BR"])
    fake.seed_instance(11)
    for key in (b"k", b"benchmark key", bytes(range(64)), bytes(range(200))):
        pseudonyms = Pseudonymizer(key)
        for _ in range(40):
            value = fake.phone_number()
            for counter in (0, 1, 149):
                expected = hmac.digest(key, f"phone\x00{value}\x00{counter}".encode(), "sha256")
                assert pseudonyms._secret("phone", value, counter) == int.from_bytes(
                    expected, "big")
