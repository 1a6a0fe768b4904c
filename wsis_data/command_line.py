"""The project's command lines answer a bad argument the same way: one `error: …` line on stderr and exit status 2."""

import argparse
import sys
from typing import NoReturn

EXIT_USAGE = 2


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one `error: …` line (no usage block), exit status 2; `--help` is unchanged."""

    def error(self, message: str) -> NoReturn:
        """Print one line naming the bad argument, with a pointer to --help, and exit 2."""
        self.exit(EXIT_USAGE, f"error: {' '.join(message.split())} (see {self.prog} --help)\n")


def fail(message: str) -> int:
    """Print one `error: …` line on stderr and return the exit status of a bad argument."""
    print(f"error: {' '.join(str(message).split())}", file=sys.stderr)
    return EXIT_USAGE
