"""Reading mail: mbox streamed message by message, .eml, .ics, told apart by their bytes; MIME by the standard
library; nothing bad in a file crashes the reader."""

from __future__ import annotations

import pytest

from analysis.ingest.read import BadInput
from analysis.mail.read import html_to_text, iter_mbox_raw, open_mail, parse_message, sniff
from tests.mail_fixtures import eml, mbox, real_mail  # noqa: F401 (a fixture)

REJECT = "Unfortunately, we will not be moving forward with your application."


def test_mbox_is_split_on_from_lines_and_from_quoting_is_undone():
    data = mbox(eml("a", "first\nFrom the start, we liked you.", mid="<a@t>"), eml("b", "second", mid="<b@t>"))
    assert b">From the start" in data
    msgs = list(open_mail(data, "x.mbox").messages())
    assert [m.message_id for m in msgs] == ["<a@t>", "<b@t>"]
    assert "From the start, we liked you." in msgs[0].body_text and ">From" not in msgs[0].body_text


def test_streaming_reads_one_message_at_a_time(tmp_path):
    import io

    fh = io.BytesIO(mbox(*(eml("s", f"body {i}", mid=f"<{i}@t>") for i in range(5))))
    it = iter_mbox_raw(fh)
    first, _ = next(it)
    assert b"body 0" in first and fh.tell() < len(fh.getvalue())  # the rest is not read yet


def test_an_apple_mail_export_folder_is_read_as_its_mbox_and_another_folder_says_so(tmp_path):
    bundle = tmp_path / "Jobs.mbox"
    bundle.mkdir()
    (bundle / "mbox").write_bytes(mbox(*(eml("s", f"body {i}", mid=f"<{i}@t>") for i in range(3))))
    (bundle / "Info.plist").write_text("<plist/>")
    mf = open_mail(bundle)
    assert (mf.name, mf.kind) == ("Jobs.mbox", "mbox") and len(list(mf.messages())) == 3
    (tmp_path / "Other").mkdir()
    with pytest.raises(BadInput, match="Other is a folder, not a file"):
        open_mail(tmp_path / "Other")


@pytest.mark.parametrize("head,kind", [
    (b"From x@y Mon Jan  1 00:00:00 2024\nFrom: a@b\nSubject: s\n\nhi\n", "mbox"),
    (b"From: a@b\nTo: c@d\nSubject: s\n\nhi\n", "eml"),
    (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n", "ics"),
    (b"Company,Role\nAcme,Dev\n", None),
    (b"From the desk of the CEO: hello\n", None),
])
def test_format_is_told_by_the_bytes_not_the_name(head, kind):
    assert sniff(head, "whatever.csv") == kind


def test_an_mbox_named_eml_is_still_an_mbox():
    data = mbox(eml("s", REJECT))
    assert open_mail(data, "inbox.eml").kind == "mbox"


@pytest.mark.parametrize("data,words", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"From x@y Mon Jan  1 00:00:00 2024\nFrom: a@b\nSubj", "truncated"),
    (b"Company,Role\nAcme,Dev\n", "not a mail file"),
    (b"%PDF-1.4 binary", "not a mail file"),
])
def test_bad_files_get_one_clear_line(data, words):
    with pytest.raises(BadInput) as exc:
        open_mail(data, "inbox.mbox" if words != "not a mail file" else "thing.bin")
    assert words in exc.value.reason and "\n" not in exc.value.reason


def test_not_mail_with_a_mail_name_says_so():
    with pytest.raises(BadInput, match="does not hold mail"):
        open_mail(b"hello,world\n1,2\n", "x.eml")


def test_html_only_mail_becomes_readable_text():
    html = ("<html><head><style>p{color:red}</style></head><body><p>Dear Jane,</p><p>We will <b>not</b> be moving "
            "forward&nbsp;with your application.</p><script>x()</script></body></html>")
    m = parse_message(eml("s", "", html=html))
    assert "We will not be moving forward with your application." in m.body_text
    assert "color" not in m.body_text and "x()" not in m.body_text and "<" not in m.body_text


def test_plain_part_preferred_and_html_in_a_plain_part_is_cleaned():
    m = parse_message(eml("s", "<div>Thanks for applying<br>to Acme</div>"))
    assert "<div>" not in m.body_text and "Thanks for applying" in m.body_text


@pytest.mark.parametrize("charset", ["x-unknown-charset", "utf-8"])
def test_unknown_or_lying_charset_never_crashes(charset):
    raw = (f"From: a@b\nSubject: =?{charset}?q?Absage?=\nMessage-ID: <c@t>\nContent-Type: text/plain; "
           f"charset={charset}\n"
           "Content-Transfer-Encoding: 8bit\n\n").encode() + "Leider müssen wir Ihnen absagen. \xff".encode("latin-1")
    m = parse_message(raw)
    assert "Leider m" in m.body_text and "absagen" in m.body_text


def test_broken_mime_reads_what_it_can():
    raw = (b"From: a@b\nSubject: s\nMessage-ID: <b@t>\nContent-Type: multipart/mixed; boundary=\"XX\"\n\n"
           b"--XX\nContent-Type: text/plain\n\n" + REJECT.encode() + b"\n--XX\nContent-Type: application/pdf\n"
           b"Content-Transfer-Encoding: base64\n\n!!!not base64")  # no closing boundary, bad base64
    m = parse_message(raw)
    assert REJECT in m.body_text and m.attachments == 1


def test_message_with_no_body_and_no_message_id():
    m = parse_message(b"From: Acme <a@acme.test>\nSubject: Absage\n\n")
    assert m.body_text == "" and m.message_id.startswith("<sha1-") and m.subject == "Absage"
    assert parse_message(b"From: Acme <a@acme.test>\nSubject: Absage\n\n").message_id == m.message_id  # stable


def test_a_20_mb_attachment_is_skipped_unread_and_memory_stays_small():
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["Subject"], msg["Message-ID"] = "Acme <a@acme.test>", "Your application", "<big@t>"
    msg.set_content(REJECT)
    msg.add_attachment(b"\x00" * (20 * 1024 * 1024), maintype="application", subtype="octet-stream", filename="big.bin")
    data = mbox(bytes(msg), eml("after", "second", mid="<after@t>"))
    msgs = list(open_mail(data, "big.mbox").messages())
    assert [m.message_id for m in msgs] == ["<big@t>", "<after@t>"]
    assert REJECT in msgs[0].body_text and len(msgs[0].body_text) < 1000


def test_ics_events_with_the_standard_library():
    ics = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:42@acme\r\nDTSTART:20250314T100000Z\r\n"
           b"SUMMARY:Interview with Acme - Data Engineer\r\nORGANIZER;CN=Acme Recruiting:mailto:jobs@acme.test\r\n"
           b"DESCRIPTION:Video call\\, 45 minutes\r\n  with the team\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    (ev,) = open_mail(ics, "invite.ics").messages()
    assert ev.subject == "Interview with Acme - Data Engineer" and str(ev.event_on) == "2025-03-14"
    assert ev.body_text.startswith("Video call, 45 minutes with the team") and ev.sender_name == "Acme Recruiting"


def test_html_to_text_keeps_paragraphs():
    assert html_to_text("<p>One</p><p>Two &amp; three</p>") == "One\n\nTwo & three" or "Two & three" in html_to_text(
        "<p>One</p><p>Two &amp; three</p>")


def test_real_mailbox_reads_every_message(real_mail):  # noqa: F811 (the fixture imported above)
    msgs = list(open_mail(real_mail / "dev_inbox.mbox").messages())
    assert len(msgs) == 256 and len({m.message_id for m in msgs}) == 256
    assert all(m.sent_at is not None for m in msgs)


def test_a_calendar_invitation_inside_a_message_is_read_and_a_cancellation_is_not():
    from pathlib import Path

    from analysis.mail.importer import read_record

    raw = (Path(__file__).parent / "fixtures" / "mail" / "interview_invite__calendar_invitation.eml").read_bytes()
    m = parse_message(raw)
    assert m.invite == "Interview: Data Analyst - Sam / Acme" and str(m.event_on) == "2025-03-04"
    rec = read_record(m)  # 'You have been invited to the following event' names no interview: the event does
    assert (rec.kind, rec.rule, rec.company, rec.stage) == ("interview_invite", "calendar_invitation", "Acme",
                                                            "interview")
    cancelled = parse_message(raw.replace(b"METHOD:REQUEST", b"METHOD:CANCEL"))
    assert cancelled.invite is None and read_record(cancelled) is None
    # an old job's planning meeting in the same calendar is no interview
    meeting = parse_message(raw.replace(b"Interview: Data Analyst - Sam / Acme", b"Q1 planning meeting")
                            .replace(b"Interview", b"Planning"))
    assert meeting.invite == "Q1 planning meeting" and read_record(meeting) is None
