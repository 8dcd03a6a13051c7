import pytest

from toolkit.errors import InputError, ParameterError, ToolkitError, check_parameter


def test_input_error_names_file_line_and_column():
    err = InputError("missing field 'actor'", source="corpora/x.jsonl", line=41, column=7)
    assert str(err) == "corpora/x.jsonl:41:7: missing field 'actor'"
    assert err.exit_code == 1


def test_input_error_message_is_always_one_line():
    err = InputError("bad\nthing\r\nhere", source="a.csv")
    assert str(err) == "a.csv: bad thing here"
    assert "\n" not in str(ToolkitError("two\nlines"))


def test_input_error_with_byte_offset():
    assert str(InputError("invalid UTF-8", source="a.txt", line=2, offset=17)) == "a.txt:2: byte 17: invalid UTF-8"


def test_parameter_error_uses_the_one_template_and_exit_status_2():
    with pytest.raises(ParameterError, match=r"^The 'window' parameter of kwic must be an int >= 0\. Got -3 instead\.$"):
        check_parameter("window", -3, "kwic", "an int >= 0", ok=False)
    assert ParameterError("x").exit_code == 2
    assert issubclass(ParameterError, ValueError)
