"""``pyproject.toml`` that is not TOML, for ``hostile_fresh8``.

``toml8``: the settings file broken as hands and editors break it — a string, array, inline
table or table header left open, a key twice, a table twice, a table then an array of tables of
one name, a dotted key that redefines a table, an escape or a number TOML does not have, a date
that is none, a newline inside an inline table, a trailing comma in one, a key with no value, a
bare key with a space, a control character or a NUL byte in a string, a lone surrogate escape, a
BOM, UTF-16, Latin-1 bytes, lone CR line ends — each under ``verify``, ``quality`` and
``contract lint``. The run must stop with exit 2 naming ``pyproject.toml`` and the line of the
fault (``pyproject.toml:LINE``), never run as if there were no settings and never crash.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, TWO, json_args, order_interaction
from tests.support.projects import MINI_SETTINGS, mini_project

_TAIL = 'base_url = "https://shop.example.com/api/{version}"\n'

# label -> (text appended to the good settings (or a whole replacement), exits, line named)
BREAKS: dict[str, tuple[str | bytes, frozenset[int], str]] = {
    "string-open": ('\n[tool.seamguard.privacy]\nsalt = "abc\n', TWO, "pyproject.toml:8"),
    "multiline-string-open": ('\n[tool.seamguard.privacy]\nsalt = """abc\n\n', TWO,
                              "pyproject.toml:"),
    "array-open": ('\n[tool.seamguard.platforms.shop2]\nversions = ["v1",\n', TWO,
                   "pyproject.toml:"),
    "inline-table-open": ('\n[tool.seamguard.x]\ny = { a = 1\n', TWO, "pyproject.toml:8"),
    "header-open": ("\n[tool.seamguard.privacy\n", TWO, "pyproject.toml:7"),
    "header-empty": ("\n[]\n", TWO, "pyproject.toml:7"),
    "key-twice": ('versions = ["v2"]\n', TWO, "pyproject.toml:6"),
    "table-twice": ('\n[tool.seamguard.platforms.shop]\nversions = ["v2"]\n', TWO,
                    "pyproject.toml:7"),
    "table-then-array": ('\n[[tool.seamguard.platforms.shop]]\nversions = ["v2"]\n', TWO,
                         "pyproject.toml:7"),
    "dotted-redefines": ('\n[tool.seamguard.platforms]\nshop.versions = ["v2"]\n', TWO,
                         "pyproject.toml:8"),
    "bad-escape": ('\n[tool.seamguard.x]\ny = "C:\\data\\new"\n', TWO, "pyproject.toml:8"),
    "surrogate-escape": ('\n[tool.seamguard.x]\ny = "\\ud800"\n', TWO, "pyproject.toml:8"),
    "leading-zero": ("\n[tool.seamguard.x]\ny = 0123\n", TWO, "pyproject.toml:8"),
    "bad-date": ("\n[tool.seamguard.x]\ny = 2024-13-45\n", TWO, "pyproject.toml:8"),
    "inline-newline": ("\n[tool.seamguard.x]\ny = { a = 1,\n b = 2 }\n", TWO,
                       "pyproject.toml:8"),
    "inline-trailing-comma": ("\n[tool.seamguard.x]\ny = { a = 1, }\n", TWO,
                              "pyproject.toml:8"),
    "no-value": ("\n[tool.seamguard.x]\ny =\n", TWO, "pyproject.toml:8"),
    "bare-key-space": ("\n[tool.seamguard.x]\nmy key = 1\n", TWO, "pyproject.toml:8"),
    "stray-text": ("\nthis is not toml\n", TWO, "pyproject.toml:7"),
    "control-char": ('\n[tool.seamguard.x]\ny = "a\x07b"\n', TWO, "pyproject.toml:8"),
    "nul-byte": (b'\n[tool.seamguard.x]\ny = "a\x00b"\n', TWO, "pyproject.toml:8"),
    "latin1-bytes": (b'\n[tool.seamguard.x]\ny = "caf\xe9"\n', TWO, "pyproject.toml:8"),
    "lone-cr": (b'\r[tool.seamguard.x]\ry = 1\r', TWO, "pyproject.toml"),
    "python-true": ("\n[tool.seamguard.x]\ny = True\n", TWO, "pyproject.toml:8"),
    "json-null": ("\n[tool.seamguard.x]\ny = null\n", TWO, "pyproject.toml:8"),
    "single-quote-open": ("\n[tool.seamguard.x]\ny = 'abc\n", TWO, "pyproject.toml:"),
    # a BOM is not TOML either; reading past it is as fine as naming it
    "bom": ("\ufeff", ANY, ""),
    "utf16": ("utf-16", TWO, "pyproject.toml:"),
}
COMMANDS = ("verify", "quality", "contract lint")


def _settings(name: str, extra: str | bytes) -> bytes:
    good = MINI_SETTINGS.lstrip("\n")
    if name == "bom":
        return ("\ufeff" + good).encode("utf-8")
    if name == "utf16":
        return good.encode("utf-16")
    if name == "key-twice":
        return good.replace(_TAIL, _TAIL + str(extra)).encode("utf-8")
    data = extra if isinstance(extra, bytes) else extra.encode("utf-8")
    return good.encode("utf-8") + data


def _case(name: str, extra: str | bytes, exits: frozenset[int], named: str,
          command: str) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", interactions=[order_interaction(1)])
        (project / "pyproject.toml").write_bytes(_settings(name, extra))
        return json_args(command, project)
    return Case(f"toml8:{name}:{command.replace(' ', '-')}", setup, exits,
                (named,) if named else ())


def toml_cases() -> list[Case]:
    return [_case(name, extra, exits, named, command)
            for name, (extra, exits, named) in BREAKS.items() for command in COMMANDS]
