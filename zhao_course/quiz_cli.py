"""Command line for the quiz banks: ``python -m zhao_course.quiz {list,validate,gift}``.

Kept apart from :mod:`zhao_course.quiz` so that the modules import in one direction
only: ``quiz_cli`` imports ``quiz`` and ``quiz_gift``; ``quiz_gift`` imports ``quiz``;
``quiz`` imports neither (``python -m zhao_course.quiz`` hands over to :func:`main`).

Example (the message goes to standard error; the exit code is returned)::

    >>> main(["gift", "no_such_bank", "out.gift"])
    2
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from zhao_course import paths
from zhao_course.quiz import QuizBankError, list_banks, load_bank
from zhao_course.quiz_gift import export_gift

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    ``list`` prints the banks; ``validate [bank ...]`` checks the named banks (all by
    default) and prints ``ok: <bank> (<n> questions)`` or, for each bad bank, one line
    ``error: <sentence>`` on standard error; ``gift <bank> <file>`` writes a Moodle GIFT
    file. Returns 0 on success and 2 on bad input (any bad bank, unknown bank,
    unwritable output; also argparse's usage errors).
    """
    parser = argparse.ArgumentParser(
        prog="python -m zhao_course.quiz",
        description="Check the course's quiz banks and export them to Moodle (GIFT).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the quiz banks")
    p_val = sub.add_parser("validate", help="check quiz banks (all of them by default)")
    p_val.add_argument("banks", nargs="*", help="bank names or paths")
    p_gift = sub.add_parser("gift", help="export a bank to a GIFT file for Moodle")
    p_gift.add_argument("bank", help="bank name (e.g. border_disputes) or path")
    p_gift.add_argument("output", help="the .gift file to write")
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
                bank = load_bank(name)
            except QuizBankError as exc:
                print(f"error: {exc}", file=sys.stderr)
                status = 2
            else:
                print(f"ok: {bank['chapter']} ({len(bank['questions'])} questions)")
        return status
    try:
        out = export_gift(args.bank, args.output)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
