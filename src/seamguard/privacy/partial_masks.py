"""Masks that hide too little: a value someone starred by hand, or a platform masked lightly,
that still identifies its owner.

A mask is what seamguard leaves alone (``138****5678``: four of eleven digits hidden, the
form platforms and PIPL guidance use; a card's first six and last four digits, as PCI DSS
allows). A phone with one to three digits starred (``13812**5678``: a hundred candidates) or a
card with more than its first six and last four digits in view (``622202****123456789``) is the
value itself as far as privacy goes: it is found and masked as the kind it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from seamguard.privacy.kinds import Kind, Span

__all__ = ["partly_masked_spans", "under_masked"]

# a mainland mobile (after +86 or 86 too), digits and one to three stars, eleven in all
_MOBILE = re.compile(r"(?<![\w*+])(?:\+?86[ -]?)?1[3-9][\d*]{9}(?![\w*])")
# a card: 13 to 19 digits and stars, grouped by blanks or hyphens or not, at least one star
_CARD = re.compile(r"(?<![\w*])\d{4}(?:[ -]?[\d*]){9,15}(?![\w*])")
_CARD_VISIBLE = 10  # the first six and last four digits


def _mobile_under_masked(run: str) -> bool:
    body = run[-11:]
    stars = body.count("*")
    return 1 <= stars <= 3 and body[:3].isdigit() and body[-2:].isdigit()


def _card_under_masked(run: str) -> bool:
    compact = run.replace(" ", "").replace("-", "")
    stars = compact.count("*")
    return stars >= 1 and 13 <= len(compact) <= 19 and len(compact) - stars > _CARD_VISIBLE


def under_masked(value: str) -> bool:
    """``value`` is, as a whole, a phone or a card number with too few digits starred."""
    text = value.strip()
    if "*" not in text:
        return False
    return (_MOBILE.fullmatch(text) is not None and _mobile_under_masked(text)) or \
        (_CARD.fullmatch(text) is not None and _card_under_masked(text))


def partly_masked_spans(folded: str) -> Iterator[Span]:
    """The lightly masked phones and cards in ``folded`` (see the module docstring)."""
    if "*" not in folded:
        return
    for match in _MOBILE.finditer(folded):
        if _mobile_under_masked(match.group()):
            yield Span(match.start(), match.end(), Kind.PHONE)
    for match in _CARD.finditer(folded):
        run = match.group()
        if _MOBILE.fullmatch(run) is None and _card_under_masked(run):
            yield Span(match.start(), match.end(), Kind.CARD)
