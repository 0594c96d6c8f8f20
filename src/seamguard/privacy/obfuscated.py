"""Contact details written to slip past a platform's filters, as buyers do in order notes and
chats: a phone number in Chinese numerals (``一三八一二三四五六七八``, ``138一二三四5678``,
``幺三八…``), in the capital numerals of receipts (``壹叁捌…``), in circled digits
(``①③⑧…``) or as keycap emoji (``1️⃣3️⃣8️⃣…``), an e-mail address with its ``@`` and dots
spelt out (``zhang.wei(at)example.com``, ``zhang [at] example [dot] com``, ``zhang at example
dot com``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["NUMERAL_CHARS", "NUMERAL_DIGITS", "SPELT_EMAIL_CUE", "spelt_email_spans",
           "spelt_phone_spans"]

_NUMERALS = ("\u3007零一幺二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
             "\u24ea\u2460\u2461\u2462\u2463\u2464\u2465\u2466\u2467\u2468"
             "\u2776\u2777\u2778\u2779\u277a\u277b\u277c\u277d\u277e")
NUMERAL_DIGITS = str.maketrans({
    **dict(zip(_NUMERALS, "0011223456789122334566789" "0123456789123456789", strict=True)),
    # (a keycap is a digit, a variation selector and the enclosing keycap mark: the marks go)
    "\ufe0f": None, "\u20e3": None})
NUMERAL_CHARS = frozenset(_NUMERALS)
_KEYCAP = "(?:\ufe0f?\u20e3)?"
# Digits and numerals mixed, with blanks or hyphens between groups, eleven of them in all.
_SPELT_DIGITS = re.compile(rf"(?<![0-9{_NUMERALS}])[0-9{_NUMERALS}]{_KEYCAP}"
                           rf"(?:[ -]?[0-9{_NUMERALS}]{_KEYCAP}){{10}}(?![0-9{_NUMERALS}])")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_NUMERAL = re.compile(f"[{re.escape(_NUMERALS)}\u20e3]")


def spelt_phone_spans(text: str) -> Iterator[tuple[int, int]]:
    """Chinese mobile numbers with some or all digits written as Chinese numerals, circled
    digits or keycaps."""
    if _NUMERAL.search(text) is None:
        return
    for match in _SPELT_DIGITS.finditer(text):
        raw = match.group()
        digits = re.sub(r"[ -]", "", raw).translate(NUMERAL_DIGITS)
        # (numerals must be in it: an all-ASCII number is the phone detector's)
        if any(char in _NUMERALS or char == "\u20e3" for char in raw) \
                and _MOBILE.fullmatch(digits):
            yield match.span()


# What a text needs before it is searched for a spelt-out address (cheap, and rare in text).
SPELT_EMAIL_CUE = (r"(?i:\((?:at|dot)\)|\[(?:at|dot)\]|\{at\}|<at>|\uff08at\uff09"
                   r"|\sat\s+[a-z0-9-]+(?:\s+dot\s|\.[a-z]))|艾特")
_AT = r"(?:\s*(?:\(at\)|\[at\]|\{at\}|<at>|\uff08at\uff09|艾特)\s*|\s+at\s+)"
_DOT = r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\uff08dot\uff09)\s*|\s+dot\s+|\.|\s*[点點]\s*)"
# A top-level domain is needed after a spelt-out dot ("at noon dot" is no address).
_TLD = r"(?:com|cn|net|org|hk|tw|mo|jp|kr|sg|io|co|us|uk|de|fr|edu|gov|info|biz|me)"
# The local part may spell its dots out too ("zhang dot wei at …"), or be a Chinese name
# ("张伟 at qq dot com").
_SPELT_EMAIL = re.compile(
    rf"(?i)(?:(?<![a-z0-9_.+-])(?P<local>[a-z0-9][a-z0-9._+-]{{0,63}}"
    rf"(?:\s*(?:\(dot\)|\[dot\]|\{{dot\}}|<dot>)\s*[a-z0-9_+-]{{1,63}}"
    rf"|\s+dot\s+[a-z0-9_+-]{{1,63}})*)|(?P<cjk>[\u4e00-\u9fff]{{1,4}}))(?P<at>{_AT})"
    rf"(?P<domain>[a-z0-9-]{{1,63}})(?:{_DOT}[a-z0-9-]{{1,63}})*{_DOT}{_TLD}(?![a-z0-9_-])")
# Mail providers whose name after a bare " at " makes an address of any word before it.
_MAIL_HOSTS = frozenset({"qq", "163", "126", "yeah", "gmail", "hotmail", "outlook", "yahoo",
                         "sina", "sohu", "foxmail", "icloud", "live", "aliyun", "139", "189"})


def spelt_email_spans(text: str) -> Iterator[tuple[int, int]]:
    """E-mail addresses whose ``@`` (and maybe dots) are spelt out in words or brackets."""
    lowered = text.lower()
    if "at" not in lowered and "艾特" not in text:
        return
    for match in _SPELT_EMAIL.finditer(text):
        if "@" in match.group():
            continue
        # after a bare lower-case " at " ("see you at 5 dot com", "arrive at noon dot com"),
        # the word before must look like a mailbox (a digit, a dot, an underscore, a spelt-out
        # dot: "zhang dot wei at …"), be a Chinese name, or the host be a mail provider
        if match.group("at").strip() == "at":  # (a capitalised "AT" is deliberate)
            local = match.group("local") or ""
            if not (any(char in "._+-" or char.isdigit() for char in local)
                    or " dot " in local.lower() or match.group("cjk")
                    or match.group("domain").lower() in _MAIL_HOSTS):
                continue
        yield match.span()
