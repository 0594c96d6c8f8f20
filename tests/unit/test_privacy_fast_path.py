"""The fast paths of the scrubber find and replace exactly what the full walk does.

The fast paths: JSON documents walked without being rebuilt, replaced strings written back into
the original text, results remembered per distinct string and key meaning (across documents),
object keys scanned once per key set, header values and URLs remembered per distinct value.
The reference is the full walk: every document parsed, rebuilt and re-serialised, every string
scanned afresh (no remembered results), every long key scanned on every visit.

Documents are generated: random JSON shapes whose strings are Faker values (zh_CN and en_US
phones, e-mails, names, addresses, resident ID numbers, card numbers), the same embedded in free
text, ordinary integration values (timestamps, UUIDs, ids, money), under keys that are personal,
secret, identifiers or nothing, serialised in random layouts (indentation, escaped non-ASCII,
nested JSON documents in strings, duplicated keys).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from faker import Faker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.privacy import Masker, Pseudonymizer, TrafficScrubber, json_text
from seamguard.privacy import scrubber as scrubber_module
from seamguard.privacy.json_text import dump_json, fast_loads, load_json
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.scan import Recogniser
from seamguard.privacy.scrubber import Hit, Replacer, Scrubber

_ZH = Faker("zh_CN")
_EN = Faker("en_US")
_ZH.seed_instance(11)
_EN.seed_instance(12)


def _values(count: int) -> list[str]:
    out: list[str] = []
    for _ in range(count):
        out += [_ZH.phone_number(), f"+86 {_ZH.phone_number()}", _EN.phone_number(),
                _ZH.email(), _EN.email(), _ZH.name(), _ZH.last_name(), _ZH.first_name(),
                _EN.name(), _ZH.address(), _ZH.ssn(), _EN.credit_card_number(),
                _ZH.street_address(), _EN.street_address()]
    return out


PERSONAL = _values(12)
ORDINARY = ["2024-07-01T10:00:00+08:00", "2024-07-01", "199.00", "CNY", "paid", "fulfilled",
            "5f0c6a7e-7c3b-4a1e-9d2b-1c2d3e4f5a6b", "00000000-0000-0000-4111-111111111111",
            "gid://shopify/Order/5829462287003", "gid://shopify/Customer/13812345678",
            "SF1234567890123", "5829462287003", "ok", "", " ", "-", "n/a", "红色 XL",
            "https://shop.example/orders/1001?email=a%40b.cn", "Bearer abcdefghijklmnop1234",
            "sk_live_0123456789abcdef", "a,b", ",x", " lead", "}brace", ":colon", "],"]
TEMPLATES = ["{}", "请联系 {} 谢谢", "call me at {} after 6pm", "收件人:{}", "Name: {}",
             "备注:{},送到门口", "{} / {}", "password={}", "地址:{}"]
KEYS = ["email", "phone", "mobile", "receiver_mobile", "first_name", "last_name", "name",
        "buyer_nick", "address1", "full_address", "id_card_no", "bank_card", "password",
        "accessToken", "api_key", "session", "sign", "id", "idProperty", "order_id",
        "waybill_no", "note", "remark", "status", "title", "customer", "contact", "tags",
        "created_at", "total_price", "msgData", "value", "data", "items", "phone_verified",
        "13812345678", "call 13912345678", "sk_live_0123456789abcdef", "联系人", "收货地址",
        "买家", "备注", ""]


def _string(draw: st.DrawFn) -> str:
    pick = draw(st.integers(0, 9))
    if pick <= 3:
        return draw(st.sampled_from(PERSONAL))
    if pick <= 5:
        return draw(st.sampled_from(ORDINARY))
    if pick <= 8:
        template = draw(st.sampled_from(TEMPLATES))
        values = [draw(st.sampled_from(PERSONAL + ORDINARY)) for _ in range(template.count("{}"))]
        return template.format(*values)
    return draw(st.text(max_size=12))


# Integers beyond 64 bits (orjson reads them as floats), some holding a phone or card number.
BIG_INTEGERS = st.one_of(st.integers(2**63 - 2, 2**70), st.integers(-2**70, -2**63 + 2),
                         st.sampled_from([8613812345678000000000, 41111111111111110000,
                                          -13812345678000000000, 2**64, 2**64 - 1, -2**63 - 1]))


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> Any:
    pick = draw(st.integers(0, 9 if depth < 3 else 5))
    if pick <= 3:
        return _string(draw)
    if pick == 4:
        return draw(st.one_of(st.integers(-10**13, 10**13), st.sampled_from(
            [13812345678, 110101199003074518, 4111111111111111, 0, 1, 199]), BIG_INTEGERS))
    if pick == 5:
        return draw(st.sampled_from([None, True, False, 1.5, 199.0, 1e300, -0.0, float("nan"),
                                     float("inf"), 9.3e18, -9.3e18]))
    if pick == 6:
        return [draw(documents(depth + 1)) for _ in range(draw(st.integers(0, 4)))]
    if pick == 7 and depth < 2:  # a JSON document inside a string (SF msgData)
        return json.dumps(draw(documents(depth + 1)), ensure_ascii=draw(st.booleans()))
    keys = draw(st.lists(st.sampled_from(KEYS), max_size=7, unique=True))
    return {key: draw(documents(depth + 1)) for key in keys}


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A generated document as a body: random layout, sometimes a duplicated key."""
    document = draw(documents())
    text = json.dumps(document, ensure_ascii=draw(st.booleans()),
                      indent=draw(st.sampled_from([None, 1, 2])),
                      separators=draw(st.sampled_from([None, (",", ":"), (", ", ": ")])))
    if isinstance(document, dict) and document and draw(st.booleans()):
        key = next(iter(document))
        # the same key twice: a parser keeps the last, the first must not survive unscrubbed
        text = text.replace("{", "{" + json.dumps(key) + ": " + json.dumps(
            draw(st.sampled_from(PERSONAL))) + ", ", 1)
    return text


class _FullWalk(Scrubber):
    """The reference: no remembered results, every long key scanned on every visit, every
    document rebuilt and re-serialised."""

    def _cache_for(self, info: Any) -> dict[str, Any]:
        return {}

    def _key_may_hold(self, key: Any, info: Any) -> bool:
        return isinstance(key, str) and len(key) >= 7 and not info.allowed

    def json_text(self, text: str) -> str | None:
        try:
            parsed = load_json(text)
        except (ValueError, RecursionError):
            return None
        hits: list[Hit] = []
        scrubbed = self._walk_into(parsed, "", hits)
        self._emit(hits)
        return dump_json(scrubbed) if hits else text


def _replacers() -> dict[str, Replacer]:
    return {"pseudonyms": Pseudonymizer(b"fast path test key"), "masks": Masker(),
            "scan": Recogniser()}


POLICY = PrivacyPolicy.default().with_secrets("hunter2-secret")
# One long-lived scrubber per replacer, as a recording session has: its remembered results
# carry over from one generated document to the next.
FAST = {name: Scrubber(POLICY, replacer) for name, replacer in _replacers().items()}
FAST_FOUND: list[Hit] = []
FAST_TRACKED = Scrubber(POLICY, Recogniser(), on_hit=FAST_FOUND.append)


def _same_document(fast: str | None, full: str | None) -> None:
    assert (fast is None) == (full is None)
    if fast is not None and full is not None:
        assert _typed(json.loads(fast)) == _typed(json.loads(full))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts())
def test_json_fast_path_equals_the_full_walk(text: str) -> None:
    for name, replacer in _replacers().items():
        fast = FAST[name]
        before = Counter(fast.counts)
        full = _FullWalk(POLICY, replacer)
        fast_out = fast.json_text(text)
        full_out = full.json_text(text)
        _same_document(fast_out, full_out)
        assert fast.counts - before == full.counts, name
        if fast_out is not None and full_out is not None and name != "scan":
            # a scan of the written-back text finds what a scan of the re-serialised one does
            assert _scan(fast_out) == _scan(full_out), name


def _scan(text: str) -> list[Hit]:
    found: list[Hit] = []
    _FullWalk(POLICY, Recogniser(), on_hit=found.append).json_text(text)
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts())
def test_scan_fast_path_reports_what_the_full_walk_reports(text: str) -> None:
    full_found: list[Hit] = []
    full = _FullWalk(POLICY, Recogniser(), on_hit=full_found.append)
    FAST_FOUND.clear()
    FAST_TRACKED.json_text(text)
    full.json_text(text)
    key = lambda hit: (hit.kind, hit.pointer, hit.value, hit.start)  # noqa: E731
    assert sorted(FAST_FOUND, key=key) == sorted(full_found, key=key)


HEADER_NAMES = ["Content-Type", "X-Note", "Location", "Referer", "Set-Cookie", "Api-Key",
                "X-Customer-Phone", "X-Request-Id", "Authorization", "From"]


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(HEADER_NAMES), st.composite(
    lambda draw: _string(draw))()), min_size=1, max_size=6))
def test_remembered_headers_and_urls_equal_fresh_ones(pairs: list[tuple[str, str]]) -> None:
    fast = FAST_TRAFFIC
    before = Counter(fast.scrubber.counts)
    fresh = TrafficScrubber(POLICY, Pseudonymizer(b"fast path test key"))
    for name, value in pairs:
        assert fast.header(name, value) == fresh.header(name, value)
        url = f"https://shop.example/a/{value}?q={value}"
        assert fast.url(url) == fresh.url(url)
    # vcrpy's headers: lists of values, each seen before (above) or not
    recorded = {name: [value, None, value + " 13812345678"] for name, value in pairs}
    assert fast.headers(recorded) == fresh.headers(recorded)
    # single values (a request's headers), each seen before under this name or another
    single = dict(reversed(pairs))
    assert fast.headers(single) == fresh.headers(single)
    assert fast.scrubber.counts - before == fresh.scrubber.counts


FAST_TRAFFIC = TrafficScrubber(POLICY, Pseudonymizer(b"fast path test key"))


def test_a_remembered_result_is_taken_only_where_the_walk_would_look_it_up() -> None:
    # Under a key the policy reads as plain, this gid's digits are scanned (a phone is found);
    # under the empty key the plain meaning lets it pass unscanned, before any lookup. Both
    # meanings share one table of results (they are equal): the remembered phone must not
    # reach the empty key's value.
    value = "gid://shopify/Customer/13812345678"
    remembering = Scrubber(POLICY, Pseudonymizer(b"fast path test key"))
    documents: list[Any] = [{"title": value}, {"": value}, {"title": value, "": value},
                            {"title": [value]}, [value], {"": [value]}, [{"title": value}, value]]
    for document in documents * 2:
        text = json.dumps(document)
        fresh = Scrubber(POLICY, Pseudonymizer(b"fast path test key"))
        before = Counter(remembering.counts)
        assert remembering.json_text(text) == fresh.json_text(text), text
        assert remembering.counts - before == fresh.counts, text



def test_written_back_document_keeps_its_layout_and_loses_its_phone() -> None:
    text = '{\n  "note": "call 13812345678",\n  "id": 5829462287003,\n  "tags": ["a", "b"]\n}'
    out = Scrubber(POLICY, Masker()).json_text(text)
    assert out is not None
    assert "13812345678" not in out
    assert out.startswith('{\n  "note": "call ')
    assert out.endswith('"tags": ["a", "b"]\n}')


def test_a_duplicated_key_is_never_written_back_with_its_first_value() -> None:
    text = '{"note": "call 13812345678", "note": "nothing here"}'
    out = Scrubber(POLICY, Masker()).json_text(text)
    assert out is not None
    assert "13812345678" not in out
    assert json.loads(out) == {"note": "nothing here"}


def _typed(value: Any) -> Any:
    """A value with its types and key order spelt out (``1 == 1.0 == True`` in Python)."""
    if isinstance(value, dict):
        return ("dict", [(key, _typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(item) for item in value])
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def _outcome(parse: Any, text: str) -> Any:
    try:
        return _typed(parse(text))
    except (ValueError, RecursionError) as exc:
        return ("error", type(exc).__name__)


# JSON-ish texts: numbers in every spelling, escapes, lone surrogates, controls, blanks, BOMs.
_JSONISH = st.lists(st.sampled_from([
    *'{}[]:,"\\ -+.0123456789eEtrufalsnNIiy', r"\ud800", r"\udc00", r"\u00e9", r"\u4e2d",
    "\ud800", "\udc00", "\u00e9", "\ufeff", "\x00", "\x1f", "\t", "\n", "\u4e2d"]),
    max_size=40).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(texts(), _JSONISH, st.builds(json.dumps, st.floats()),
                 st.builds(json.dumps, BIG_INTEGERS),
                 st.builds(lambda m, e: f"{m}e{e}", st.integers(-10**20, 10**20),
                           st.integers(-400, 400)),
                 st.builds(lambda d: json.dumps([d, d + 1, str(d)]), st.integers(-2**80, 2**80))))
def test_fast_loads_reads_what_json_loads_reads(text: str) -> None:
    """orjson with its fallback: the same values, types and key order, or the same refusal;
    except that an integer beyond 64 bits is read as a float, which is then of 2**63 or more
    (the JSON walk parses such a document again with ``json``)."""
    fast, slow = _outcome(fast_loads, text), _outcome(json.loads, text)
    if fast != slow:
        assert _big_float(fast)
        assert fast == _outcome(lambda t: _floated(json.loads(t)), text)


def _big_float(typed: Any) -> bool:
    if typed[0] == "float":
        return not -2.0 ** 63 < float(typed[1]) < 2.0 ** 63
    if typed[0] == "dict":
        return any(_big_float(item) for _, item in typed[1])
    return typed[0] == "list" and any(_big_float(item) for item in typed[1])


def _floated(value: Any) -> Any:
    """``value`` with each integer orjson cannot hold as a float."""
    if isinstance(value, dict):
        return {key: _floated(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_floated(item) for item in value]
    if type(value) is int and not -2**63 <= value < 2**64:
        return float(value)
    return value


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts(), st.sampled_from(["json.loads", "fast_loads"]))
def test_the_json_walk_finds_the_same_whatever_parses_first(text: str, first: str) -> None:
    """A document walked after orjson's parse is scrubbed as after ``json.loads``'s."""
    outs = []
    for parse in (json.loads, fast_loads):
        scrubber = Scrubber(POLICY, Pseudonymizer(b"fast path test key"))
        original = scrubber_module.fast_loads
        scrubber_module.fast_loads = parse
        try:
            outs.append((scrubber.json_text(text), dict(scrubber.counts)))
        finally:
            scrubber_module.fast_loads = original
    assert outs[0] == outs[1]


def test_a_big_integer_read_as_a_float_is_parsed_again(monkeypatch: Any) -> None:
    """The differential test has teeth: without the guard that parses a document holding a
    float of 2**63 or more again (orjson reads a longer integer as a float), the phone inside
    such an integer is missed, and the comparison with the full walk says so."""
    text = '{"phone": 8613812345678000000000, "note": "ok"}'

    def compare() -> tuple[Counter[Any], Counter[Any]]:
        fast, full = Scrubber(POLICY, Masker()), _FullWalk(POLICY, Masker())
        fast._compiled = False  # (the Python loops' guard; the compiled walk's own is compared
        # with them in test_privacy_settle.py)
        fast.json_text(text)
        full.json_text(text)
        return fast.counts, full.counts

    fast_counts, full_counts = compare()
    assert fast_counts == full_counts
    assert full_counts
    monkeypatch.setattr(scrubber_module, "BIG", float("inf"))  # the guard broken
    fast_counts, full_counts = compare()
    assert fast_counts != full_counts


_CONTENT_TYPES = [None, "", "application/json", "application/json; charset=utf-8",
                  "application/json; charset=UTF8", "text/plain; charset=gbk",
                  "text/xml; charset=latin-1", "application/xml", "text/html; charset=utf-16",
                  "application/x-www-form-urlencoded; charset=\"utf-8\"",
                  "text/plain; charset=nope"]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.text(max_size=200), texts(), st.builds(
    lambda head, rest: head + rest, st.sampled_from(["<?xml version='1.0' encoding='gbk'?>",
                                                     " <?xml?>", "", "\ufeff"]),
    st.text(max_size=120))), st.sampled_from(_CONTENT_TYPES))
def test_a_text_body_is_read_as_its_utf8_round_trip_reads(body: str, content_type: str | None
                                                          ) -> None:
    """A body that came as text skips the UTF-8 round trip only where it reads the same."""
    from seamguard.privacy.http import utf8_text
    from seamguard.recordings.bodies import decode

    try:
        data = body.encode("utf-8")
    except UnicodeEncodeError:
        return  # the hook fails on such a body before reading it, as before
    fast = utf8_text(body, content_type)
    if fast is not None:
        full = decode(data, content_type)
        assert full is not None
        assert (fast.text, fast.charset, fast.declared) == (full.text, full.charset,
                                                           full.declared)


def test_the_text_body_shortcut_is_taken_and_checked() -> None:
    """The common case takes it; a declared charset or an XML declaration does not."""
    from seamguard.privacy.http import utf8_text

    assert utf8_text('{"a": "张伟"}', "application/json") is not None
    assert utf8_text('{"a": "张伟"}', "application/json; charset=utf-8") is not None
    assert utf8_text('{"a": "张伟"}', "application/json; charset=gbk") is None
    assert utf8_text("<?xml version='1.0' encoding='gbk'?><a/>", None) is None


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(texts(), st.builds(json.dumps, st.lists(st.text(
    alphabet=st.sampled_from(list('ab"\\/\n\u4e2d')), max_size=8), max_size=6)),
    st.builds(json.dumps, st.dictionaries(st.text(max_size=4), st.text(max_size=6)))))
def test_string_literals_are_counted_as_a_tokenizer_counts_them(text: str) -> None:
    """The count that says whether a walk saw every literal (a duplicated key hides one),
    with escaped quotes and backslashes, against a regular tokenizer of JSON strings."""
    expected = len(json_text._JSON_STRING.findall(text))
    assert json_text.literal_count(text) == expected
