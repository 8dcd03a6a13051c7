import json
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli import main

from .paths import DATA, ROOT, SEED


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_info_json_on_the_seed(capsys):
    status, out, err = run(capsys, "info", str(SEED), "--format", "json")
    assert status == 0 and err == ""
    info = json.loads(out)
    assert {k: info[k] for k in ("documents", "statements", "tokens", "years", "actors", "skipped")} == {
        "documents": 1, "statements": 1, "tokens": 531, "years": {"min": None, "max": None}, "actors": 0,
        "skipped": [],
    }


def test_info_table_lists_skipped_files_with_reasons(capsys):
    status, out, _ = run(capsys, "info", str(DATA / "texts"))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["documents", "4"]
    assert "skipped     4" in out
    assert "macOS AppleDouble file, not a document" in out
    assert str(DATA / "texts" / "._curly.txt") in out


def test_info_combines_several_paths_and_reads_tables_with_a_mapping(capsys):
    status, out, _ = run(capsys, "info", str(SEED), str(DATA / "tables" / "statements.csv"),
                         "--columns", "id=ref,text=body,actor=country,date=published", "--format", "json")
    info = json.loads(out)
    assert status == 0
    assert (info["documents"], info["actors"], info["years"]) == (4, 3, {"min": 2025, "max": 2025})
    assert info["skipped"] == [{"source": f"{DATA / 'tables' / 'statements.csv'}:5", "reason": "empty text"}]


def test_bad_input_is_one_line_on_stderr_with_status_1_and_no_output(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\n")
    status, out, err = run(capsys, "info", str(SEED), str(bad))
    assert (status, out) == (1, "")
    assert err == f"condemn: error: {bad}:2: byte 3: invalid UTF-8 (byte 0xff); the file must be UTF-8\n"


def test_usage_errors_exit_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["info"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
    status, out, err = run(capsys, "info", str(DATA / "tables" / "plain.csv"), "--columns", "body=text")
    assert (status, out) == (2, "")
    assert "unknown field(s) 'body'" in err


def test_python_dash_m_and_the_console_script_run_the_same_command():
    script = Path(sys.executable).with_name("condemn")
    for command in ([sys.executable, "-m", "toolkit"], [str(script)]):
        done = subprocess.run([*command, "info", str(SEED), "--format", "json"], capture_output=True, text=True,
                              cwd=ROOT, check=True)
        assert json.loads(done.stdout)["tokens"] == 531


@pytest.mark.ungdc
def test_info_on_the_real_archive_reports_10952_documents(ungdc_path):
    done = subprocess.run([sys.executable, "-m", "toolkit", "info", str(ungdc_path), "--format", "json"],
                          capture_output=True, text=True, check=True)
    info = json.loads(done.stdout)
    assert info["documents"] == info["statements"] == 10952
    assert info["years"] == {"min": 1946, "max": 2024}
    assert info["actors"] == 200
    assert info["skipped_by_reason"]["macOS AppleDouble file, not a document"] == 11040
    assert all(item["reason"] for item in info["skipped"])
