"""The person's own mail, read offline: mbox/eml/ics in (read), a kind per message by named rules (rules),
the company and role it names (company), matched to applications as proposals nothing applies until accepted
(match, proposals)."""
