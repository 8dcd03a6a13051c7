"""The speeches of the UN General Debate Corpus archive, read as plainly as possible (tarfile, bytes).

Shared by the benchmarks' baselines: the reading a user's own script would do, with no toolkit code.
"""

from __future__ import annotations

import os
import re
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

#: A speech's path in the archive; group 1 is the country code, group 2 the year.
SPEECH = re.compile(r"(?:^|.*/)Session \d+ - \d{4}/([A-Z]{2,4})_\d+_(\d{4})\.txt")


def speeches(archive: str, limit: int) -> Iterator[tuple[str, int, bytes]]:
    """(country code, year, raw bytes) of the first ``limit`` speeches, macOS ``._*`` files skipped."""
    seen = 0
    with tarfile.open(archive, mode="r|gz") as tar:
        for member in tar:
            if seen >= limit:
                return
            found = SPEECH.fullmatch(member.name)
            if member.isfile() and found and not member.name.rsplit("/", 1)[-1].startswith("._"):
                seen += 1
                data = tar.extractfile(member)
                assert data is not None  # a regular file
                yield found.group(1), int(found.group(2)), data.read()


def archive_argument(argv: list[str], program: str, default: str) -> str | None:
    """The archive to measure: the first argument, else $TOOLKIT_UNGDC, else ``default``; None (said) when absent.

    When it is there, says which archive and which machine the figures are for.
    """
    archive = argv[0] if argv else os.environ.get("TOOLKIT_UNGDC") or default
    if not Path(archive).is_file():
        print(f"{program}: the UN General Debate Corpus archive is not at {archive}; "
              "pass its path or set TOOLKIT_UNGDC", file=sys.stderr)
        return None
    print(f"UN General Debate Corpus: {archive}")
    print(f"Python {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} CPUs\n")
    return archive


def script_main(argv: list[str], program: str, default: str, child, markdown) -> int:
    """The command line of a benchmark script: ``--child TASK ARGS...`` runs one task (in the fresh process the
    script started), anything else prints the script's markdown tables for the archive."""
    if argv[:1] == ["--child"]:
        child(*argv[1:])
        return 0
    archive = archive_argument(argv, program, default)
    if archive is None:
        return 1
    print("\n".join(markdown(archive)))
    return 0

