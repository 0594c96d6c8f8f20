"""Text bodies of recorded HTTP traffic, read as what their media type says: JSON and JSON
Lines, forms, multipart bodies (their plain fields as one record), XML, CSV with a header, and
plain text with percent-encoded runs. :class:`~seamguard.privacy.http.TrafficScrubber` builds
on it."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from seamguard.privacy.json_text import open_escapes
from seamguard.privacy.kinds import Kind
from seamguard.privacy.names import _ordinary_words, is_bare_name
from seamguard.privacy.scrubber import Scrubber
from seamguard.privacy.text_scrub import _PERSON_NAME
from seamguard.privacy.wrapped_text import header_delimiter
from seamguard.privacy.xml_text import scrub_xml
from seamguard.recordings.bodies import media_of

__all__ = ["BodyText"]

_ENCODED_TOKEN = re.compile(r"[^\s;,\"'=]*%[0-9A-Fa-f]{2}[^\s;,\"']*")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
# A part's file name: `filename="…"`, `filename=…` or RFC 5987's `filename*=UTF-8''…` (groups:
# what comes before the name, the name, its closing quote).
_FILE_NAME = re.compile(r"""(?i)(\bfilename\*=[\w-]+'[\w-]*'|\bfilename="|\bfilename=)"""
                        r"""([^"\r\n;]*)("?)""")
_LEADING_NAME = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z'-]+){1,2}|[\u4e00-\u9fff]{2,4})(?= )")
_DOCUMENT_WORD = re.compile(r"(?i)passport|\bid\b|id[ _-]?card|identity|visa|licen[cs]e|resume"
                            r"|\bcv\b|身份证|身分證|护照|簽證|签证|驾照|驾驶证|简历|户口|社保卡"
                            # what a person signed or had delivered (a courier's proof)
                            r"|签收单|签收|回单|面单|收据|signed|receipt|\bpod\b")
# query parameters written as a text
_FORM_SHAPED = re.compile(r"[\w.\[\]%*-]+=[^\s&]*(?:&[\w.\[\]%*-]+=[^\s&]*)*")


class BodyText:
    """Text bodies scrubbed by their media type (the URL, form and header parts are the
    subclass's)."""

    scrubber: Scrubber

    def form(self, query: str, *, charset: str = "utf-8", pointer: str = "form") -> str:
        raise NotImplementedError

    def text_body(self, text: str, content_type: str | None, *, charset: str = "utf-8",
                  pointer: str = "body") -> str:
        """A decoded body scrubbed as what its media type (or its first character) says."""
        if text.startswith("\ufeff"):  # a byte-order mark: what follows it is the document
            return "\ufeff" + self.text_body(text[1:], content_type, charset=charset,
                                              pointer=pointer)
        media = media_of(content_type)
        head = text[:1]
        if head.isspace():  # (only then is the text copied to find its first character)
            head = text.lstrip()[:1]
        if media.endswith(("/json", "+json")) or (head in ("{", "[") and not media.endswith(
                ("xml", "html"))):
            scrubbed = self.scrubber.json_text(text)
            if scrubbed is not None:
                return scrubbed
            lines = self._json_lines(text)
            if lines is not None:
                return lines
            return self.scrubber.text(text, pointer=pointer)
        if media == "application/x-www-form-urlencoded":
            return self.form(text.strip(), charset=charset, pointer=pointer) + text[
                len(text.rstrip()):]
        if media == "multipart/form-data":
            return self._multipart(text, content_type or "", pointer)
        if media.endswith(("/xml", "+xml")) or (head == "<" and "html" not in media):
            return scrub_xml(text, self.scrubber, pointer)
        if media in ("text/csv", "application/csv", "text/tab-separated-values"):
            return self._csv(text, pointer)
        return self._plain(text, pointer)

    def _json_lines(self, text: str) -> str | None:
        """NDJSON / JSON Lines (an export, a log stream, a bulk API): every line a JSON
        document, each scrubbed by its keys; None when a line is something else."""
        lines = text.splitlines(keepends=True)
        if len(lines) < 2:
            return None
        out = []
        for line in lines:
            body = line.rstrip("\r\n")
            if not body.strip():
                out.append(line)
                continue
            scrubbed = self.scrubber.json_text(body) if body.lstrip()[:1] in ("{", "[") else None
            if scrubbed is None:
                return None
            out.append(scrubbed + line[len(body):])
        return "".join(out)

    def _csv(self, text: str, pointer: str) -> str:
        """A CSV export: each row scrubbed as a record keyed by the header (a `name` column
        beside `phone` is a name), the text kept as it was when nothing is found."""
        import csv
        import io

        delimiter = header_delimiter(text)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error:
            return self._plain(text, pointer)
        header = rows[0] if rows else []
        if len(rows) < 2 or len(set(header)) != len(header):
            return self._plain(text, pointer)
        scrubbed = [header]
        for row in rows[1:]:
            if len(row) == len(header):
                record = self.scrubber.value(dict(zip(header, row, strict=True)),
                                             pointer=pointer)
                scrubbed.append([str(record[name]) for name in header])
            else:
                scrubbed.append([self.scrubber.text(cell, pointer=pointer) for cell in row])
        if scrubbed == rows:
            return text
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=delimiter,
                   lineterminator="\r\n" if "\r\n" in text else "\n").writerows(scrubbed)
        written = out.getvalue()
        return written if text.endswith(("\n", "\r")) else written.rstrip("\r\n")

    def _plain(self, text: str, pointer: str) -> str:
        stripped = text.strip()
        if "=" in stripped and stripped == text.rstrip() and _FORM_SHAPED.fullmatch(stripped) and (
                "&" in stripped or "%" in stripped or "+" in stripped):
            # query parameters sent as text/plain or with no Content-Type
            return self.form(stripped, pointer=pointer) + text[len(text.rstrip()):]
        if "\\u" in text and (opened := open_escapes(text)) != text:
            # a log or an error quoting a payload with \u escapes (Python's repr, a JSON dump):
            # read as the characters they stand for, written out so only when masked
            masked = self._plain(opened, pointer)
            return text if masked == opened else masked
        # Long texts are scrubbed line by line: detection results are cached per distinct string.
        if len(text) <= 4096:
            return self._encoded_runs(self.scrubber.text(text, pointer=pointer), pointer)
        return "".join(self._encoded_runs(self.scrubber.text(line, pointer=pointer), pointer)
                       for line in text.splitlines(keepends=True))

    def _encoded_runs(self, text: str, pointer: str) -> str:
        """Percent-encoded runs inside a text (an error page echoing the request's form, a
        log line quoting a query): query parameters scrubbed by name, other tokens as the
        text they encode."""
        if "%" not in text or not _PERCENT.search(text):
            return text
        text = _FORM_SHAPED.sub(lambda m: self.form(m.group(), pointer=pointer)
                                if _PERCENT.search(m.group()) else m.group(), text)
        return _ENCODED_TOKEN.sub(lambda m: self._encoded_token(m.group(), pointer), text)

    def _multipart(self, text: str, content_type: str, pointer: str) -> str:
        match = re.search(r"""boundary=["']?([^"';]+)""", content_type)
        if match is None:
            return self._plain(text, pointer)
        delimiter = "--" + match.group(1)
        parts = text.split(delimiter)
        fields = self._multipart_fields(parts)
        for index, part in enumerate(parts[1:], start=1):
            head, sep, body = part.partition("\r\n\r\n")
            if not sep:
                head, sep, body = part.partition("\n\n")
            if not sep:
                continue
            name = re.search(r"""name=["']?([^"';\r\n]+)""", head)
            field_type = re.search(r"(?im)^content-type:\s*([^\r\n]+)", head)
            trailer = body[len(body.rstrip("\r\n")):]
            value = body.rstrip("\r\n")
            if field_type is not None:
                scrubbed = self.text_body(value, field_type.group(1), pointer=pointer)
            elif name is not None and name.group(1) in fields:
                scrubbed = str(fields[name.group(1)])
            else:
                scrubbed = self.scrubber.text(value, name.group(1) if name else None,
                                              pointer=pointer)
            # The part's own headers carry values too (`filename="13812345678.xlsx"`), a file
            # name read as the words it is made of
            head = _FILE_NAME.sub(lambda m: m.group(1) + self._file_name(
                m.group(2), encoded="*" in m.group(1), pointer=pointer) + m.group(3), head)
            parts[index] = self._plain(head, pointer) + sep + scrubbed + trailer
        return delimiter.join(parts)

    def _file_name(self, name: str, *, encoded: bool, pointer: str) -> str:
        """An uploaded file's name (``周成_13812345678_身份证.jpg``, RFC 5987's
        ``UTF-8''Joshua%20Lawrence%20passport.pdf``) scrubbed as the words its ``_`` joins;
        a name it starts with counts as a person's beside an identity document's word or
        another personal value (what a scan of someone's ID is called)."""
        text = unquote(name) if encoded else name
        spaced = text.replace("_", " ")
        scrubbed = self.scrubber.text(spaced, pointer=pointer)
        lead = _LEADING_NAME.match(scrubbed)
        if lead is not None and (scrubbed != spaced or _DOCUMENT_WORD.search(scrubbed)) and (
                is_bare_name(lead.group(1)) if not lead.group(1).isascii()
                else _PERSON_NAME.match(lead.group(1))
                and not _ordinary_words(lead.group(1))):
            person = self.scrubber.kind_text(lead.group(1), Kind.NAME, pointer=pointer)
            scrubbed = person + scrubbed[lead.end(1):]
        if scrubbed == spaced:
            return name
        if "_" in text and " " not in text:
            scrubbed = scrubbed.replace(" ", "_")
        return quote(scrubbed, safe="") if encoded else scrubbed

    def _multipart_fields(self, parts: list[str]) -> dict[str, Any]:
        """The plain fields of a multipart body (no file, no type of their own) scrubbed as one
        record, so that a ``name`` beside a ``phone`` is a person's, as in a form; empty when
        two fields share a name."""
        record: dict[str, str] = {}
        for part in parts[1:]:
            head, sep, body = part.partition("\r\n\r\n")
            if not sep:
                head, sep, body = part.partition("\n\n")
            name = re.search(r"""\bname=["']?([^"';\r\n]+)""", head)
            if not sep or name is None or re.search(r"(?i)content-type:|filename=", head):
                continue
            if name.group(1) in record:
                return {}
            record[name.group(1)] = body.rstrip("\r\n")
        if len(record) < 2:
            return {}
        scrubbed = self.scrubber.value(record, pointer="body")
        return scrubbed if isinstance(scrubbed, dict) else {}

    def _encoded_token(self, token: str, pointer: str) -> str:
        """A percent-encoded token scrubbed as the text it encodes."""
        try:
            text = unquote(token, errors="strict")
        except UnicodeDecodeError:
            text = unquote(token, encoding="gb18030", errors="replace")
        scrubbed = self.scrubber.text(text, pointer=pointer)
        return token if scrubbed == text else quote(scrubbed, safe="@*<>:/?=&!$'()+~")

