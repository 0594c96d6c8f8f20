"""What a privacy scan reports: a finding for every value found (masked), a warning for every
file or part it could not read, and the replacer that only recognises (a scan changes nothing)."""

from __future__ import annotations

from collections.abc import Iterator

from seamguard.findings import Finding, Location, Severity
from seamguard.privacy.detect import Kind
from seamguard.privacy.hits import Hit
from seamguard.privacy.mask import is_masked, mask_kind
from seamguard.privacy.policy import NamePart
from seamguard.privacy.pseudonym import Pseudonymizer

__all__ = ["BINARY_HINT", "CHECK_ID", "HINTS", "TRAILING_HINT", "Recogniser", "findings",
           "unreadable"]

CHECK_ID = "privacy"
HINTS = {
    "privacy.personal-data": "re-record through seamguard's hooks, or run `seamguard privacy "
                             "scrub` on a cassette; replace hand-written fixtures with fakes",
    "privacy.secret": "rotate the credential, then remove it (cassettes: `seamguard privacy "
                      "scrub`)",
    "privacy.unreadable": "a body seamguard cannot read may hold anything: re-record it",
}


class Recogniser:
    """A replacer that changes nothing: values are only reported, unless they are masks or
    pseudonyms seamguard produced (recognised by their public check, no key needed)."""

    pseudonyms = False

    def __init__(self) -> None:
        self._pseudonyms = Pseudonymizer(b"recognition needs no key")

    def replace(self, kind: Kind, value: str, part: NamePart = None) -> str:
        """The value itself (a scan changes nothing)."""
        return value

    def is_own(self, kind: Kind, value: str, part: NamePart = None) -> bool:
        """A mask or a seamguard pseudonym is no finding."""
        return is_masked(value) or self._pseudonyms.is_own(kind, value, part)

    def replace_names(self, family: str, given: str) -> tuple[str, str]:
        """Both parts unchanged."""
        return family, given

    def own_names(self, family: str, given: str) -> bool:
        """Masks or a seamguard pseudonym pair."""
        return (is_masked(family) and is_masked(given)) or self._pseudonyms.own_names(family,
                                                                                      given)


# A file (or an archive's member) that could not be read, whatever the reason.
_FILE_HINT = ("a file seamguard cannot read may hold anything: repair it or export it again "
              "from its source (a cassette: re-record it); if it is known to hold no customer "
              "data, accept this warning in the baseline (docs/baseline.md)")
TRAILING_HINT = ("bytes appended after compressed data may hold anything: compress the file "
                  "again from its source")
BINARY_HINT = ("seamguard reads text, spreadsheets and archives: keep photos and scans of "
                "customers or their documents out of the repository; if the file is your own "
                "(a logo), accept this warning in the baseline (docs/baseline.md)")


def unreadable(shown: str, message: str, line: int | None = None,
                pointer: str | None = None, hint: str | None = None) -> Finding:
    return Finding(code="privacy.unreadable", severity=Severity.WARNING, check=CHECK_ID,
                   message=message, location=Location(file=shown, line=line, pointer=pointer),
                   hint=hint or _FILE_HINT)


def findings(hits: list[Hit], shown: str, line: int | None, pointer: str | None,
              *, inner: bool = False, column: bool = False) -> Iterator[Finding]:
    """The collected hits as findings; ``inner``: the hit's pointer goes into the message (a
    JSON pointer inside a cassette body), else it extends ``pointer``."""
    for hit in hits:
        code = "privacy.secret" if hit.kind is Kind.SECRET else "privacy.personal-data"
        where = ""
        place = pointer
        if inner and hit.pointer:
            where = f" at {hit.pointer}"
        elif hit.pointer:
            place = f"{pointer or ''}{hit.pointer}"
        if column:
            where += f", column {hit.start + 1}"
        yield Finding(
            code=code, severity=Severity.ERROR, check=CHECK_ID,
            message=f"{hit.kind.value.replace('_', ' ')} {mask_kind(hit.kind, hit.value)!r}"
                    f"{where}",
            location=Location(file=shown, line=line, pointer=place), hint=HINTS[code])
    hits.clear()


