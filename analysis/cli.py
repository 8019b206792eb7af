"""`python -m analysis import|report`: the same functions the dashboard calls, for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import report as report_mod
from analysis import store
from analysis.ingest.columns import FORMAT_NAMES
from analysis.ingest.importer import ImportOptions, ImportResult, inspect, run_import
from analysis.ingest.read import BadInput, open_source

if TYPE_CHECKING:  # the mail modules load only when a mail file is imported
    from analysis.mail.importer import MailImportResult

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analysis", description="Hindsight: learn from your job search.")
    sub = p.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="import tracker files (CSV, TSV, XLSX) into the database")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--db", help="database file (default: $HINDSIGHT_DB or data/hindsight.duckdb)")
    imp.add_argument("--format", default="auto", choices=FORMAT_NAMES)
    imp.add_argument("--mapping", metavar="FILE",
                     help='JSON: {"mapping": {field: column}, "labels": {label: [stage, outcome]}, '
                                                        '"date_order": "dmy"|"mdy", "year": 2024}')
    imp.add_argument("--date-order", choices=["auto", "dmy", "mdy"], default=None)
    imp.add_argument("--year", type=int, help="year for dates written without one")
    imp.add_argument("--as-of", type=_date, help="today, for dates without a year and for silence (default: today)")
    imp.add_argument("--ghost-after-days", type=int, default=30, help="silence past this counts as ghosted in the "
                                                                         "plan's totals, as in the report")
    imp.add_argument("--json", action="store_true", help="print the import report as JSON")
    imp.add_argument("--accept", choices=["none", "confident", "all"], default="none",
                     help="mail files (.mbox, .eml, .ics): which proposals to carry out right away (default: none)")
    rep = sub.add_parser("report", help="print the analysis")
    rep.add_argument("--db")
    rep.add_argument("--as-of", type=_date, help="measure silence up to this date (default: today)")
    rep.add_argument("--ghost-after-days", type=int, default=30)
    rep.add_argument("--json", action="store_true")
    exp = sub.add_parser("export", help="write the cleaned applications (csv, xlsx) or a report for a mentor (html)")
    exp.add_argument("--format", required=True, choices=["html", "csv", "xlsx", "original"],
                     help="original: an imported file exactly as it came (with --import N)")
    exp.add_argument("--import", dest="import_id", type=int, metavar="N",
                     help="with --format original: which import (`import` prints each one's number)")
    exp.add_argument("--out", required=True, metavar="PATH")
    exp.add_argument("--db")
    exp.add_argument("--as-of", type=_date)
    exp.add_argument("--ghost-after-days", type=int, default=30)
    fol = sub.add_parser("followups", help="print the follow-up queue with a draft for each item")
    fol.add_argument("--db")
    fol.add_argument("--lang", choices=["en", "de", "fr"], default="en", help="language of the drafts")
    fol.add_argument("--as-of", type=_date, help="work the queue out as of this date (default: today)")
    fol.add_argument("--ghost-after-days", type=int, default=30)
    fol.add_argument("--json", action="store_true")
    return p


def _options(args) -> ImportOptions:
    opts = ImportOptions(format=args.format, as_of=args.as_of, year=args.year,
                         ghost_after_days=args.ghost_after_days)
    if args.mapping:
        try:
            spec = json.loads(Path(args.mapping).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BadInput(f"Cannot read the mapping file {args.mapping}: {exc}") from None
        if not isinstance(spec, dict):
            raise BadInput("The mapping file must hold a JSON object.")
        mapping, labels = spec.get("mapping") or {}, spec.get("labels") or {}
        if not isinstance(mapping, dict) or not all(isinstance(k, str) and (v is None or isinstance(v, str))
                                                    for k, v in mapping.items()):
            raise BadInput('The mapping file\'s "mapping" must be an object of field -> column name.')
        if not isinstance(labels, dict) or not all(isinstance(v, list | tuple) and len(v) == 2
                                                   for v in labels.values()):
            raise BadInput('The mapping file\'s "labels" must be an object of label -> [stage, outcome].')
        opts.mapping = mapping
        opts.labels = {k: tuple(v) for k, v in labels.items()}
        if spec.get("blank_status") not in (None, "open", "no_answer"):
            raise BadInput('The mapping file\'s "blank_status" must be "open" or "no_answer".')
        opts.blank_status_no_answer = spec.get("blank_status") == "no_answer"
        opts.date_order = spec.get("date_order", "auto")
        opts.year = spec.get("year", opts.year)
    if args.date_order:
        opts.date_order = args.date_order
    return opts


def cmd_import(args) -> int:
    opts = _options(args)
    from analysis.mail.importer import MailImportResult, apply_mail, plan_mail
    from analysis.mail.read import kind_of_file, open_mail

    sources, mail_files = [], []
    try:
        for f in args.files:  # decide every file before importing any, so one bad file changes nothing
            # sniffed only when it is a regular file: a pipe cannot be read twice
            if (Path(f).is_file() and kind_of_file(f)) or str(f).lower().endswith((".mbox", ".eml", ".ics")):
                mail_files.append(open_mail(f))  # mail is told apart by its bytes; BadInput when it is not mail
            else:
                sources.append(open_source(f))
        con = store.connect(args.db)
    except (BadInput, store.StoreError):
        for src in sources:
            src.cleanup()
        raise
    results: list[ImportResult | MailImportResult] = []
    try:
        plans = [inspect(con, src, options=opts) for src in sources]  # every file is checked before any lands
        mail_plans = [plan_mail(con, mf) for mf in mail_files]
        for plan in plans:
            results.append(run_import(con, plan, opts))
        for mp in mail_plans:
            results.append(apply_mail(con, mp, accept=args.accept))
    finally:
        for src in sources:
            src.cleanup()
        con.close()
    if args.json:
        print(json.dumps({"imports": [r.to_json() for r in results]}, indent=2, default=str))
    else:
        for r in results:
            if isinstance(r, MailImportResult):
                _print_mail_result(r)
            else:
                _print_import_result(r)
    return EXIT_OK


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {k}" for k, n in counts.items()) or "none"


def _print_mail_result(r: MailImportResult) -> None:
    print(f"{r.file}: {r.format} mail. Read {r.messages_read} message(s): {r.job_messages} about jobs "
          f"({_counts(r.by_kind)}), {r.other_dropped} other (not kept), {r.duplicates_skipped} already there. "
          f"Proposals: {_counts(r.proposals)}; {r.needs_review} to review; {r.accepted} accepted.")
    for w in r.warnings:
        print(f"  note: {w}")


def _print_import_result(r: ImportResult) -> None:
    print(f"{r.file} (import {r.import_id}): {r.format} export, {r.shape} shape. Read {r.rows_read} application "
          f"row(s): {r.applications_added} added, {r.applications_updated} updated, {r.duplicates_skipped} already "
          f"there, {r.rows_rejected} rejected.")
    for rej in r.rejects[:20]:
        print(f"  rejected line {rej['line']}: {rej['reason']}")
    if r.outcomes:
        print("  outcomes: " + ", ".join(f"{k} {v}" for k, v in r.outcomes.items() if v)
              + "; reached: " + ", ".join(f"{k} {v}" for k, v in r.reached.items() if v))
        for d in r.decisions[:4]:
            print(f"    {d['count']} {d['outcome']}: {d['decided_by']}")
    for q in r.questions:
        print(f"  question: {q}")
    for w in r.warnings:
        print(f"  note: {w}")


def _open_existing(db: str | None):
    """The database named (or the default one), which an import must have made first."""
    path = store.db_path(db)
    if str(path) != ":memory:" and not Path(path).exists():
        raise BadInput(f"No database at {path} yet: import a file first (python -m analysis import FILE).")
    return store.connect(db)


def cmd_report(args) -> int:
    con = _open_existing(args.db)
    try:
        rep = report_mod.build_report(con, as_of=args.as_of, ghost_after_days=args.ghost_after_days)
    finally:
        con.close()
    if args.json:
        print(json.dumps(rep, indent=2, default=str))
    else:
        print(report_mod.as_text(rep))
    return EXIT_OK


def cmd_export(args) -> int:
    from analysis import export
    from analysis.filters import Filters

    con = _open_existing(args.db)
    try:
        filters = Filters(as_of=args.as_of, ghost_after_days=args.ghost_after_days)
        if args.format == "original":
            data = _original_file(con, args.import_id)
        elif args.format == "html":
            data = export.html_report(con, filters).encode("utf-8")
        else:
            df = export.cleaned_applications(con, filters)
            data = export.to_csv_bytes(df) if args.format == "csv" else export.to_xlsx_bytes(df)
    finally:
        con.close()
    out = Path(args.out)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise BadInput(f"Cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote {out} ({len(data):,} bytes)", file=sys.stderr)
    return EXIT_OK


def _original_file(con, import_id: int | None) -> bytes:
    from analysis.ingest.original import kept_files, original_file

    if import_id is None:
        kept = ", ".join(f"{k['import_id']} ({k['file_name']})" for k in kept_files(con)) or "none yet"
        raise BadInput(f"Say which import with --import N; the imports that kept their file: {kept}.")
    try:
        return original_file(con, import_id)[1]
    except LookupError as exc:
        raise BadInput(str(exc)) from None


def cmd_followups(args) -> int:
    from analysis.filters import Filters
    from analysis.followups import follow_ups_with_drafts

    con = _open_existing(args.db)
    try:
        queue = follow_ups_with_drafts(con, Filters(as_of=args.as_of, ghost_after_days=args.ghost_after_days),
                                       args.lang)
    finally:
        con.close()
    items = [{"kind": r.kind, "company": r.company if isinstance(r.company, str) else None,
              "role": r.role if isinstance(r.role, str) else None, "due": r.due_on.isoformat(), "draft": r.draft}
             for r in queue.itertuples()]
    if args.json:
        print(json.dumps(items, indent=2, ensure_ascii=False))
    else:
        for it in items:
            print(f"{it['due']}  {it['kind']:<12} {it['company'] or ''} — {it['role'] or ''}\n"
                  + "\n".join("    " + line for line in it["draft"].splitlines()) + "\n")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"import": cmd_import, "report": cmd_report, "export": cmd_export,
                "followups": cmd_followups}[args.command](args)
    except BadInput as exc:
        print(f"hindsight: {exc.reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except store.StoreError as exc:
        print(f"hindsight: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
