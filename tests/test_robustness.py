"""Bad input: one line on stderr, the right status, no traceback, no output; inputs never touched; no hash seed."""

import hashlib
import io
import os
import subprocess
import sys
import tarfile

import pytest

from toolkit.cli import main
from toolkit.io import iter_corpus

from .paths import DATA, ROOT, SEED

LEXICON_OK = "families:\n  - id: a\n    label: A\n    canonical: condemn\n    variants: {v: 'condemn*'}\n"


def make_inputs(tmp_path):
    """Each bad input of the issue, as files, with the message its error must carry and the exit status."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("We condemn the attack in Bogot\xe1.\n".encode("latin-1"))
    (tmp_path / "notext.csv").write_text("id,body\n1,We condemn it.\n", encoding="utf-8")
    (tmp_path / "dupes.csv").write_text("id,text\n1,We condemn it.\n1,We condemn it again.\n", encoding="utf-8")
    (tmp_path / "lexicon.yaml").write_text("families:\n  - id: a\n    label: [unclosed\n", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "nothing").mkdir()
    archive = tmp_path / "cut.tgz"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        data = b"Speech text. " * 20000
        info = tarfile.TarInfo("TXT/Session 01 - 1946/FRA_01_1946.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    archive.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    return [
        (["info", str(tmp_path / "missing.txt")], 1, "missing.txt: no such file or folder"),
        (["info", str(tmp_path / "empty.txt")], 1, "empty.txt: file is empty"),
        (["info", str(tmp_path / "binary.txt")], 1, "binary.txt: byte 6: binary file, not text (NUL byte)"),
        (["count", str(tmp_path / "latin1.txt")], 1, "latin1.txt:1: byte 30: invalid UTF-8 (byte 0xe1)"),
        (["count", str(tmp_path / "notext.csv")], 1, "notext.csv"),
        (["count", str(tmp_path / "dupes.csv")], 1, "duplicate"),
        (["count", str(SEED), "--lexicon", str(tmp_path / "lexicon.yaml")], 1, "lexicon.yaml:"),
        (["count", str(SEED), "--phrase", "condemn [in"], 2, "bad pattern 'condemn [in'"),
        (["info", str(archive)], 1, "cut.tgz"),
        (["info", str(tmp_path / "nothing")], 1, "no documents found"),
        (["count", str(tmp_path / "blank.txt")], 1, "blank.txt: file is empty"),
        (["count", str(SEED), "--by", "colour"], 2, "or a column of the statements (none in these data). Got 'colour'"),
        (["count", str(SEED), "--jobs", "many"], 2, "expected a whole number"),
        (["report", "--out", str(tmp_path / "figs"), "--corpus", str(tmp_path / "nothing"), "--no-ungdc"], 1,
         "no documents found"),
    ]


def test_every_kind_of_bad_input_is_one_line_with_its_status_and_writes_nothing(tmp_path, capsys):
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for argv, status, message in make_inputs(tmp_path):
        target = tmp_path / "out.csv"
        extra = ["--output", str(target)] if argv[0] in ("count",) and "--by" not in argv else []
        try:
            got: int | str | None = main(argv + extra)
        except SystemExit as exit_info:  # argparse usage errors
            got = exit_info.code
        out, err = capsys.readouterr()
        assert got == status, (argv, err)
        assert out == "" and err.count("\n") == 1 and "Traceback" not in err, (argv, err)
        assert message in err, (argv, err)
        assert not target.exists() and not (tmp_path / "figs").exists()
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file() and p.name in before}
    assert after == {k: v for k, v in before.items() if k in after}


def test_encoding_errors_replace_carries_on_and_reports_the_replaced_bytes(tmp_path, capsys):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("We condemn the attack in Bogot\xe1 and Medell\xedn.\n".encode("latin-1"))
    table = tmp_path / "rows.csv"
    table.write_bytes(b"id,text\n1,Se conden\xf3 el ataque. We condemn it.\n")
    assert main(["count", str(bad), str(table), "--phrase", "condemn*", "--encoding-errors", "replace"]) == 0
    out, err = capsys.readouterr()
    # "Se conden\ufffd" is no longer a hit of condemn*; the rest of each text is read as it was.
    assert out.splitlines()[1:] == ["1,condemn*,condemn*,condemn*,condemn*,1,1,7,142.857",
                                    "latin1,condemn*,condemn*,condemn*,condemn*,1,1,9,111.111"]
    assert err == (f"condemn: replaced 3 invalid UTF-8 bytes with U+FFFD in 2 file(s) (--encoding-errors replace); "
                   f"first: {bad} (2)\n")
    stream = iter_corpus(bad, encoding_errors="replace")
    (doc,) = list(stream)
    assert doc.text == "We condemn the attack in Bogot\ufffd and Medell\ufffdn.\n"
    assert stream.replaced == {str(bad): 2}
    assert bad.read_bytes().count(b"\xe1") == 1  # the file itself is untouched


def test_an_output_inside_an_input_is_refused(tmp_path, capsys):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("We condemn it.", encoding="utf-8")
    for target in (folder / "a.txt", folder / "counts.csv"):
        assert main(["count", str(folder), "--output", str(target)]) == 2
        assert "would write into the input" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    assert (folder / "a.txt").read_text(encoding="utf-8") == "We condemn it."


def test_the_report_and_counts_never_modify_their_inputs(tmp_path):
    inputs = sorted((ROOT / "seeds").rglob("*")) + sorted((DATA / "articles").rglob("*"))
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs if p.is_file()}
    assert main(["report", "--corpus", str(ROOT / "seeds"), "--corpus", str(DATA / "articles"),
                 "--out", str(tmp_path / "figs"), "--no-ungdc", "--quiet"]) == 0
    assert main(["count", str(ROOT / "seeds"), "--attribute", "--output", str(tmp_path / "c.csv")]) == 0
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before} == before
    assert sorted(p.name for p in (ROOT / "seeds").iterdir()) == ["000_41fac0b0c36391c2.txt"]


COMMANDS = [
    ["count", "seeds", "--attribute", "--by", "actor", "--level", "family", "--jobs", "2"],
    ["discover", "seeds", "--attribute", "--min-actors", "2"],
    ["cluster", "seeds", "--attribute", "--statements", "--format", "csv"],
    ["attribute", "seeds", "--format", "csv"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_outputs_do_not_depend_on_the_hash_seed(argv):
    outputs = []
    for seed in ("0", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-m", "toolkit", *argv], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 200
