"""What a reader sees of the Markdown the pages send: escapes and invisible direction marks taken out."""

import re

from messages import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE
from wsis_data.safe_text import WORD_JOINER

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(markdown: str) -> str:
    """Return the text a Markdown string shows once its backslash escapes and isolates are read."""
    for invisible in (FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE, WORD_JOINER):
        markdown = markdown.replace(invisible, "")
    return _ESCAPED.sub(r"\1", markdown)
