import datetime as dt
import shutil
import tarfile
from pathlib import Path

import pytest

from toolkit import iter_corpus, read_corpus, read_table, read_texts, read_ungdc
from toolkit.errors import InputError, ParameterError
from toolkit.io import default_gazetteer, locate_ungdc, ungdc_names
from toolkit.io.ungdc import speech_actor

from ..paths import DATA, SEED

TEXTS = DATA / "texts"
TABLES = DATA / "tables"
MINI = DATA / "ungdc_mini"


# --- plain text ------------------------------------------------------------
def test_a_single_text_file_is_one_document_with_its_verbatim_text():
    corpus = read_texts(SEED)
    (doc,) = corpus.documents
    assert doc.id == "000_41fac0b0c36391c2"
    assert doc.text == SEED.read_bytes().decode("utf-8")
    assert doc.source == str(SEED)
    assert [(s.start, s.end) for s in doc.statements] == [(0, len(doc.text))]


def test_a_folder_of_texts_reads_every_txt_and_reports_the_rest():
    corpus = read_texts(TEXTS)
    assert [d.id for d in corpus] == ["bom", "crlf", "curly", "sub/nested"]
    skipped = {Path(s.source).name: s.reason for s in corpus.skipped}
    assert skipped == {
        ".DS_Store": "macOS folder metadata (.DS_Store)",
        "._curly.txt": "macOS AppleDouble file, not a document",
        "empty.txt": "empty text",
        "notes.md": "not a .txt file (.md)",
    }


def test_text_keeps_crlf_and_drops_only_the_byte_order_mark():
    corpus = read_texts(TEXTS)
    crlf = corpus.document("crlf")
    assert crlf.text == (TEXTS / "crlf.txt").read_bytes().decode("utf-8")
    assert "\r\n" in crlf.text
    bom = corpus.document("bom")
    assert (TEXTS / "bom.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    assert bom.text == "Solidarity with the people of the region.\n"


def test_invalid_utf8_is_an_error_naming_file_line_and_byte(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("First line\nCôte d'Ivoire\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.txt:2: byte 12: invalid UTF-8 \(byte 0xf4\)"):
        read_texts(path)


def test_binary_and_utf16_files_are_refused(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"GIF89a\x00\x01")
    with pytest.raises(InputError, match=r"a\.txt: byte 6: binary file"):
        read_texts(tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes("condemn".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16 text; convert it to UTF-8"):
        read_texts(tmp_path / "b.txt")


def test_a_named_empty_file_is_an_error(tmp_path):
    (tmp_path / "e.txt").write_text("  \n")
    with pytest.raises(InputError, match=r"e\.txt: file is empty"):
        read_texts(tmp_path / "e.txt")


def test_missing_path_and_unknown_type_fail_before_reading(tmp_path):
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file or folder"):
        iter_corpus([SEED, tmp_path / "nowhere.txt"])
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(InputError, match=r"unsupported file type '\.docx'"):
        iter_corpus(tmp_path / "x.docx")


def test_a_folder_with_no_documents_is_an_error(tmp_path):
    (tmp_path / "._a.txt").write_bytes(b"\x00\x05")
    with pytest.raises(InputError, match="no documents found"):
        read_texts(tmp_path)


def test_duplicate_ids_across_paths_are_refused(tmp_path):
    (tmp_path / "curly.txt").write_text("Another text with the same name.")
    with pytest.raises(InputError, match=r"duplicate document id 'curly'"):
        read_corpus([TEXTS, tmp_path])


def _state(folder):
    """Every file under ``folder`` with its bytes and modification time: what "not modified" means."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_inputs_are_not_modified_by_any_command_that_reads_them(tmp_path):
    from toolkit.cli import main

    inputs = tmp_path / "inputs"
    shutil.copytree(TEXTS, inputs / "texts")
    shutil.copy(DATA / "tables" / "statements.csv", inputs / "statements.csv")
    before = _state(inputs)
    out = tmp_path / "out"
    out.mkdir()
    texts, table = str(inputs / "texts"), str(inputs / "statements.csv")
    columns = "id=ref,text=body,actor=country,date=published"
    for argv in (["info", texts], ["count", texts, "--output", str(out / "counts.csv")],
                 ["count", table, "--columns", columns, "--attribute", "--by", "actor", "--output", str(out / "a.csv")],
                 ["kwic", texts, "--phrase", "condemn*", "--output", str(out / "kwic.txt")],
                 ["attribute", texts, "--output", str(out / "statements.jsonl")],
                 ["discover", texts, "--min-actors", "0", "--output", str(out / "found.csv")],
                 ["report", "--corpus", texts, "--no-ungdc", "--out", str(out / "report")]):
        assert main(argv) == 0, argv
    # an output inside the inputs is refused before anything is read or written
    assert main(["count", texts, "--output", str(inputs / "texts" / "counts.csv")]) == 2
    assert _state(inputs) == before
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "counts.csv", "found.csv", "kwic.txt", "report",
                                                     "statements.jsonl"]


# --- tables ----------------------------------------------------------------
MAPPING = {"id": "ref", "actor": "country", "actor_id": "iso", "date": "published", "text": "body"}


@pytest.mark.parametrize("name", ["statements.csv", "statements.tsv", "statements.jsonl"])
def test_tables_read_the_mapped_columns_and_keep_the_rest_as_meta(name):
    corpus = read_table(TABLES / name, columns=MAPPING)
    assert [d.id for d in corpus] == ["s1", "s2", "s4"]
    eu = corpus.document("s2")
    assert (eu.actor, eu.actor_id, eu.date, eu.year) == ("European Union", "EU", dt.date(2025, 3, 15), 2025)
    assert eu.text == ("The EU \u201cunequivocally rejects terrorism in all its forms\u201d.\n"
                       "Our deepest condolences go to the families.")
    assert dict(eu.meta) == {"outlet": "Test Wire"}
    # a CSV record starts on the line after the previous record ends (s2 spans two lines)
    line = 3 if name.endswith(".jsonl") else 5
    assert [(s.source, s.reason) for s in corpus.skipped] == [(f"{TABLES / name}:{line}", "empty text")]
    assert corpus.document("s4").source == f"{TABLES / name}:{line + 1}"


def test_default_column_names_need_no_mapping():
    corpus = read_table(TABLES / "plain.csv")
    assert [(d.id, d.actor, d.year) for d in corpus] == [("A1", "Norway", 2024), ("A2", None, 2023)]


def test_rows_without_an_id_are_numbered_by_file_and_row():
    corpus = read_table(TABLES / "statements.csv", columns={"text": "body"})
    assert [d.id for d in corpus] == ["statements:1", "statements:2", "statements:4"]


BAD_TABLES = [
    ("t.csv", b"country,comment\nNorway,We condemn it.\n",
     r"t\.csv:2: missing text column 'text' \(columns: 'country', 'comment'\)"),
    ("t.jsonl", b'{"text": "ok"}\n{"text": nope}\n', r"t\.jsonl:2:10: invalid JSON"),
    ("r.csv", b'text,actor\n"a",b\n"c",d,e\n', r"r\.csv:3: row has 3 fields, the header has 2"),
    ("d.csv", b'text,date\n"multi\nline",2020-01-01\nx,01/02/2020\n', r"d\.csv:4: cannot read date '01/02/2020'"),
    ("u.csv", b"text\nfine\nbad \xff here\n", r"u\.csv:3: byte 14: invalid UTF-8"),
    ("i.csv", b"id,text\na,x\na,y\n", r"i\.csv:3: duplicate document id 'a'"),
]


@pytest.mark.parametrize("name, content, message", BAD_TABLES,
                         ids=[row[2].split(":", 2)[-1][:30] for row in BAD_TABLES])
def test_table_errors_name_the_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_table(path)


def test_unknown_mapping_fields_are_a_parameter_error():
    with pytest.raises(ParameterError, match="unknown field\\(s\\) 'body'"):
        read_table(TABLES / "plain.csv", columns={"body": "text"})


def test_a_cell_longer_than_the_csv_modules_default_limit_is_read(tmp_path):
    path = tmp_path / "long.csv"
    long_text = "We condemn terrorism in all its forms. " * 5000
    path.write_text(f'text\n"{long_text}"\n')
    assert read_table(path).documents[0].text == long_text


def test_a_specific_reader_refuses_other_input():
    with pytest.raises(InputError, match="read_table reads table input, and this is text input"):
        read_table(SEED)


# --- UN General Debate Corpus layout ------------------------------------------
def mini_archive(tmp_path: Path) -> Path:
    path = tmp_path / "mini.tgz"
    with tarfile.open(path, "w:gz") as tar:
        tar.add(MINI, arcname=".", recursive=True)
    return path


@pytest.mark.parametrize("form", ["folder", "archive", "txt-folder"])
def test_ungdc_layout_gives_name_code_session_and_year_and_skips_the_rest(form, tmp_path):
    path = {"folder": MINI, "archive": None, "txt-folder": MINI / "TXT"}[form] or mini_archive(tmp_path)
    corpus = read_ungdc(path)
    assert [d.id for d in sorted(corpus, key=lambda d: d.id)] == ["EU_79_2024", "NOR_01_1946", "PAK_79_2024"]
    eu = corpus.document("EU_79_2024")
    assert (eu.actor, eu.actor_id, eu.year, dict(eu.meta)) == ("European Union", "EU", 2024, {"session": 79})
    assert [(d.actor, d.actor_id) for d in corpus if d.id != "EU_79_2024"] == [("Norway", "NOR"), ("Pakistan", "PAK")]
    assert eu.text.startswith("The European Union")  # byte-order mark removed
    assert "forms and\r\nmanifestations" in eu.text  # CRLF kept
    reasons = sorted(s.reason for s in corpus.skipped)
    expected = [
        "file name disagrees with its folder 'Session 79 - 2024'",
        "macOS AppleDouble file, not a document",
        "macOS AppleDouble file, not a document",
        "macOS folder metadata (.DS_Store)",
    ]
    if form != "txt-folder":
        expected.append("not a speech file (expected Session NN - YYYY/ISO_NN_YYYY.txt)")
    assert reasons == sorted(expected)


def test_ungdc_codes_of_former_states_are_named_but_never_found_in_news_text():
    names = ungdc_names()
    assert [names[c] for c in ("CSK", "DDR", "YMD", "YUG")] == [
        "Czechoslovakia", "German Democratic Republic", "Democratic Yemen", "Yugoslavia"]
    gazetteer = default_gazetteer()
    assert gazetteer.lookup("YUG") is None and gazetteer.lookup("Yugoslavia") is None
    assert gazetteer.lookup("German Democratic Republic") is None and gazetteer.lookup("Democratic Yemen") is None
    assert gazetteer.find("Yugoslavia and Czechoslovakia no longer exist".split()) == []
    assert speech_actor("SVN") == "Slovenia" and speech_actor("QQQ") == "QQQ"  # no name: the code, not a gap


def test_a_ungdc_code_file_row_naming_a_gazetteer_code_again_is_an_error(tmp_path, monkeypatch):
    import toolkit.io.data as data

    for name in ("states.tsv", "organizations.tsv"):
        shutil.copy(data.DATA / name, tmp_path / name)
    (tmp_path / "ungdc_codes.tsv").write_text("id\tname\nYUG\tYugoslavia\nFRA\tFrench Republic\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA", tmp_path)
    data.ungdc_names.cache_clear()
    try:
        with pytest.raises(InputError, match=r"ungdc_codes\.tsv:3: the code 'FRA' is the gazetteer's already"):
            data.ungdc_names()
    finally:
        data.ungdc_names.cache_clear()


def test_truncated_archive_is_an_error_naming_it(tmp_path):
    whole = mini_archive(tmp_path).read_bytes()
    cut = tmp_path / "cut.tgz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match=r"cut\.tgz.*unreadable archive"):
        read_ungdc(cut)


def test_locate_ungdc_reads_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("TOOLKIT_UNGDC", raising=False)
    assert locate_ungdc() is None
    monkeypatch.setenv("TOOLKIT_UNGDC", str(MINI))
    assert locate_ungdc() == MINI
    assert len(read_ungdc()) == 3
    monkeypatch.setenv("TOOLKIT_UNGDC", str(tmp_path / "missing.tgz"))
    with pytest.raises(InputError, match=r"missing\.tgz: the UN General Debate Corpus named by \$TOOLKIT_UNGDC"):
        locate_ungdc()


@pytest.mark.ungdc
def test_the_real_archive_has_10952_speeches_and_reports_every_skipped_file(ungdc_path):
    stream = iter_corpus(ungdc_path)
    ids: list[str] = []
    years: set[int] = set()
    actors: set[str | None] = set()
    names: dict[str | None, str | None] = {}
    first: dict = {}
    for doc in stream:
        ids.append(doc.id)
        assert doc.year is not None
        years.add(doc.year)
        actors.add(doc.actor_id)
        names[doc.actor_id] = doc.actor
        assert doc.meta["session"] == int(doc.id.split("_")[1])
        if doc.id in ("USA_75_2020", "FSM_46_1991"):
            first[doc.id] = doc
    assert len(ids) == len(set(ids)) == 10952
    assert (min(years), max(years)) == (1946, 2024)
    assert "EU" in actors and len(actors) == 200
    # Every code of the corpus has a name: none is left standing for itself.
    assert [code for code, name in names.items() if name == code] == []
    assert (names["SVN"], names["EU"], names["YUG"], names["YMD"]) == (
        "Slovenia", "European Union", "Yugoslavia", "Democratic Yemen")
    apple = [s for s in stream.skipped if s.reason == "macOS AppleDouble file, not a document"]
    assert len(apple) == 11040
    assert {s.source.rsplit("/", 1)[-1] for s in stream.skipped} >= {"README.txt", "Speakers_by_session.xlsx",
                                                                        ".DS_Store"}
    # Texts are the member's bytes decoded, BOM removed, lone CR line ends kept.
    with tarfile.open(ungdc_path) as tar:
        for doc_id, doc in first.items():
            member = next(m for m in tar.getmembers() if m.name.endswith(f"/{doc_id}.txt"))
            data = tar.extractfile(member)
            assert data is not None  # a regular file
            raw = data.read().decode("utf-8")
            assert doc.text == raw.removeprefix("\ufeff")
    assert "\r" in first["FSM_46_1991"].text


# --- reading options alike on every reader; symbolic links inside folders ----------------------------------------
def test_read_texts_and_read_table_take_encoding_errors_like_read_corpus(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Côte d'Ivoire condemns it.\n".encode("latin-1"))
    (tmp_path / "rows.csv").write_bytes("id,text\nr1,C\xf4te d'Ivoire condemns it.\n".encode("latin-1"))
    corpus = read_texts(tmp_path / "latin1.txt", encoding_errors="replace")
    assert corpus.document("latin1").text == "C\ufffdte d'Ivoire condemns it.\n"
    assert read_table(tmp_path / "rows.csv", encoding_errors="replace").document("r1").text.startswith("C\ufffdte")
    with pytest.raises(InputError, match=r"latin1\.txt:1: byte 1: invalid UTF-8"):
        read_texts(tmp_path / "latin1.txt")
    with pytest.raises(ParameterError, match=r"'encoding_errors' parameter of read_texts must be one of 'strict', "
                                             r"'replace'\. Got 'ignore'"):
        read_texts(tmp_path / "latin1.txt", encoding_errors="ignore")


def test_read_statement_table_reads_tsv_by_its_extension():
    from toolkit.io import read_statement_table

    tsv = read_statement_table(TABLES / "statements.tsv")
    assert list(tsv.columns) == ["ref", "country", "iso", "published", "body", "outlet"]
    assert tsv.equals(read_statement_table(TABLES / "statements.csv"))
    assert "\n" in tsv.loc[tsv.ref == "s2", "body"].item()  # a quoted cell across lines, as in the CSV


def _linked_corpus(tmp_path):
    """A folder of texts with a link to a file, to a folder elsewhere, back to itself, and to nothing."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "shared.txt").write_text("We condemn the attack.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "2025").mkdir(parents=True)
    (corpus / "own.txt").write_text("We deplore the violence.\n", encoding="utf-8")
    (corpus / "2025" / "statement.txt").write_text("We express our concern.\n", encoding="utf-8")
    (corpus / "archive").symlink_to(elsewhere, target_is_directory=True)
    (corpus / "link.txt").symlink_to(elsewhere / "shared.txt")
    (corpus / "2025" / "again").symlink_to(corpus, target_is_directory=True)
    (corpus / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    return corpus


def test_symbolic_links_inside_a_folder_are_followed_and_what_is_not_read_is_recorded(tmp_path):
    corpus = read_texts(_linked_corpus(tmp_path))
    assert [d.id for d in corpus] == ["link", "own", "2025/statement"]  # archive/shared.txt is link.txt
    assert corpus.document("link").text == "We condemn the attack.\n"
    skipped = {Path(s.source).relative_to(tmp_path / "corpus").as_posix(): s.reason for s in corpus.skipped}
    assert skipped == {
        "gone.txt": "broken symbolic link: it leads to nothing",
        "2025/again": "symbolic link loop: it leads to a folder that holds it",
        "archive/shared.txt": "the same file as link.txt (through a symbolic link), read once",
    }


def test_a_linked_folder_is_read_as_if_it_were_there(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "kept").symlink_to(TEXTS / "sub", target_is_directory=True)
    corpus = read_texts(tmp_path / "texts")
    assert [d.id for d in corpus] == ["kept/nested"] and corpus.skipped == ()


def test_a_folder_linked_twice_is_read_once_and_the_second_link_recorded(tmp_path):
    (tmp_path / "texts").mkdir()
    for name in ("a", "b"):
        (tmp_path / "texts" / name).symlink_to(TEXTS / "sub", target_is_directory=True)
    corpus = read_texts(tmp_path / "texts")
    assert [d.id for d in corpus] == ["a/nested"]
    assert [(Path(s.source).name, s.reason) for s in corpus.skipped] == [
        ("b", "the same folder as a (through a symbolic link), read once")]


def test_a_linked_session_folder_of_the_un_corpus_is_read(tmp_path):
    txt = tmp_path / "ungdc" / "TXT"
    txt.mkdir(parents=True)
    for session in (MINI / "TXT").iterdir():
        (txt / session.name).symlink_to(session, target_is_directory=True)
    linked = read_ungdc(tmp_path / "ungdc")
    assert [d.id for d in linked] == [d.id for d in read_ungdc(MINI)]
