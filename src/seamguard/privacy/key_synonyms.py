"""Words of other languages, pinyin and abbreviations that key names are written in, as the
English words the key lists of :mod:`seamguard.privacy.policy` use."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["SYNONYMS"]

# Words of other languages and pinyin that key names are written in, as the English words the
# lists below use. Pinyin is written run together (``shouhuodizhi``): the pieces are found by
# :func:`_known_words`.
SYNONYMS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    # pinyin
    "dianhua": ("phone",), "shouji": ("mobile",), "haoma": ("number",), "hao": ("no",),
    "lianxi": ("contact",), "lianxiren": ("contact",), "xingming": ("full", "name"),
    "mingzi": ("name",), "dizhi": ("address",), "zhuzhi": ("address",), "youxiang": ("email",),
    "shenfenzheng": ("idcard",), "sfz": ("idcard",), "sfzh": ("idcard", "no"),
    "zjhm": ("identity", "no"),
    "zhengjian": ("identity",), "huzhao": ("passport",), "yinhang": ("bank",), "ka": ("card",),
    "zhanghao": ("account",), "zhanghu": ("account",), "mima": ("password",),
    "miyao": ("secret",), "kouling": ("password",), "lingpai": ("token",),
    "qianming": ("signature",), "shouhuoren": ("receiver",), "shouhuo": ("receiver",),
    "shoujianren": ("recipient",), "shoujian": ("recipient",), "fajianren": ("sender",),
    "jijianren": ("sender",), "maijia": ("buyer",), "kehu": ("customer",),
    "weixin": ("wechat",), "weixinhao": ("wechat", "no"), "wxid": ("wechat", "id"),
    "qqhao": ("qq", "no"), "koukou": ("qq",),
    "lxdh": ("contact", "phone"), "dh": ("phone",), "mob": ("mobile",), "ph": ("phone",),
    "whatsapp": ("mobile",), "sjh": ("mobile", "no"), "sjhm": ("mobile", "number"),
    # the initials of 联系人, 收货人, 收件人, 寄件人, 发件人, 地址 (shrdh: the receiver's phone)
    "lxr": ("contact",), "shr": ("receiver",), "sjr": ("recipient",), "jjr": ("sender",),
    "fjr": ("sender",), "dz": ("address",), "xm": ("full", "name"),
    # abbreviations of Korean and Japanese back offices (rcv_nm, cust_nm, user_nm)
    "nm": ("name",),
    # German, French, Spanish, Italian, Portuguese, Dutch
    "telefon": ("phone",), "telefonnummer": ("phone", "number"), "handy": ("mobile",),
    "handynummer": ("mobile", "number"), "mobil": ("mobile",), "anschrift": ("address",),
    "adresse": ("address",), "strasse": ("street",), "straße": ("street",),
    "vorname": ("first", "name"), "nachname": ("last", "name"), "kunde": ("customer",),
    "empfaenger": ("recipient",), "empfänger": ("recipient",), "passwort": ("password",),
    "kennwort": ("password",), "telephone": ("telephone",), "téléphone": ("phone",),
    "portable": ("mobile",), "courriel": ("email",), "prenom": ("first", "name"),
    "prénom": ("first", "name"), "destinataire": ("recipient",), "motdepasse": ("password",),
    "telefono": ("phone",), "teléfono": ("phone",), "celular": ("mobile",), "movil": ("mobile",),
    "móvil": ("mobile",), "direccion": ("address",), "dirección": ("address",),
    "correo": ("email",), "nombre": ("full", "name"), "apellido": ("last", "name"),
    "apellidos": ("last", "name"), "contrasena": ("password",), "contraseña": ("password",),
    "cliente": ("customer",), "cellulare": ("mobile",), "indirizzo": ("address",),
    "cognome": ("last", "name"), "endereco": ("address",), "endereço": ("address",),
    "senha": ("password",), "wachtwoord": ("password",), "telefoonnummer": ("phone", "number"),
    "achternaam": ("last", "name"), "voornaam": ("first", "name"), "naam": ("name",),
    "telefoon": ("phone",), "adres": ("address",), "straat": ("street",),
    "ontvanger": ("recipient",), "nome": ("full", "name"), "sobrenome": ("last", "name"),
    "telefone": ("phone",), "destinatario": ("recipient",), "destinatário": ("recipient",),
    "logradouro": ("street",), "nominativo": ("full", "name"), "recapito": ("phone",),
    "nom": ("name",),
    # Indonesian / Malay; Russian written in Latin letters
    "nama": ("name",), "alamat": ("address",), "telepon": ("phone",), "ponsel": ("mobile",),
    "surel": ("email",), "penerima": ("recipient",), "fio": ("full", "name"),
    "familiya": ("last", "name"), "imya": ("first", "name"), "pochta": ("email",),
    # Vietnamese without its diacritics, run together
    "hoten": ("full", "name"), "dienthoai": ("phone",), "diachi": ("address",),
    # Japanese and Korean (the headers of a shop's CSV export: お届け先, 수령인, 연락처)
    "お届け先": ("recipient",), "届け先": ("recipient",), "宛名": ("recipient", "name"),
    "受取人": ("recipient",), "購入者": ("buyer",), "注文者": ("buyer",),
    "メールアドレス": ("email",), "携帯電話": ("mobile",),
    "수령인": ("recipient",), "받는사람": ("recipient",), "보내는사람": ("sender",),
    "주문자": ("buyer",), "구매자": ("buyer",), "고객명": ("customer", "name"),
    "이름": ("name",), "성명": ("full", "name"), "연락처": ("phone",), "전화번호": ("phone",),
    "전화": ("phone",), "휴대폰": ("mobile",), "핸드폰": ("mobile",), "주소": ("address",),
    "배송지": ("address",), "이메일": ("email",), "비밀번호": ("password",),
    "電話": ("phone",), "電話番号": ("phone", "number"), "携帯": ("mobile",), "住所": ("address",),
    "氏名": ("full", "name"), "名前": ("name",), "メール": ("email",), "パスワード": ("password",),
    # Chinese words inside longer keys (a key that is one listed word keeps it: 收货人)
    "电话": ("phone",), "手机": ("mobile",), "手机号": ("mobile", "no"), "联系方式": ("phone",),
    "座机": ("phone",), "固话": ("phone",), "号码": ("number",), "编号": ("no",), "号": ("no",),
    "地址": ("address",), "住址": ("address",), "邮箱": ("email",), "电子邮箱": ("email",),
    "姓名": ("full", "name"), "名字": ("name",), "联系人": ("contact",),
    "收件人": ("recipient",), "收货人": ("receiver",), "寄件人": ("sender",),
    "发件人": ("sender",), "买家": ("buyer",), "客户": ("customer",), "用户": ("user",),
    "会员": ("member",), "身份证": ("idcard",), "证件": ("identity",), "护照": ("passport",),
    "银行卡": ("bank", "card"), "卡号": ("card", "no"), "账号": ("account", "no"),
    "帐号": ("account", "no"), "账户": ("account",), "帐户": ("account",), "开户": ("bank",),
    "银行": ("bank",), "收款": ("payee",), "密码": ("password",), "口令": ("password",),
    "密钥": ("secret",), "秘钥": ("secret",), "令牌": ("token",), "签名": ("signature",),
    "微信": ("wechat",), "微信号": ("wechat", "no"), "扣扣": ("qq",),
    # what a number under them is: an order's or a parcel's, not a phone (订单号, 运单编号)
    "订单": ("order",), "运单": ("waybill",), "快递单": ("waybill",), "物流单": ("waybill",),
    "交易": ("trade",), "发票": ("invoice",), "退款单": ("refund",), "售后单": ("refund",),
})
