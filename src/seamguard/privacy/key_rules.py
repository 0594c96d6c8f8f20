"""What a key's words say about its value, by the built-in lists alone.

Keys are compared by their words: ``receiverMobile``, ``receiver_mobile`` and ``RECEIVER-MOBILE``
are all ``receiver mobile`` (:func:`key_words`). :func:`_classify` reads those words against the
lists below: a credential, a personal-data kind, an identifier, a role a person plays. A
project's own keys and allowances sit on top of these
(:class:`seamguard.privacy.policy.PrivacyPolicy`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from seamguard.privacy.detect import Kind
from seamguard.privacy.family_keys import FAMILY_KEYS
from seamguard.privacy.key_synonyms import SYNONYMS as _SYNONYMS

__all__ = ["KeyInfo", "NamePart", "key_words"]

SecretLevel = Literal["always", "likely"]
NamePart = Literal["given", "family"] | None


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """What a key says about its value.

    Attributes:
        kind: The personal-data kind the value holds, when the key says so.
        secret: ``"always"``: the value is a credential whatever it looks like (``password``);
            ``"likely"``: it is one when it looks like one (long, high entropy: ``*_key``).
        identifier: The value identifies a record (``order_id``, ``waybill_no``): bare digit
            runs under it are not phones, cards or ID numbers.
        person_name: A plain ``name``: a person's name only in an object describing a person.
        person_noun: A key naming a role a person plays (``buyer``, ``receiver``, ``customer``,
            ``客户``): a value shaped like a person's name under it is one, whatever surrounds it.
        allowed: The project declared the key non-personal: nothing under it is touched.
        name_part: For a name, ``"given"`` (``first_name``) or ``"family"`` (``last_name``).
        bare_number: A key that names no record (``number``, ``no``, ``num``): a whole value
            written as a phone number under it is one (an id never takes a phone's shape).
        document: A key naming a travel or identity document by an abbreviation (``doc``,
            ``pp_no``, ``travel_doc``): a whole value shaped like a passport number under it
            is one.
        person_ref: An id of a person's record (``partner_id``, ``user_id``, ``customer_id``):
            an ``[id, "display name"]`` pair under it (Odoo's many2one) names that person.
    """

    kind: Kind | None = None
    secret: SecretLevel | None = None
    identifier: bool = False
    person_name: bool = False
    person_noun: bool = False
    allowed: bool = False
    name_part: NamePart = None
    bare_number: bool = False
    document: bool = False
    person_ref: bool = False


_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+"
                   r"|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]+")


@lru_cache(maxsize=4096)
def key_words(key: str) -> tuple[str, ...]:
    """``receiverMobile`` -> ``("receiver", "mobile")``; ``X-Api-Key`` -> ``("x", "api", "key")``.

    A word the lists do not know is read as the known words it runs together (``RECEIVERMOBILE``
    and ``buyername`` as ``receiver mobile`` and ``buyer name``; ``收货人电话`` as ``receiver
    phone``), and words of other languages and pinyin as their English meaning (``shoujihao``:
    ``mobile no``; ``Telefonnummer``: ``phone number``; ``住所``: ``address``).
    """
    words: list[str] = []
    if _KINGDEE_FIELD.match(key):
        key = _kingdee_field(key)
    for word in _WORD.findall(key):
        words.extend(_known_words(word.lower()))
    if words[-2:] == ["e", "mail"]:  # (EMail)
        words[-2:] = ["email"]
    return tuple(words)


# Kingdee writes every field as ``F`` and the field's name: ``FName``, ``FTEL``, ``FLinkMan``.
_KINGDEE_FIELD = re.compile(r"F[A-Z][A-Za-z]*\d*$")


def _kingdee_field(key: str) -> str:
    """``FLinkMan`` -> ``LinkMan``; ``FTEL``, ``FEMail`` -> ``TEL``, ``EMail``, when what follows
    the ``F`` is a word the lists know and the whole is not (``FAX``, ``FROM``, ``FILE`` stay)."""
    rest = key[1:]
    if key[2:3].islower():
        return rest
    bare = rest.rstrip("0123456789").lower()
    known = bare in _vocabulary() or bare == "email"
    return rest if known and key.rstrip("0123456789").lower() not in _vocabulary() else key


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Every word the key lists use, and the words :data:`_SYNONYMS` translates."""
    return _listed_words() | frozenset(_SYNONYMS)


@lru_cache(maxsize=1)
def _listed_words() -> frozenset[str]:
    """Every word the key lists use."""
    words: set[str] = set()
    sets: list[Iterable[str]] = [
        _ALWAYS_SECRET_LAST, _ALWAYS_SECRET_PAIRS, _LIKELY_SECRET_WORDS, _NOT_SECRET,
        _NOT_SECRET_LAST, _PERSON_WORDS, _PERSON_NOUNS, _NAME_KEYS, _PHONE_WORDS,
        _ADDRESS_WORDS, _NOT_ADDRESS_WORDS, _ID_NUMBER_WORDS, _CARD_PAIRS, _META_LAST,
        _IDENTIFIER_LAST, _META_FIRST, _ACCOUNT_WORDS, _NOT_ACCOUNT_WORDS, _ABOUT_WORDS]
    sets.extend(keys for kinds in FAMILY_KEYS.values() for keys in kinds.values())
    for entries in sets:
        for entry in entries:
            words.update(word.lower() for word in _WORD.findall(entry))
    return frozenset(words)


_CJK_WORD = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]+$")


@lru_cache(maxsize=4096)
def _known_words(word: str) -> tuple[str, ...]:
    """One word of a key as the words of the lists (see :func:`key_words`)."""
    vocabulary = _vocabulary()
    if word in _listed_words():  # a listed key keeps its own meaning (收货人, telephone)
        return (word,)
    if word in _SYNONYMS:
        return _SYNONYMS[word]
    pieces: list[str] | None
    if _CJK_WORD.match(word):
        pieces = _cjk_pieces(word)
    elif len(word) >= 5 and word.isalpha():
        pieces = _latin_pieces(word, vocabulary)
    else:
        pieces = None
    if not pieces:
        return (word,)
    return tuple(part for piece in pieces for part in _SYNONYMS.get(piece, (piece,)))


def _cjk_pieces(word: str) -> list[str]:
    """The known words inside a CJK key, longest first from the left; unknown characters (登录
    in 登录密码) are passed over."""
    vocabulary = _vocabulary()
    pieces: list[str] = []
    at = 0
    while at < len(word):
        for end in range(min(len(word), at + 5), at, -1):
            if (word[at:end] in vocabulary and end - at >= 2) or word[at:end] == "号":
                pieces.append(word[at:end])
                at = end
                break
        else:
            at += 1
    return pieces


def _latin_pieces(word: str, vocabulary: frozenset[str]) -> list[str] | None:
    """``word`` as the fewest known words of two or more letters that spell it exactly."""
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(2, len(word) + 1):
        for start in range(max(0, end - 16), end - 1):
            before = best[start]
            piece = word[start:end]
            if before is not None and piece in vocabulary and (
                    best[end] is None or len(before) + 1 < len(best[end] or ())):
                best[end] = [*before, piece]
    found = best[len(word)]
    return found if found and len(found) > 1 else None


def _normal(key: str) -> str:
    return "".join(key_words(key))


# Words that, at the end of a key, make the value a credential whatever it looks like.
_ALWAYS_SECRET_LAST = frozenset({
    "password", "passwd", "pwd", "passphrase", "secret", "checkword", "signature", "sign",
    "credential", "credentials", "cookie", "authorization", "hapikey", "apikey", "token",
    "creds", "sig", "pass", "passcode",
})
_ALWAYS_SECRET_PAIRS = frozenset({
    "accesstoken", "refreshtoken", "idtoken", "authtoken", "apitoken", "apikey", "secretkey",
    "privatekey", "sessionkey", "accesskey", "clientsecret", "appsecret", "sessiontoken",
    "msgdigest", "bearertoken", "apisecret", "secretvalue",
})
# A last word that runs words together and ends in one of these is a credential too: HTTP header
# names arrive lower-cased (`x-csrftoken`), and form fields are written so (`csrfmiddlewaretoken`).
_ALWAYS_SECRET_ENDINGS = ("token", "secret", "password", "passwd", "cookie", "apikey", "pwd")
# Words that make a value a credential when it also looks like one.
_LIKELY_SECRET_WORDS = frozenset({"token", "secret", "key", "auth", "session", "signature",
                                  "credential", "password", "access", "sid", "ticket",
                                  "csrf", "xsrf"})
# Keys with those words that are identifiers or metadata, not credentials.
_NOT_SECRET = frozenset({
    "idempotencykey", "idempotencytoken", "dedupekey", "dedupkey", "primarykey", "sortkey",
    "partitionkey", "cachekey", "objectkey", "foreignkey", "eventkey", "requestkey",
    "messagekey", "key", "keys", "pagetoken", "nextpagetoken", "continuationtoken", "synctoken",
    "tokentype", "signtype", "signmethod", "keyid", "appkey", "publickey", "publishablekey",
    # a messaging platform's resource ids (Twilio's SM…, CA…, AC…), not sessions
    "messagesid", "smsmessagesid", "smssid", "callsid", "accountsid",
})
_NOT_SECRET_LAST = frozenset({
    "id", "ids", "type", "types", "url", "uri", "name", "at", "time", "count", "length",
    "version", "expires", "expiry", "in", "scope", "scopes", "method", "status", "format",
    "algorithm", "alg", "enabled", "required", "used", "header",
})

_PERSON_WORDS = frozenset({
    "first", "last", "given", "family", "sur", "middle", "full", "real", "true", "receiver",
    "buyer", "sender", "consignee", "consignor", "contact", "customer", "user", "member",
    "person", "recipient", "shipper", "holder", "cardholder", "employee", "owner", "nick",
    "payer", "payee", "beneficiary", "guest", "passenger", "driver", "courier", "patient",
    "display", "legal", "login", "signer", "emergency",
    "to",  # ERP addressees: ship_to_name, bill_to_name, sold_to_name
    "wechat", "wx", "qq",  # the name a person shows there: wechat_nickname, qq_name
})
_ABOUT_WORDS = frozenset({"info", "information", "detail", "details", "data", "text", "desc",
                          "description", "summary", "string", "str", "line"})
# Keys naming the role a person plays: `<Buyer>王建国</Buyer>`, `"customer": "Emily Carter"`.
# Only a value shaped like a name counts (`"customer": "cus_123"` is an id, not a name).
_PERSON_NOUNS = frozenset({
    "buyer", "receiver", "recipient", "consignee", "consignor", "customer", "client", "sender",
    "shipper", "payer", "payee", "addressee", "beneficiary", "holder", "cardholder", "signer",
    "signee", "guest", "passenger", "patient", "member", "person", "owner", "applicant",
    "to",  # an addressee: {"ship": {"to": "Emily Carter"}}
    "客户", "买家", "顾客", "客人", "会员", "用户", "收货人", "寄件人", "发件人", "签收人",
    "付款人", "收款人", "持卡人", "申请人", "经办人", "负责人",
    # a member of staff acting on a record: "operator": "张伟", "modified_by" (see _actor)
    "operator", "assignee", "approver", "reviewer", "auditor", "handler", "creator", "modifier",
    "salesperson", "salesman", "saleswoman", "clerk", "cashier", "操作人", "操作员", "审核人",
    "审批人", "创建人", "修改人", "制单人", "业务员", "跟进人", "处理人",
})
_NAME_KEYS = frozenset({
    "firstname", "lastname", "fullname", "surname", "givenname", "familyname", "middlename",
    "nickname", "username", "realname", "truename", "buyernick", "receivername", "contactname",
    "contactperson", "recipientname", "sendername", "shippername", "customername", "membername",
    "holdername", "cardholder", "cardholdername", "displayname",
})
_PHONE_WORDS = frozenset({"phone", "mobile", "tel", "telephone", "mobilephone", "cellphone",
                          "cell", "fax", "msisdn", "电话", "手机", "手机号", "手机号码",
                          "联系电话"})
_ADDRESS_WORDS = frozenset({"address", "addr", "地址", "street", "streetaddress", "detailaddress",
                            "fulladdress", "housenumber"})
_NOT_ADDRESS_WORDS = frozenset({"email", "mail", "ip", "mac", "accept", "url", "web", "wallet",
                                "server", "host", "remote", "contract", "bitcoin", "btc", "eth"})
_ID_NUMBER_WORDS = frozenset({"idcard", "identity", "passport", "身份证", "身份证号"})
_CARD_PAIRS = frozenset({"bankcard", "cardno", "cardnumber", "creditcard", "debitcard",
                         "bankaccount", "accountno", "acctno", "payeeaccount", "bankacct",
                         "iban"})
# Instant-messaging accounts: ``wechat``, ``wx_id``, ``weixinhao``, ``qq``, ``qq_no``, ``微信号``;
# not the platform's own ids and settings (``wx_appid``, ``wx_openid``, ``wechat_pay``); and
# ``messenger_account``, what a value a sibling names as a messenger's account is read under.
_ACCOUNT_WORDS = frozenset({"wechat", "wx", "vx", "qq", "wechatid", "messenger"})
_ACCOUNT_LAST = frozenset({"id", "no", "num", "number", "account", "acct", "handle"})
_NOT_ACCOUNT_WORDS = frozenset({
    "app", "appid", "mch", "mchid", "open", "openid", "union", "unionid", "corp", "corpid",
    "agent", "agentid", "template", "pay", "mp", "mini", "miniprogram", "group", "qun",
    "official", "oa", "url", "link", "qr", "qrcode", "code", "bind", "bound", "login", "scene",
    "msg", "message", "order", "trade", "transaction", "refund", "notify", "merchant",
    "partner", "sub", "component", "platform", "shop", "store", "music", "mail"})
# A platform's identifier of one user (WeChat's openid and unionid, Taobao's open_uid): stable,
# linkable to the person by the app that holds it, so personal information under PIPL (art. 4;
# art. 73: only what cannot be linked back is anonymised). Pseudonymised as an account is, one
# character for one: joins on it still work.
_USER_IDS = frozenset({"openid", "unionid", "openuid"})
# Alipay's id of one user (``buyer_user_id`` is Alipay's ``2088…``: ``alipay_user_id``,
# ``alipayUid``, ``buyer_alipay_no``); not a merchant's or an app's (``alipay_partner_id``,
# ``seller_alipay_id``, ``alipay_app_id``).
_ALIPAY_WORDS = frozenset({"alipay", "zhifubao", "zfb"})


def _alipay_user(words: tuple[str, ...], last: str) -> bool:
    return any(word in _ALIPAY_WORDS for word in words) \
        and last in (*_ACCOUNT_LAST, "uid", "userid", "user") \
        and not any(word in _NOT_ACCOUNT_WORDS or word in ("seller", "pid") for word in words)


# Last words that describe the value instead of holding it: "email_verified", "phone_type".
_META_LAST = frozenset({
    "type", "types", "status", "state", "verified", "consent", "count", "template", "subject",
    "format", "id", "ids", "code", "country", "ext", "extension", "area", "prefix", "region",
    "enabled", "flag", "valid", "validated", "confirmed", "opt", "optin", "marketing", "source",
    "label", "kind", "category", "level", "brand", "expiry", "exp", "month", "year", "length",
    "mask", "masked", "hash", "hint", "lang", "language", "locale", "at", "time", "date",
    "updated", "created", "policy", "visible", "required", "bounced", "domain",
})
_IDENTIFIER_LAST = frozenset({
    "id", "ids", "no", "num", "number", "code", "sn", "seq", "sku", "ref", "reference",
    "barcode", "ean", "upc", "gtin", "isbn", "uuid", "guid", "hash", "digest", "checksum",
    "etag", "cursor", "after", "before", "offset", "page", "version", "key", "tid", "oid",
    "mailno", "waybillno", "timestamp", "ts", "time", "at",
    # a number that is the thing itself: "order": 15019283746, a CSV's "订单" column
    "order", "waybill", "invoice",
})
# Money and measures ("amount", "total", "qty") are not listed: their digits are no record ids,
# and a mobile number sent in a wrong field (a phone in `total`) is still somebody's phone.


def _classify(key: str) -> KeyInfo:
    words = key_words(key)
    if not words:
        return KeyInfo()
    joined = "".join(words)
    last = words[-1]
    pair = "".join(words[-2:])
    if joined in _NOT_SECRET or last in _NOT_SECRET_LAST:
        secret: SecretLevel | None = None
    elif (last in _ALWAYS_SECRET_LAST or pair in _ALWAYS_SECRET_PAIRS
          or (last.endswith(_ALWAYS_SECRET_ENDINGS) and last not in _NOT_SECRET)
          # a credential pair before a describing word: privateKeyPem, apiSecretValue
          or any(a + b in _ALWAYS_SECRET_PAIRS for a, b in pairwise(words))):
        secret = "always"
    elif any(word in _LIKELY_SECRET_WORDS for word in words) or joined.endswith("key"):
        secret = "likely"
    else:
        secret = None
    if secret == "always" or (words[0] in _CIPHER_FIRST and len(words) > 1
                              and _ciphers_personal(words[1:])):
        return KeyInfo(secret="always")
    identifier = last in _IDENTIFIER_LAST or joined in _IDENTIFIER_LAST
    kind = _personal_kind(words, joined, last, pair)
    if kind is not None:
        return KeyInfo(kind=kind, secret=secret)
    # ("receiver_info", "buyerDetail": a text about the person the first word names)
    noun = not identifier and (last in _PERSON_NOUNS or joined in _PERSON_NOUNS or (
        last in _ABOUT_WORDS and len(words) > 1 and (
            words[-2] in _PERSON_NOUNS or words[-2] == "contact")) or words in _PARTY_NAMES
        or (last == "by" and len(words) > 1))  # created_by, modifiedBy, approved_by
    return KeyInfo(secret=secret, identifier=identifier,
                   person_name=joined in ("name", "names") or _abbreviated_name(words)
                   or words in _PARTY_NAMES,
                   person_noun=noun, bare_number=joined in _BARE_NUMBER_KEYS,
                   document=_names_a_document(words),
                   person_ref=identifier and _names_a_person_record(words))


# Records that are people's in an ERP or a CRM, beside the role nouns: an id of one
# (``partner_id``, ``user_id``) may come with the person's display name (Odoo's many2one).
_PERSON_RECORDS = frozenset({"partner", "user", "employee", "member", "salesman", "assignee"})


def _names_a_person_record(words: tuple[str, ...]) -> bool:
    if len(words) < 2 or words[-1] not in ("id", "ids"):
        return False
    head = _classify("_".join(words[:-1]))
    return words[-2] in _PERSON_RECORDS or head.person_noun or head.kind is Kind.NAME


# A platform's ciphertext of a personal field beside its masked copy (Douyin
# `encrypt_post_tel`, Kuaishou `encryptedConsignee`): the app's key opens it, so it is kept out
# like a credential, never masked digit by digit as the phone it hides.
_CIPHER_FIRST = frozenset({"encrypt", "encrypted", "enc", "cipher", "ciphered"})


def _ciphers_personal(rest: tuple[str, ...]) -> bool:
    info = _classify("_".join(rest))
    return info.kind is not None or info.person_noun or info.person_name


# Carriers' sender and recipient names (Flash Express `src_name`/`dst_name`, `srcName`,
# `destName`, `recvName`, `receive_name`): a value shaped like a person's name is one, without a
# phone beside it; `orders_db` or a plain `src` or `source` stays (their phones, addresses and
# contacts are personal by their last word).
_PARTY_NAMES = frozenset((word, "name") for word in (
    "src", "dst", "dest", "rcv", "recv", "receive", "received", "cust"))
# ("…man", "…person" after these: receiveMan, FLinkMan, contactPerson)
_PARTY_WORDS = frozenset({"src", "dst", "dest", "rcv", "recv", "receive", "receiver", "link",
                          "contact", "deliver", "delivery", "send", "sender", "sign", "signed",
                          "cust", "customer", "take", "pickup", "duty", "charge"})


# Words of keys that may name a passport or travel permit without saying "passport"; the weak
# ones name any document, so a record id under them (doc_id) is no passport.
_DOCUMENT_WORDS = frozenset({"pp", "travel", "hz", "zhengjian", "permit", "visa"})
_WEAK_DOCUMENT_WORDS = frozenset({"doc", "docs", "document", "identity", "cert", "certificate"})
_RECORD_LAST = frozenset({"id", "ids", "uuid", "guid", "key", "hash", "url", "path", "type",
                          "name", "version", "status", "date", "at", "time"})


def _names_a_document(words: tuple[str, ...]) -> bool:
    return any(word in _DOCUMENT_WORDS for word in words) or (
        words[-1] not in _RECORD_LAST and any(word in _WEAK_DOCUMENT_WORDS for word in words))


# Short words before "name" that name a thing (fileName, appName, hostName, skuName).
_THING_ABBREVIATIONS = frozenset({
    "file", "app", "host", "tag", "item", "sku", "spu", "shop", "city", "type", "font", "key",
    "org", "corp", "bank", "pkg", "img", "log", "db", "col", "tab", "env", "var", "attr", "prop",
    "node", "job", "task", "pod", "svc", "dir", "path", "doc", "role", "team", "plan", "menu",
    "page", "site", "area", "zone", "dept", "unit", "cat", "brand", "sheet", "goods", "spec",
    "step", "mode", "tpl", "biz", "api", "sdk", "os", "dev", "mq", "topic", "src", "mod",
    # a CRM's records that are no people (Zoho's Deal_Name, a case's, a quote's, a form's)
    "deal", "opp", "case", "form", "view", "list", "rule", "flow",
})


def _abbreviated_name(words: tuple[str, ...]) -> bool:
    """``dstName``, ``rcvName``: a short word the lists do not know before ``name`` (a carrier's
    abbreviation of recipient or sender) names as much as ``name`` alone does; whether the value
    is a person's is then told by its siblings, as for ``name``."""
    return (len(words) == 2 and words[1] == "name" and len(words[0]) <= 4
            and words[0] not in _THING_ABBREVIATIONS and words[0] not in _vocabulary())


# Keys naming a number and nothing it numbers.
_BARE_NUMBER_KEYS = frozenset({"number", "no", "num", "nr", "nummer", "numero", "haoma", "号码"})


# First words that turn a key into a flag about the value: "verified_email", "send_sms_phone".
_META_FIRST = frozenset({"verified", "is", "has", "send", "allow", "accepts", "accept", "opt",
                         "enable", "enabled", "confirm", "confirmed", "validate", "valid",
                         "notify", "require", "required", "show", "hide", "use", "can"})


# Keys of the traces a person leaves (seamguard.privacy.traces): an IP address (``buyer_ip``,
# ``X-Forwarded-For``, ``remote_addr``), a position (``lat``, ``longitude``), a vehicle plate;
# and the numbers of identity documents beyond the resident ID (``home_return_permit``,
# ``perm_residence_id``, ``macau_id``).
_IP_JOINED = ("ipaddress", "forwardedfor", "remoteaddr", "remoteaddress", "clientaddr",
              "clientaddress")
_POSITION_LAST = frozenset({"lat", "lng", "lon", "latitude", "longitude", "coordinates",
                            "coords", "geo", "gps", "geolocation", "location", "position",
                            "loc", "latlng", "lnglat", "latlon", "lonlat", "geopoint",
                            "纬度", "经度", "坐标", "经纬度", "定位"})
_PLATE_JOINED = ("plate", "carno", "vehicleno", "chepai", "车牌")
_DOCUMENT_JOINED = ("residencepermit", "permanentresidence", "permresidence", "foreignerid",
                    "macauid", "returnpermit", "travelpermit", "mtpno", "taibaozheng",
                    "huixiangzheng", "回乡证", "台胞证", "通行证", "居住证", "永居证")
# A travel permit as a word of its own (``tw_permit``, ``permitNo``) or by its initials: the
# Mainland Travel Permit for Taiwan residents (``mtp``, ``tbz`` 台胞证), for Hong Kong and Macau
# residents (``hxz`` 回乡证) and the exit-entry permit (``txz`` 通行证). Its number is eight
# digits or a letter and eight: its shape is any code's, so the key decides.
_PERMIT_WORDS = frozenset({"permit", "permits", "mtp", "tbz", "hxz", "txz"})


def _trace_kind(words: tuple[str, ...], joined: str, last: str) -> Kind | None:
    if "ip" in words or joined.endswith(_IP_JOINED):
        return Kind.IP
    if last in _POSITION_LAST:
        return Kind.LOCATION
    if any(part in joined for part in _PLATE_JOINED):
        return Kind.PLATE
    if (any(part in joined for part in _DOCUMENT_JOINED) or any(
            word in _PERMIT_WORDS for word in words)) and last not in _META_LAST - {"id"}:
        return Kind.ID_NUMBER
    return None


def _personal_kind(words: tuple[str, ...], joined: str, last: str, pair: str) -> Kind | None:
    if words[0] in _META_FIRST and len(words) > 1:
        return None
    trace = _trace_kind(words, joined, last)
    if trace is not None:
        return trace
    if any(word in _ID_NUMBER_WORDS for word in words) or "idcard" in joined:
        return Kind.ID_NUMBER
    if pair in _CARD_PAIRS or "bankcard" in joined:
        return Kind.CARD if last not in _META_LAST - {"code"} else None
    if last in _USER_IDS or pair in _USER_IDS or _alipay_user(words, last):
        return Kind.ACCOUNT  # (a platform's id of one user: see _USER_IDS)
    # (camel case splits WeChat in two: WeChatID)
    if (any(word in _ACCOUNT_WORDS for word in words) or "wechat" in joined) and (
            last in _ACCOUNT_WORDS or last in _ACCOUNT_LAST or joined.endswith("wechat")) \
            and not any(word in _NOT_ACCOUNT_WORDS for word in words):
        return Kind.ACCOUNT
    if last in _META_LAST:
        return None
    if "email" in words or joined in ("mail", "emailaddress", "邮箱", "电子邮箱"):
        return Kind.EMAIL
    if any(word in _PHONE_WORDS for word in words) or "whatsapp" in joined or (
            "contact" in words[:-1] and last in ("no", "num", "number")):  # contactNo
        return Kind.PHONE
    if any(word in _ADDRESS_WORDS for word in words) and not any(
            word in _NOT_ADDRESS_WORDS for word in words):
        return Kind.ADDRESS
    if joined in _NAME_KEYS or last in ("contact", "consignee", "linkman", "recipient",
                                        "recipients", "consignees"):
        return Kind.NAME
    if len(words) >= 2 and last in ("man", "person") and words[-2] in _PARTY_WORDS:
        # an ERP's or a carrier's party: receiveMan, FLinkMan, contactPerson
        return Kind.NAME
    # "receiver_name", "buyer_nick", "contact_full_name"; not "last_order_name", "shop_name".
    if any(word in ("name", "nick", "nickname") and index and words[index - 1] in _PERSON_WORDS
           for index, word in enumerate(words)):
        return Kind.NAME
    return None


_GIVEN = frozenset({"first", "given", "forename", "firstname", "givenname", "名"})
_FAMILY = frozenset({"last", "family", "sur", "surname", "lastname", "familyname", "姓"})


def _name_part(key: str) -> NamePart:
    words = key_words(key)
    if any(word in _GIVEN for word in words):
        return "given"
    if any(word in _FAMILY for word in words):
        return "family"
    return None
