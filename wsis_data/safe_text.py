"""Text from a URL, a data table, an import or a curator, made safe to place in Streamlit's Markdown or in CSS.

`escape_markdown(text)` returns Markdown that shows `text` literally wherever Streamlit interprets Markdown
(`st.markdown`, `st.caption`, `st.info`, widget labels): no link, image, emphasis, heading, list, table, code,
HTML tag or entity, autolink (`www.…`, `https://…`, e-mail), LaTeX (`$`), directive (`:red[…]`, `:small[…]`) or
shortcode (`:material/…:`, `:smile:`, `:streamlit:`), and no typographic replacement (`->` stays `->`).
`escape_html(text)` returns HTML text for an HTML block inside Markdown (`unsafe_allow_html`): escaped, and its
line breaks written as `<br>`, since a blank line ends the block and Markdown would read what follows (a link).
`safe_colour(value)` returns a colour only when it is exactly `#RRGGBB`, for a style attribute or CSS.
`without_direction_controls(text)` drops the explicit bidirectional embeddings, overrides and isolates
(U+202A–U+202E, U+2066–U+2069) that text from outside may carry: an unclosed RIGHT-TO-LEFT OVERRIDE in an action
line title or an imported project's name would reverse everything after it on the line (a date, a figure, the
app's own words). The marks that only nudge neutral characters (LRM, RLM, ALM) and the joiners stay.
"""

import html
import re
import string

# CommonMark lets a backslash escape any ASCII punctuation character, and then shows the character itself.
_PUNCTUATION = frozenset(string.punctuation)
# Streamlit replaces shortcodes (`:name:`) and typographic pairs (`->`, `<=`, `--`, `~=`) in the text that
# Markdown parsing leaves, after escapes are consumed. A WORD JOINER (invisible, no line break) after the first
# character keeps such a pair or shortcode from forming.
WORD_JOINER = "\u2060"
_JOINED_AFTER = frozenset(":-<>~@")
# Streamlit's renderer (micromark's GFM autolink literals) links `www.` and `name@host` even when their
# punctuation is escaped: a WORD JOINER inside `www` and after `@` keeps them from forming.
_WWW = re.compile(r"(?i)(w)(ww\.)")
_LINE_START_SPACE = re.compile(r"(?m)^[ \t]+")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_direction_controls(text: str) -> str:
    """Return `text` without bidirectional embeddings, overrides and isolates, which could reorder what follows."""
    return _DIRECTION_CONTROLS.sub("", text)


def _indentation(match: re.Match[str]) -> str:
    # Spaces at the start of a line would make an indented code block; no-break spaces look the same.
    return "\u00a0" * len(match.group(0).replace("\t", "    "))


def escape_markdown(text: str) -> str:
    """Return Markdown that Streamlit shows as exactly `text`: every character that Markdown or Streamlit's
    extensions interpret is escaped, and line breaks stay line breaks."""
    text = without_direction_controls(str(text)).replace("\x00", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_START_SPACE.sub(_indentation, text)
    text = _WWW.sub(lambda match: match.group(1) + WORD_JOINER + match.group(2), text)
    escaped = []
    for character in text:
        if character in _PUNCTUATION:
            escaped.append("\\" + character)
            if character in _JOINED_AFTER:
                escaped.append(WORD_JOINER)
        else:
            escaped.append(character)
    # A backslash at the end of a line is a hard line break: the line breaks of the text show as such. After the
    # last line it would show as a backslash, so line breaks (and spaces) at the end of the text are dropped.
    return "".join(escaped).rstrip().replace("\n", "\\\n")


def escape_html(text: object) -> str:
    """Return HTML that shows `text` literally inside an HTML block of Markdown: escaped, with no line break that
    could end the block (each is a `<br>`)."""
    lines = html.escape(without_direction_controls(str(text)), quote=True).replace("\r\n", "\n").replace("\r", "\n")
    return lines.replace("\n", "<br>")


def safe_colour(value: object) -> str:
    """Return `value` when it is a colour written exactly as `#RRGGBB`, else raise ValueError naming it."""
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise ValueError(f"{str(value)[:40]!r} is not a colour: expected #RRGGBB, as in #E5243B")
    return value
