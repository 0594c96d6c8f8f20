"""Platforms that share one base URL: which contract declares a recorded call, and the finding
when that is not exactly one platform (never a silent pick of the first)."""

from __future__ import annotations

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.findings import Finding
from seamguard.project import Project
from seamguard.recordings.cassettes import Interaction
from seamguard.recordings.routing import Declares, Route
from seamguard.verify_target import _ERROR, CHECK_ID, _Where

AMBIGUOUS = "interaction.ambiguous-platform"


def declared_by(project: Project, catalog: ContractCatalog) -> Declares:
    """Does a platform's contract (of ``version``, or of any of its versions when the call
    does not say) declare ``method`` + ``path``? A contract that does not load cannot rule
    the call out, so it counts as declaring it (its own finding says why it does not load)."""
    platforms = project.settings.platforms

    def declares(platform: str, version: str | None, method: str, path: str) -> bool:
        versions = platforms[platform].versions
        for each in [version] if version in versions else versions:
            assert each is not None  # narrowed by the membership test above
            contract = catalog.load(platform, each)
            if not isinstance(contract, Contract) or contract.match(method, path) is not None:
                return True
        return False

    return declares


def ambiguous_platform(project: Project, cassette: str, interaction: Interaction,
                       route: Route) -> Finding:
    """The finding for a call at a base URL several platforms share that their contracts do
    not tell apart: which platforms, where their settings are, and how to fix it."""
    shared = route.twins
    settings = project.relative(project.pyproject)
    places = ", ".join(
        f"{name} ({settings}:{project.setting_line(f'platforms.{name}.base_url') or '?'})"
        for name in shared)
    call = f"{interaction.method} {route.path}"
    if route.declaring:
        said = (f"{call} is declared by the contracts of {_both(route.declaring)}, which share one "
                f"base_url, so it cannot be told which platform it was recorded from")
    else:
        said = (f"{call} is declared by no contract of the platforms sharing its base_url "
                f"({_both(shared)}), so it cannot be told which platform it was recorded from")
    where = _Where(cassette, interaction.index)
    return Finding(
        code=AMBIGUOUS, severity=_ERROR, check=CHECK_ID,
        message=f"{said}; it was not checked. Base URLs: {places}",
        location=where.at(), expected=f"one platform per base_url among {', '.join(shared)}",
        actual=call,
        hint="give each platform its own base_url in [tool.seamguard.platforms] (the real "
             "API's URL, or distinct local placeholders), or declare the path in only the "
             "contract of the platform it belongs to")


def _both(names: tuple[str, ...]) -> str:
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + f" and {names[-1]}"
