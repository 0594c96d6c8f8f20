"""The words of a key that make its value a credential (``password``, ``access_token``), and
those that keep a key holding such a word an identifier or metadata (``idempotency_key``,
``token_type``): the secret half of a key's reading
(:meth:`seamguard.privacy.policy.PrivacyPolicy.key`)."""

from __future__ import annotations

__all__ = ["ALWAYS_SECRET_ENDINGS", "ALWAYS_SECRET_LAST", "ALWAYS_SECRET_PAIRS",
           "LIKELY_SECRET_WORDS", "NOT_SECRET", "NOT_SECRET_LAST"]

# Words that, at the end of a key, make the value a credential whatever it looks like.
ALWAYS_SECRET_LAST = frozenset({
    "password", "passwd", "pwd", "passphrase", "secret", "checkword", "signature", "sign",
    "credential", "credentials", "cookie", "authorization", "hapikey", "apikey", "token",
    "creds", "sig", "pass", "passcode",
})
ALWAYS_SECRET_PAIRS = frozenset({
    "accesstoken", "refreshtoken", "idtoken", "authtoken", "apitoken", "apikey", "secretkey",
    "privatekey", "sessionkey", "accesskey", "clientsecret", "appsecret", "sessiontoken",
    "msgdigest", "bearertoken", "apisecret", "secretvalue",
})
# A last word that runs words together and ends in one of these is a credential too: HTTP header
# names arrive lower-cased (`x-csrftoken`), and form fields are written so (`csrfmiddlewaretoken`).
ALWAYS_SECRET_ENDINGS = ("token", "secret", "password", "passwd", "cookie", "apikey", "pwd")
# Words that make a value a credential when it also looks like one.
LIKELY_SECRET_WORDS = frozenset({"token", "secret", "key", "auth", "session", "signature",
                                  "credential", "password", "access", "sid", "ticket",
                                  "csrf", "xsrf"})
# Keys with those words that are identifiers or metadata, not credentials.
NOT_SECRET = frozenset({
    "idempotencykey", "idempotencytoken", "dedupekey", "dedupkey", "primarykey", "sortkey",
    "partitionkey", "cachekey", "objectkey", "foreignkey", "eventkey", "requestkey",
    "messagekey", "key", "keys", "pagetoken", "nextpagetoken", "continuationtoken", "synctoken",
    "tokentype", "signtype", "signmethod", "keyid", "appkey", "publickey", "publishablekey",
})
NOT_SECRET_LAST = frozenset({
    "id", "ids", "type", "types", "url", "uri", "name", "at", "time", "count", "length",
    "version", "expires", "expiry", "in", "scope", "scopes", "method", "status", "format",
    "algorithm", "alg", "enabled", "required", "used", "header",
})
