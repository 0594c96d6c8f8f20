# ruff: noqa: RUF002
"""Chinese names written as a field of a text format rather than in a sentence: a vCard's
``FN:王芳`` and ``N:王;芳;;;``, an iCalendar ``ATTENDEE;CN=王芳``, a YAML ``name: 王芳``, a
Python ``repr``'s ``'name': '王芳'``, any key the policy reads as a person's name (a GraphQL
argument ``displayName: "王芳"``, SQL's ``contact_name='王芳'``); and names a chat bot's
markup parts from their label (``收货人：<font color="info">王芳</font>``,
``**客户：**\\n王芳``); a name alone on the line after an e-mail's signature mark
(``-- ``). The name must still start with a family name and be no ordinary word, as
every name the text detectors take."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from seamguard.privacy.kinds import Kind, Span

__all__ = ["keyed_name_spans"]

# the keys that name a person in such formats (vCard FN, iCalendar CN, a record's own keys)
_KEYS = (r"fn|cn|name|full_?name|real_?name|true_?name|contact(?:_?name)?|receiver(?:_?name)?"
         r"|consignee|recipient|buyer(?:_?name)?|customer(?:_?name)?|link_?man|attendee")
_KEY_WORDS = re.compile(_KEYS, re.IGNORECASE)
# the labels a chat message writes before a name
_LABELS = "联系人|收件人|收货人|寄件人|发件人|签收人|姓名|客户|买家|顾客|会员|客户姓名|联系人姓名"
# inline markup: markdown emphasis, an HTML or a bot's tag (<font color="info">, </b>)
_MARKUP = r"(?:\*{1,2}|_{2}|</?[A-Za-z][^<>\n]{0,80}>)"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    from seamguard.privacy.names import CJK

    return re.compile(
        rf"(?<![A-Za-z0-9_-])(?P<key>[A-Za-z][A-Za-z0-9_]{{0,39}})['\"]?[ \t]*[:=][ \t]*['\"]?"
        rf"(?P<keyed>[{CJK}]{{2,4}})(?![{CJK}])"
        rf"|(?:{_LABELS})[ \t]*[:\uff1a][ \t]*{_MARKUP}(?:{_MARKUP}|\s)*(?P<marked>[{CJK}]{{2,4}})"
        rf"(?![{CJK}])"
        rf"|(?m:^-- ?\r?\n[ \t]*(?P<signed>[{CJK}]{{2,4}})[ \t]*$)"
        rf"|(?m:^N:(?P<parts>[{CJK}]{{1,2}};[{CJK}]{{1,3}})(?=;|\r?$))")


@lru_cache(maxsize=4096)
def _names_person(key: str) -> bool:
    """``key`` is one of the formats' own (``FN``, ``CN``, ``name``) or one the policy reads as
    a person's name (a GraphQL argument ``displayName:``, SQL's ``contact_name=``)."""
    from seamguard.privacy.policy import PrivacyPolicy

    if _KEY_WORDS.fullmatch(key):
        return True
    info = PrivacyPolicy.default().key(key)
    return info.kind is Kind.NAME and not info.allowed


def keyed_name_spans(text: str, name_like: Callable[[str], bool]) -> Iterator[Span]:
    """The names a key or a label marks in ``text``, as ``name_like`` accepts them."""
    if ":" not in text and "=" not in text and "\uff1a" not in text and "--" not in text:
        return
    for match in _pattern().finditer(text):
        group = next(g for g in ("keyed", "marked", "signed", "parts") if match.group(g))
        if group == "keyed" and not _names_person(match.group("key")):
            continue
        if name_like(match.group(group).replace(";", "")):
            yield Span(match.start(group), match.end(group), Kind.NAME)
