"""Text from a URL, a data table, an import or a curator, shown as plain text in Streamlit's Markdown elements.

Codes and Latin text inside a right-to-left sentence (a target such as 16.b, an action line code, an English
rationale) are wrapped in Unicode isolates (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE), so that the
bidirectional algorithm lays them out on their own and "16.b" never reads as "b.16"; left to right they change
nothing that shows.
"""

from wsis_data.safe_text import escape_markdown

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolated(text: object) -> str:
    """Return `text` as a bidirectional isolate (for plain text: a widget option, a caption part)."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def plain(text: object) -> str:
    """Return Markdown that shows `text` literally, isolated from the direction of the sentence around it."""
    return isolated(escape_markdown(str(text)))
