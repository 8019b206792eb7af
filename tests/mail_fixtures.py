"""Shared helpers for the mail tests: the real mail folder (skips outside CI when missing, fails in CI), and
tiny messages built in the test."""

from __future__ import annotations

import os
from email.message import EmailMessage
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAIL = ROOT.parent / "shared" / "mail"
OWN = ROOT / "tests" / "fixtures" / "mail"


@pytest.fixture
def real_mail() -> Path:
    if not MAIL.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"../shared/mail is missing under CI (looked in {MAIL})")
        pytest.skip(f"../shared/mail is not here ({MAIL}): real-mail checks skipped")
    return MAIL


def eml(subject: str, body: str, sender: str = "Acme Recruiting <jobs@acme.test>", mid: str = "<t-1@test>",
        date: str = "Mon, 03 Mar 2025 09:00:00 +0000", html: str | None = None) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"], m["Date"], m["Message-ID"] = sender, "me@test", subject, date, mid
    if body:
        m.set_content(body)
    if html:
        if body:
            m.add_alternative(html, subtype="html")
        else:
            m.set_content(html, subtype="html")
    return bytes(m)


def mbox(*messages: bytes) -> bytes:
    """An mboxrd file of these messages (From_ lines, '>From ' quoting)."""
    out = []
    for raw in messages:
        out.append(b"From someone@test Mon Mar  3 09:00:00 2025\n")
        for line in raw.replace(b"\r\n", b"\n").split(b"\n"):
            if line.lstrip(b">").startswith(b"From "):
                line = b">" + line
            out.append(line + b"\n")
        out.append(b"\n")
    return b"".join(out)
