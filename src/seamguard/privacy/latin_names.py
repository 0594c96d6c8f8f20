"""Given names of the Latin-script locales a shop's customers write in (Faker's lists for
English, German, French, Italian, Dutch, Spanish and Portuguese): the evidence that the words
after a role word are a person ("Courier Tim Barrett", not "Driver Assigned")."""

from __future__ import annotations

import importlib
from functools import lru_cache

__all__ = ["known_given"]

_LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "nl_NL", "es_ES", "pt_BR")


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    given: set[str] = set()
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            given.update(str(name) for name in getattr(provider, attribute, ()) or ())
    return frozenset(given)


def known_given(word: str) -> bool:
    """``word`` is a given name of one of the locales."""
    return word in _given_names()
