# ruff: noqa: RUF001, RUF002
"""Traces that lead to a person without naming them: vehicle plates, the IP address a customer
ordered from, the position of a delivery address.

Each is personal information under PIPL (art. 4: information relating to an identified or
identifiable natural person): a plate leads to its keeper through the vehicle register; GB/T
35273 lists an IP address among the identifiers of a person online; a position precise to a
few metres is a home, and whereabouts (行踪轨迹) are sensitive personal information (art. 28).

* a plate by its shape, anywhere: a province's character, the issuing letter, five characters
  (six for new-energy vehicles, ``D``/``F`` first or last), three digits at least
  (``粤B12345``, ``京A·D12345``);
* an IP address under a key or header that names one (``buyer_ip``, ``X-Forwarded-For``) or
  after an IP label in text (``IP: 1.2.3.4``, ``下单IP：…``); an IPv6 address anywhere. Only
  global addresses count: a private, loopback or documentation address is the network's own,
  never a customer's (``10.0.3.7`` a proxy) — and the pseudonyms are drawn from the benchmark
  and documentation blocks (198.18.0.0/15, 2001:db8::/32), so a second scrub leaves them;
* a position (four decimals or more, about ten metres) under a coordinate key (``lat``,
  ``lng``, ``latitude``…) or after a position label in text (``定位``, ``坐标``, ``GPS``,
  ``location:``); the pseudonym keeps the degrees and two decimals (about a kilometre: the
  district a route needs) and replaces the rest, its last digits a check.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Callable, Iterator

from seamguard.privacy.kinds import Kind, Span

__all__ = ["ip_pseudonym", "is_global_ip", "location_pseudonym", "own_location", "own_plate",
           "plate_pseudonym", "trace_spans"]

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_CHARS = "A-HJ-NP-Z0-9"
PLATE = re.compile(
    rf"(?<![A-Za-z0-9])[{_PROVINCES}][A-HJ-NP-Z][·•・ -]?"
    rf"(?:[DF][{_PLATE_CHARS}]{{5}}|[{_PLATE_CHARS}]{{5}}[DF]?)(?![A-Za-z0-9])")
_IPV4 = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}"
_IPV6 = r"[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
IP = re.compile(rf"(?<![\w.:])(?:{_IPV4}|{_IPV6})(?![\w:]|\.\d)")
_IPV6_ANYWHERE = re.compile(rf"(?<![\w.:]){_IPV6}(?![\w:])")
# ("from" alone is no label: "response from 8.8.8.8", "redirected from …" name servers; only
# after what a customer does or is: "login from", "order placed from", "buyer connected from")
_IP_LABEL = re.compile(r"(?i)(?:(?<![A-Za-z])ip(?:v[46])?(?:\s*address)?|ip地址"
                       r"|\b(?:log(?:ged)?[- ]?in|sign(?:ed)?[- ]?in|order(?:ed)?|placed|paid"
                       r"|purchased?|bought|checkout|visit(?:ed|or)?|customer|buyer|user|client"
                       r"|shopper|member|account|registered|signup|session)"
                       r"(?:\s+(?:attempts?|was|were|has been|is|came|made|opened|started"
                       r"|connected|accessed|logged in|placed))?\s+from)"
                       r"\s*[:：=]?\s*$")
_COORDINATE = r"-?\d{1,3}\.\d{4,}"
_POSITION = re.compile(rf"(?<![\d.]){_COORDINATE}\s*[,，/ ]\s*{_COORDINATE}(?![\d.])")
_POSITION_LABEL = re.compile(r"(?i)(?:定位|坐标|经纬度|位置|gps|location|coordinates?|lat\s*/\s*lng"
                             r"|position|geo)\s*[:：=]?\s*[(（]?\s*$")


def is_global_ip(text: str) -> bool:
    """``text`` is an IP address of the public internet (a customer's, not the network's)."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return False
    return address.is_global


def _plates(text: str) -> Iterator[Span]:
    for match in PLATE.finditer(text):
        if sum(char.isdigit() for char in match.group()) >= 3:
            yield Span(match.start(), match.end(), Kind.PLATE)


def trace_spans(folded: str) -> Iterator[Span]:
    """Plates anywhere, IPv6 addresses anywhere, IPv4 addresses and positions after a label."""
    yield from _plates(folded)
    if ":" in folded:
        for match in _IPV6_ANYWHERE.finditer(folded):
            if match.group().count(":") >= 3 and is_global_ip(match.group()):
                yield Span(match.start(), match.end(), Kind.IP)
    for match in IP.finditer(folded):
        if ":" not in match.group() and is_global_ip(match.group()) and _IP_LABEL.search(
                folded, max(0, match.start() - 40), match.start()):
            yield Span(match.start(), match.end(), Kind.IP)
    for match in _POSITION.finditer(folded):
        if _POSITION_LABEL.search(folded, max(0, match.start() - 20), match.start()):
            yield Span(match.start(), match.end(), Kind.LOCATION)


def is_ip(text: str) -> bool:
    """``text`` (blanks aside) is one IP address."""
    return IP.fullmatch(text.strip()) is not None


# --- pseudonyms -------------------------------------------------------------------------------

Secret = Callable[[str, str], int]


def _check(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), key=b"seamguard-trace-check-v1",
                                          digest_size=4).digest(), "big")


def ip_pseudonym(secret: Secret, value: str) -> str:
    """An address of the benchmark block (IPv4) or the documentation prefix (IPv6), the same for
    the same address: never global, so never taken for a customer's again."""
    text = value.strip()
    point = secret("ip", text)
    if ":" in text:
        groups = [f"{(point >> (16 * i)) & 0xFFFF:x}" for i in range(6)]
        new = "2001:db8:" + ":".join(groups)
    else:
        new = f"198.{18 + (point >> 16) % 2}.{(point >> 8) % 256}.{point % 254 + 1}"
    return value.replace(text, new)


def plate_pseudonym(secret: Secret, value: str) -> str:
    """The province and the issuing letter kept, the serial replaced (digits by digits, letters
    by letters), its last digits a check (a letter too where the serial holds few digits);
    the new-energy ``D``/``F`` kept."""
    serial = [i for i, char in enumerate(value) if i >= 2 and char.isalnum()]
    if value[serial[0]] in "DF" and len(serial) == 6:
        serial = serial[1:]
    chars = list(value)
    for n, index in enumerate(serial):
        pick = secret("plate", f"{value}\x00{n}")
        chars[index] = str(pick % 10) if value[index].isdigit() else _LETTERS[pick % 24]
    checked = _checked(value)
    body = "".join(char for i, char in enumerate(chars) if i not in checked)
    for index, char in zip(checked, _code(body, [value[i] for i in checked]), strict=True):
        chars[index] = char
    return "".join(chars)


_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # (a plate's letters: no I, no O)


def _checked(value: str) -> list[int]:
    """The positions that carry the check: the last three digits of a five-digit serial (a real
    plate passes one time in a thousand), fewer where the serial holds fewer digits, so that
    the rest still tells plates apart; a serial of three digits or fewer adds its last letter
    (``粤DE2T26``: a one-digit check alone let one real plate in ten pass)."""
    digits = [i for i, char in enumerate(value) if char.isdigit()]
    checked = digits[-max(1, min(3, len(digits) - 2)):]
    if len(digits) <= 3:
        letters = [i for i, char in enumerate(value) if i >= 2 and char in _LETTERS
                   and i not in checked and not (char in "DF" and i == 2 and len(digits) == 5)]
        checked = sorted(checked + letters[-1:])
    return checked


def _code(body: str, shape: list[str]) -> list[str]:
    """The check of ``body`` written in the characters ``shape`` holds: digits and letters."""
    number = _check(body)
    out = []
    for char in reversed(shape):
        radix, alphabet = (10, "0123456789") if char.isdigit() else (24, _LETTERS)
        out.append(alphabet[number % radix])
        number //= radix
    return out[::-1]


def own_plate(value: str) -> bool:
    """A plate :func:`plate_pseudonym` wrote (its last digits check the rest)."""
    if not any(char.isdigit() for char in value):
        return False
    checked = _checked(value)
    body = "".join(char for i, char in enumerate(value) if i not in checked)
    return [value[i] for i in checked] == _code(body, [value[i] for i in checked])


def location_pseudonym(secret: Secret, value: str) -> str:
    """Every coordinate in ``value`` kept to two decimals, the rest replaced, the last digit a
    check."""
    def one(match: re.Match[str]) -> str:
        text = match.group()
        head, decimals = text.split(".")
        kept = head + "." + decimals[:2]
        checked = _location_checked(decimals)
        free = len(decimals) - 2 - checked
        pick = secret("location", text)
        body = kept + (f"{pick % 10 ** free:0{free}d}" if free else "")
        return body + f"{_check(body) % 10 ** checked:0{checked}d}"

    return re.sub(_COORDINATE, one, value)


def own_location(value: str) -> bool:
    """Every coordinate in ``value`` ends with :func:`location_pseudonym`'s check."""
    found = re.findall(_COORDINATE, value)
    return bool(found) and all(
        text[-n:] == f"{_check(text[:-n]) % 10 ** n:0{n}d}"
        for text in found for n in (_location_checked(text.split(".")[1]),))


def _location_checked(decimals: str) -> int:
    """How many last decimals carry the check: three where six or more are written (a real
    position passes one time in a thousand; with one digit, one in ten was left as it was),
    fewer where fewer are, one digit at least replaced."""
    return max(1, min(3, len(decimals) - 3))
