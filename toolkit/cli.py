"""The command line: ``condemn`` (also ``python -m toolkit``).

Errors the toolkit raises on purpose print as one line on stderr, with exit
status 1 for bad data and 2 for bad usage; nothing is written to stdout then.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from . import __version__
from .errors import ParameterError, ToolkitError
from .io import iter_corpus
from .summary import summarize_corpus

__all__ = ["main", "build_parser"]

_EXAMPLES_SHOWN = 3


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit 2."""

    def error(self, message: str):  # noqa: D102 - argparse API
        self.exit(2, f"{self.prog}: error: {message}\n")


def _columns(value: str) -> dict[str, str]:
    mapping = {}
    for pair in value.split(","):
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise argparse.ArgumentTypeError(f"expected FIELD=COLUMN[,FIELD=COLUMN...], got {value!r}")
        mapping[field.strip()] = column.strip()
    return mapping


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help=".txt file, folder, .csv/.tsv/.jsonl table, or the UNGDC .tgz archive or folder")
    parser.add_argument("--columns", type=_columns, metavar="FIELD=COLUMN,...",
                        help="for tables: which columns hold id, text, actor, actor_id, date, year "
                             "(e.g. text=body,actor=country)")
    parser.add_argument("--delimiter", metavar="CHAR", help="for tables: the field delimiter (default from extension)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="condemn", description="Measure the language of diplomatic condemnation.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    info = commands.add_parser("info", help="summarise one or more corpora",
                               description="Count documents, statements, tokens, years and actors, "
                                           "and list what was skipped and why.")
    _add_input_arguments(info)
    info.add_argument("--format", choices=("table", "json"), default="table")
    info.set_defaults(run=_run_info)
    return parser


def _input_stream(args: argparse.Namespace):
    return iter_corpus(args.paths, columns=args.columns, delimiter=args.delimiter)


def _run_info(args: argparse.Namespace) -> str:
    summary = summarize_corpus(_input_stream(args)).to_dict()
    if args.format == "json":
        return json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    years = summary["years"]
    span = "none" if years["min"] is None else f"{years['min']}-{years['max']}"
    rows = [
        ("documents", f"{summary['documents']:,}"),
        ("statements", f"{summary['statements']:,}"),
        ("tokens", f"{summary['tokens']:,}"),
        ("characters", f"{summary['characters']:,}"),
        ("years", span),
        ("actors", f"{summary['actors']:,}"),
        ("skipped", f"{summary['n_skipped']:,}"),
    ]
    lines = [f"{key:<12}{value}" for key, value in rows]
    for reason, count in summary["skipped_by_reason"].items():
        lines.append(f"  {count:>6,}  {reason}")
        examples = [s["source"] for s in summary["skipped"] if s["reason"] == reason]
        for source in examples[:_EXAMPLES_SHOWN]:
            lines.append(f"{'':10}{source}")
        if len(examples) > _EXAMPLES_SHOWN:
            lines.append(f"{'':10}... and {len(examples) - _EXAMPLES_SHOWN:,} more (all with --format json)")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        output = args.run(args)
    except ToolkitError as err:
        print(f"condemn: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("condemn: interrupted", file=sys.stderr)
        return 130
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `condemn info ... | head`
        sys.stderr.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
