"""The project's command lines answer a bad argument the same way: one `error: …` line on stderr and exit status 2."""

import argparse
import os
import sys
from collections.abc import Callable
from typing import NoReturn

EXIT_USAGE = 2


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one `error: …` line (no usage block), exit status 2; `--help` is unchanged."""

    def error(self, message: str) -> NoReturn:
        """Print one line naming the bad argument, with a pointer to --help, and exit 2."""
        self.exit(EXIT_USAGE, f"error: {' '.join(message.split())} (see {self.prog} --help)\n")


def printable(value: object) -> str:
    """Return `value` as text with every character that is not printable (a line break, NUL, a bidirectional
    override) written as its escape, so that a path or name given on the command line stays on one line as typed."""
    return "".join(character if character.isprintable() else repr(character)[1:-1] for character in str(value))


def fail(message: str) -> int:
    """Print one `error: …` line on stderr and return the exit status of a bad argument."""
    print(f"error: {' '.join(str(message).split())}", file=sys.stderr)
    return EXIT_USAGE


def run(main: Callable[[], int]) -> NoReturn:
    """Exit with the status of `main`; a standard output that is closed, or that its reader closes (`| head -c0`),
    is one `error:` line and exit 2, not a traceback, and never a silent success."""
    if sys.stdout is None:
        sys.exit(fail("the standard output is closed: nothing can be printed"))
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # What is still buffered would fail again when the interpreter flushes it on exit: send it nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = fail("the standard output was closed by its reader before everything was printed (broken pipe)")
    sys.exit(status)
