"""Text from a URL, a data table, an import or a curator, shown as plain text in Streamlit's Markdown elements,
isolated from the direction of the sentence around it (`messages.isolated`)."""

from messages import isolated
from wsis_data.safe_text import escape_markdown


def plain(text: object, lang: str) -> str:
    """Return Markdown that shows `text` literally, isolated from the direction of the sentence around it."""
    return isolated(escape_markdown(str(text)), lang)
