"""Command line for the quiz banks: ``python -m zhao_course.quiz {list,validate,record,check,gift,qti}``.

Kept apart from :mod:`zhao_course.quiz` so that the modules import in one direction
only: ``quiz_cli`` imports ``quiz``, ``quiz_gift`` and ``quiz_qti``; the two exports
import ``quiz``; ``quiz`` imports none of them (``python -m zhao_course.quiz`` hands
over to :func:`main`).

``validate`` and ``record`` always run full validation (the JSON Schema with
:mod:`jsonschema`, then the Python checks); ``record`` then writes the record of
validated content (``exercises/quizzes/schema/validated.json``) that lets a learner's
notebook skip it; ``check`` says whether that record is up to date.

Example (the message goes to standard error; the exit code is returned)::

    >>> main(["gift", "no_such_bank", "out.gift"])
    2
    >>> main(["qti", "no_such_bank", "out.zip"])
    2
    >>> main(["validate", "border_disputes"])  # doctest: +ELLIPSIS
    ok: border_disputes (... questions)
    0
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from zhao_course import paths
from zhao_course.quiz import (
    RECORD_COMMAND,
    QuizBankError,
    list_banks,
    load_bank,
    record_path,
    record_validated,
    stale_banks,
)
from zhao_course.quiz_gift import export_gift
from zhao_course.quiz_qti import export_qti

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    ``list`` prints the banks; ``validate [bank ...]`` checks the named banks (all by
    default) fully, whatever the record says, and prints ``ok: <bank> (<n> questions)``
    or, for each bad bank, one line ``error: <sentence>`` on standard error; ``record``
    validates every bank fully and, only if all pass, writes
    ``exercises/quizzes/schema/validated.json``; ``check`` exits 1 if that record is out
    of date; ``gift <bank> <file>`` writes a Moodle GIFT file and ``qti <bank> <file>``
    a QTI ``.zip`` for Canvas (made by text2qti). Returns 0 on success, 1
    for a stale record (``check``) and 2 on bad input (any bad bank, unknown bank,
    unwritable output; also argparse's usage errors).
    """
    parser = argparse.ArgumentParser(
        prog="python -m zhao_course.quiz",
        description="Check the course's quiz banks and export them to Moodle (GIFT) "
                    "and Canvas (QTI).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the quiz banks")
    p_val = sub.add_parser("validate", help="check quiz banks (all of them by default)")
    p_val.add_argument("banks", nargs="*", help="bank names or paths")
    sub.add_parser("record", help="validate every bank fully, then write the record of "
                                  "validated content (schema/validated.json)")
    sub.add_parser("check", help="is the record of validated content up to date?")
    p_gift = sub.add_parser("gift", help="export a bank to a GIFT file for Moodle")
    p_gift.add_argument("bank", help="bank name (e.g. border_disputes) or path")
    p_gift.add_argument("output", help="the .gift file to write")
    p_qti = sub.add_parser("qti", help="export a bank to a QTI .zip for Canvas (via text2qti)")
    p_qti.add_argument("bank", help="bank name (e.g. border_disputes) or path")
    p_qti.add_argument("output", help="the .zip file to write")
    args = parser.parse_args(argv)

    if args.command == "list":
        for name in list_banks():
            print(name)
        return 0
    if args.command == "validate":
        names = args.banks or list_banks()
        if not names:
            print(f"error: no quiz banks in {paths.QUIZ_DIR}. Add one, e.g. "
                  "exercises/quizzes/<chapter>.json.", file=sys.stderr)
            return 2
        status = 0
        for name in names:
            try:
                bank = load_bank(name, full=True)
            except QuizBankError as exc:
                print(f"error: {exc}", file=sys.stderr)
                status = 2
            else:
                print(f"ok: {bank['chapter']} ({len(bank['questions'])} questions)")
        return status
    if args.command in ("record", "check"):
        return _record_or_check(args.command)
    export = export_gift if args.command == "gift" else export_qti
    try:
        out = export(args.bank, args.output)
    except QuizBankError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write {getattr(exc, 'filename', None) or args.output}: "
              f"{exc.strerror or exc}. Choose a folder you may write to.", file=sys.stderr)
        return 2
    n = len(load_bank(args.bank)["questions"])
    print(f"wrote {n} questions to {out}")
    return 0


def _record_or_check(command: str) -> int:
    """``record``: validate fully and write the record; ``check``: is it up to date?"""
    target = record_path()
    shown = _shown(target)
    if command == "check":
        try:
            stale = stale_banks()
        except QuizBankError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if stale:
            print(f"{shown} is out of date for: {', '.join(stale)}. Run `{RECORD_COMMAND}` "
                  f"and commit {shown}.", file=sys.stderr)
            return 1
        print(f"{shown} is up to date.")
        return 0
    try:
        target = record_validated()
    except QuizBankError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"Nothing written: fix the bank, then run `{RECORD_COMMAND}` again.", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write {shown}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    n = len(list_banks())
    print(f"Every quiz bank ({n}) passed full validation; wrote {shown}. Commit it with the banks.")
    return 0


def _shown(path: Path) -> str:
    """A path relative to the course folder when inside it."""
    try:
        return path.resolve().relative_to(Path(paths.ROOT).resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
