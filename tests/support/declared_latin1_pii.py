# ruff: noqa: RUF001
"""CJK bodies whose Content-Type declares a single-byte charset (ISO-8859-1, windows-1252,
US-ASCII): Faker's zh_CN (GBK, GB18030), zh_TW (Big5), ja_JP (Shift_JIS) and ko_KR (EUC-KR)
names, phones and addresses after their labels, as JSON, a form and XML.

A value counts as leaked when the scrubbed bytes still hold it in the body's real charset, and
only when the same body sent as UTF-8 loses it (what the scrubber finds in the text at all is
other corpora's business). ``python -m tests.support.declared_latin1_pii [SEED]`` prints the
leaks and the count.
"""

from __future__ import annotations

import json
import random
import sys

from faker import Faker

from seamguard.privacy import Pseudonymizer, TrafficScrubber

LOCALES = {"zh_CN": ("gbk", "gb18030"), "zh_TW": ("big5",), "ja_JP": ("shift_jis",),
           "ko_KR": ("euc_kr",)}
LABELS = {"zh_CN": ("收件人", "电话", "地址"), "zh_TW": ("收件人", "電話", "地址"),
          "ja_JP": ("お届け先", "電話", "住所"), "ko_KR": ("받는사람", "전화", "주소")}
DECLARED = ("ISO-8859-1", "windows-1252", "latin1", "US-ASCII")


def _bodies(label: tuple[str, str, str], values: tuple[str, str, str]) -> list[tuple[str, str]]:
    name, phone, address = values
    note = f"{label[0]}：{name}，{label[1]}：{phone}，{label[2]}：{address}"
    spaced = f"{label[0]} {name} {label[1]} {phone} {label[2]} {address}"
    return [
        ("text/plain", spaced),
        ("application/json", json.dumps({"orderNo": "5829461287001", "remark": note},
                                        ensure_ascii=False)),
        ("text/xml", f"<order><no>5829461287001</no><remark>{note}</remark></order>"),
        ("text/plain", note),
    ]


_KEY = b"declared-latin1-corpus-key-32byt"


def _leaks(body: bytes, content_type: str, charset: str, values: tuple[str, ...]) -> list[str]:
    """The values left in either reading after masking, and after pseudonymising."""
    left: set[str] = set()
    for replacer in (None, Pseudonymizer(_KEY)):
        headers = {"Content-Type": content_type, "Content-Length": str(len(body))}
        out = TrafficScrubber(replacer=replacer).body(body, headers)
        data = out if isinstance(out, bytes) else out.encode()
        now = "utf-8" if "charset=utf-8" in headers["Content-Type"] else charset
        text = data.decode(now, errors="replace")
        left.update(value for value in values if value in text)
    return [value for value in values if value in left]


def score(seed: int = 8101, per_locale: int = 12) -> tuple[int, list[str]]:
    """(cases, leaks): a leak is a value the UTF-8 body loses and the mis-declared one keeps."""
    rng = random.Random(seed)
    cases, leaks = 0, []
    for locale, charsets in LOCALES.items():
        faker = Faker(locale)
        faker.seed_instance(seed)
        for _ in range(per_locale):
            values = (faker.name(), faker.phone_number(), faker.address().replace("\n", " "))
            charset = rng.choice(charsets)
            for media, text in _bodies(LABELS[locale], values):
                try:
                    body = text.encode(charset)
                except UnicodeEncodeError:
                    continue
                found = [value for value in values if value not in _leaks(
                    text.encode(), f"{media}; charset=utf-8", "utf-8", values)]
                declared = rng.choice(DECLARED)
                cases += 1
                for value in _leaks(body, f"{media}; charset={declared}", charset,
                                    tuple(found)):
                    leaks.append(f"{locale} {charset} as {declared} {media}: {value}")
    return cases, leaks


def main(argv: list[str]) -> int:
    seed = int(argv[0]) if argv else 8101
    cases, leaks = score(seed)
    for leak in leaks:
        print(f"  leak  {leak}")
    print(f"seed {seed}: {len(leaks)} leaks in {cases} bodies")
    return 0



if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
