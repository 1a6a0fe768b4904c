"""Text from a URL, a data table, an import or a curator, shown as plain text in Streamlit's Markdown elements.

In a right-to-left language, codes and Latin text inside a sentence (a target such as 16.b, an action line code,
an English rationale) are wrapped in Unicode isolates (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE), so that
the bidirectional algorithm lays them out on their own and "16.b" never reads as "b.16". Left to right, the text
is left as it is (so that a browser's find in page matches it).
"""

from wsis_data.constants import RIGHT_TO_LEFT_LANGUAGES
from wsis_data.safe_text import escape_markdown, without_direction_controls

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolated(text: object, lang: str) -> str:
    """Return `text` as a bidirectional isolate in a right-to-left language (for plain text: a widget option); the
    direction controls it carries are dropped in every language, so that it cannot reorder the text around it."""
    text = without_direction_controls(str(text))
    if lang in RIGHT_TO_LEFT_LANGUAGES:
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def plain(text: object, lang: str) -> str:
    """Return Markdown that shows `text` literally, isolated from the direction of the sentence around it."""
    return isolated(escape_markdown(str(text)), lang)
