"""Secrets in free text: token formats that are secrets wherever they appear (JWTs,
``sk_live_``, ``shpat_``, HubSpot ``pat-``, Slack ``xox?-``, GitHub ``ghp_``, AWS ``AKIA``,
Google ``AIza``, PEM private keys) and ``name=value`` pairs whose name is a credential
(``access_token=``, ``密码:``). See :mod:`seamguard.privacy.detect`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from seamguard.privacy.kinds import Kind, Span
from seamguard.privacy.screens import screened

__all__ = ["SECRET_TOKEN", "secret_spans"]


# --- tokens ----------------------------------------------------------------------------------

_SECRET_PATTERNS = (
    r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",  # JWT (header.payload.sig)
    r"\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}",  # Stripe-style secret / restricted keys
    r"\bshp(?:at|ca|pa|ss|ua)_[0-9A-Fa-f]{32}\b",  # Shopify Admin / custom app tokens
    r"\bpat-[a-z]{2}[0-9]+-[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}"
    r"-[0-9A-Fa-f]{12}\b",  # HubSpot private app tokens
    r"\bxox[abposr]-[0-9A-Za-z-]{10,}",  # Slack tokens
    r"\b(?:gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{40,})",  # GitHub tokens
    r"\bglpat-[0-9A-Za-z_-]{20,}",  # GitLab personal access tokens
    r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",  # AWS access key ids
    r"\bAIza[0-9A-Za-z_-]{35}\b",  # Google API keys
    r"\bLTAI[0-9A-Za-z]{12,30}\b",  # Alibaba Cloud AccessKey ids
    r"\bAKID[0-9A-Za-z]{32}\b",  # Tencent Cloud SecretIds
    # a PEM private key; cut short (no END line), everything that follows still is the key
    r"-----BEGIN[A-Z ]*PRIVATE KEY-----(?:[\s\S]*?-----END[A-Z ]*PRIVATE KEY-----"
    r"|(?:\\[rn]|[A-Za-z0-9+/=\s])*)",
)
# Rarer formats, looked for only in a text holding their start (each alternative costs time at
# every position of every string).
_RARE_SECRET_PATTERNS = (
    # the same keys as bare base64 DER, as Alipay and WeChat Pay hand them out: PKCS#8 RSA
    # (`MIIEvQIBADANBgkqhkiG9w0BAQEFAASC`), PKCS#1 RSA (`MIIEpAIBAAKC`), PKCS#8 EC
    # (`MIGHAgEAMBMGByqGSM49`); public keys (`MIIBIjANBg…`) start otherwise
    r"\bMII[A-Za-z0-9+/]{3}IBA(?:DANBgkqhkiG9w0BAQEFAASC|AKC)(?:\\[rn]|[A-Za-z0-9+/=\r\n])*",
    r"\bMIG[A-Za-z0-9+/]AgEAMBMGByqGSM49(?:\\[rn]|[A-Za-z0-9+/=\r\n])*",
    r"\bwhsec_[0-9A-Za-z+/=]{16,}",  # Stripe webhook signing secrets
    r"\bhooks\.slack\.com/(?:services|workflows|triggers)/[0-9A-Za-z/_-]{16,}",  # Slack webhooks
)
_RARE_STARTS = ("MII", "MIG", "whsec_", "hooks.slack")
# ASCII word boundaries: a token glued to Chinese text ("备注sk_live_…") still starts a word.
_SECRET = re.compile("|".join(f"(?:{p})" for p in _SECRET_PATTERNS), re.ASCII)
_RARE_SECRET = re.compile("|".join(f"(?:{p})" for p in _RARE_SECRET_PATTERNS), re.ASCII)
# a token that is a secret wherever it appears, URLs included
SECRET_TOKEN = re.compile("|".join(f"(?:{p})" for p in _SECRET_PATTERNS + _RARE_SECRET_PATTERNS),
                          re.ASCII)
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_GLUED_TOKEN = re.compile(r"%[0-9A-Fa-f]{2}(?:eyJ|[sr]k_|shp|pat-|xox|gh[pousr]_|github_pat|"
                          r"glpat|AKIA|ASIA|AIza|LTAI|AKID|MII|MIG|whsec_)")

# name=value / name: value pairs in free text whose name says the value is a credential.
_SECRET_PAIR = screened(re.compile(
    r"(?i)\b(?:access_?token|refresh_?token|id_?token|token|api[_-]?key|apikey|app_?secret|"
    r"client_?secret|secret|password|passwd|pwd|checkword|hapikey|session[_-]?key|sign)"
    r"[\"']?\s*[=:]\s*[\"']?"
    # a credential-like value: with a digit or a symbol, or long; not an error text's next word
    r"(?P<value>(?=[^\s&\"',;<>]*[0-9_\-+/=!@#$%^*.~])[^\s&\"',;<>]{3,}|[^\s&\"',;<>]{16,})",
    re.ASCII,
))
# The same with a prefix run into the name (Alibaba Cloud's AccessKeySecret, clientSecret,
# refreshToken, dbPassword) or Tencent's SecretKey; and the Chinese labels (密码: …).
_SECRET_PAIR_JOINED = screened(re.compile(
    r"(?i)\b[A-Za-z0-9]*(?:secret(?:_?key)?|token|password)[\"']?\s*[=:]\s*[\"']?"
    r"(?P<value>(?=[^\s&\"',;<>]*[0-9_\-+/=!@#$%^*.~])[^\s&\"',;<>]{3,}|[^\s&\"',;<>]{16,})",
    re.ASCII,
))
# snake_case names around the word: aws_secret_access_key, db_password_hash, private_key_pem
# (looked for only in a text holding one of the words)
_SECRET_PAIR_SNAKE = screened(re.compile(
    r"(?i)\b[A-Za-z0-9_]*(?:secret|passw(?:or)?d|private_?key)_[A-Za-z0-9_]*[\"']?\s*[=:]\s*"
    r"[\"']?(?P<value>(?=[^\s&\"',;<>]*[0-9_\-+/=!@#$%^*.~])[^\s&\"',;<>]{3,}"
    r"|[^\s&\"',;<>]{16,})",
    re.ASCII,
))
# A Cookie or Set-Cookie header written into a text (a log line, a curl command): all of it.
_COOKIE_LINE = screened(re.compile(
    r"(?i)\b(?:set-)?cookie[\"']?\s*:\s*[\"']?(?P<value>[^\r\n\"']+)", re.ASCII))
_SECRET_LABEL = screened(re.compile(
    r"(?:密码|口令|密钥|秘钥|令牌|授权码|支付密码)\s*[:\uff1a=]\s*"
    r"(?P<value>[^\s\uff0c\u3002\uff1b\u3001,;\"'<>]{3,})"))
_BEARER = screened(re.compile(r"(?i)\b(?:bearer|token|basic)\s+(?P<value>[A-Za-z0-9._~+/=-]{16,})",
                     re.ASCII))
# After a colon a value runs to the next blank (a password may hold `&`); after a blank only a
# credential-looking word counts ("api key 9f8A…", not "token expired").
_SECRET_COLON = screened(re.compile(
    r"(?i)\b(?:access_?token|refresh_?token|token|api[ _-]?key|apikey|app_?secret|secret|"
    r"client_?secret|password|passwd|pwd|passcode)\s*[:\uff1a]\s*"
    r"(?P<value>(?=[^\s\"'<>]*[0-9_\-+/=!@#$%^*.~&])[^\s\"'<>\uff0c\u3002]{3,})",
    re.ASCII))
_SECRET_SPACED = screened(re.compile(
    r"(?i)\b(?:api[ _-]?key|(?:app|client)?[ _-]?secret(?:[ _-]?key)?|password|passwd"
    r"|pwd|access[ _-]?token|session[ _-]?key|signature)"
    r"\s+(?:is\s+)?(?P<value>(?=\S*[0-9])(?=\S*[A-Za-z])[^\s\"'<>,;\uff0c\u3002]{8,})",
    re.ASCII))


def secret_spans(text: str) -> Iterator[Span]:
    tokens = SECRET_TOKEN if any(start in text for start in _RARE_STARTS) else _SECRET
    for match in tokens.finditer(text):
        yield Span(match.start(), match.end(), Kind.SECRET)
    if "%" in text and _GLUED_TOKEN.search(text):
        # a token after a percent-encoded character (`Bearer%20eyJ…`, `key%3Dsk_live_…`), which
        # glues the escape's hex digits to it: escapes read as blanks of the same length
        for match in tokens.finditer(_ESCAPE.sub("   ", text)):
            yield Span(match.start(), match.end(), Kind.SECRET)
    lowered = text.lower()
    patterns = [_SECRET_PAIR, _SECRET_PAIR_JOINED, _SECRET_LABEL, _BEARER, _SECRET_COLON,
                _SECRET_SPACED]
    if "secret" in lowered or "passw" in lowered or "private" in lowered:
        patterns.append(_SECRET_PAIR_SNAKE)
    if "cookie" in lowered:
        patterns.append(_COOKIE_LINE)
    for pattern in patterns:
        for match in pattern.finditer(text):
            value = match.group("value")
            if value.startswith("<") or "*" in value:  # already redacted or masked
                continue
            yield Span(match.start("value"), match.end("value"), Kind.SECRET)
