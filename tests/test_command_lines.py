"""Bad arguments to `python -m analytics.export` and `python -m wsis_data`: exit 2, one `error:` line, no file left."""

import errno
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from analytics.export import __main__ as export_cli
from analytics.export import files
from analytics.export.files import UnwritablePath, check_writable, write_atomically
from tests.conftest import ROOT
from wsis_data import __main__ as data_cli


def run(main, args: list[str], capsys) -> tuple[int, str, str]:
    try:
        status = main(args)
    except SystemExit as exit_:
        status = exit_.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_error_line(status: int, out: str, err: str, expected: str) -> None:
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("error: "), err
    assert expected in err


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "existing_file").write_bytes(b"kept")
    return tmp_path


def out_cases(folder):
    return {
        "name too long": (str(folder / ("a" * 300 + ".zip")), "the file name is 304 bytes long: expected at most 255"),
        "path too long": (str(folder / "/".join(["b" * 200] * 25) / "x.zip"), "the path is too long"),
        "virtual /proc": ("/proc/pack.zip", "the folder /proc does not accept new files"),
        "virtual /sys": ("/sys/pack.zip", "the folder /sys does not accept new files"),
        "existing folder": (str(folder), "it is a folder"),
        "file as folder": (str(folder / "existing_file" / "x.zip"), "existing_file is a file, not a folder"),
        "file deeper as folder": (
            str(folder / "existing_file" / "a" / "x.zip"),
            "existing_file is a file, not a folder",
        ),
        "missing parent": (str(folder / "missing" / "x.zip"), "missing does not exist"),
        "device": ("/dev/null", "it exists and is not a regular file"),
        "null byte": (str(folder / "a\0b.zip"), "embedded null byte"),
    }


CASES = list(out_cases(ROOT))


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", [["hlpf", "--year", "2025"], ["chart", "--name", "coverage", "--format", "csv"]])
def test_an_unwritable_output_path_is_one_error_line_with_exit_2_and_leaves_no_file(folder, capsys, case, command):
    out, expected = out_cases(folder)[case]
    before = sorted(os.listdir(folder))
    status, stdout, stderr = run(export_cli.main, [*command, "--out", out], capsys)
    assert_one_error_line(status, stdout, stderr, expected)
    assert sorted(os.listdir(folder)) == before
    assert (folder / "existing_file").read_bytes() == b"kept"


def test_a_read_only_file_system_is_named(folder, monkeypatch):
    monkeypatch.setattr(files.os, "statvfs", lambda path: SimpleNamespace(f_flag=os.ST_RDONLY))
    with pytest.raises(UnwritablePath, match="is on a read-only file system"):
        check_writable(folder / "pack.zip")


def test_a_folder_that_refuses_the_temporary_file_is_named(folder, monkeypatch):
    def refuse(**_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(UnwritablePath, match="is on a read-only file system"):
        check_writable(folder / "pack.zip")


def test_a_failed_write_leaves_neither_the_file_nor_its_temporary(folder):
    def write(handle):
        handle.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_atomically(folder / "pack.zip", write)
    assert sorted(os.listdir(folder)) == ["existing_file"]


def test_a_name_as_long_as_the_file_system_allows_is_written(folder):
    path = folder / ("a" * 251 + ".csv")
    write_atomically(path, lambda handle: handle.write(b"x"))
    assert path.read_bytes() == b"x"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "the following arguments are required: command"),
        (["pie"], "invalid choice: 'pie'"),
        (["hlpf", "--year", "2025"], "the following arguments are required: --out"),
        (["hlpf", "--year", "abc", "--out", "x.zip"], "--year='abc': expected a year from"),
        (["hlpf", "--year", "²", "--out", "x.zip"], "--year='²': expected a year from"),
        (["hlpf", "--year", "2031", "--out", "x.zip"], "--year='2031': expected a year from"),
        (["hlpf", "--sdg", "²", "--out", "x.zip"], "--sdg='²': expected comma-separated goal numbers"),
        (["hlpf", "--sdg", "", "--out", "x.zip"], "--sdg='': expected comma-separated goal numbers"),
        (["chart", "--name", "coverage", "--format", "csv", "--sdg", ",", "--out", "x.zip"], "--sdg=','"),
        (["hlpf", "--year", "2025", "--c7", "bad", "--out", "x.zip"], "--c7='bad': expected split or merged"),
        (["hlpf", "--year", "2025", "--out", "x.zip", "--bogus"], "unrecognized arguments: --bogus"),
        (["chart", "--name", "coverage", "--out", "x.zip"], "the following arguments are required: --format"),
    ],
)
def test_a_bad_export_argument_is_one_error_line_with_exit_2(tmp_path, capsys, args, expected):
    args = [str(tmp_path / arg) if arg == "x.zip" else arg for arg in args]
    assert_one_error_line(*run(export_cli.main, args, capsys), expected)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "the following arguments are required: command"),
        (["import"], "invalid choice: 'import'"),
        (["validate"], "the following arguments are required: path"),
        (["summary", "--csv"], "unrecognized arguments: --csv"),
        (["validate", "a.csv", "b.csv"], "unrecognized arguments: b.csv"),
    ],
)
def test_a_bad_data_argument_is_one_error_line_with_exit_2(capsys, args, expected):
    assert_one_error_line(*run(data_cli.main, args, capsys), expected)


def test_a_rejected_activity_file_is_one_error_line_on_stderr_and_its_problems_on_stdout(tmp_path, capsys):
    status, out, err = run(data_cli.main, ["validate", str(tmp_path / "missing.csv")], capsys)
    assert status == 2
    assert err == f"error: {tmp_path / 'missing.csv'}: 1 problem(s)\n"
    assert out == "cannot read the file: No such file or directory\n"


def test_the_export_command_line_run_as_a_user_prints_one_error_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analytics.export", "hlpf", "--year", "2025", "--out", "/proc/pack.zip"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "error: cannot write /proc/pack.zip: the folder /proc does not accept new files (No such file or directory)"
    ]


# Commands that print: each is run with its standard output closed by the reader, and with no standard output.
PRINTING_COMMANDS = [
    ["analytics", "summary", "--json"],
    ["analytics", "evidence", "--json"],
    ["wsis_data", "summary", "--json"],
]


@pytest.mark.parametrize("command", PRINTING_COMMANDS, ids=" ".join)
def test_a_standard_output_closed_by_its_reader_is_one_error_line_with_exit_2_not_a_traceback(command):
    process = subprocess.Popen(
        [sys.executable, "-m", *command], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    process.stdout.close()  # as `| head -c0` does
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait() == 2
    assert err.splitlines() == [
        "error: the standard output was closed by its reader before everything was printed (broken pipe)"
    ]


@pytest.mark.parametrize("command", PRINTING_COMMANDS[:1], ids=" ".join)
def test_a_closed_standard_output_is_an_error_not_a_silent_success(command):
    result = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(1),  # as `>&-` does
    )
    assert (result.returncode, result.stderr.splitlines()) == (
        2,
        ["error: the standard output is closed: nothing can be printed"],
    )


def test_a_path_with_a_line_break_or_a_direction_override_stays_on_the_one_error_line(tmp_path, capsys):
    path = tmp_path / "new\nline\u202e.csv"
    status, _out, err = run(data_cli.main, ["validate", str(path)], capsys)
    assert status == 2
    assert err == f"error: {tmp_path}/new\\nline\\u202e.csv: 1 problem(s)\n"
