"""The command line: ``condemn`` (also ``python -m toolkit``).

Errors the toolkit raises on purpose print as one line on stderr, with exit
status 1 for bad data and 2 for bad usage; nothing is written to stdout then.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

import pandas as pd

from . import __version__
from .attribution import attribute_statements
from .counts import GROUPINGS, count_matches
from .errors import ParameterError, ToolkitError
from .io import default_gazetteer, default_lexicon, iter_corpus, read_lexicon, render_table, write_text
from .kwic import KWIC_COLUMNS, format_kwic, kwic
from .lexicon import Lexicon
from .match import Matcher, find_matches
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

    count = commands.add_parser(
        "count", help="count formulae per document, statement, actor or year",
        description="Count the formulae of a lexicon (the default one unless --lexicon or --phrase is given) "
                    "with numerators and denominators, zero rows included, and rates per 1,000 tokens.")
    _add_input_arguments(count)
    _add_lexicon_arguments(count)
    count.add_argument("--by", type=_by, default="doc", metavar="GROUPS",
                       help="doc, statement, actor, actor_id, year or date, or several joined by commas "
                            "(e.g. actor,year); default doc")
    count.add_argument("--level", choices=("formula", "family"), default="formula",
                       help="count each variant (default) or whole families")
    count.add_argument("--attribute", action="store_true",
                       help="split news articles into statements by actor first (see `condemn attribute`)")
    _add_output_arguments(count, default="csv")
    count.set_defaults(run=_run_count)

    concordance = commands.add_parser(
        "kwic", help="show every hit of a formula in its context",
        description="Keyword in context: each hit of the given phrases or formulae with its context, "
                    "cut from the verbatim text around the hit's stored span.")
    _add_input_arguments(concordance)
    _add_lexicon_arguments(concordance, formula=True)
    concordance.add_argument("--window", type=_non_negative, default=5, metavar="N",
                             help="context on each side, in --unit (default 5)")
    concordance.add_argument("--unit", choices=("tokens", "characters"), default="tokens")
    _add_output_arguments(concordance, default="table")
    concordance.set_defaults(run=_run_kwic)

    attribute = commands.add_parser(
        "attribute", help="split news articles into statements by the actors who made them",
        description="One row per statement: actor (canonical name, ISO3 or organisation code, type), the "
                    "speaker as written, the reporting cue, the content, whether it is quoted, and its span.")
    _add_input_arguments(attribute)
    _add_output_arguments(attribute, default="jsonl")
    attribute.set_defaults(run=_run_attribute)
    return parser


def _by(value: str) -> str:
    for part in value.split(","):
        if part.strip() not in GROUPINGS and part.strip() not in ("doc_id", "statement_id", "source"):
            raise argparse.ArgumentTypeError(
                f"unknown grouping {part.strip()!r} (choose from {', '.join(GROUPINGS)}, joined by commas)")
    return value


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {value}")
    return number


def _add_lexicon_arguments(parser: argparse.ArgumentParser, *, formula: bool = False) -> None:
    parser.add_argument("--lexicon", metavar="FILE", help="a lexicon file (YAML); default: the shipped lexicon")
    if formula:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--phrase", action="append", metavar="PATTERN",
                           help="an ad hoc pattern (repeatable); see the pattern language in the README")
        which.add_argument("--formula", action="append", metavar="ID",
                           help="a formula (family/variant) or family id of the lexicon (repeatable)")
    else:
        parser.add_argument("--phrase", action="append", metavar="PATTERN",
                            help="an ad hoc pattern, counted as its own formula (repeatable)")
    parser.add_argument("--dehyphenate", action="store_true",
                        help="join words hyphenated across line breaks (manifes-/tations) before matching")


def _add_output_arguments(parser: argparse.ArgumentParser, *, default: str) -> None:
    parser.add_argument("--format", choices=("csv", "jsonl", "table"), default=default,
                        help=f"output format (default {default})")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write to FILE (atomically) instead of standard output")


def _lexicon(args: argparse.Namespace) -> Lexicon:
    """The lexicon a command runs: --lexicon and --phrase together, or the default one."""
    parts = []
    if args.lexicon:
        parts.append(read_lexicon(args.lexicon))
    if args.phrase:
        twice = sorted({p for p in args.phrase if args.phrase.count(p) > 1})
        if twice:
            raise ParameterError(f"--phrase {twice[0]!r} is given twice")
        parts.append(Lexicon.from_phrases(args.phrase))
    if not parts:
        parts.append(default_lexicon())
    lexicon = parts[0]
    for part in parts[1:]:
        lexicon = lexicon + part
    return lexicon


def _input_stream(args: argparse.Namespace):
    return iter_corpus(args.paths, columns=args.columns, delimiter=args.delimiter)


def _run_count(args: argparse.Namespace) -> str:
    lexicon = _lexicon(args)
    documents = _input_stream(args)
    if args.attribute:
        documents = attribute_statements(documents, default_gazetteer()).corpus
    matches = find_matches(documents, lexicon, dehyphenate=args.dehyphenate)
    counts = count_matches(matches, by=args.by, level=args.level)
    return render_table(counts, args.format)


def _run_attribute(args: argparse.Namespace) -> str:
    table = attribute_statements(_input_stream(args), default_gazetteer()).table
    return render_table(table, args.format)


def _run_kwic(args: argparse.Namespace) -> str:
    if args.formula:
        lexicon = (read_lexicon(args.lexicon) if args.lexicon else default_lexicon()).select(args.formula)
    else:
        lexicon = _lexicon(args)
    # Documents are kept only while their hits are rendered: the corpus is streamed.
    frames = []
    matcher = Matcher(lexicon, dehyphenate=args.dehyphenate)
    for doc in _input_stream(args):
        matches = find_matches([doc], matcher)
        if args.formula:
            matches = matches.select(args.formula)
        if len(matches):
            frames.append(kwic(matches, [doc], window=args.window, unit=args.unit))
    lines = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=KWIC_COLUMNS)
    if args.format == "table":
        return format_kwic(lines)
    return render_table(lines, args.format)


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
        if getattr(args, "output", None):
            write_text(output, args.output)
            return 0
    except ToolkitError as err:
        print(f"condemn: error: {err}", file=sys.stderr)
        return err.exit_code
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `condemn info ... | head`
        sys.stderr.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
