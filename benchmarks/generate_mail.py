"""A Takeout-like mailbox for the benchmark: mboxrd with X-GM-THRID/X-Gmail-Labels headers, mostly newsletters,
receipts and notifications (plain, HTML-only, multipart), 2% job mail (confirmations, rejections, invitations in
English and German), some messages with attachments (a PDF-sized base64 part). Seeded and streamed to disk.

    python -m benchmarks.generate_mail --messages 100000 --out benchmarks/out/mail_100k.mbox
"""

from __future__ import annotations

import argparse
import base64
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

COMPANIES = ["Northwind", "Bluepeak", "Harborline", "Tidewater", "Lumen Labs", "Quill", "Fennek GmbH", "Orbe",
             "Kraftwerk Süd", "Ardoise", "Mistral Conseil", "Acme Analytics"]
ROLES = ["Data Engineer", "Backend Developer", "Product Analyst", "Software Engineer", "BI Developer"]
JOB = [
    ("Thank you for applying to {c}",
     "Hi Sam,\n\nThank you for applying to the {r} position at {c}. We have received your "
     "application and our team will review it.\n\nBest,\n{c} Recruiting"),
    ("Your application to {c}",
     "Dear Sam,\n\nThank you for your interest in {c}. After careful consideration, we will not be "
     "moving forward with your application for the {r} role.\n\nWe wish you the best in your search.\n{c} Talent"),
    ("Next steps with {c}",
     "Hi Sam,\n\nThanks for applying to {c}. We would like to invite you to a video interview for the "
     "{r} role. Please send us your availability.\n\nCheers,\n{c}"),
    ("Ihre Bewerbung bei {c}",
     "Sehr geehrter Herr Muster,\n\nvielen Dank für Ihre Bewerbung als {r}. Leider müssen wir Ihnen "
     "mitteilen, dass wir uns für eine andere Kandidatin entschieden haben.\n\nMit freundlichen Grüßen\n{c}"),
]
OTHER = [
    ("Your order has shipped",
     "Hi Sam,\n\nYour package is on its way. Track it any time in your account.\n\nThanks for "
     "shopping with us!"),
    ("Weekly digest: {n} stories for you",
     "Here are this week's top stories.\n\n" + "A long paragraph about nothing in "
     "particular, with links and images. " * 12 + "\n\nUnsubscribe | Read online"),
    ("Your statement is ready", "Hi Sam,\n\nYour monthly statement is ready to view online.\n\nYour Bank"),
    ("{n} new jobs for data engineer", "Your job alert for data engineer\n{n} new jobs match your preferences.\n\n"
     "Data Engineer - Tidewater - Boston\nBI Developer - Orbe - Paris\n\nUnsubscribe"),
]
HTML = ("<html><head><style>.x{{color:#333}}</style></head><body><table><tr><td><h1>{t}</h1><p>{b}</p>"
        "<p><a href='https://news.example/u'>Unsubscribe</a></p></td></tr></table></body></html>")


def message(i: int, rng: random.Random, when: datetime, attachment: bytes) -> bytes:
    job = rng.random() < 0.02
    c, r, n = rng.choice(COMPANIES), rng.choice(ROLES), rng.randint(2, 40)
    subj, body = rng.choice(JOB if job else OTHER)
    subj, body = subj.format(c=c, r=r, n=n), body.format(c=c, r=r, n=n)
    sender = f"{c} Recruiting <no-reply@greenhouse-mail.io>" if job else f"News <news{i % 50}@shop{i % 97}.example>"
    head = (f"X-GM-THRID: {rng.getrandbits(62)}\nX-Gmail-Labels: "
            f"Inbox,{'Category Updates' if not job else 'Important'}\n"
            f"Message-ID: <bench-{i}@mail.example>\nDate: {format_datetime(when)}\nFrom: {sender}\n"
            f"To: Sam Muster <sam@example.com>\nSubject: {subj}\nMIME-Version: 1.0\n")
    shape = rng.random()
    if shape < 0.05:  # with an attachment
        b = "B"
        return (head
                + f'Content-Type: multipart/mixed; boundary="{b}"\n\n--{b}\nContent-Type: text/plain; charset=utf-8\n\n'
                f"{body}\n--{b}\nContent-Type: application/pdf; name=\"doc.pdf\"\nContent-Disposition: attachment; "
                f"filename=\"doc.pdf\"\nContent-Transfer-Encoding: base64\n\n").encode() + attachment + \
            f"\n--{b}--\n".encode()
    if shape < 0.45 and not job:  # HTML only
        return (head + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                + HTML.format(t=subj, b=body.replace("\n", "<br>"))).encode()
    if shape < 0.70:  # plain + HTML alternative
        b = "ALT"
        return (head + f'Content-Type: multipart/alternative; boundary="{b}"\n\n--{b}\nContent-Type: text/plain; '
                f"charset=utf-8\n\n{body}\n--{b}\nContent-Type: text/html; charset=utf-8\n\n"
                + HTML.format(t=subj, b=body.replace("\n", "<br>")) + f"\n--{b}--\n").encode()
    return (head + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body
            + "\n").encode()


def generate(messages: int, out: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    pdf = rng.randbytes(60_000)
    attachment = b"\n".join(base64.b64encode(pdf[i:i + 57]) for i in range(0, len(pdf), 57))
    start = datetime(2024, 1, 1, tzinfo=UTC)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        for i in range(messages):
            when = start + timedelta(minutes=7 * i)
            fh.write(f"From {rng.getrandbits(63)}@xxx {when:%a %b %d %H:%M:%S +0000 %Y}\n".encode())
            for line in message(i, rng, when, attachment).split(b"\n"):
                fh.write((b">" + line if line.lstrip(b">").startswith(b"From ") else line) + b"\n")
            fh.write(b"\n")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.generate_mail")
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    generate(a.messages, a.out, a.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
