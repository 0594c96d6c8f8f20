"""Recorded bodies as text: bounded inflating and charset decoding, in one place.

Verification, mapping, drift and the privacy scrubber all read bodies through here, so a GBK
body decodes the same way everywhere and every inflate is bounded by bytes produced, not trusted
headers:

1. ``Content-Encoding: gzip`` / ``deflate`` / ``br`` (and a list of them, every gzip member) is
   undone up to ``max_bytes`` in all (:mod:`seamguard.codings`: a gzip or brotli bomb stops
   there); other encodings cannot be looked into.
2. The declared ``charset=`` wins when the bytes decode with it (GBK and GB2312 are read as their
   superset GB18030); otherwise UTF-8; otherwise ``charset-normalizer`` guesses.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass

from seamguard.codings import CodingError, Decoding, Overflow
from seamguard.documents import size_text

__all__ = ["DecodedBody", "charset_of", "cjk_reading", "codec_of", "decode", "decode_body",
           "encode", "inflate", "is_cjk", "media_of", "read_body", "undeclared_cjk",
           "utf8_mislabelled", "utf8_under_cjk_label"]

_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# Chinese national charsets are decoded as GB18030, which contains them all byte for byte.
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
              "euc-cn": "gb18030", "big5": "big5hkscs"}
_CJK_CODECS = frozenset({"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "hz",
                         "euc_jp", "shift_jis", "cp932", "euc_kr", "cp949"})


@dataclass(frozen=True)
class DecodedBody:
    """A body as text, and how to turn text back into the same kind of bytes.

    Attributes:
        text: The decoded text.
        charset: The Python codec that decoded it (and encodes replacements).
        declared: True when the charset came from the message (header or XML declaration).
    """

    text: str
    charset: str
    declared: bool


def media_of(content_type: str | None) -> str:
    """``application/json; charset=GBK`` -> ``application/json``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset_of(content_type: str | None) -> str | None:
    """The codec named by a Content-Type's ``charset=`` parameter, if Python knows it."""
    match = _CHARSET.search(content_type or "")
    if match is None:
        return None
    return _codec(match.group(1))


def codec_of(name: str) -> str | None:
    """The Python codec a charset name means (GBK read as its superset GB18030), if known."""
    return _codec(name)


def is_cjk(codec: str) -> bool:
    """Is ``codec`` (a Python codec name) a Chinese, Japanese or Korean charset?"""
    return codec in _CJK_CODECS


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def inflate(body: bytes, encoding: str, max_bytes: int) -> tuple[bytes | None, str | None]:
    """Undo a ``Content-Encoding`` (one coding or a list such as ``gzip, br``) to at most
    ``max_bytes``: ``(bytes, None)`` or a problem.

    Every member of a multi-member gzip body is inflated (RFC 1952 allows several, and a
    concatenating server or proxy sends them): reading only the first would leave the rest
    unread, so personal data in it would never be scrubbed.
    """
    try:
        return Decoding(encoding, max_bytes).all(body), None
    except Overflow:
        return None, f"body inflates to over the {size_text(max_bytes)} limit"
    except CodingError as exc:
        return None, str(exc)


def decode(data: bytes, content_type: str | None = None) -> DecodedBody | None:
    """``data`` as text by its declared charset, else UTF-8, else detection; None if it is no
    text in any charset."""
    declared = charset_of(content_type)
    if declared is None and b"<?xml" in data[:100]:
        match = _XML_ENCODING.match(data)
        declared = _codec(match.group(1).decode("ascii")) if match else None
    if declared is not None:
        try:
            return DecodedBody(data.decode(declared), declared, True)
        except UnicodeDecodeError:
            pass
    try:
        return DecodedBody(data.decode("utf-8"), "utf-8", declared is not None)
    except UnicodeDecodeError:
        pass
    for charset in ("gb18030", "big5"):
        chinese = _as_chinese(data, charset)
        if chinese is not None:
            return _kana_or_hangul(data) or DecodedBody(chinese, charset, False)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    charset = _codec(best.encoding) or best.encoding
    return DecodedBody(str(best), charset, False)


# What a Chinese text decoded by the right charset holds beyond ASCII: ideographs, CJK and
# full-width punctuation. A Korean or Japanese decoding of GBK bytes does not (Hangul, kana).
_CHINESE_TEXT = re.compile(r"[\x00-\x7f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
                           r"\u2010-\u2027\u00b7]*")


def _as_chinese(data: bytes, charset: str) -> str | None:
    """``data`` as GB18030 (a superset of GBK and GB2312) or Big5 when that reads as Chinese
    text.

    Undeclared GBK and Big5 bodies are common on older Chinese platform endpoints, and short
    ones are misread by statistical detection (as CP949 or Shift JIS, say); a misread body hides
    its personal data (Big5's full-width colon ends in the byte of an ASCII letter, which a
    misreading glues to the phone number after it).
    """
    try:
        text = data.decode(charset)
    except UnicodeDecodeError:
        return None
    if _CHINESE_TEXT.fullmatch(text) is None or re.search("[\u4e00-\u9fff]", text) is None:
        return None
    return text


# Declared charsets that read any bytes (or nearly any) as some letters: a Big5, GBK, Shift_JIS or
# EUC-KR body declared as one of them decodes without error, as mojibake.
_PERMISSIVE = re.compile(r"iso8859-\d+|cp12[5]\d|mac-[a-z]+|koi8-[a-z]+|ascii")
# The CJK charsets charset-normalizer is asked to tell apart (and the permissive ones, so a
# real Latin-1 body reads as Latin-1 rather than as the least bad CJK reading).
_CJK_CANDIDATES = ["big5", "gb18030", "cp932", "euc_jp", "cp949", "cp1252", "latin_1"]


def cjk_reading(data: bytes, decoded: DecodedBody) -> DecodedBody | None:
    """The CJK text ``data`` really is when it was decoded by a declared single-byte charset
    (ISO-8859-1, windows-1252, ...) but its bytes are Big5, GBK/GB18030, Shift_JIS or EUC-KR;
    else None.

    A declared Latin-1 reading of Big5 bytes hides every label (身分證, 收件人) that makes the
    value beside it personal. Pure ASCII and valid UTF-8 bodies are never examined (cheap);
    otherwise charset-normalizer must rank a CJK charset above the Latin ones.
    """
    if not decoded.declared or _PERMISSIVE.fullmatch(decoded.charset) is None:
        return None
    if data.isascii():
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass

    return _detected(data, _CJK_CANDIDATES)


_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
# Korean writes words apart: two Hangul words of two or more syllables with a blank between.
_KOREAN_SPACING = re.compile("[\uac00-\ud7a3]{2,} [\uac00-\ud7a3]{2,}")
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _kana_or_hangul(data: bytes) -> DecodedBody | None:
    """``data`` as Shift_JIS or EUC-KR when that reading is plausible Japanese or Korean
    (:func:`_plausible`); else None.

    Japanese and Korean bytes also read as GB18030 ideographs (rare ones), so the Chinese
    reading alone would hide a Japanese or Korean body's labels and names.
    """
    for charset in ("cp932", "cp949"):
        reading = _plausible_reading(data, charset)
        if reading is not None:
            return reading
    return None


def _detected(data: bytes, candidates: list[str]) -> DecodedBody | None:
    """The first of charset-normalizer's readings of ``data`` (among ``candidates``) that is
    plausible CJK text; None when a non-CJK reading ranks above it."""
    from charset_normalizer import from_bytes

    for match in from_bytes(_head(data), cp_isolation=candidates):
        charset = _codec(match.encoding) or match.encoding
        if charset not in _CJK_CODECS:
            return None
        reading = _plausible_reading(data, charset)
        if reading is not None:
            return reading
    return None


def _plausible_reading(data: bytes, charset: str) -> DecodedBody | None:
    """``data`` read as ``charset`` when it decodes and the text is plausible in it."""
    try:
        text = data.decode(charset)
    except UnicodeDecodeError:
        return None
    return DecodedBody(text, charset, False) if _plausible(text, charset, data) else None


def _plausible(text: str, charset: str, data: bytes) -> bool:
    """Japanese has kana; Korean has Hangul words apart and no Hanja (GB2312's ideographs read
    as Hangul and Hanja in EUC-KR, and GB18030 reads Korean's Hangul as ideographs only);
    Chinese is ideographs and CJK punctuation only."""
    if charset in ("cp932", "shift_jis", "euc_jp"):
        # (a kana or two can be Chinese bytes out of step; Japanese writes them throughout)
        kana = len(_KANA.findall(text))
        return kana >= 2 or (charset == "cp932" and _kanji_only_japanese(text, data))
    if charset in ("cp949", "euc_kr"):
        return (_HANGUL.search(text) is not None and _IDEOGRAPH.search(text) is None
                and _KOREAN_SPACING.search(text) is not None
                and _IDEOGRAPH.search(data.decode("gb18030", errors="replace")) is not None
                # (Shift_JIS kana read as CP949's extra Hangul; EUC-KR proper has none of it)
                and _strict(data, "euc_kr"))
    return _CHINESE_TEXT.fullmatch(text) is not None and _IDEOGRAPH.search(text) is not None


# What a Shift_JIS reading of Japanese written in kanji (and a kana or none) holds: ASCII,
# ideographs, kana, full-width forms and CJK punctuation (no half-width katakana, no
# user-defined characters).
_JAPANESE_KANJI_TEXT = re.compile(r"[\x00-\x7f\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e]*")


def _kanji_only_japanese(text: str, data: bytes) -> bool:
    """Japanese written in kanji alone (an address, a name: ``青森県稲城市竜泉1丁目13番7号``):
    Shift_JIS never uses the lead bytes of GB2312's 3,755 common characters (0xB0-0xD7, its
    half-width katakana there are single bytes), so the GB18030 reading of such bytes holds
    almost none of them, where Chinese text is mostly made of them."""
    if len(_IDEOGRAPH.findall(text)) < 4 or _JAPANESE_KANJI_TEXT.fullmatch(text) is None:
        return False
    pairs = common = 0
    at = 0
    while at < len(data) - 1:
        byte = data[at]
        if byte < 0x80:
            at += 1
            continue
        pairs += 1
        common += 0xB0 <= byte <= 0xD7
        at += 2
    return pairs >= 4 and common * 10 < pairs


def _strict(data: bytes, charset: str) -> bool:
    try:
        data.decode(charset)
    except UnicodeDecodeError:
        return False
    return True


def _head(data: bytes, size: int = 65_536) -> bytes:
    """The first ``size`` bytes or so, cut after an ASCII byte (never inside a character):
    what detection reads of a large body, so it costs the same for any size."""
    if len(data) <= size:
        return data
    cut = max(data.rfind(b"\n", 0, size), data.rfind(b" ", 0, size), data.rfind(b",", 0, size))
    return data[:cut + 1] if cut > 0 else data[:size]


def encode(text: str, decoded: DecodedBody) -> tuple[bytes, str]:
    """``text`` in the body's charset, or in UTF-8 when that charset cannot hold it."""
    try:
        return text.encode(decoded.charset), decoded.charset
    except UnicodeEncodeError:
        return text.encode("utf-8"), "utf-8"


def decode_body(
    body: bytes | str | None, headers: Mapping[str, str], max_bytes: int
) -> tuple[str | None, str | None]:
    """Body text (inflated, decoded by its charset) or a problem description; never more than
    ``max_bytes``. ``headers`` have lower-case names."""
    text, problem, _ = read_body(body, headers, max_bytes)
    return text, problem


def read_body(
    body: bytes | str | None, headers: Mapping[str, str], max_bytes: int
) -> tuple[str | None, str | None, str | None]:
    """:func:`decode_body`, and the charset the text was found to be in when the message names
    none and it is not UTF-8 (``GBK``: an older Chinese endpoint's undeclared body), else None."""
    if body is None:
        return "", None, None
    if isinstance(body, str):
        size = len(body)  # characters; a cheap bound that never under-counts bytes by much
        if size > max_bytes:
            return None, f"body is {size_text(size)}, over the {size_text(max_bytes)} limit", \
                None
        raw = recorded_bytes(body, headers.get("content-type"))
        if raw is None:
            return body, None, None
        body = raw
    encoding = headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        inflated, problem = inflate(body, encoding, max_bytes)
        if inflated is None:
            return None, problem, None
        if body and not inflated:  # a stream cut off before its first byte of data
            return None, (f"body says Content-Encoding: {encoding} but its {len(body)} bytes "
                          "inflate to nothing (the compressed data is cut off)"), None
        body = inflated
    if len(body) > max_bytes:
        return None, (f"body is {size_text(len(body))}, over the {size_text(max_bytes)} "
                      "limit"), None
    content_type = headers.get("content-type")
    declared = charset_of(content_type)
    if declared is not None and utf8_under_cjk_label(body, declared):
        # UTF-8 under a Chinese, Japanese or Korean label: it decodes as mojibake (中 becomes
        # 涓) or not at all; genuine GBK text is practically never valid UTF-8 beyond ASCII.
        named = _CHARSET.search(content_type or "")
        label = (named.group(1) if named else declared).upper()
        return None, (f"body is UTF-8 text labelled charset={label}: read as {label} it is "
                      "garbled"), None
    try:
        text = body.decode(declared or "utf-8")
    except UnicodeDecodeError as exc:
        if declared is None:
            decoded = decode(body)  # an XML declaration, or charset-normalizer's guess
            if decoded is not None and decoded.declared:
                return decoded.text, None, None
            said = _xml_declared(body)
            if said is not None:  # the document names its charset, and is not in it
                return None, (f"body is not valid {said.upper()}, the encoding its XML "
                              "declaration names"), None
            found = None if decoded is None else undeclared_cjk(body, decoded)
            if found is not None:
                return found[0].text, None, found[1]
        return None, (f"body is not valid {(declared or 'utf-8').upper()} "
                      f"(byte 0x{body[exc.start]:02x} at offset {exc.start})"), None
    return text, None, None


def recorded_bytes(body: str, content_type: str | None) -> bytes | None:
    """The bytes a body kept as text stands for when its label names a Chinese, Japanese or
    Korean charset and the text goes beyond ASCII: vcrpy keeps a body as text only when its
    bytes were valid UTF-8 (and loads it back as those bytes), so such a text is UTF-8 sent
    under that label, to be read as the label says. None when the text is what was meant."""
    if body.isascii():
        return None
    declared = charset_of(content_type)
    if declared is None or declared not in _CJK_CODECS:
        return None
    try:
        return body.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no bytes stand behind it
        return None


def is_cjk_codec(charset: str) -> bool:
    """Is ``charset`` (a codec name) one of the Chinese, Japanese or Korean charsets that
    :func:`utf8_under_cjk_label` looks under?"""
    return charset in _CJK_CODECS


def utf8_under_cjk_label(data: bytes, charset: str) -> bool:
    """Is ``data``, labelled ``charset`` (a codec name), UTF-8 text under a Chinese, Japanese or
    Korean label? Genuine GBK or Big5 text beyond ASCII is practically never valid UTF-8."""
    return charset in _CJK_CODECS and _utf8_beyond_ascii(data)


def utf8_mislabelled(data: bytes, charset: str) -> bool:
    """Is ``data``, labelled ``charset`` (a codec name other than UTF-8), UTF-8 text beyond
    ASCII that a client decoding by the label reads as other text, or cannot read? Such bytes
    are rarely valid in another charset by chance, and never the same text: every name and
    address garbles without an error."""
    if charset in ("utf-8", "ascii") or not _utf8_beyond_ascii(data):
        return False
    try:
        return data.decode(charset) != data.decode("utf-8")
    except UnicodeDecodeError:
        return True


def _utf8_beyond_ascii(data: bytes) -> bool:
    """Is ``data`` valid UTF-8 with at least one character beyond ASCII?"""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _xml_declared(data: bytes) -> str | None:
    """The charset an XML declaration at the start of ``data`` names (known to Python)."""
    if b"<?xml" not in data[:100]:
        return None
    match = _XML_ENCODING.match(data)
    return _codec(match.group(1).decode("ascii")) if match else None


def undeclared_cjk(data: bytes, decoded: DecodedBody | None = None
                   ) -> tuple[DecodedBody, str] | None:
    """``data`` (not UTF-8, its charset named nowhere) read in the Chinese, Japanese or Korean
    charset detection is confident of, and the name a user knows that charset by (``GBK``);
    None when no such reading exists. ``decoded``: :func:`decode`'s result, when at hand."""
    decoded = decode(data) if decoded is None else decoded
    # Only a confident CJK guess: older Chinese endpoints send GBK without saying so, while a
    # stray byte in a short body would otherwise "decode" as anything.
    if decoded is None or decoded.declared or decoded.charset not in _CJK_CODECS:
        return None
    return decoded, _named(data, decoded)


def _named(data: bytes, decoded: DecodedBody) -> str:
    """The name a user knows the found charset by: GBK for GB18030 text within GBK."""
    if decoded.charset == "gb18030":
        try:
            data.decode("gbk")
        except UnicodeDecodeError:
            return "GB18030"
        return "GBK"
    return decoded.charset.upper().replace("_", "-")
