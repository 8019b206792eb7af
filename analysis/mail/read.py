"""Mail files in, one `Mail` at a time out: a Takeout `.mbox` (streamed line by line, never scanned whole),
a single `.eml`, or a calendar `.ics`. Told apart by their bytes, not by their extension.

MIME is the standard library's (`email`, policy `default`). The text a person reads is taken from the plain
part, else the HTML part turned into text; attachments are never decoded. A charset that is unknown or lies
falls back to a lenient decode instead of failing. A message bigger than MAX_MESSAGE_BYTES keeps its first
MAX_MESSAGE_BYTES only (the text part comes first; what is cut is attachments), so memory stays flat.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import html
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.header import decode_header, make_header
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from pathlib import Path

from analysis.ingest.read import BadInput, file_errors

MAX_MESSAGE_BYTES = 512 * 1024  # kept per message: the text parts; the rest (attachments) is counted, not kept
MAX_BODY_CHARS = 20_000  # a person's mail text rarely runs longer; a pasted log or a newsletter is cut here
SNIFF_BYTES = 64 * 1024
MAIL_EXTENSIONS = (".mbox", ".eml", ".ics", ".mbx", ".msg")

_HEADER_LINE = re.compile(rb"^[A-Za-z0-9][A-Za-z0-9_-]*:[ \t]?")
_MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"received", b"return-path", b"mime-version",
                 b"content-type", b"delivered-to", b"x-gm-thrid", b"x-gmail-labels", b"reply-to", b"cc"}


@dataclass
class Mail:
    """One message as Hindsight reads it. `body_text` is what a person sees, without quoted replies' markers."""

    message_id: str
    sent_at: datetime | None
    sender: str  # 'Display Name <addr>' or whatever the From line gave
    sender_name: str
    sender_addr: str
    subject: str
    body_text: str
    thread_id: str | None = None
    attachments: int = 0
    source: str = "mail"  # 'mail' or 'calendar'
    event_on: date | None = None  # a calendar event's day
    defects: int = 0
    invite: str | None = None  # the summary of a calendar invitation the message carries ('Interview with Acme')


def sniff(head: bytes, name: str = "") -> str | None:
    """'mbox', 'eml', 'ics' or None (not mail), from the first bytes. The extension only breaks a tie."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if text.startswith(b"From "):
        # an mbox separator line is 'From <sender> <date>' (a year in it), followed by header lines
        first, _, rest = text.partition(b"\n")
        if re.match(rb"From \S+ .*\b(19|20)\d\d\b", first) or _looks_like_headers(rest):
            return "mbox"
    if _looks_like_headers(text):
        return "eml"
    return None


def _looks_like_headers(text: bytes) -> bool:
    """At least two known mail headers before the first blank line, and no line there that is not a header."""
    lines = text.split(b"\n", 60)[:60]
    known = 0
    for line in lines:
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header line
        m = _HEADER_LINE.match(line)
        if not m:
            return False
        if line.split(b":", 1)[0].strip().lower() in _MAIL_HEADERS:
            known += 1
    return known >= 2


def kind_of_file(path: str | os.PathLike) -> str | None:
    """What a file on disk is ('mbox', 'eml', 'ics' or None), from its first bytes."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return None
    return sniff(head, str(path))


def is_mail_name(name: str) -> bool:
    return str(name).lower().endswith(MAIL_EXTENSIONS)


# --------------------------------------------------------------------------------------------------------------
# splitting: an mbox into raw messages, line by line

_FROM_LINE = re.compile(rb"^From \S")
_QUOTED_FROM = re.compile(rb"^>+From ")
_BINARY_TYPE = re.compile(rb"(?i)content-type:\s*(application|image|audio|video|font|model)/")


def iter_mbox_raw(fh, progress: Callable[[int], None] | None = None) -> Iterator[tuple[bytes, int]]:
    """(raw message, its size in the file) for each message of an open binary mbox. A line starting 'From '
    after a blank line (or at the very start) begins a message; mboxrd's '>From ' lines lose one '>'.
    Each message keeps at most MAX_MESSAGE_BYTES; `progress(bytes_read)` is called now and then."""
    parts: list[bytes] = []
    skipping = binary_part = False
    kept = 0
    size = 0
    started = False
    prev_blank = True
    read = 0
    next_report = 1 << 20
    for line in fh:
        read += len(line)
        if progress is not None and read >= next_report:
            progress(read)
            next_report = read + (1 << 20)
        if prev_blank and line.startswith(b"From ") and _FROM_LINE.match(line):
            if started:
                yield b"".join(parts), size
            parts, kept, size, started = [], 0, 0, True
            skipping = binary_part = False
            prev_blank = False
            continue
        stripped = line.rstrip(b"\r\n")
        prev_blank = not stripped
        if not started:
            if stripped:
                raise BadInput("does not start with an mbox 'From ' line")
            continue
        size += len(line)
        # an attachment's body (a part whose Content-Type is not text) is skipped unread, up to the next boundary
        if skipping:
            if not line.startswith(b"--"):
                continue
            skipping = binary_part = False
        elif line[:13].lower() == b"content-type:":
            binary_part = _BINARY_TYPE.match(line) is not None
        elif binary_part and not stripped:
            skipping = True
        if kept < MAX_MESSAGE_BYTES:
            if line.startswith(b">") and _QUOTED_FROM.match(line):
                line = line[1:]
            parts.append(line)
            kept += len(line)
    if started:
        yield b"".join(parts), size
    if progress is not None:
        progress(read)


# --------------------------------------------------------------------------------------------------------------
# one message: headers, the text, attachments counted

_PARSER_POLICY = email.policy.default
# the first pass over a big mailbox: the same parser with the older policy, whose headers are plain strings (the
# header registry of policy.default costs most of the parse); the job mail it finds is parsed again with
# policy.default, so what is stored is what the standard library's modern API reads
FAST_POLICY = email.policy.compat32


def _message_id(msg, raw: bytes) -> str:
    mid = _header(msg, "message-id").strip()
    # no Message-ID: a stable stand-in from what identifies the message, so re-imports still match
    return mid or "<sha1-" + hashlib.sha1(raw[:65536]).hexdigest() + "@hindsight.invalid>"


def first_look(raw: bytes) -> tuple[str, str, str, str | None]:
    """(Message-ID, subject, text, the summary of a calendar invitation it carries) of a raw message, read with the
    fast policy: all that deciding whether it is job mail needs. Sender and date are read only for the job mail
    (parse_message)."""
    msg = email.message_from_bytes(raw, policy=FAST_POLICY)
    body, _, event = _body_text(msg)
    return _message_id(msg, raw), _clean_line(_header(msg, "subject")), body, event.subject if event else None


def parse_message(raw: bytes, policy=_PARSER_POLICY) -> Mail:
    """A raw RFC 5322 message as a Mail. Never raises on broken MIME or charsets: it reads what it can."""
    msg = email.message_from_bytes(raw, policy=policy)
    defects = len(msg.defects)
    subject = _header(msg, "subject")
    sender = _header(msg, "from")
    name, addr = _name_addr(sender)
    mid = _message_id(msg, raw)
    sent_at = _date(_header(msg, "date"))
    body, attachments, event = _body_text(msg)
    thread = _header(msg, "x-gm-thrid") or None
    return Mail(message_id=mid, sent_at=sent_at, sender=sender, sender_name=name, sender_addr=addr,
                subject=_clean_line(subject), body_text=body, thread_id=thread, attachments=attachments,
                defects=defects, invite=event.subject if event else None, event_on=event.event_on if event else None)


def _header(msg, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # a header the policy cannot parse: its raw text
        value = None
        for k, v in msg.raw_items():
            if k.lower() == name:
                value = v
                break
    if value is None:
        return ""
    if isinstance(value, str) and "=?" in value:  # compat32: encoded words decoded here
        try:
            return str(make_header(decode_header(value)))
        except Exception:
            return value
    try:
        return str(value)
    except Exception:
        return ""


def _name_addr(sender: str) -> tuple[str, str]:
    try:
        pairs = getaddresses([sender])
        name, addr = pairs[0] if pairs else ("", "")
    except Exception:
        name, addr = parseaddr(sender)
    if not addr and "@" not in sender:
        name = name or sender  # 'From: Company GmbH' with no address
    return _clean_line(name.strip().strip('"')), addr.strip().lower()


def _date(text: str) -> datetime | None:
    if not text:
        return None
    try:
        d = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if d is None:
        return None
    if d.tzinfo is not None:
        d = d.astimezone(UTC).replace(tzinfo=None)
    return d


def _clean_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _decode_part(part) -> str:
    """A text part's text, whatever its charset says: the declared charset, else UTF-8, else Windows-1252."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    charset = (part.get_content_charset() or "").strip().lower()
    for cs in (charset, "utf-8", "windows-1252"):
        if not cs:
            continue
        try:
            return payload.decode(cs)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("utf-8", errors="replace")


def _body_text(msg) -> tuple[str, int, Mail | None]:
    """The readable text (plain preferred, else HTML turned into text), how many attachments were skipped, and
    the event of a calendar invitation the message carries (a text/calendar part, inline or attached; not a
    cancellation)."""
    plain = htmlpart = None
    attachments = 0
    event: Mail | None = None
    for part in msg.walk() if msg.is_multipart() else [msg]:
        if part.is_multipart():
            continue
        try:
            ctype = part.get_content_type()
            disp = part.get_content_disposition()
        except Exception:
            continue
        if ctype in ("text/calendar", "application/ics") and event is None:
            event = _invitation(part)
        if disp == "attachment" or not ctype.startswith("text/"):
            if part is not msg:
                attachments += 1
            continue
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and htmlpart is None:
            htmlpart = part
        elif ctype == "text/calendar":
            attachments += 1
    text = ""
    if plain is not None:
        text = _decode_part(plain)
        # some senders put HTML in a text/plain part (a scraper kept the first part as it was)
        if _looks_html(text):
            text = html_to_text(text)
    if not text.strip() and htmlpart is not None:
        text = html_to_text(_decode_part(htmlpart))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[:MAX_BODY_CHARS], attachments, event


def _invitation(part) -> Mail | None:
    """The first event of a calendar part, unless the part cancels it (METHOD:CANCEL, STATUS:CANCELLED)."""
    try:
        text = _decode_part(part)
    except Exception:
        return None
    if re.search(r"^(METHOD:CANCEL|STATUS:CANCELLED)", text, re.MULTILINE | re.IGNORECASE):
        return None
    events = parse_ics(text)
    return events[0] if events else None


_HTML_HINT = re.compile(r"<\s*(html|body|div|p|table|br|span|td|a\s)[\s>/]", re.IGNORECASE)


def _looks_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


_DROP_BLOCKS = re.compile(r"<(style|script|head|title)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
_BREAKS = re.compile(r"<\s*(br|/p|p|/div|div|/tr|tr|/li|li|/h[1-6]|h[1-6]|/table|hr|/td)\b[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\xa0\u200b\u200c\u200d\ufeff]+")
_BLANKS = re.compile(r"\n\s*\n+")


def html_to_text(markup: str) -> str:
    """Readable text from HTML mail: scripts and styles out, block ends as line breaks, entities decoded."""
    s = _COMMENTS.sub(" ", markup)
    s = _DROP_BLOCKS.sub(" ", s)
    s = _BREAKS.sub("\n", s)
    s = _TAGS.sub(" ", s)
    s = html.unescape(s)
    s = _SPACES.sub(" ", s)
    s = "\n".join(line.strip() for line in s.split("\n"))
    return _BLANKS.sub("\n\n", s).strip()


# --------------------------------------------------------------------------------------------------------------
# calendar: VEVENTs with the standard library only

def _unfold_ics(text: str) -> list[str]:
    out: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line[:1] in (" ", "\t") and out:
            out[-1] += line[1:]
        else:
            out.append(line)
    return out


def _ics_value(v: str) -> str:
    return v.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


def _ics_date(v: str) -> datetime | None:
    v = v.strip()
    for fmt in ("%Y%m%dT%H%M%SZ", "%Y%m%dT%H%M%S", "%Y%m%d"):
        try:
            return datetime.strptime(v[:len(datetime(2000, 1, 1).strftime(fmt))] if fmt != "%Y%m%d" else v[:8], fmt)
        except ValueError:
            continue
    return None


def parse_ics(text: str, name: str = "calendar.ics") -> list[Mail]:
    """One Mail per VEVENT (source 'calendar'): its summary as subject, description as text, start as date."""
    events: list[Mail] = []
    cur: dict[str, str] | None = None
    for line in _unfold_ics(text):
        upper = line.upper()
        if upper.startswith("BEGIN:VEVENT"):
            cur = {}
            continue
        if upper.startswith("END:VEVENT"):
            if cur is not None:
                events.append(_event_mail(cur, name))
            cur = None
            continue
        if cur is None or ":" not in line:
            continue
        key, _, value = line.partition(":")
        prop = key.split(";", 1)[0].upper()
        if prop in ("SUMMARY", "DESCRIPTION", "DTSTART", "UID", "ORGANIZER", "LOCATION", "DTSTAMP") and prop not in cur:
            cur[prop] = line if prop == "ORGANIZER" else _ics_value(value)  # the organiser's name is a parameter
    return events


def _event_mail(ev: dict[str, str], name: str) -> Mail:
    start = _ics_date(ev.get("DTSTART", ""))
    organizer = ev.get("ORGANIZER", "")
    org_name = ""
    m = re.search(r"CN=([^;:]+)", organizer, re.IGNORECASE)
    if m:
        org_name = m.group(1).strip('"')
    addr = organizer.split("mailto:", 1)[1].strip().lower() if "mailto:" in organizer.lower() else ""
    uid = ev.get("UID") or hashlib.sha1(repr(sorted(ev.items())).encode()).hexdigest()
    body = "\n".join(x for x in (ev.get("DESCRIPTION", ""), ev.get("LOCATION", "")) if x)
    return Mail(message_id=f"<ics-{uid}>", sent_at=_ics_date(ev.get("DTSTAMP", "")) or start,
                sender=f"{org_name} <{addr}>" if addr else org_name, sender_name=org_name, sender_addr=addr,
                subject=_clean_line(ev.get("SUMMARY", "")), body_text=body[:MAX_BODY_CHARS], source="calendar",
                event_on=start.date() if start else None)


# --------------------------------------------------------------------------------------------------------------
# a whole file

@dataclass
class MailFile:
    """A mail file decided on: its name, kind, size, and how to stream its messages."""

    name: str
    kind: str  # mbox, eml, ics
    size: int
    sha256: str | None
    path: Path | None = None
    data: bytes | None = None

    def messages(self, progress: Callable[[int, int], None] | None = None) -> Iterator[Mail]:
        """Every message, one at a time. `progress(bytes_read, total_bytes)`."""
        for raw in self.raw_messages(progress):
            yield raw if isinstance(raw, Mail) else parse_message(raw)

    def _path(self) -> Path:
        """Where the file is read from when its bytes are not held (open_mail sets one of the two)."""
        if self.path is None:
            raise ValueError(f"mail file {self.name!r} has neither bytes nor a path")
        return self.path

    def raw_messages(self, progress: Callable[[int, int], None] | None = None) -> Iterator[bytes | Mail]:
        """Every message's bytes, one at a time (a calendar's events come as Mail already)."""
        if self.kind == "ics":
            raw = self.data if self.data is not None else self._path().read_bytes()
            yield from parse_ics(raw.decode("utf-8", errors="replace"), self.name)
            return
        if self.kind == "eml":
            raw = self.data if self.data is not None else self._path().read_bytes()
            yield raw[:MAX_MESSAGE_BYTES] if len(raw) > MAX_MESSAGE_BYTES else raw
            return
        report = (lambda n: progress(n, self.size)) if progress else None
        if self.data is not None:
            import io

            yield from (raw for raw, _ in iter_mbox_raw(io.BytesIO(self.data), report))
            return
        with open(self._path(), "rb", buffering=1 << 20) as fh:
            for raw, _ in iter_mbox_raw(fh, report):
                yield raw


def open_mail(source: bytes | str | os.PathLike, name: str | None = None) -> MailFile:
    """Decide what a mail file is. BadInput (one line) when it is empty, not mail, or a truncated mailbox."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        name = name or "upload.mbox"
        head = data[:SNIFF_BYTES]
        size = len(data)
        sha = hashlib.sha256(data).hexdigest()
        path = None
    else:
        path = Path(source)
        name = name or path.name
        if path.is_dir() and (path / "mbox").is_file():
            path = path / "mbox"  # Apple Mail exports a mailbox as a folder 'Inbox.mbox' holding the file 'mbox'
        with file_errors(name):
            size = path.stat().st_size
            with open(path, "rb") as fh:
                head = fh.read(SNIFF_BYTES)
        data = None
        sha = None  # a mailbox of gigabytes is not hashed; each message is known by its Message-ID
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise BadInput(f"{name} is empty: there is no mail in it.")
    kind = sniff(head, name)
    if kind is None:
        if is_mail_name(name):
            raise BadInput(f"{name} is named like a mail file but does not hold mail (no mail headers and no "
                           "mbox 'From ' line at its start).")
        raise BadInput(f"{name} is not a mail file: neither an mbox, an .eml message nor an .ics calendar.")
    if (kind == "mbox" and size <= SNIFF_BYTES and b"\n\n" not in head.replace(b"\r\n", b"\n")
            and not head.endswith(b"\n")):
        raise BadInput(f"{name} is a truncated mailbox: its first message has headers but ends before any text.")
    if kind == "ics" and b"BEGIN:VEVENT" not in (data if data is not None else head) and size <= SNIFF_BYTES:
        raise BadInput(f"{name} is a calendar with no event in it.")
    return MailFile(name=name, kind=kind, size=size, sha256=sha, path=path, data=data)


__all__ = ["MAX_MESSAGE_BYTES", "Mail", "MailFile", "html_to_text", "iter_mbox_raw", "kind_of_file", "open_mail",
           "parse_ics", "parse_message", "sniff"]
