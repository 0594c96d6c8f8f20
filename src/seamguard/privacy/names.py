"""Chinese and English street addresses, and names, in free text: only with evidence beside
them (a label, a role or verb, an honorific, a phone next to them), a family name first and no
ordinary word (:mod:`seamguard.privacy.lexicon`). See :mod:`seamguard.privacy.detect`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from http import HTTPStatus

from seamguard.privacy.keyed_names import keyed_name_spans
from seamguard.privacy.kinds import Kind, Span
from seamguard.privacy.latin_names import known_given
from seamguard.privacy.pinyin_names import is_romanised_name, passport_order_spans
from seamguard.privacy.screens import screened
from seamguard.privacy.titled_names import is_katakana_name, katakana_name_spans, titled_name_spans

__all__ = ["CJK", "COMPOUND_SURNAMES", "CUES_SIMPLIFIED", "SIMPLIFIED", "address_spans",
           "cjk_name_spans", "en_address", "is_bare_name", "is_japanese_name", "name_spans",
           "names_beside"]

# --- addresses and labelled names -------------------------------------------------------------

CJK = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"  # (rare characters of names: Ext. B to H)
_NUM = "0-9一二三四五六七八九十百零\u3007"
# A street-level anchor: "<street word><number>号/弄" or "<number>栋/幢/单元/室/号楼".
# (a street's part may follow its word: Hong Kong's "德輔道中", "皇后大道東", "干諾道西")
_ADDRESS = screened(re.compile(
    rf"[{CJK}0-9A-Za-z#\-]{{0,40}}?"
    rf"(?:(?:路|街|道|巷|弄|胡同|大街|大道|公路|村|里)(?:[中东西南北東](?=[{_NUM}]))?"
    rf"(?:[{_NUM}]+(?:段|组|队|社))?[{_NUM}]+(?:-[0-9]+)?[号弄]"
    rf"|[{CJK}]{{2,}}(?:省|市|区|县|镇|乡)[{CJK}0-9A-Za-z#\-]{{0,30}}?[0-9]+(?:栋|幢|单元|室|号楼)"
    # "…碧波路C座", "…李街12栋": a building named by letter or number right after the street
    rf"|(?:路|街|道|巷|大街|大道)[0-9A-Za-z]{{1,4}}(?:座|栋|幢|号楼)"
    # a building and its unit with nothing before them ("3栋2单元501"): the room follows
    rf"|(?<![0-9])[0-9]{{1,3}}(?:栋|幢|号楼|座)[0-9]{{1,2}}单元"
    # a village and its group, where a rural address ends ("…镇前进村3组", "红旗村五组")
    rf"|(?:村|屯)[{_NUM}]{{1,3}}(?:组|队|社)(?![{CJK}0-9])"
    # a Japanese block address ("芝公園4丁目2番8号", "1丁目2-3")
    rf"|[0-9]+丁目[0-9]+(?:番地?|-)(?:[0-9]+号?)?)"
    rf"(?:[0-9A-Za-z{CJK}#\-]{{0,12}}?[0-9A-Za-z]+(?:栋|幢|座|号楼|单元|室|楼|层|号|房))*"
    # the room written bare after the unit ("2单元2201")
    r"(?:(?<=单元)[0-9]{2,5}(?![0-9]))?"
))
# Traditional characters of addresses as their simplified forms, one for one (台北市信義區…7號).
SIMPLIFIED = str.maketrans("號樓棟區縣鎮鄉單層臺灣門廣東內營蘭遼寧龍陽",
                            "号楼栋区县镇乡单层台湾门广东内营兰辽宁龙阳")
# Municipalities and provinces, to start an address at its region rather than at a label.
_REGION_START = re.compile(
    r"(?:北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|"
    r"湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)"
)
# (accented letters and a particle between the words too: "Théophile Lesage-Lévêque",
# "Françoise Fleury du Leclercq")
# (pinyin's third tone is a caron, outside Latin Extended-A: "Lǐ Nà", "Huáng Mǐn")
_LATIN_NAME = (r"[A-ZÀ-ÖØ-ÞĀ-ŽǍ-ǜ][a-zß-öø-ÿā-žǍ-ǜ]+(?:[ -](?:(?:du|de|del|della|di|da|van|von"
               r"|der|den|le|la|'t) ){0,2}(?:Mc|Mac|O')?[A-ZÀ-ÖØ-ÞĀ-ŽǍ-ǜ][a-zß-öø-ÿā-žǍ-ǜ]+){0,2}")
# The people a carrier's route text names: the courier who delivers or collects, the driver.
_COURIER_ROLES = "派件员|派送员|快递员|配送员|收派员|揽件员|揽收员|收件员|快递小哥|骑手|司机|经办人"
# A title before a Latin name ("Dear Mr. Thomas Blackwell"), left out of the name itself.
# (titles may come in a row: "Univ.Prof. Agnieszka Salz", "Dipl.-Ing. Dr. Hans Wolf")
_HONOURED = (r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sig|Sig\.ra|Sra?|Dott|Mme|Mlle|M|Herr|Frau|Dhr"
             r"|Mevr|Univ|Dipl|Ing|Mag)(?:\.-?\s*|\s+))*")
_NAME_LABEL = screened(re.compile(
    rf"(?:联系人|联络人|收件人|收货人|寄件人|发件人|签收人|姓名|客户姓名|联系人姓名|收件人姓名"
    rf"|{_COURIER_ROLES})\s*[\u3011\]\u300d\u300f]?\s*(?:是|为)?\s*[:\uff1a]\s*"
    rf"(?P<cjk>[{CJK}][{CJK}·]{{1,5}})"
    rf"|(?:联系人|收件人|收货人|寄件人|发件人|签收人|姓名|客户|买家|顾客|会员|送给|寄给|交给|转交)"
    rf"\s*[:\uff1a]?\s*{_HONOURED}(?P<latin2>{_LATIN_NAME})\b"
    r"|(?i:\b(?:name|contact|contact\s+person|attn|recipient|consignee|customer|buyer|sender"
    r"|receiver|full\s+name|customer\s+name)\s*:\s*)"
    rf"{_HONOURED}(?P<latin>{_LATIN_NAME})\b"
    # English address lines and salutations: "ship to John Smith", "Dear Emily", "c/o …"; who
    # signed or took a parcel ("Signed by …", "Received by: …", "hand the parcel to …")
    r"|(?i:\b(?:ship(?:ped)?\s+to|deliver(?:ed)?\s+to|bill\s+to|sold\s+to|attn\.?"
    r"|c/o|dear|recipient|consignee|signed\s+(?:for\s+)?by|received\s+by|collected\s+by"
    r"|picked\s+up\s+by|hand(?:ed)?\s+(?:it|the\s+(?:parcel|package|box|order|goods))\s+to"
    # a person's role before the name ("Courier Tim Barrett", "assistant Sig. Fausto
    # Padovano"), and other languages' recipient words without their colon ("Empfänger Mirja
    # Weitzel", "Destinatario Enrico Botta")
    r"|(?P<role>courier|driver|rider|assistant|customer|client|caller|tenant)"
    r"|(?P<label>empf(?:ä|ae)nger|destinataire|destinatari[oa]|destinatário|ontvanger|odbiorca"
    r"|mottagare|p[řr][íi]jemce|al[\u0131i]c[\u0131i])"
    r")\s*:?\s+)"
    rf"(?:{_HONOURED}(?P<latin3>{_LATIN_NAME})\b|(?P<cjk3>[{CJK}]{{2,4}})(?![{CJK}]))"
    # a name quoted after its label, as an error message echoes a field back ("Name 'John
    # Smith' is too long", "收件人姓名“张伟”包含非法字符")
    r"|(?i:\b(?:name|full\s+name|customer\s+name|recipient|consignee|receiver|contact))\s+"
    rf"['\"\u201c\u2018]{_HONOURED}(?P<latin4>{_LATIN_NAME})['\"\u201d\u2019]"
    rf"|(?:姓名|收件人|收货人|联系人|寄件人|客户)\s*[\"'\u201c\u2018\u300c\u300e]"
    rf"(?P<cjk4>[{CJK}]{{2,4}})[\"'\u201d\u2019\u300d\u300f]"
))
# A greeting or a letter's closing before a name ("Hello Anne Hooper,", "Kind regards,\nTim",
# "Mit freundlichen Grüßen\nMirja Weitzel"), a mail header's display name ("From: Tina Peterson
# <…>"), a name right before an address in angle brackets: taken when it starts with a given
# name (not "Hello Team", "Regards, The Support Team").
_GREETING = screened(re.compile(
    r"(?:(?i:(?<![A-Za-z])(?:hello|hi|hey|hallo|liebe[rs]?|bonjour|bonsoir|salut|ciao|buongiorno"
    r"|gentile|beste|hoi|hola|olá|hej|(?:kind|best|warm|many)\s+regards|regards|cheers|thanks"
    r"|sincerely|yours\s+(?:sincerely|truly)|mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en"
    r"|(?:viele|beste|liebe)\s+gr(?:ü|ue)(?:ß|ss)e|cordialement|bien\s+à\s+vous"
    r"|(?:cordiali|distinti)\s+saluti|saluti|groeten|met\s+vriendelijke\s+groet(?:en)?"
    r"|atentamente|saludos)(?![A-Za-z]))[ \t]*[,!:]?\s*"
    r"|(?m:^(?:From|To|Cc|Reply-To|Von|An|De|À|Da|A|Van|Aan):[ \t]*))"
    rf"{_HONOURED}(?P<name>{_LATIN_NAME})\b"
    rf"|(?P<shown>{_LATIN_NAME})[ \t]*(?=<[^<>\s@]+@)"))
# A Chinese name before a letter's greeting or closing ("张伟您好", "林怡君 敬上"), or as the
# display name of an address in angle brackets ('"王芳" <w@x.cn>', "王芳<w@x.cn>").
_CJK_GREETING = screened(re.compile(
    rf"(?<![{CJK}])(?P<cjk>[{CJK}]{{2,4}}?)\s*(?:您好|你好|敬上|谨上|謹上|拜上)"
    rf"|(?<![{CJK}])(?P<shown>[{CJK}]{{2,4}})[\"'\u201d]?[ \t]*(?=<[^<>\s@]+@)"))


def _greeted(text: str) -> Iterator[Span]:
    for match in _GREETING.finditer(text):
        group = "name" if match.group("name") else "shown"
        value = match.group(group)
        # (the family name may be a word too: "Lucy Parent")
        first = value.split()[0].split("-")[0]
        if known_given(first) and not _ordinary_words(first):
            yield Span(match.start(group), match.end(group), Kind.NAME)
    for match in _CJK_GREETING.finditer(text):
        group = "cjk" if match.group("cjk") else "shown"
        if _name_like(match.group(group)):
            yield Span(match.start(group), match.end(group), Kind.NAME)


# Words after such a label that are not a person ("Dear Customer", "ship to Warehouse").
_NOT_LATIN_NAMES = frozenset({
    "Customer", "Customers", "Sir", "Madam", "Team", "All", "Valued", "Friend", "Friends",
    "Seller", "Buyer", "Support", "User", "Member", "Client", "Partner", "Warehouse", "Store",
    "Shop", "Address", "The", "Our", "Your", "This", "Same", "Home", "Office", "Billing",
    "Shipping", "Merchant", "Colleague", "Colleagues", "Mr", "Mrs", "Ms", "Dr", "Sirs",
    "Everyone", "Hello", "Hi"})
# Words of the places and desks a parcel goes to, which a cue points at as often as a person.
_PLACE_WORDS = frozenset({
    "accounts", "payable", "receivable", "accounting", "admin", "administration", "billing",
    "block", "branch", "building", "centre", "center", "concierge", "counter", "department",
    "depot", "desk", "dock", "door", "entrance", "factory", "finance", "floor", "front", "gate",
    "hall", "headquarters", "hub", "lobby", "locker", "logistics", "mailroom", "main",
    "management", "manager", "office", "operations", "pickup", "plant", "point", "porter",
    "procurement", "purchasing", "reception", "receiving", "returns", "room", "sales",
    "security", "service", "services", "shipping", "station", "suite", "support", "team",
    "tower", "unit", "warehouse", "yard", "level", "lot", "box", "parcel",
    "neighbour", "neighbor", "dept", "payroll", "marketing", "legal", "helpdesk",
    # a company's, not a person's (a row or a note may name one beside its phone)
    "corp", "inc", "ltd", "llc", "gmbh", "co", "company", "group", "holdings", "limited",
    "trading", "express", "store", "shop", "mall", "market", "supermarket"})


@lru_cache(maxsize=1)
def _latin_words() -> tuple[frozenset[str], frozenset[str]]:
    """Ordinary English words (Faker's en_US lorem list and the words of places and desks),
    and the English given and family names (Faker's en_US and en_GB lists) among which some
    of them are people too (Price, Hunter, Rose)."""
    from faker.providers.lorem.en_US import Provider as Lorem
    from faker.providers.person.en_GB import Provider as British
    from faker.providers.person.en_US import Provider as American

    names = {name.lower() for provider in (American, British)
             for names in (provider.first_names, provider.last_names) for name in names}
    return frozenset(Lorem.word_list) | _PLACE_WORDS, frozenset(names)


def _ordinary_words(value: str) -> bool:
    """A would-be Latin name after a cue is half or more ordinary words that are nobody's name
    ("Main Warehouse", "Acme Trading Co"); a romanised name may hold one ("Chan Tai Man")."""
    ordinary, names = _latin_words()
    words = [word for word in re.split(r"[\s-]+", value.lower()) if word]
    common = sum(word not in names and (
        word in ordinary or (word.endswith("s") and word[:-1] in ordinary)) for word in words)
    return bool(words) and 2 * common >= len(words)


# Words that follow such a label but name no one (SF route texts: "签收人: 本人").
_NOT_NAMES = frozenset({"本人", "前台", "门卫", "家人", "同事", "快递柜", "代收点", "丰巢", "物业",
                        "保安", "邻居", "他人", "收发室", "驿站"})


# A postal code written after the street ("…碧波路690号 201203").
_POSTCODE = re.compile(r"[ ,\uff0c]?\s*[1-8][0-9]{5}(?![0-9])")
# Words before a street that are not part of it ("请送到碧波路690号", "地址: ...").
_ADDRESS_LEAD = re.compile(r"^.*[到送寄在于至往住是址为\uff1a:\uff0c,\u3001 ]")


def address_spans(text: str) -> Iterator[Span]:
    for match in _ADDRESS.finditer(text):
        start, end = match.span()
        region = _REGION_START.search(text, start, end)
        if region is not None:
            start = region.start()
        else:
            lead = _ADDRESS_LEAD.match(text, start, end)
            if lead is not None and lead.end() < end:
                start = lead.end()
        postcode = _POSTCODE.match(text, end)
        if postcode is not None:
            end = postcode.end()
        if end - start >= 5:
            yield Span(start, end, Kind.ADDRESS)


_FOLLOWERS = (
    "要求|希望|需要|说|称|表示|反馈|确认|下单|下的单|购买|买的|付款|签收|收到|来电|致电|打电话|"
    "已|的|于|在|请|想|要|让|同意|拒收|退货|换货|联系|电话|手机|地址|订的|定的|持有|持|"
    # the person's documents and contacts named right after the name ("客户黄刚身份证…")
    "身份证|证件|护照|银行卡|卡号|车牌|邮箱|微信|"
    # the person in person ("请交给王建国本人签收")
    "本人|"
    # what a courier is doing ("派件员贾桂英正在派件")
    "正在|正为|将为")
_FOLLOWERS_GROUP = f"(?:{_FOLLOWERS})"


# A role word followed by a name without a colon ("客户 王建国 电话…", "收货人张伟"): taken only
# when the name starts with a known Chinese family name, so "客户 满意度" stays text.
_NAME_ROLE = re.compile(
    rf"(?:客户|买家|顾客|客人|会员|收货人|收件人|联系人|寄件人|发件人|签收人|付款人|收款人"
    rf"|{_COURIER_ROLES}"
    # a traveller or a guest on a booking ("旅客 陈嘉欣, 回乡证…", "入住人王芳")
    rf"|旅客|乘客|住客|房客|入住人|乘机人|乘车人"
    # verbs that address a person: "送给张利", "请联系李建国先生", "转交王芳"
    rf"|送给|寄给|交给|转交|转给|发给|联系|致|找"
    # a letter's salutation ("亲爱的丁峰", "尊敬的王建国先生", "Hi 张伟")
    rf"|亲爱的|尊敬的|(?<![A-Za-z])(?i:hi|hello|hey|dear))"
    # the label may sit in brackets ("【收件人】李桂芳")
    rf"\s*[\u3011\]\u300d\u300f]?\s*(?:(?:是|为)?\s*[:\uff1a])?\s*(?P<cjk>[{CJK}]{{2,4}}?)"
    rf"(?:先生|女士|小姐|老师|师傅|同学)?"
    # the name ends the text, or a particle or a verb follows it ("客户钟涛的订单",
    # "联系人李娜已签收", "顾客王建国要求开发票")
    rf"(?:(?![{CJK}])|(?=[的已于在说和]|{_FOLLOWERS}))"
)
# What a person does in a shop's notes: a name written first in a note, or after "代", "帮",
# "替", "已和", with one of these right after it, is taken for a name ("王建国要求开发票",
# "代王芳下单", "已和张伟确认", "李娜的订单"); "请" only after a blank ("王建国 请…").
_PERSON_VERBS = (
    "要求|希望|说|称|表示|反馈|确认|下单|下的单|购买|买的|付款|签收|来电|致电|打电话|同意|拒收|退货|换货|"
    "已确认|已签收|已付款|已收到|的订单|的包裹|的快递|的电话|的手机|的地址")
_NAME_LEAD = screened(re.compile(
    r"(?:\A\s*|(?<=我是)|(?<=我叫)|(?<=本人是)|(?<=代)|(?<=帮)|(?<=替)|(?<=已和)|(?<=已与)|(?<=已跟)"
    r"|(?<=已由)|(?<=由)"
    r"|(?<=[\n,\uff0c\u3002;\uff1b!\uff01?\uff1f:\uff1a]))"
    rf"(?P<cjk>[{CJK}]{{2,3}}?)(?:先生|女士|小姐)?"
    rf"(?=\s*(?:{_PERSON_VERBS})|\s+请)"
))
# Somebody naming themselves: "我是李娜, …", "本人王建国".
_SELF_NAMED = screened(re.compile(
    rf"(?:我是|我叫|本人是|本人)(?P<cjk>[{CJK}]{{2,3}}?)(?![{CJK}])|(?:我是|我叫|本人是|本人)"
    rf"(?P<cjk2>[{CJK}]{{2,3}}?)(?=\s*(?:{_PERSON_VERBS}))"))
# Words that follow a role word or verb and name no one ("客户满意度", "会员等级", "联系方式"):
# checked after the family name test, which many of them would pass (满, 方, 顾, 全, 金).
_NOT_NAME_STARTS = frozenset({
    "满意", "信息", "服务", "经理", "管理", "关系", "资料", "档案", "体验", "群体", "分组", "标签",
    "备注", "留言", "需求", "反馈", "投诉", "评价", "评分", "数量", "来源", "等级", "级别", "编号",
    "名称", "类型", "类别", "地址", "电话", "手机", "姓名", "代码", "账号", "账户", "积分", "余额",
    "权益", "专属", "支持", "方式", "方法", "时间", "日期", "状态", "单位", "公司", "中心", "部门",
    "人员", "人数", "总数", "数据", "明细", "列表", "详情", "记录", "历史", "成交", "流失", "价值",
    "画像", "生日", "性别", "年龄", "卡号", "折扣", "优惠", "价格", "金额", "费用", "订单", "签名",
    "签收", "确认", "取消", "申请", "拒收", "自提", "退款", "退货", "售后", "咨询", "回访", "回复",
    "邮箱", "邮件", "沟通", "身份", "证件", "营销", "运营", "增长", "活跃", "注册", "登录", "昵称",
    "头像", "地区", "城市", "省份", "国家", "客服", "客户", "顾客", "商家", "卖家", "买家", "平台",
    "快递", "店铺", "仓库", "宝宝", "全体", "须知", "协议", "条款", "隐私", "安全", "验证", "通知",
    "消息", "提醒", "代表", "主管", "专员", "代理", "须要", "需要", "同意", "要求", "意见", "朋友",
    "家属", "亲友", "本店", "我们", "您的", "方面", "钟点", "包裹", "快件", "物品", "商品",
})
# A name written on a parcel as its addressee ("张利收", "李建国亲启"): the whole text, or set
# apart by blanks or punctuation.
_ADDRESSEE = screened(re.compile(
    rf"(?<![{CJK}])(?P<cjk>[{CJK}]{{2,4}}?)(?:亲收|收|亲启|启)(?![{CJK}])"))
# Last characters of a would-be addressee that make it an action, not a name ("代收", "已签收").
_NOT_ADDRESSEE_END = frozenset("代签拒待验接回查自未已请")
# Honorifics after a full name ("李建国先生"): the name is the two or three characters before.
_HONORIFIC = screened(re.compile(
    rf"(?P<cjk>[{CJK}]{{2,3}})(?:先生|女士|小姐|[(\uff08](?:先生|女士|小姐)[)\uff09])"
    # (the text ends, or a greeting follows: "张伟先生您好")
    rf"(?:(?![{CJK}])|(?=您好|你好))"))
_TITLE_END = re.compile("(?:师傅|先生|女士|小姐|老师|同学|经理|总|姐|哥)$")
# A name beside a phone number (the "张三 13800138000 北京市…" line shops print).
_BESIDE_PHONE = rf"(?<![{CJK}A-Za-z])(?P<cjk>[{CJK}]{{2,4}})(?![{CJK}])"


COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "申屠", "闻人", "澹台"})


@lru_cache(maxsize=1)
def _family_names() -> frozenset[str]:
    """Chinese family names (single and compound), from Faker's zh_CN person provider."""
    from faker.providers.person.zh_CN import Provider
    from faker.providers.person.zh_TW import Provider as Traditional

    # the traditional forms too (黃, 陳, 鄭), and the compound ones Faker's list leaves out (the
    # pseudonyms use them)
    return frozenset(Provider.last_names) | frozenset(Traditional.last_names) | COMPOUND_SURNAMES


def _family_named(value: str) -> bool:
    """Two or three characters after a family name; four only after a compound one (欧阳)."""
    names = _family_names()
    if len(value) == 4:
        return value[:2] in names
    # (a first character beyond the BMP, 𠮷: such rare characters are written almost only in
    # names, the ones registries could not type)
    return value[:1] in names or (len(value) == 3 and value[:2] in names) or (
        value[:1] >= "\U00020000")


def _name_like(value: str) -> bool:
    """A would-be Chinese name a cue points at: after a family name, and no ordinary word
    (高度, 周末: :mod:`seamguard.privacy.lexicon`)."""
    from seamguard.privacy.lexicon import is_common_word

    return _family_named(value) and value not in _NOT_NAMES \
        and value[:2] not in _NOT_NAME_STARTS and not is_common_word(value)


_BARE_NAME = re.compile(rf"[{CJK}]{{2,4}}")


# A name of an ethnic minority or a transliterated one, its parts joined by a middle dot
# (买买提·艾力, 阿依古丽·吐尔逊): no family name comes first, the dot is the cue.
_DOTTED_NAME = re.compile(rf"[{CJK}]{{1,6}}(?:[\u00b7\u2027\u30fb\u2022][{CJK}]{{1,6}}){{1,3}}")
# What a dot also joins: a place and a place (中国·杭州), a season and a line (春·夏).
_PLACE_END = re.compile(r"[省市区县州镇乡村路街国]$")


def dotted_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds words joined by a middle dot (阿依古丽·吐尔逊, 扎西·多吉) that are
    not all places (中国·杭州 is no one): a report shows such words by their shape, as a
    minority's name reads as dictionary words part by part."""
    found = []
    for match in _DOTTED_NAME.finditer(text):
        parts = re.split("[\u00b7\u2027\u30fb\u2022]", match.group())
        if not all(_PLACE_END.search(part) or _REGION_START.fullmatch(part) for part in parts):
            found.append(match.span())
    return found


def is_dotted_name(value: str) -> bool:
    """``value`` is, as a whole, a name whose parts a middle dot joins, no part a place or an
    ordinary word."""
    from seamguard.privacy.lexicon import is_common_word

    if _DOTTED_NAME.fullmatch(value) is None:
        return False
    parts = re.split("[\u00b7\u2027\u30fb\u2022]", value)
    return len(value) >= 4 and all(
        len(part) >= 2 and not _PLACE_END.search(part) and _REGION_START.fullmatch(part) is None
        and not is_common_word(part) for part in parts)


def is_bare_name(value: str) -> bool:
    """``value`` is, as a whole, shaped like a Chinese name (two to four characters after a
    family name, no ordinary word; or a minority's parts joined by a middle dot): what a value
    beside a phone or an address in one object is taken for."""
    value = value.strip()
    return (_BARE_NAME.fullmatch(value) is not None and _name_like(value)) or \
        is_japanese_name(value) or is_dotted_name(value)


# A Japanese full name as written: family name, a blank, given name ("佐藤 花子", "鈴木 晃").
_JA_NAME = re.compile(r"([\u3005\u4e00-\u9fff]{1,3})[ \u3000]([\u3040-\u30ff\u4e00-\u9fff]{1,3})")


@lru_cache(maxsize=1)
def _japanese_family_names() -> frozenset[str]:
    from faker.providers.person.ja_JP import Provider

    return frozenset(Provider.last_names)


def is_japanese_name(value: str) -> bool:
    """``value`` is a Japanese family name (Faker's ``ja_JP`` list), a blank and a given name."""
    match = _JA_NAME.fullmatch(value.strip())
    return (match is not None and match.group(1) in _japanese_family_names()) or \
        is_katakana_name(value)


# Traditional characters of the name cues as their simplified forms, one for one (顧客陳怡君說…,
# 聯絡人: …, 已和…確認), so that one set of cues reads both scripts; none is a common name
# character.
CUES_SIMPLIFIED = str.maketrans(
    "說顧戶訂單確認聯絡請貨買來電話購簽號開發會員與為給轉稱換機門衛樓層收啟麼說這們親時歡謝問題絡繫",
    "说顾户订单确认联络请货买来电话购签号开发会员与为给转称换机门卫楼层收启么说这们亲时欢谢问题络系")


def name_spans(text: str) -> Iterator[Span]:
    text = text.translate(CUES_SIMPLIFIED)
    yield from cjk_name_spans(text)
    yield from _greeted(text)
    yield from passport_order_spans(text)
    yield from keyed_name_spans(text, _name_like)
    yield from titled_name_spans(text)
    yield from katakana_name_spans(text)
    for match in _NAME_LABEL.finditer(text):
        group = next(g for g in ("cjk", "latin", "latin2", "latin3", "cjk3", "latin4", "cjk4")
                     if match.group(g))
        value = match.group(group)
        if group in ("cjk3", "cjk4") and not _name_like(value):
            continue
        if group == "cjk":
            value = value[:4] if len(value) > 4 else value
        if value in _NOT_NAMES or value.split()[0].split("-")[0] in _NOT_LATIN_NAMES or (
                group == "cjk" and any(value.startswith(word) for word in _NOT_NAMES)):
            continue
        if group.startswith("latin") and _ordinary_words(value):
            continue  # "Attn: Accounts Payable", "Deliver to Main Warehouse", "c/o Front Desk"
        if match.group("role") and not known_given(value.split()[0].split("-")[0]) \
                and not is_romanised_name(value):
            continue  # a role word before a given name only: not "Driver Assigned"
        if match.group("label") and " " not in value:
            continue  # a whole name after a label with no colon: not "Empfänger Packstation"
        start = match.start(group)
        yield Span(start, start + len(value), Kind.NAME)


def cjk_name_spans(text: str) -> Iterator[Span]:
    """Chinese names a role word, a verb, an honorific or an addressee mark points at."""
    for pattern in (_NAME_ROLE, _HONORIFIC, _ADDRESSEE, _NAME_LEAD, _SELF_NAMED):
        at = 0
        while (match := pattern.search(text, at)) is not None:
            # (a cue word may itself pass for the start of a name, "代李娜下单": the search goes
            # on from the next character)
            at = match.start() + 1
            found = match.group("cjk") or match.group("cjk2") if pattern is _SELF_NAMED \
                else match.group("cjk")
            value = _TITLE_END.sub("", found)  # 王师傅: a family name and a title
            if len(value) < 2 or not _name_like(value):
                continue
            if pattern is _ADDRESSEE and value[-1] in _NOT_ADDRESSEE_END:
                continue
            if pattern is _NAME_LEAD and len(value) == 3 and _lead_word(value):
                continue
            if (pattern is _NAME_LEAD or pattern is _ADDRESSEE) and _brand(value, text, match):
                continue
            start = match.start("cjk") if match.group("cjk") else match.start("cjk2")
            at = start + len(value)
            yield Span(start, start + len(value), Kind.NAME)


# Words after a would-be name that make it a shop or a brand ("李宁旗舰店", "华为官方").
_SHOP_AFTER = re.compile(r"旗舰店|专卖店|专营店|官方|官网|品牌|门店|店铺|牌")


def _brand(value: str, text: str, match: re.Match[str]) -> bool:
    """A brand named like a person, or a would-be name a shop word follows."""
    from seamguard.privacy.lexicon import is_brand

    return is_brand(value) or \
        _SHOP_AFTER.match(text, match.start("cjk") + len(value)) is not None


def _lead_word(value: str) -> bool:
    """Three characters starting with an ordinary word (易碎品, 成人款, 和田玉): a thing; what a
    note's first word needs besides a verb after it (names lost so: 7 in 1,000 of Faker's)."""
    from seamguard.privacy.lexicon import is_common_word

    return is_common_word(value[:2])


def names_beside(text: str, phones: list[Span]) -> Iterator[Span]:
    """A Chinese name written right before or after a phone number, separated only by blanks
    or punctuation, and starting with a family name."""
    from seamguard.privacy.lexicon import starts_with_time_word

    for phone in phones:
        before = re.search(_BESIDE_PHONE + r"[\s,\uff0c:\uff1a/|;\uff1b()\uff08\uff09&]{0,3}"
                           # a key written between them ("lianxi:王五 dh:138…")
                           r"(?:[A-Za-z_]{1,12}\s*[:=\uff1a]\s*)?$",
                           text[max(0, phone.start - 28):phone.start])
        if before is not None and _name_like(before.group("cjk")):
            start = phone.start - len(before.group()) + before.start("cjk") - before.start()
            yield Span(start, start + len(before.group("cjk")), Kind.NAME)
        after = re.match(r"[\s,\uff0c:\uff1a/|;\uff1b()\uff08\uff09]{0,3}" + _BESIDE_PHONE,
                         text[phone.end:phone.end + 12])
        # (not a note's time after the number: "13812345678明天到", "…周一送")
        if after is not None and _name_like(after.group("cjk")) \
                and not starts_with_time_word(after.group("cjk")):
            start = phone.end + after.start("cjk")
            yield Span(start, start + len(after.group("cjk")), Kind.NAME)


# An English street address: a number, one to three capitalised words, a street suffix (from
# Faker's en_US vocabulary, and the usual abbreviations), an optional apartment or suite.
_EN_ADDRESS: re.Pattern[str] | None = None
# Australian and British suffixes that are ordinary words after a number in a sentence ("5 Top
# Part"): left out of what those lists add (en_US's own "Key", "Point" stay).
_NOT_SUFFIXES = frozenset({
    "Lower", "Upper", "Top", "Little", "End", "Key", "Line", "Front", "Part", "Run", "Turn",
    "Follow", "Break", "Rest", "Round", "Cross", "Dip", "Elbow", "Block", "Point", "Sound",
    "Pocket", "Edge", "Common", "Formation", "Distributor", "Deviation", "Range", "Reach", "Quad",
    "Reserve", "Trailer", "Triangle", "Strip", "Slope", "Port", "Ground", "Gap", "Pass",
    "Subway", "Steps", "Stairs", "Bend", "Nook", "Basin"})


# The same suffixes after a street named for a person ("308 Patel Basin", "0 Logan Nook"): every
# word of the name a given or family name and no ordinary word.
_NAMED_STREET = re.compile(
    r"(?<![A-Za-z0-9.-])\d{1,6}[A-Za-z]?,?\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+"
    rf"(?:{'|'.join(sorted(_NOT_SUFFIXES))})\b")


def named_street_spans(text: str) -> Iterator[tuple[int, int]]:
    """English street lines whose suffix is also an ordinary word, when a person names the
    street."""
    ordinary, names = _latin_words()
    for match in _NAMED_STREET.finditer(text):
        words = match.group("name").lower().split()
        if all(word in names and word not in ordinary for word in words):
            yield match.start(), match.end()


def en_address() -> re.Pattern[str]:
    global _EN_ADDRESS
    if _EN_ADDRESS is None:
        from faker.providers.address.en_AU import Provider as AuProvider
        from faker.providers.address.en_GB import Provider as GbProvider
        from faker.providers.address.en_US import Provider

        # (the suffixes of Faker's English-speaking locales: Brae, Wynd, Esplanade, Extension)
        suffixes = {suffix for suffix in Provider.street_suffixes if suffix.isalpha()} | {
            suffix for provider in (AuProvider, GbProvider)
            for suffix in provider.street_suffixes if suffix.isalpha()} - _NOT_SUFFIXES
        suffixes |= {"St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Pl", "Sq", "Pkwy", "Hwy",
                     "Ter", "Cres", "Cl", "Gdns"}
        alternatives = "|".join(sorted(suffixes, key=len, reverse=True))
        # An HTTP status and its reason phrase read as one ("502 Bad Gateway"): no address.
        statuses = "|".join(re.escape(status.phrase) for status in HTTPStatus
                            if re.search(rf"\b(?:{alternatives})$", status.phrase))
        _EN_ADDRESS = re.compile(
            rf"(?<![A-Za-z0-9.-])(?![1-5]\d\d\s+(?:{statuses})\b)"
            # (the street's name may be written in its own script: "806 محمود Stream")
            r"\d{1,6}[A-Za-z]?(?:-\d{1,4})?,?\s+(?:(?:[A-ZÀ-ÖØ-ÞĀ-ŽǍ-ǜ][a-zß-öø-ÿā-žǍ-ǜ]+\.?|[\u0590-\u06ff"
            r"\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]+)\s+){1,3}"
            rf"(?:{alternatives})\b\.?"
            r"(?:,?\s+(?:Apt\.?|Suite|Unit|Flat|#)\s*[0-9A-Za-z-]+)?")
    return _EN_ADDRESS
