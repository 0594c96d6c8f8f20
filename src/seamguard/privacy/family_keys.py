"""Keys per platform family and the kind of personal data each holds: the built-in key table
:class:`seamguard.privacy.policy.PrivacyPolicy` starts from."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from seamguard.privacy.kinds import Kind

__all__ = ["FAMILY_KEYS"]

# Keys per platform family, by kind (compared without case and separators). The union applies to
# every recording: a key of one platform means the same wherever it shows up.
FAMILY_KEYS: Mapping[str, Mapping[Kind, frozenset[str]]] = MappingProxyType({
    "shopify": {
        Kind.EMAIL: frozenset({"email", "contact_email", "customer_email"}),
        Kind.PHONE: frozenset({"phone"}),
        Kind.NAME: frozenset({"first_name", "last_name"}),
        Kind.ADDRESS: frozenset({"address1", "address2"}),
    },
    "hubspot": {
        Kind.NAME: frozenset({"firstname", "lastname"}),
        Kind.PHONE: frozenset({"mobilephone", "phone", "fax"}),
        Kind.ADDRESS: frozenset({"address"}),
    },
    "sfexpress": {
        Kind.NAME: frozenset({"contact"}),
        Kind.PHONE: frozenset({"tel", "mobile"}),
        Kind.ADDRESS: frozenset({"address"}),
        Kind.SECRET: frozenset({"checkword", "msgDigest", "accessToken"}),
    },
    "taobao": {
        Kind.NAME: frozenset({"receiver_name", "buyer_nick", "buyer_open_uid_name"}),
        Kind.PHONE: frozenset({"receiver_mobile", "receiver_phone"}),
        Kind.ADDRESS: frozenset({"receiver_address"}),
        Kind.EMAIL: frozenset({"buyer_email"}),
        Kind.SECRET: frozenset({"session", "app_secret", "sign"}),
    },
    "jd": {
        Kind.NAME: frozenset({"fullname", "consignee"}),
        Kind.PHONE: frozenset({"telephone", "mobile"}),
        Kind.ADDRESS: frozenset({"full_address"}),
        Kind.SECRET: frozenset({"access_token", "app_secret", "sign"}),
    },
    "pinduoduo": {
        Kind.NAME: frozenset({"receiver_name"}),
        Kind.PHONE: frozenset({"receiver_phone"}),
        Kind.ADDRESS: frozenset({"address", "receiver_address"}),
        Kind.ID_NUMBER: frozenset({"id_card_num"}),
        Kind.SECRET: frozenset({"client_secret", "sign"}),
    },
    "common": {
        Kind.NAME: frozenset({"联系人", "收件人", "收货人", "寄件人", "发件人", "姓名", "consignee",
                              "consignor", "linkman", "contact_person", "recipient", "attn"}),
        Kind.PHONE: frozenset({"电话", "手机", "手机号", "手机号码", "联系电话"}),
        Kind.ADDRESS: frozenset({"地址", "收货地址", "详细地址", "street", "street_address"}),
        Kind.ID_NUMBER: frozenset({"身份证", "身份证号", "id_card", "idcard", "id_card_no",
                                   "id_number", "id_no", "identity_card", "identity_no",
                                   "cert_no", "certificate_no", "national_id", "passport_no",
                                   "ssn", "personal_id", "citizen_id", "resident_id", "hkid",
                                   "twid"}),
        Kind.CARD: frozenset({"bank_card", "bank_card_no", "card_no", "card_number",
                              "bank_account", "bank_account_no", "credit_card", "iban"}),
        Kind.SECRET: frozenset({"password", "passwd", "pwd", "client_secret", "app_secret",
                                "appSecret", "refreshToken", "access_token", "refresh_token",
                                "id_token", "api_key", "apikey", "hapikey", "private_key",
                                "secret_key", "session_key", "authorization", "cookie"}),
    },
})
