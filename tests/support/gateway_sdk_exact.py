"""Gateway calls as the platforms' own SDKs build them and as their SDK samples and API pages
answer them, each with one planted contract violation or none, scored for exact findings (code
and pointer; for a misspelt operation also the "did you mean" it must carry).

What the SDKs do, in our words, and what the cases take from it:

* TOP's Python and PHP SDKs put the system parameters (``app_key``, ``timestamp``, ``sign``,
  ``partner_id`` naming the SDK) in the URL and the operation's parameters in a form body, and
  sign over both; the Python SDK writes the time stamp in Unix milliseconds, the Java SDK
  ``yyyy-MM-dd HH:mm:ss``. ``sign_method`` ``md5`` wraps the sorted ``name``+``value`` text in
  the secret, ``hmac`` and ``hmac-sha256`` key an HMAC on it; the digest is hex, upper case in
  every SDK. Errors are ``error_response`` with ``code``, ``msg``, ``sub_code``, ``sub_msg``.
* JD's Java SDK sends ``method``, ``app_key``, ``access_token``, ``timestamp`` (with
  milliseconds and the offset), ``v`` 2.0 and the operation's parameters as one compact JSON
  text in ``360buy_param_json``; answers sit under ``<method>_responce`` with ``code`` "0", a
  refusal of the gateway is ``error_response`` with ``code``, ``zh_desc``, ``en_desc``.
* Pinduoduo's POP SDKs post ``type``, ``client_id``, ``timestamp`` (Unix seconds),
  ``data_type`` JSON, ``version`` V1 and the operation's parameters as one form, signed MD5 in
  upper-case hex; errors are ``error_response`` with ``error_code``, ``error_msg`` and
  ``sub_code``.
* SF Fengqiao's Java sample signs ``Base64(MD5(URLEncoder.encode(msgData + timestamp +
  checkword, "UTF-8")))``, its Python sample the same with ``quote_plus`` and a time stamp in
  seconds; ``apiResultCode`` A1000 is the gateway's yes, ``apiResultData`` a JSON text whose
  ``success`` and ``errorCode`` are the business verdict.

Every call is signed with the test secret unless its signature is the planted defect. SF calls
go to ``sfapi.sf-express.com``, the production host of SF's samples. The calls are in
``gateway_sdk_exact_top_jd``, ``gateway_sdk_exact_pdd_sf`` and ``gateway_sdk_exact_more``; this
module holds the signing variants and the scoring, which also counts the findings on clean
calls (false alarms).

    python -m tests.support.gateway_sdk_exact       # prints the score and every difference
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import sys
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette
from seamguard.verify import RecordedVerifier
from tests.support import gateway_public as g
from tests.support.gateway_public import Case
from tests.support.projects import REPO
from tests.support.record_gateways import SECRET_ENV

TOP = "https://gw.api.taobao.com/router/rest"
JD = "https://api.jd.com/routerjson"
PDD = "https://gw-api.pinduoduo.com/api/router"
SF = "https://sfapi.sf-express.com/std/service"
XML = "text/xml;charset=UTF-8"
WRONG_SECRET = "0123456789abcdef0123456789abcdef"


# --- signatures written the ways SDKs and hand-written clients get them right and wrong -------

def wrapped_md5(params: dict[str, str], secret: str, *, sort: bool = True,
                encode: bool = False, lower: bool = False) -> str:
    """MD5 of the secret, ``name``+``value`` of every parameter, and the secret again, in hex:
    TOP's, JD's and Pinduoduo's ``sign``. ``sort=False`` keeps the parameters' own order,
    ``encode`` signs their percent-encoded values, ``lower`` writes lower-case hex."""
    names = sorted(params) if sort else list(params)
    text = "".join(k + (quote(params[k], safe="") if encode else params[k]) for k in names
                   if params[k] != "")
    digest = hashlib.md5((secret + text + secret).encode("utf-8")).hexdigest()
    return digest if lower else digest.upper()


def top_hmac(params: dict[str, str], secret: str, algorithm: str) -> str:
    """TOP's ``hmac`` (HMAC-MD5) or ``hmac-sha256`` over the sorted ``name``+``value`` text."""
    text = "".join(k + params[k] for k in sorted(params) if params[k] != "")
    mod = hashlib.md5 if algorithm == "hmac" else hashlib.sha256
    return hmac.new(secret.encode(), text.encode("utf-8"), mod).hexdigest().upper()


def sf_digest(msg_data: str, timestamp: str, checkword: str, *, how: str = "java") -> str:
    """SF's ``msgDigest``: Base64(MD5(URL-encoded msgData + timestamp + checkword)); ``how``
    ``raw`` signs the text without encoding it, ``hex`` writes the MD5 as hex, ``python``
    encodes as the Python sample's ``quote_plus`` does (``*`` escaped, ``~`` kept)."""
    text = msg_data + timestamp + checkword
    if how == "raw":
        return base64.b64encode(hashlib.md5(text.encode()).digest()).decode()
    encoded = quote_plus(text) if how == "python" else quote_plus(text, safe="*").replace(
        "~", "%7E")
    if how == "hex":
        return hashlib.md5(encoded.encode()).hexdigest()
    return base64.b64encode(hashlib.md5(encoded.encode()).digest()).decode()


def cases() -> list[Case]:
    """Every call, from the platforms' modules."""
    from tests.support import gateway_sdk_exact_more as more
    from tests.support import gateway_sdk_exact_pdd_sf as pdd_sf
    from tests.support import gateway_sdk_exact_top_jd as top_jd

    return [*top_jd.taobao_cases(), *top_jd.jd_cases(), *pdd_sf.pinduoduo_cases(),
            *pdd_sf.sf_cases(), *more.cases()]


# --- scoring ------------------------------------------------------------------------------------

@dataclass
class Result:
    case: Case
    found: list[tuple[str, str | None]]
    hints: list[str]

    @property
    def suggestion(self) -> str | None:
        return next((t.split(":", 1)[1] for t in self.case.tags if t.startswith("suggest:")),
                    None)

    @property
    def exact(self) -> bool:
        same = sorted(self.found, key=str) == sorted(self.case.expected, key=str)
        wanted = self.suggestion
        return same and (wanted is None or any(repr(wanted) in h for h in self.hints))

    def differences(self) -> str:
        verdict = g.Verdict(self.case, self.found).differences()
        if self.suggestion and not any(repr(self.suggestion) in h for h in self.hints):
            verdict += f", no 'did you mean {self.suggestion!r}' in {self.hints}"
        return verdict


def results(of: list[Case] | None = None) -> list[Result]:
    """Every case checked by ``seamguard verify``'s recorded check (the test secrets must be
    in the environment)."""
    project = find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    all_cases = cases() if of is None else of
    items = [case.interaction(project, i) for i, case in enumerate(all_cases)]
    cassette = Cassette(path=REPO / "sdk.yaml", display="sdk.yaml", interactions=items)
    out = []
    for case, item in zip(all_cases, items, strict=True):
        findings = verifier.verify(cassette, item)
        out.append(Result(case, [(f.code, f.location.pointer) for f in findings],
                          [f.hint or "" for f in findings]))
    return out


def main() -> int:
    """Prints each case whose findings are not exact, the false alarms on clean calls, and the
    score; 0 when all are exact."""
    os.environ.update(SECRET_ENV)
    done = results()
    for r in done:
        if not r.exact:
            print(f"MISS {r.case.name}: {r.differences()}")
    clean = [r for r in done if not r.case.expected]
    alarms = sum(len(r.found) for r in clean)
    print(f"false alarms on clean calls: {alarms} (in {sum(bool(r.found) for r in clean)} "
          f"of {len(clean)})")
    print(f"exact: {sum(r.exact for r in done)}/{len(done)}")
    return 0 if all(r.exact for r in done) else 1


if __name__ == "__main__":
    sys.exit(main())
