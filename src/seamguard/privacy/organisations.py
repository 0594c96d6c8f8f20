"""Organisations by their legal form: ``杭州云栖数码科技有限公司``, ``Northwind Trading Co.,
Ltd.``. A company is nobody's personal data, so a company under a key that names a person
(a customer's or a buyer's name, Kingdee's ``FName``) or quoted in a report's sample stays as
written. Only a value that is the organisation's name and nothing else counts: a person's
name beside it (``王芳 杭州…有限公司``) still reads as a name."""

from __future__ import annotations

import re

__all__ = ["is_organisation"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# trade names and places in Chinese, ending in a legal form (公司, 有限公司, 股份有限公司,
# 集团, 合作社, 事务所, 个体 shops' 商行/经营部 are not among them: a sole trader is a person)
_CHINESE = re.compile(
    rf"[{_CJK}\uff08\uff09()]{{4,40}}(?:有限责任公司|股份有限公司|有限公司|分公司|集团公司|"
    rf"集团|总公司|合作社|事务所|研究院)(?:[\uff08(][{_CJK}]{{2,10}}[\uff09)])?")
_LATIN = re.compile(
    r"[A-Z0-9][\w&'\u2019.\-]*(?: [\w&'\u2019.\-]+){0,6},? (?:Co\.,? ?Ltd\.?|Company Limited|"
    r"Co\. Limited|Ltd\.?|Limited|Inc\.?|LLC|L\.L\.C\.|GmbH|Corp\.?|Corporation|PLC|"
    r"Pty\.? Ltd\.?|S\.A\.|AG|B\.V\.|N\.V\.)")

# A unit, a shop or a system account rather than a person, by the noun it ends in: "Sales Team",
# "Anker Official Store", "Shanghai Warehouse", Salesforce's "Automated Process" and
# "Integration User" under ``CreatedBy.Name``; "华东仓", "Anker官方旗舰店", "售后客服组".
_LATIN_UNIT = re.compile(
    r"[A-Z0-9][\w&'\u2019.\-]*(?: [\w&'\u2019.\-]+){0,5} (?:Team|Group|Department|Dept\.?|"
    r"Division|Store|Shop|Warehouse|Depot|Office|Center|Centre|Desk|Support|Services?|User|"
    r"Process|Bot|System|Admin|Administrator|Account|Queue)")
_CHINESE_UNIT = re.compile(
    rf"[{_CJK}A-Za-z0-9]{{2,30}}(?:旗舰店|专卖店|专营店|门店|仓库|仓|客服组|客服部|客服|团队|"
    rf"事业部|部门|中心|小组|系统)")


def is_organisation(value: str) -> bool:
    """``value`` is an organisation's name ending in its legal form, or a unit's, a shop's or
    a system account's ending in what it is, and nothing else."""
    text = value.strip()
    if not 3 <= len(text) <= 80:
        return False
    if _LATIN_UNIT.fullmatch(text) or _CHINESE_UNIT.fullmatch(text):
        return True
    return len(text) >= 6 and bool(_CHINESE.fullmatch(text) or _LATIN.fullmatch(text))
