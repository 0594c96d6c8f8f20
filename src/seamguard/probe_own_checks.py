"""seamguard's own schemathesis check, registered before a probe runs.

``json_duplicate_keys``: a JSON answer naming one key twice in an object. schemathesis (like
Python's json) keeps the last value and validates that, so the ambiguity would pass unseen while
another client reads the first value.
"""

from __future__ import annotations

from typing import Any

DUPLICATE_KEYS = "json_duplicate_keys"


def register() -> None:
    """Registers the check with schemathesis once per process."""
    import schemathesis
    from schemathesis.checks import CHECKS

    if DUPLICATE_KEYS in CHECKS.get_all_names():
        return

    def json_duplicate_keys(ctx: Any, response: Any, case: Any) -> bool | None:
        problem = duplicate_key_problem(response.headers, response.content)
        if problem is not None:
            raise AssertionError(problem)
        return None

    schemathesis.check(json_duplicate_keys)


def duplicate_key_problem(headers: dict[str, list[str]], content: bytes | None) -> str | None:
    """What makes a JSON answer ambiguous (a key twice in one object), or None."""
    import json

    from seamguard.document_duplicates import DuplicateKeyError, refuse_duplicates
    from seamguard.recordings.bodies import charset_of

    types = [value for name, values in headers.items() if name.lower() == "content-type"
             for value in values]
    media = types[0].split(";", 1)[0].strip().lower() if types else ""
    if not content or not (media.endswith("/json") or media.endswith("+json")):
        return None
    try:
        text = content.decode(charset_of(types[0]) or "utf-8")
        refuse_duplicates(text, json.loads(text))
    except DuplicateKeyError as exc:
        return f"the answer is ambiguous JSON: {exc}"
    except (ValueError, LookupError, RecursionError):
        return None  # not JSON: the schema check says so
    return None
