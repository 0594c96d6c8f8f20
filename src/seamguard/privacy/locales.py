# ruff: noqa: RUF001
"""Names and street addresses in the text of other locales a shop's traffic carries: Japanese,
Korean and European-language labels (``お届け先 橋本 零様``, ``수령인: 이재호``,
``Empfänger: Erik Tlustek``, ``住所 …``, ``주소 …``, ``Adresse: …``; and a Chinese ``地址``
label before a street too short for the street patterns, ``李路G座``), and the street shapes
of Korean road addresses (``광주광역시 서초구 가락0로 984``) and German street lines
(``Heidrichallee 144``, ``Gino-Christoph-Weg 37/55``), which need no label.

A name counts only after a label and a colon (a Korean label needs none: ``수령인 김민준``); an
address label in Japanese or Korean needs no colon (``住所``, ``주소`` name nothing else), a Latin
one does (``address the issue``). The value
runs to the next separator or the next label (a phone or an e-mail after it is found on its
own). See :mod:`seamguard.privacy.detect` for the Chinese and English ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from seamguard.privacy.kinds import Kind, Span

__all__ = ["KO_NAME_CUE", "LOCALE_CUE", "STREET_CUE", "locale_spans"]

# (Vietnamese letters beyond Latin Extended-A: Ơ Ư and the stacked-diacritic block; Cyrillic)
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽƠƯẠ-ỸА-ЯЁ"
_LOWER = "a-zß-öø-ÿā-žơưạ-ỹа-яё"
# An honorific or title before the name (Sr. Enrico Mendonça, Dott. Ettore Spanevello,
# Tgk. Sakti Maulana) is part of what the label announces.
_HONORIFIC = (r"(?:(?:Sr|Sra|Srta|Dr|Dra|Dott|Prof|Tgk|Mme|Mlle|Ir|Drs|Hj|Bpk|Ibu|Cô|Ông|Bà"
              r"|тов|г-н|г-жа)\.?\s+)?")
_LATIN_NAME = (rf"{_HONORIFIC}[{_UPPER}][{_LOWER}'’]+(?:[ -](?:(?:von|van|de|der|den|del|da|di"
               rf"|zu|la|le|dos|das|do)\s)?[{_UPPER}][{_LOWER}'’]+){{0,3}}")
# Thai: two or three words of Thai script.
_THAI_NAME = r"[\u0e01-\u0e4e]{2,}(?: [\u0e01-\u0e4e]{2,})?"
# (a Japanese name: family name, maybe a blank, given name, in kanji or kana; a Korean one:
# two to four syllables)
_KANJI = "\u3005\u4e00-\u9fff"  # (with the iteration mark: 佐々木)
_NAME_VALUE = (rf"(?P<ja>[{_KANJI}\u30a0-\u30ff]{{1,4}}[ \u3000]?[{_KANJI}\u3040-\u30ff]{{1,4}}?)"
               rf"(?=\s*(?:様|さま|さん|殿|$|[\s,，、。;；]))"
               rf"|(?P<ko>[\uac00-\ud7a3]{{2,4}}?)(?=\s*(?:님|씨)?(?:$|[\s,，.;；]))"
               rf"|(?P<latin>{_LATIN_NAME})|(?P<thai>{_THAI_NAME})")
_KO_LABEL = r"(?<![\uac00-\ud7a3])(?:수령인|받는\s?사람|받는\s?분|성명|고객명|주문자|보내는\s?사람)"
# (what a text with such a label holds: a cue for the callers' quick screens)
KO_NAME_CUE = "수령인|받는|성명|고객명|주문자|보내는"
# Words that follow such a label without being a name ("수령인 정보", "수령인 변경 요청").
_KO_NOT_NAMES = (r"(?:정보|변경|확인|주소|연락처|전화|번호|이름|성명|없음|미정|미상|요청|부재"
                 r"|본인|동일|직접|대리|선택|입력|수정|불명|님|씨)(?![\uac00-\ud7a3])")
_NAME_LABEL = re.compile(
    r"(?:(?:お届け先|宛先|宛名|氏名|お名前|受取人|受取人名|担当者|ご担当者?|"
    r"수령인|받는\s?사람|받는\s?분|성명|이름|고객명|주문자|보내는\s?사람|"
    r"(?i:(?<![A-Za-z])(?:empf(?:ä|ae)nger|kunde|kundin|ansprechpartner(?:in)?|z\.\s?hd\.?"
    r"|destinataire|nom|destinatario|destinatário|nombre|cliente|nome|naam|ontvanger|penerima"
    r"|nama|получатель|фио|клиент|người\s?nhận|họ\s?tên)(?![A-Za-z])|ผู้รับ|ชื่อ))"
    rf"\s*[:：]\s*(?:{_NAME_VALUE})"
    # (a Korean label names nothing but a person, colon or not: "수령인 김민준"; a word run into
    # it, "수령인정보", is another word)
    rf"|{_KO_LABEL}\s+(?!{_KO_NOT_NAMES})(?P<ko_bare>[\uac00-\ud7a3]{{2,4}}?)"
    r"(?=\s*(?:님|씨)?(?:$|[\s,，.;；])))")
_NOT_NAMES = frozenset({"Herr", "Frau", "Kunde", "Firma", "Monsieur", "Madame", "Señor",
                        "Señora", "Signor", "Signora",
                        # what else follows "Kunde:", "Empfänger:", "Cliente:" in a shop's notes
                        "Unbekannt", "Anonym", "Gast", "Privat", "Keine", "Kein", "Nachbar",
                        "Nachbarin", "Packstation", "Postfiliale", "Filiale", "Selbst",
                        "Selbstabholer", "Inconnu", "Anonyme", "Desconocido", "Anónimo",
                        "Sconosciuto", "Anonimo", "Onbekend"})
# A German noun, capitalised as every German noun is, is no name: a kind of customer
# (Neukunde, Stammkundin), a delivery or a payment (Lieferung, Abholung), an abstract noun.
# (Not "-ung" after an "e": Leung, Cheung, Yeung are family names.)
_ORDINARY_NOUN = re.compile(
    r"[A-ZÄÖÜ][a-zäöüß]*(?:kunde|kundin|kunden|[a-df-z]ung|heit|keit|schaft|tät|ation|ition"
    r"|station|ismus)")
# Address labels; the value runs to a separator, the end, or the next label.
_ADDRESS_LABEL = re.compile(
    r"(?:(?:お届け先|配送先)?住所|所在地|(?:배송지\s?)?주소|배송지|(?:收货|收件|详细|送货)?地址|住址|ที่อยู่|"
    r"(?i:(?<![A-Za-z])(?:adresse|anschrift|lieferadresse|indirizzo|direcci[oó]n|endere[çc]o"
    r"|adres|alamat|địa\s?chỉ|адрес)(?![A-Za-z])\s*[:：]))"
    r"\s*[:：]?\s*(?P<value>[^\s,，;；。\n][^,，;；。\n]{3,80}?)"
    r"(?=\s*(?:電話|TEL|Tel|tel|メール|携帯|전화|휴대폰|이메일|연락처|โทร|อีเมล|(?i:telefon|e-?mail|handy"
    r"|mobil|phone|mail|телефон|điện|telepon|t[ée]l[ée]fono|telefone|telefoon|tél)\b)"
    r"|[,，;；。\n]|$)")
_ADDRESS_CHARS = frozenset("路街道巷弄号號座栋棟幢室村镇鎮区區县縣市省楼樓丁目番")
_CHINESE_ONLY = re.compile(r"[\u4e00-\u9fff\s]+")
# Korean road addresses: province or city, district, road with its number.
_KO_ADDRESS = re.compile(
    r"[\uac00-\ud7a3]+(?:특별시|광역시|특별자치시|특별자치도|도|시)\s+"
    r"(?:[\uac00-\ud7a3]+(?:시|군|구)\s+){1,2}"
    r"[\uac00-\ud7a30-9]+(?:로|길|거리|가)\s*(?:지하)?\d+(?:-\d+)?(?:\s*\([^)\n]{1,20}\))?")
# German street lines: a capitalised word ending in a street suffix, a house number.
# ("…ring" after three letters and a consonant: Fliegnerring, Westring; not Spring, String,
# Offering, nor an English verb doubling its r: Recurring, Referring, Deterring, Starring)
_EN_RRING = "cur|fer|ter|tar|car|bar|mar|jar|err|pur|lur|tir|hir"
_DE_STREET = re.compile(
    rf"(?<![\w-])[{_UPPER}](?:[\w-]*(?:straße|strasse|str\.|gasse|platz|weg|allee|damm|ufer"
    rf"|chaussee|straat|laan|plein|gracht|kade|singel|dijk|steeg|dreef|hof|baan"
    rf"|-(?:Straße|Strasse|Gasse|Platz|Ring|Weg|Allee|Damm|Ufer))"
    rf"|[\w-]{{2,}}(?<![aeiouäöü])(?<!{_EN_RRING})ring)"
    rf"\s+\d{{1,4}}[a-z]?(?:\s*[-/]\s*\d{{1,4}}[a-z]?)?(?![\w/-])")
# Street lines of French, Spanish, Portuguese, Italian and Indonesian addresses, which need no
# label: a street type, a name of capitalised words, a house number ("Calle Mayor 12", "Rua
# Augusta, 274", "Viale Michele, 29", "Jalan Erlangga No. 19"), or in French the number first
# ("72, boulevard Audrey Muller", "675 rue de Fontaine").
_ROMANCE_TYPES = (
    "Calle|Avenida|Av\\.|Avda\\.|Paseo|Plaza|Camino|Callejón|Ronda|Travesía|Rambla|Glorieta"
    "|Carrera|Pasaje|Carretera|Rua|Travessa|Alameda|Praça|Largo|Rodovia|Estrada|Ladeira|Viela"
    "|Vila|Setor|Quadra|Cuesta|Acceso|Rotonda"
    "|Via|Viale|Piazza|Piazzale|Corso|Vicolo|Strada|Contrada|Borgo|Jalan|Jl\\.|Gang|Gg\\.")
_NAME_PARTICLES = r"(?:de|del|de la|de los|das|dos|da|do|di|della|delle|dei|degli)"
# (what may follow the house number in lower case: the flat, floor or staircase; any other
# lower-case word makes the line a sentence, "Via Email 3 times", "Corso Python 3 lessons")
_UNIT_WORDS = (r"(?:piso|puerta|bajo|apto|apt|casa|bloco|sala|int|interno|scala|piano|esc|dcha"
               r"|izq|lote|quadra|rt|rw|kel|kec)\b")
_ROMANCE_STREET = re.compile(
    rf"(?<![\w-])(?:{_ROMANCE_TYPES})\s+(?:{_NAME_PARTICLES}\s+)?[{_UPPER}][{_LOWER}'’]+"
    rf"(?:\s+(?:{_NAME_PARTICLES}\s+)?[{_UPPER}][{_LOWER}'’]+){{0,4}},?\s+(?:No\.?\s*|n\.?º?\s*)?"
    rf"\d{{1,5}}[A-Za-z]?(?![\w/-])(?!\s+(?!{_UNIT_WORDS})[a-z])"
    rf"|(?<![\w-])\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|chemin|allée"
    rf"|impasse|quai)\s+(?:(?:de la|de l'|des|du|de|d'|la|le)\s*)?"
    rf"[{_UPPER}][{_LOWER}'’-]+(?:\s+(?:de |du |des )?[{_UPPER}][{_LOWER}'’-]+){{0,3}}")
# Street lines marked by their own words, whatever follows: Russian (a street abbreviation,
# a name, "д." and the house: "ул. Котовского, д. 4/6"), Thai (a house number, maybe the
# village "หมู่ 7", then ถนน or ถ. and the road), Vietnamese ("Số 82/577 Lê Đức Thọ": the
# number word, the house number, the street's capitalised words).
_MARKED_STREET = re.compile(
    r"(?<![\w])(?:ул|пр|просп|пер|наб|бул|алл|ш|пл|туп|мкр|проезд)\.\s*[А-ЯЁ][\w.-]*"
    r"(?:\s[А-ЯЁ][\w.-]*)?,\s*д\.\s*\d+(?:/\d+)?(?:\s*(?:к|стр)\.\s*\d+)?"
    r"|(?<![\w/])\d{1,4}(?:/\d{1,4})?\s+(?:หมู่\s*\d{1,3}\s+)?(?:ถนน|ถ\.)[\u0e01-\u0e4e]+"
    rf"|(?<![\w])Số\s+\d{{1,4}}(?:/\d{{1,4}}){{0,3}}(?:\s+[{_UPPER}\d][{_LOWER}\d]*){{1,5}}"
    # Indian: a house number ("H.No. 751", "76/33") and a locality word (Nagar, Chowk, Marg)
    r"|(?<![\w])H\.\s?No\.?\s*\d{1,5}(?:/\d{1,5})?(?:,?\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"
    r"|(?<![\w/])\d{1,4}/\d{1,4},?\s+[A-Z][a-z]+\s+(?:Chowk|Nagar|Marg|Ganj|Bazaar"
    r"|Bagh|Puram)(?![A-Za-z])")
# (what a street line of these shapes holds: a cue for the callers' quick screens)
STREET_CUE = (rf"(?:{_ROMANCE_TYPES})\s+(?:{_NAME_PARTICLES}\s+)?[{_UPPER}]"
              r"|\d,?\s+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai)\s"
              r"|,\s*д\.\s*\d|ถนน|ถ\.|Số\s+\d|H\.\s?No|\d/\d")
# What a text needs before the patterns above are tried (cheap, searched once).
LOCALE_CUE = re.compile(
    r"[\u3040-\u30ff\uac00-\ud7a3]|住所|所在地|宛|氏名|担当|地址|住址|"
    r"(?i:empf|kunde|ansprech|z\.\s?hd|destinat|nom|nombre|cliente|nome|naam|ontvanger|adres"
    r"|penerima|nama|получатель|фио|клиент|người|họ\s?tên|ผู้รับ|ชื่อ|alamat|địa|адрес|ที่อยู่"
    r"|anschrift|indirizzo|direcci|endere)"
    r"|(?:straße|strasse|str\.|gasse|platz|ring|weg|allee|damm|ufer|chaussee|straat|laan|plein"
    r"|gracht|kade|singel|dijk|steeg|dreef|hof|baan|Straße|Weg|Platz"
    r"|Allee|Gasse|Ring)\s+\d"
    rf"|{STREET_CUE}")


def locale_spans(text: str) -> Iterator[Span]:
    """Names and addresses of the locales above in ``text``."""
    for match in _NAME_LABEL.finditer(text):
        group = next(g for g in ("ja", "ko", "latin", "thai", "ko_bare") if match.group(g))
        value = match.group(group)
        if value.split()[0] in _NOT_NAMES or (
                group == "latin" and len(value) >= 7 and _ORDINARY_NOUN.fullmatch(value)):
            continue
        yield Span(match.start(group), match.end(group), Kind.NAME)
    for match in _ADDRESS_LABEL.finditer(text):
        value = match.group("value")
        # (a number, a street or building word, or a long enough Korean or Latin line: not
        # "地址 已确认")
        if any(char.isdigit() or char in _ADDRESS_CHARS for char in value) or (
                len(value.strip()) >= 6 and not _CHINESE_ONLY.fullmatch(value)):
            yield Span(match.start("value"), match.end("value"), Kind.ADDRESS)
    if not text.isascii():
        for match in _KO_ADDRESS.finditer(text):
            yield Span(match.start(), match.end(), Kind.ADDRESS)
    for pattern in (_DE_STREET, _ROMANCE_STREET, _MARKED_STREET):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), Kind.ADDRESS)
