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


def is_organisation(value: str) -> bool:
    """``value`` is an organisation's name ending in its legal form, and nothing else."""
    text = value.strip()
    if not 6 <= len(text) <= 80:
        return False
    return bool(_CHINESE.fullmatch(text) or _LATIN.fullmatch(text))
