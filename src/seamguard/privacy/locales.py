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
from seamguard.privacy.screens import screened

__all__ = ["KO_NAME_CUE", "LOCALE_CUE", "NUMBERLESS_CUE", "STREET_CUE", "locale_spans"]

# (Vietnamese letters beyond Latin Extended-A: Ơ Ư and the stacked-diacritic block; Cyrillic)
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽǍ-ǜƠƯẠ-ỸА-ЯЁ"
_LOWER = "a-zß-öø-ÿā-žǍ-ǜơưạ-ỹа-яё"
# An honorific or title before the name (Sr. Enrico Mendonça, Dott. Ettore Spanevello,
# Tgk. Sakti Maulana) is part of what the label announces.
_HONORIFIC = (r"(?:(?:Sr|Sra|Srta|Dr|Dra|Dott|Prof|Tgk|Mme|Mlle|Ir|Drs|Hj|Bpk|Ibu|Cô|Ông|Bà"
              r"|тов|г-н|г-жа|[Pp]an|[Pp]ani|[Pp]anna|[Pp]aní|[Ss]lečna|Bay|Bayan|Sayın|Fru"
              r"|Herr|Frau)\.?\s+"
              # (any short abbreviated title: Turkish "Okt.", "Uzm.", "Av."; Czech "Ing.")
              rf"|(?:[{_UPPER}][{_LOWER}]{{0,4}}\.\s+){{1,2}})?")
_LATIN_NAME = (rf"{_HONORIFIC}[{_UPPER}][{_LOWER}'’]+(?:[ -](?:(?:von|van|de|der|den|del|da|di"
               rf"|zu|la|le|dos|das|do)\s)?[{_UPPER}][{_LOWER}'’]+){{0,3}}")
# Thai: two or three words of Thai script.
_THAI_NAME = r"[\u0e01-\u0e4e]{2,}(?: [\u0e01-\u0e4e]{2,})?"
# Arabic: two to five words of Arabic letters (a title such as الأستاذ among them).
_ARABIC_LETTERS = "\u0621-\u064a\u064b-\u0652\u0670-\u06d3"
_ARABIC_NAME = rf"[{_ARABIC_LETTERS}]{{2,}}(?: [{_ARABIC_LETTERS}]{{2,}}){{1,4}}"
# (a Japanese name: family name, maybe a blank, given name, in kanji or kana; a Korean one:
# two to four syllables)
_KANJI = "\u3005\u4e00-\u9fff"  # (with the iteration mark: 佐々木)
_NAME_VALUE = (rf"(?P<ja>[{_KANJI}\u30a0-\u30ff]{{1,4}}[ \u3000]?[{_KANJI}\u3040-\u30ff]{{1,4}}?)"
               rf"(?=\s*(?:様|さま|さん|殿|$|[\s,，、。;；]))"
               rf"|(?P<ko>[\uac00-\ud7a3]{{2,4}}?)(?=\s*(?:님|씨)?(?:$|[\s,，.;；]))"
               rf"|(?P<latin>{_LATIN_NAME})|(?P<thai>{_THAI_NAME})|(?P<arabic>{_ARABIC_NAME})")
_KO_LABEL = r"(?<![\uac00-\ud7a3])(?:수령인|받는\s?사람|받는\s?분|성명|고객명|주문자|보내는\s?사람)"
# (what a text with such a label holds: a cue for the callers' quick screens)
KO_NAME_CUE = "수령인|받는|성명|고객명|주문자|보내는"
# Words that follow such a label without being a name ("수령인 정보", "수령인 변경 요청").
_KO_NOT_NAMES = (r"(?:정보|변경|확인|주소|연락처|전화|번호|이름|성명|없음|미정|미상|요청|부재"
                 r"|본인|동일|직접|대리|선택|입력|수정|불명|님|씨)(?![\uac00-\ud7a3])")
_NAME_LABEL = screened(re.compile(
    r"(?:(?:お届け先|宛先|宛名|氏名|お名前|受取人|受取人名|担当者|ご担当者?|"
    r"수령인|받는\s?사람|받는\s?분|성명|이름|고객명|주문자|보내는\s?사람|"
    r"(?i:(?<![A-Za-z])(?:empf(?:ä|ae)nger|kunde|kundin|ansprechpartner(?:in)?|z\.\s?hd\.?"
    r"|destinataire|nom|destinatario|destinatário|nombre|cliente|nome|naam|ontvanger|penerima"
    r"|nama|получатель|фио|клиент|người\s?nhận|họ\s?tên"
    # Polish, Turkish, Czech, Swedish
    r"|odbiorca|adresat|nadawca|imi[eę]\s+i\s+nazwisko|al[ıi]c[ıi]|g[öo]nderici|ad\s+soyad"
    r"|p[řr][íi]jemce|odes[íi]latel|jm[ée]no|mottagare|avs[äa]ndare|namn)(?![A-Za-z])"
    r"|ผู้รับ|ชื่อ|المستلم|المرسل|الاسم|اسم\s+المستلم))"
    rf"\s*[:：]\s*(?:{_NAME_VALUE})"
    # (a Korean label names nothing but a person, colon or not: "수령인 김민준"; a word run into
    # it, "수령인정보", is another word)
    rf"|{_KO_LABEL}\s+(?!{_KO_NOT_NAMES})(?P<ko_bare>[\uac00-\ud7a3]{{2,4}}?)"
    r"(?=\s*(?:님|씨)?(?:$|[\s,，.;；])))"))
# A name an honorific follows, with no label before it ("山下 くみ子様宛に", "권도현님, …"):
# a Japanese family name (Faker's ja_JP list), a blank and a given name, or three or four
# kanji; two to four Korean syllables after a Korean family name; a Korean name after a Chinese
# label ("收件人: 권도현").
_HONOURED_NAME = screened(re.compile(
    rf"(?<![{_KANJI}\u3040-\u30ff])(?P<ja>[{_KANJI}]{{1,3}}[ \u3000][{_KANJI}\u3040-\u30ff]{{1,4}}"
    rf"|[{_KANJI}]{{3,4}})(?:様|さま|殿)"
    r"|(?<![\uac00-\ud7a3])(?P<ko>[\uac00-\ud7a3]{2,4})(?:\s*(?:고객|회원)?님|씨|\s+드림|\s+올림)"
    r"(?:께서|께|의|은|이|을|과|도)?(?![\uac00-\ud7a3])"
    # (the one in charge, who signs: "담당자 김민준", "担当: 山田 太郎")
    r"|(?:담당자|담당)\s*:?\s*(?P<ko_signed>[\uac00-\ud7a3]{2,4})(?![\uac00-\ud7a3])"
    rf"|担当(?:者)?\s*[:\uff1a]\s*(?P<ja_signed>[{_KANJI}]{{1,3}}[ \u3000]?"
    rf"[{_KANJI}\u3040-\u30ff]{{1,4}})"
    r"|(?:收件人|收货人|联系人|寄件人|签收人|姓名|收件者|聯絡人)\s*[:\uff1a]?\s*"
    r"(?P<ko_cn>[\uac00-\ud7a3]{2,4})(?![\uac00-\ud7a3])"))
# Role nouns an honorific follows that are nobody's name (고객님, 회원님, 会員様, 担当者様).
_NOT_HONOURED = frozenset({
    "고객", "회원", "기사", "관리자", "사장", "선생", "담당자", "판매자", "구매자", "여러분",
    "택배기사", "배송기사", "매니저", "상담사", "사용자", "주문자", "수령인", "작가", "원장",
    "실장", "팀장", "부장", "과장", "대표", "교수", "의사", "아버", "어머", "아버지", "어머니",
    "부모", "손님", "친구", "형", "누", "아드", "따", "고객센터", "관리", "운영자", "셀러",
    "会員", "担当者", "ご担当者", "利用者", "購入者", "御中", "各位", "店長", "管理者", "責任者",
    "お客", "皆", "受取人", "送り主", "出品者", "落札者", "配達員", "株式会社", "運送会社"})


def _honoured_names(text: str) -> Iterator[Span]:
    from faker.providers.person.ko_KR import Provider as Korean

    from seamguard.privacy.names import is_japanese_name

    for match in _HONOURED_NAME.finditer(text):
        group = next(g for g in ("ja", "ko", "ko_cn", "ko_signed", "ja_signed") if match.group(g))
        value = match.group(group)
        if value in _NOT_HONOURED or value.endswith(("会社", "店", "様")) or (
                group in ("ko_signed", "ko_cn") and re.match(_KO_NOT_NAMES, value)):
            continue
        if group == "ja_signed":
            if is_japanese_name(value) or any(value.startswith(f) for f in _ja_families()):
                yield Span(match.start(group), match.end(group), Kind.NAME)
            continue
        if group == "ja" and " " not in value and "\u3000" not in value and not any(
                value.startswith(family) for family in _ja_families()):
            continue
        if group == "ja" and (" " in value or "\u3000" in value) and not is_japanese_name(
                value):
            continue
        if group != "ja" and not any(value.startswith(family) for family in Korean.last_names):
            continue
        yield Span(match.start(group), match.end(group), Kind.NAME)


def _ja_families() -> frozenset[str]:
    from seamguard.privacy.names import _japanese_family_names

    return _japanese_family_names()


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
_ADDRESS_LABEL = screened(re.compile(
    r"(?:(?:お届け先|配送先)?住所|所在地|(?:배송지\s?)?주소|배송지|(?:收货|收件|详细|送货)?地址|住址|ที่อยู่|"
    r"(?i:(?<![A-Za-z])(?:adresse|anschrift|lieferadresse|indirizzo|direcci[oó]n|endere[çc]o"
    r"|adres|adresa|adress|gatuadress|alamat|địa\s?chỉ|адрес)(?![A-Za-z])\s*[:：])|العنوان)"
    r"\s*[:：]?\s*(?P<value>[^\s,，;；。،\n][^,，;；。،\n]{3,80}?)"
    r"(?=\s*(?:電話|TEL|Tel|tel|メール|携帯|전화|휴대폰|이메일|연락처|โทร|อีเมล|(?i:telefon|e-?mail|handy"
    r"|mobil|phone|mail|телефон|điện|telepon|t[ée]l[ée]fono|telefone|telefoon|tél|e-?posta?)\b)"
    r"|هاتف|جوال|[,，;；。،\n]|$)"))
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
    # (Dutch embankments, squares and parks: Oudezijdswal, Vismarkt; not …pad, …haven,
    # which English compounds end in too: Notepad 2, Newhaven 3)
    rf"|wal|markt|plantsoen|erf|boulevard"
    rf"|-(?:Straße|Strasse|Gasse|Platz|Ring|Weg|Allee|Damm|Ufer))"
    rf"|[\w-]{{2,}}(?<![aeiouäöü])(?<!{_EN_RRING})ring)"
    rf"\s+\d{{1,4}}[a-z]?(?:\s*[-/]\s*\d{{1,4}}[a-z]?)?(?![\w/-])")
# German and Dutch street types that end English words too ("Buttering 0", "Wesleypad 290",
# "Nordhaven 3" beside "Ordering 2", "Notepad 2"): a street only in a German or Dutch text.
_GERMANIC_STREET = re.compile(
    rf"(?<![\w-])[{_UPPER}][{_LOWER}-]+(?:ring|pad|haven)\s+\d{{1,4}}[a-z]?"
    rf"(?:\s*[-/]\s*\d{{1,4}}[a-z]?)?(?![\w/-])")
_GERMANIC_TEXT = re.compile(
    r"[äöüßÄÖÜ]|(?i:\b(?:empf(?:ä|ae)nger|anschrift|lieferadresse|rechnungsadresse|stra(?:ss)?e"
    r"|telefon|bitte|paket|lieferung|ontvanger|afzender|adres|bezorg\w*|pakket|telefoon|bel mij"
    r"|straat|woonplaats)\b)")
# Street lines of French, Spanish, Portuguese, Italian and Indonesian addresses, which need no
# label: a street type, a name of capitalised words, a house number ("Calle Mayor 12", "Rua
# Augusta, 274", "Viale Michele, 29", "Jalan Erlangga No. 19"), or in French the number first
# ("72, boulevard Audrey Muller", "675 rue de Fontaine").
# (street types of the Spanish, Catalan and Galician, Portuguese and Brazilian, Italian and
# Indonesian postal services' lists)
_ROMANCE_TYPES = (
    "Calle|Avenida|Av\\.|Avda\\.|Paseo|Plaza|Camino|Callejón|Ronda|Travesía|Rambla|Glorieta"
    "|Carrera|Pasaje|Carretera|Cuesta|Acceso|Vial|Urbanización|Bulevar|Cañada|Costanilla"
    "|Pasadizo|Plazuela|Vereda|Senda|Sector|Polígono|Partida|Muelle|Paraje|Jardines|Barrio"
    "|Calleja|Avinguda|Carrer|Passeig|Rúa|Praza"
    "|Rua|Travessa|Alameda|Praça|Largo|Rodovia|Estrada|Ladeira|Viela|Vila|Setor|Quadra|Pátio"
    "|Colônia|Conjunto|Condomínio|Chácara|Sítio|Fazenda|Jardim|Núcleo|Residencial|Parque"
    "|Passarela|Trevo|Morro|Loteamento|Esplanada|Distrito|Trecho|Recanto|Viaduto|Rampa"
    "|Favela|Aeroporto|Estação|Feira|Lagoa|Praia|Área|Campo|Lago|Vale"
    "|Via|Viale|Piazza|Piazzale|Corso|Vicolo|Strada|Contrada|Borgo|Canale|Rotonda|Incrocio"
    "|Lungomare|Lungolago|Lungotevere|Salita|Stretto|Vico|Galleria|Traversa|Sentiero|Località"
    "|Frazione|Rione|Passaggio|Contrà"
    "|Jalan|Jl\\.|Gang|Gg\\.")
# (Malaysia's road types, written out or cut short: Jalan, Jln, Lorong, Lrg, Persiaran, Lebuh)
_MALAY_TYPES = (r"(?:Jalan|Jln\.?|Lorong|Lrg\.?|Persiaran|Psn\.?|Lebuh|Lebuhraya|Lengkok"
                r"|Lingkaran|Medan|Tingkat|Jalan)")
_NAME_PARTICLES = r"(?:de|del|de la|de los|das|dos|da|do|di|della|delle|dei|degli)"
# (what may follow the house number in lower case: the flat, floor or staircase; any other
# lower-case word makes the line a sentence, "Via Email 3 times", "Corso Python 3 lessons")
_UNIT_WORDS = (r"(?:piso|puerta|bajo|apto|apt|casa|bloco|sala|int|interno|scala|piano|esc|dcha"
               r"|izq|lote|quadra|rt|rw|kel|kec)\b")
# Types that are English words too ("Via Email 3 times", "Corso Python 3 lessons"): after
# them a lower-case word after the number makes the line a sentence, unless a comma stands
# before the number ("Via Roma, 12 ieri").
_ENGLISH_TYPES = ("Via|Corso|Plaza|Camino|Largo|Strada|Gang|Sector|Vila|Parque|Rampa|Galleria"
                  "|Distrito|Conjunto|Residencial|Canale|Borgo|Acceso|Rotonda|Ronda|Carrera"
                  "|Estrada|Trecho|Vial|Passaggio|Salita|Stretto|Barrio|Residencial|Campo|Lago"
                  "|Vale")
# Types that mark a street line even without its number: no English word, no place's name.
_NUMBERLESS_TYPES = ("Rua|Calle|Avenida|Avda\\.|Travessa|Travesía|Rúa|Carrer|Avinguda|Passeig"
                     "|Praça|Praza|Ladeira|Viela|Rodovia|Viale|Piazza|Piazzale|Vicolo|Jalan")
# (what a street line without its number opens with: a cue for the callers' quick screens)
NUMBERLESS_CUE = (rf"{_NUMBERLESS_TYPES}|(?:{_ROMANCE_TYPES})\s+(?:{_NAME_PARTICLES})(?=\s)")
_ROMANCE_NAME = (rf"\s+(?:{_NAME_PARTICLES}\s+)?[{_UPPER}][{_LOWER}'’]+"
                 rf"(?:\s+(?:{_NAME_PARTICLES}\s+)?[{_UPPER}][{_LOWER}'’]+){{0,4}}")
_HOUSE = r"(?:No\.?\s*|n\.?º?\s*)?\d{1,5}[A-Za-z]?(?![\w/-])"
_ROMANCE_STREET = screened(re.compile(
    rf"(?<![\w-])(?:(?!(?:{_ENGLISH_TYPES})\s)(?:{_ROMANCE_TYPES}){_ROMANCE_NAME},?\s+{_HOUSE}"
    rf"|(?:{_ENGLISH_TYPES}){_ROMANCE_NAME}(?:,\s+{_HOUSE}"
    rf"|\s+{_HOUSE}(?!\s+(?!{_UNIT_WORDS})[a-z])))"
    rf"|(?<![\w-])\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|chemin|allée"
    rf"|impasse|quai)\s+(?:(?:de la|de l'|des|du|de|d'|la|le)\s*)?"
    rf"[{_UPPER}][{_LOWER}'’-]+(?:\s+(?:de |du |des )?[{_UPPER}][{_LOWER}'’-]+){{0,3}}"
    # (a French street written without its number, "livré avenue Meyer"; only the types that
    # are no English words)
    rf"|(?<![\w-])(?:rue|avenue|boulevard|chemin|allée|impasse|quai)\s+"
    rf"(?:(?:de la|de l'|des|du|de|d')\s*)?[{_UPPER}][{_LOWER}'’-]{{2,}}"
    rf"(?:\s+(?:de |du |des )?[{_UPPER}][{_LOWER}'’-]+){{0,3}}"
    # (a Spanish, Portuguese or Italian street written without its number: a type no English
    # word spells, "Rua Augusta", "Calle Mayor", or any type and a name after its particle,
    # "Rua das Flores", "Vale de Silveira", "Via della Spiga")
    rf"|(?<![\w-])(?:(?:{_NUMBERLESS_TYPES})(?:\s+{_NAME_PARTICLES})?"
    rf"|(?:{_ROMANCE_TYPES})\s+{_NAME_PARTICLES})"
    rf"\s+[{_UPPER}][{_LOWER}'’]{{2,}}(?:\s+(?:{_NAME_PARTICLES}\s+)?[{_UPPER}][{_LOWER}'’]+){{0,3}}"))
# Street lines marked by their own words, whatever follows: Russian (a street abbreviation,
# a name, "д." and the house: "ул. Котовского, д. 4/6"), Thai (a house number, maybe the
# village "หมู่ 7", then ถนน or ถ. and the road), Vietnamese ("Số 82/577 Lê Đức Thọ": the
# number word, the house number, the street's capitalised words).
_MARKED_STREET = screened(re.compile(
    # Malaysian: a house number, then a road's type and its name ("No. 12, Jalan SS 2/24",
    # "8 Lorong Maarof", "No. 3A, Persiaran Gurney")
    rf"(?<![\w])(?:No\.?\s*)?\d{{1,4}}[A-Z]?,?\s+{_MALAY_TYPES}\s+[A-Z0-9][\w/]*"
    r"(?:\s+[A-Z0-9][\w/]*){0,3}|"
    r"(?<![\w])(?:ул|пр|просп|пер|наб|бул|алл|ш|пл|туп|мкр|проезд)\.\s*[А-ЯЁ][\w.-]*"
    r"(?:\s[А-ЯЁ][\w.-]*)?,\s*д\.\s*\d+(?:/\d+)?(?:\s*(?:к|стр)\.\s*\d+)?"
    r"|(?<![\w/])\d{1,4}(?:/\d{1,4})?\s+(?:หมู่\s*\d{1,3}\s+)?(?:ถนน|ถ\.)[\u0e01-\u0e4e]+"
    rf"|(?<![\w])Số\s+\d{{1,4}}(?:/\d{{1,4}}){{0,3}}(?:\s+[{_UPPER}\d][{_LOWER}\d]*){{1,5}}"
    # Indian: a house number ("H.No. 751", "76/33") and a locality word (Nagar, Chowk, Marg)
    r"|(?<![\w])H\.\s?No\.?\s*\d{1,5}(?:/\d{1,5})?(?:,?\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"
    # (the number alone before a comma or a line break: "77, Krish Ganj", "076\nDass Ganj")
    r"|(?<![\w/])\d{1,4}(?:/\d{1,4},?\s+|,\s+|[ \t]*\r?\n[ \t]*)[A-Z][a-z]+\s+(?:Chowk|Nagar"
    r"|Marg|Ganj|Bazaar|Bagh|Puram|Zila|Circle)(?![A-Za-z])"
    # (or the house number on a line of its own and the street on the next: "86/925\nRaja";
    # not a month and a year, "12/2026")
    r"|(?<![\w/])\d{1,4}/(?!(?:19|20)\d\d\b)\d{1,4}[ \t]*\r?\n[ \t]*[A-Z][a-z]+"
    r"(?: [A-Z][a-z]+){0,2}"))
# Street lines of Polish (a type first: "ul. Leśna 74/39", "al. Jana Pawła II 5", "plac
# Listopada 80"), Czech (a street named by an adjective or a possessive, "Chotovická 1",
# "Vratislavova 44/3", or after a preposition, "Na Příkopě 12"), Swedish (a compound ending
# in a street word, "Storgränd 915", "Ekstigen 636") and Turkish ("Atatürk Cad. No: 12").
_NORTH_STREET = screened(re.compile(
    rf"(?<![\w-])(?:(?:ul|al|pl|os)\.\s*|(?:ulica|aleja|plac|osiedle|rondo|skwer|bulwar)\s+)"
    # (a lower-case link word between names: "plac Żwirki i Wigury 905")
    rf"(?:\d{{1,2}}\s)?[{_UPPER}][{_LOWER}]+(?:\s+(?:[{_UPPER}][{_LOWER}]+|[IVX]{{1,4}}"
    rf"|i|z|w|na|nad|pod)){{0,3}}"
    rf"\s+\d{{1,4}}[a-zA-Z]?(?:/\d{{1,4}}[a-zA-Z]?)?(?![\w/-])"
    rf"|(?<![\w-])[{_UPPER}][{_LOWER}]{{2,}}(?:ov[aáoy]|sk[áéý]|ck[áéý]|[nlžš]á|ní|ého|eho|ých)"
    # (the square or embankment after its adjective: "Kostnické Náměstí 321")
    rf"(?:\s+(?:[{_LOWER}]+|Náměstí|Nábřeží|Třída))?\s+\d{{1,4}}(?:/\d{{1,4}})?[a-z]?(?![\w/-])"
    # (a Czech street after a preposition or a square's word: "Nad Plynovodem 331", "U Školy 5")
    rf"|(?<![\w-])(?:Na|U|V|Ve|K|Ke|Pod|Nad|Za|Před|Při|Náměstí|Nám\.|náměstí|třída)\s+"
    rf"[{_UPPER}][{_LOWER}]{{4,}}(?:\s+[{_LOWER}]+)?\s+\d{{1,4}}(?:/\d{{1,4}})?[a-z]?(?![\w/-])"
    rf"|(?<![\w-])[{_UPPER}][{_LOWER}]*(?:gatan|gata|vägen|väg|gränd|gränden|stigen|backe"
    rf"|backen|torget|torg|allén|leden|gården|slingan|platsen|stråket|kroken)"
    rf"\s+\d{{1,4}}\s?[A-Z]?(?![\w/-])"
    rf"|(?<![\w-])[{_UPPER}][{_LOWER}]+(?:\s[{_UPPER}][{_LOWER}]+){{0,2}}\s(?:Cad(?:desi)?"
    rf"|Sok(?:ak|ağı)?|Bulvarı|Blv|Mah(?:allesi)?)\.?,?\s*No\s*:?\s*\d{{1,4}}(?:/\d{{1,3}})?"))
# (what a street line of these shapes holds: a cue for the callers' quick screens)
STREET_CUE = (rf"\d[A-Z]?,?\s+{_MALAY_TYPES}\s"
              rf"|(?:{_ROMANCE_TYPES})\s+(?:{_NAME_PARTICLES}\s+)?[{_UPPER}]"
              r"|\d,?\s+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai)\s"
              r"|,\s*д\.\s*\d|ถนน|ถ\.|Số\s+\d|H\.\s?No|\d/\d"
              r"|\d(?:,\s+|[ \t]*\n[ \t]*)[A-Z][a-z]+\s+(?:Chowk|Nagar|Marg|Ganj|Bazaar|Bagh|Puram"
              r"|Zila|Circle)"
              r"|(?:rue|avenue|boulevard|chemin|allée|impasse|quai)\s+(?:d|[A-ZÀ-Ý])"
              r"|(?:ul|al|pl|os)\.\s*\S|(?:ulica|aleja|plac|osiedle)\s"
              r"|(?:ov[aáoy]|sk[áéý]|ck[áéý]|[nlžš]á|ní|ého|eho|ých|[a-zěščřžýáíéůú]{3})\s+\d"
              r"|(?:gatan|gata|vägen|väg|gränd|gränden|stigen|backe|backen|torget|torg|allén"
              r"|leden|gården|slingan|platsen|stråket|kroken)\s+\d|\sNo\s*:?\s*\d")
# What a text needs before the patterns above are tried (cheap, searched once).
LOCALE_CUE = screened(re.compile(
    r"[\u3040-\u30ff\uac00-\ud7a3]|住所|所在地|宛|氏名|担当|地址|住址|様|殿|"
    r"(?i:empf|kunde|ansprech|z\.\s?hd|destinat|nom|nombre|cliente|nome|naam|ontvanger|adres"
    r"|penerima|nama|получатель|фио|клиент|người|họ\s?tên|ผู้รับ|ชื่อ|alamat|địa|адрес|ที่อยู่"
    r"|anschrift|indirizzo|direcci|endere|odbiorca|adresat|nadawca|nazwisko|al[ıi]c[ıi]"
    r"|g[öo]nderici|soyad|p[řr][íi]jemce|odes[íi]latel|jm[ée]no|mottagare|avs[äa]ndare|namn)"
    r"|المستلم|المرسل|الاسم|العنوان"
    r"|(?:straße|strasse|str\.|gasse|platz|ring|weg|allee|damm|ufer|chaussee|straat|laan|plein"
    r"|gracht|kade|singel|dijk|steeg|dreef|hof|baan|wal|markt|plantsoen|erf|boulevard"
    r"|Straße|Weg|Platz"
    r"|Allee|Gasse|Ring)\s+\d"
    rf"|{STREET_CUE}"))


def locale_spans(text: str) -> Iterator[Span]:
    """Names and addresses of the locales above in ``text``."""
    for match in _NAME_LABEL.finditer(text):
        group = next(g for g in ("ja", "ko", "latin", "thai", "arabic", "ko_bare")
                     if match.group(g))
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
        yield from _honoured_names(text)
        for match in _KO_ADDRESS.finditer(text):
            yield Span(match.start(), match.end(), Kind.ADDRESS)
    if _GERMANIC_TEXT.search(text):
        for match in _GERMANIC_STREET.finditer(text):
            yield Span(match.start(), match.end(), Kind.ADDRESS)
    for pattern in (_DE_STREET, _ROMANCE_STREET, _MARKED_STREET, _NORTH_STREET):
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), Kind.ADDRESS)
