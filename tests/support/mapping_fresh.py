"""Mapping checks on platform pairs the example project does not map, with planted defects.

Five projects, each two contracts written from the platforms' public documentation and one
mapping with golden examples and recorded source records (``mapping_fresh_data``): JD order ->
Salesforce Opportunity, Pinduoduo promotion order -> Zoho CRM Deals, Shopify refund -> Kingdee
K/3 Cloud sales return, Jiandaoyun form push -> SF Express Fengqiao order, HubSpot contact ->
WeCom external contact remark.

Each planted defect is a mistake of a real kind (a source path left behind by an upstream
rename, fen read as yuan, China time read as UTC, a new upstream status, a value longer than the
target holds, rounding an amount, a phone read in the wrong region, a list collapsed to its first
item, two same-typed fields swapped, an id that collides across shops) with the command that must
catch it — ``lint`` (``map lint``), ``examples`` (``map test``), ``recorded`` (``check`` mapping
recorded records) or ``strength`` (``map test --strength``) — the finding code, and the JSON
pointer in the mapping. Golden examples are ``signed`` (written from the signed-off mapping, so
they expect the right output) or ``own`` (copied from what the defective mapping gives, as a user
who pastes the output in does): then only lint, the recorded records or strength can notice.

    python -m tests.support.mapping_fresh      # found/total per command, and false alarms
"""

from __future__ import annotations

import copy
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.support import mapping_fresh_data as data
from tests.support.projects import interaction, write_cassette

CHECKS = ["contract", "mapping", "mapping.examples", "mapping.recorded", "mapping.strength"]
# The check each command runs.
COMMANDS = {"lint": "mapping", "examples": "mapping", "recorded": "mapping",
            "strength": "mapping.strength"}

Edit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class System:
    name: str
    platforms: dict[str, tuple[str, str, dict[str, Any]]]  # name -> (version, base, contract)
    mapping: dict[str, Any]
    examples: list[dict[str, Any]]  # example inputs; outputs are what the mapping gives
    records: list[dict[str, Any]]  # recorded source records
    recorded_at: tuple[str, str, str]  # (method, path of the recorded call, key of the list)


SYSTEMS = [
    System("jd-to-salesforce",
           {"jd": ("2.0", "https://api.jd.com", data.JD),
            "salesforce": ("v60.0", "https://demo.my.salesforce.com/services/data/{version}",
                           data.SALESFORCE)},
           data.JD_TO_SALESFORCE, data.JD_ORDERS, data.JD_ORDERS,
           ("POST", "/routerjson", "orderInfoList")),
    System("pdd-to-zoho",
           {"pdd": ("V1", "https://gw-api.pinduoduo.com", data.PDD),
            "zoho": ("v7", "https://www.zohoapis.com.cn", data.ZOHO)},
           data.PDD_TO_ZOHO, data.PDD_ORDERS, data.PDD_ORDERS,
           ("GET", "/ddk/orders", "order_list")),
    System("shopify-refund-to-kingdee",
           {"shopify": ("2024-07", "https://demo.myshopify.com/admin/api/{version}",
                        data.SHOPIFY_REFUNDS),
            "kingdee": ("v8", "https://demo.ik3cloud.com/k3cloud", data.KINGDEE)},
           data.SHOPIFY_TO_KINGDEE, data.SHOPIFY_REFUND_RECORDS, data.SHOPIFY_REFUND_RECORDS,
           ("GET", "/orders/5829461287101/refunds.json", "refunds")),
    System("jiandaoyun-to-sf",
           {"jiandaoyun": ("v5", "https://api.jiandaoyun.com", data.JIANDAOYUN),
            "sf": ("2.0", "https://sfapi.sf-express.com", data.SF)},
           data.JIANDAOYUN_TO_SF, data.JIANDAOYUN_PUSHES, data.JIANDAOYUN_PUSHES,
           ("POST", "/push", "pushes")),
    System("hubspot-to-wecom",
           {"hubspot": ("v3", "https://api.hubapi.com", data.HUBSPOT),
            "wecom": ("v1", "https://qyapi.weixin.qq.com", data.WECOM)},
           data.HUBSPOT_TO_WECOM, data.HUBSPOT_CONTACTS, data.HUBSPOT_CONTACTS,
           ("GET", "/crm/v3/objects/contacts", "results")),
]


@dataclass(frozen=True)
class Defect:
    system: str
    kind: str
    description: str
    edit: Edit  # on the mapping
    command: str  # lint | examples | recorded | strength
    code: str  # finding code(s), "a|b"
    pointer: str  # in the mapping file; "" for the recorded selector of a record
    examples: str = "signed"  # signed | own
    contract: tuple[str, Edit] | None = None  # (platform, edit of its contract)
    records: Callable[[list[dict[str, Any]]], None] | None = None  # edit of the recorded ones
    inputs: Callable[[list[dict[str, Any]]], None] | None = None  # edit of the example inputs
    says: tuple[str, ...] = field(default_factory=tuple)  # the message must name these
    batch: int = 1  # 2: written after the checks they exercise were changed


def _examples(mapping: dict[str, Any], inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from seamguard.mapping.engine import compile_mapping
    from seamguard.mapping.spec import MappingSpec

    compiled = compile_mapping(MappingSpec.model_validate(mapping))
    out = []
    for number, record in enumerate(inputs):
        output, problems = compiled.apply(record)
        example: dict[str, Any] = {"name": f"example {number}", "input": record,
                                   "output": output}
        if problems:
            example["problems"] = {p.target: p.code.removeprefix("mapping.") for p in problems}
        out.append(example)
    return out


def write_project(system: System, root: Path, defect: Defect | None = None) -> Path:
    """The project of ``system`` under ``root``, with ``defect`` planted."""
    settings = ["[tool.seamguard]"]
    for name, (version, base, contract) in system.platforms.items():
        contract = copy.deepcopy(contract)
        if defect is not None and defect.contract is not None and defect.contract[0] == name:
            defect.contract[1](contract)
        settings += [f"[tool.seamguard.platforms.{name}]", f'versions = ["{version}"]',
                     f'base_url = "{base}"']
        folder = root / "contracts" / name / version
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "openapi.yaml").write_text(yaml.safe_dump(contract, allow_unicode=True,
                                                            sort_keys=False), encoding="utf-8")
    (root / "pyproject.toml").write_text("\n".join(settings) + "\n", encoding="utf-8")
    mapping = copy.deepcopy(system.mapping)
    inputs = copy.deepcopy(system.examples)
    if defect is not None and defect.inputs is not None:
        defect.inputs(inputs)
    if defect is not None and defect.examples == "own":
        defect.edit(mapping)
        mapping["examples"] = _examples(mapping, inputs)
    else:
        mapping["examples"] = _examples(mapping, inputs)
        if defect is not None:
            defect.edit(mapping)
    folder = root / "contracts" / "mappings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{system.name}.yaml").write_text(
        yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False), encoding="utf-8")
    records = copy.deepcopy(system.records)
    if defect is not None and defect.records is not None:
        defect.records(records)
    method, path, key = system.recorded_at
    version, base, _ = next(iter(system.platforms.values()))
    uri = base.replace("{version}", version) + path
    write_cassette(root / "fixtures" / "cassettes" / f"{system.name}.yaml",
                   [interaction({key: records}, uri=uri, method=method)])
    return root


def _findings(root: Path) -> list[Any]:
    from seamguard.project import find_project
    from seamguard.runner import run_checks

    report = run_checks(find_project(root, explicit=True), CHECKS, command="check")
    return [f for f in report.findings if f.severity.value in ("error", "warning")]


def shown(finding: Any) -> str:
    where = finding.location
    return (f"{finding.check} {finding.code} {where.file}#{where.pointer or ''}: "
            f"{finding.message[:120]}")


def reports(finding: Any, defect: Defect) -> bool:
    """The finding comes from the defect's command, has its code, points at its place and says
    what it must."""
    if defect.code == "clean":
        return False
    if finding.code not in defect.code.split("|") or finding.check != COMMANDS[defect.command]:
        return False
    where = finding.location
    if not (where.file or "").endswith(f"{defect.system}.yaml"):
        return False
    text = f"{finding.message} {finding.hint or ''}"
    if not all(word in text for word in defect.says):
        return False
    if defect.command == "recorded" and "cassettes/" not in text:
        return False
    pointer = where.pointer or ""
    return pointer == defect.pointer or pointer.startswith(defect.pointer + "/")


def measure(folder: Path, defects: list[Defect]) -> tuple[
        list[tuple[Defect, bool, list[str]]], list[str]]:
    """[(defect, reported, its project's findings)], and the findings on the correct projects."""
    alarms: list[str] = []
    results = []
    for system in SYSTEMS:
        root = write_project(system, folder / system.name)
        clean = _findings(root)
        # Surviving mutants of the correct mapping are its examples' known gaps, not alarms;
        # a strength defect must add one.
        known = {_unrooted(f) for f in clean if f.code == "mapping.strength"}
        alarms += [f"{system.name}: {shown(f)}" for f in clean if f.code != "mapping.strength"]
        for number, defect in enumerate(d for d in defects if d.system == system.name):
            root = write_project(system, folder / f"{system.name}-{number}", defect)
            new = [f for f in _findings(root) if _unrooted(f) not in known]
            ok = (not [f for f in new if f.code != "mapping.strength"]
                  if defect.code == "clean" else any(reports(f, defect) for f in new))
            results.append((defect, ok, [shown(f) for f in new]))
    return results, alarms


def _unrooted(finding: Any) -> str:
    return f"{finding.code} {finding.location.pointer} {finding.message}"


def main() -> int:
    from tests.support.mapping_fresh_defects import defects

    with tempfile.TemporaryDirectory() as tmp:
        results, alarms = measure(Path(tmp), defects())
    for defect, ok, seen in results:
        if not ok:
            print(f"missed {defect.system}: {defect.kind} ({defect.command}, {defect.examples} "
                  f"examples): {defect.description} (want {defect.code} at "
                  f"{defect.pointer or '/'})")
            for line in seen:
                print(f"    saw {line}")
    for line in alarms:
        print(f"false alarm {line}")
    for command in COMMANDS:
        mine = [ok for d, ok, _ in results if d.command == command]
        print(f"{command}: {sum(mine)}/{len(mine)}")
    for batch in sorted({d.batch for d, _, _ in results}):
        mine = [ok for d, ok, _ in results if d.batch == batch]
        print(f"batch {batch}: {sum(mine)}/{len(mine)}")
    print(f"found {sum(ok for _, ok, _ in results)}/{len(results)}; false alarms {len(alarms)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
