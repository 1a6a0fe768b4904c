"""Text shown literally in Streamlit's Markdown, and colours validated before they reach a style attribute."""

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from messages import isolated
from tests.hostile_inputs import MARKUP_PAYLOADS
from ui.plain import plain
from wsis_data.constants import LANGUAGES
from wsis_data.safe_text import WORD_JOINER, escape_html, escape_markdown, safe_colour, without_direction_controls

# CommonMark with GitHub's tables, strikethrough and autolinks of bare addresses (www.…, https://…, e-mail).
RENDERER = MarkdownIt("gfm-like")
ALLOWED_TAGS = {"p", "br"}
TAG = re.compile(r"</?([a-zA-Z0-9]+)")


def rendered(text: str) -> str:
    return RENDERER.render(escape_markdown(text))


def shown_text(html_text: str) -> str:
    """Return what a reader sees: the rendered text without tags, entities decoded, spacing normalised."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", html_text)).replace(WORD_JOINER, "").replace("\u00a0", " ")
    return " ".join(text.split())


PAYLOADS = {
    "link": "[sign in again](https://attacker.example/login)",
    "image": "![x](https://attacker.example/pixel.png)",
    "reference link": "[a][1]\n\n[1]: https://attacker.example",
    "bare address": "www.attacker.example and https://attacker.example/x",
    "e-mail": "curator@attacker.example",
    "angle autolink": "<https://attacker.example>",
    "html tag": '<img src="https://attacker.example/p.png" onerror="alert(1)">',
    "html entity": "&lt;b&gt; &#x3C;",
    "emphasis": "**bold** _italic_ ~~struck~~ `code`",
    "heading": "# Heading\nSetext\n===",
    "list and quote": "- item\n1. item\n> quote",
    "table": "| a | b |\n|---|---|\n| 1 | 2 |",
    "code block": "text\n\n    indented code\n```\nfenced\n```",
    "rule": "---\n***",
}


@pytest.mark.parametrize("name", PAYLOADS)
def test_markdown_in_text_renders_as_plain_text_with_no_element(name):
    text = PAYLOADS[name]
    output = rendered(text)
    assert set(TAG.findall(output)) <= ALLOWED_TAGS, output
    assert shown_text(output) == " ".join(text.split())


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS, ids=ascii)
def test_every_hostile_markup_payload_renders_as_plain_text_with_no_element(payload):
    output = rendered(payload)
    assert set(TAG.findall(output)) <= ALLOWED_TAGS, output
    assert shown_text(output) == " ".join(without_direction_controls(payload).split())


# CommonMark with raw HTML, as Streamlit reads `st.markdown(..., unsafe_allow_html=True)`.
HTML_RENDERER = MarkdownIt("commonmark")


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS, ids=ascii)
def test_text_in_an_html_block_cannot_end_the_block_and_be_read_as_markdown(payload):
    output = HTML_RENDERER.render(f'<div style="x"><p>{escape_html(payload)}</p></div>')
    assert set(TAG.findall(output)) <= {"div", "p", "br"}, output
    assert output.count("<p>") == 1, output


DIRECTION_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("control", DIRECTION_CONTROLS, ids=ascii)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_direction_control_in_outside_text_cannot_reorder_the_text_after_it(control, lang):
    title = f"Edition{control} 2026-07-01"
    for shown_as in (escape_markdown(title), plain(title, lang), isolated(title, lang)):
        inner = shown_as.removeprefix("\u2068").removesuffix("\u2069")  # the isolate the app itself adds
        assert not set(inner) & set(DIRECTION_CONTROLS), ascii(shown_as)


@pytest.mark.parametrize("text", ["rationale\n", "rationale\r\n\r\n", "rationale\n  \n\t", "\n"], ids=ascii)
def test_line_breaks_at_the_end_of_a_text_show_no_stray_backslash(text):
    assert shown_text(rendered(text)) == text.strip()


def test_marks_that_only_nudge_neutral_characters_and_the_joiners_stay():
    text = "\u200f(1)\u200e \u061c\u200c\u200d"
    assert escape_markdown(text) == "\u200f\\(1\\)\u200e \u061c\u200c\u200d"


@pytest.mark.parametrize(
    "text",
    [
        ":red[coloured]",
        ":blue-background[x]",
        ":small[x]",
        ":green-badge[x]",
        ":material/home:",
        ":smile:",
        ":streamlit:",
    ],
)
def test_streamlit_directives_and_shortcodes_cannot_form(text):
    escaped = escape_markdown(text)
    assert ":" + WORD_JOINER in escaped.replace("\\", "")
    assert "[" not in escaped.replace("\\[", "")
    assert not re.search(r"(?<!\\):", escaped)


@pytest.mark.parametrize("text", ["$x^2$", "$$\n\\int x\n$$"])
def test_latex_dollars_are_escaped(text):
    assert not re.search(r"(?<!\\)\$", escape_markdown(text))


@pytest.mark.parametrize("pair", ["->", "<-", "<->", "--", ">=", "<=", "~="])
def test_typographic_pairs_stay_as_typed(pair):
    escaped = escape_markdown(pair).replace("\\", "")
    assert pair not in escaped
    assert escaped.replace(WORD_JOINER, "") == pair


def test_line_breaks_show_as_line_breaks_and_indentation_is_not_code():
    output = rendered("first line\n    second line")
    assert output.count("<br />") == 1 and "<code>" not in output and "<pre>" not in output


@given(st.text())
def test_any_text_renders_with_no_element_but_paragraphs_and_breaks(text):
    assert set(TAG.findall(rendered(text))) <= ALLOWED_TAGS


@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x00", whitelist_characters="\n"
        )
    )
)
def test_any_text_shows_exactly_as_written(text):
    assert shown_text(rendered(text)) == " ".join(without_direction_controls(text).replace("\u00a0", " ").split())


@given(st.text())
def test_no_ascii_punctuation_is_left_unescaped(text):
    escaped = escape_markdown(text)
    position = 0
    while position < len(escaped):
        character = escaped[position]
        if character == "\\":
            position += 2
            continue
        assert not (character.isascii() and not character.isalnum() and character.isprintable() and character != " ")
        position += 1


@pytest.mark.parametrize("colour", ["#E5243B", "#00aeef", "#000000"])
def test_a_hex_colour_is_returned_unchanged(colour):
    assert safe_colour(colour) == colour


@pytest.mark.parametrize(
    "value",
    [
        "red",
        "#E5243",
        "#E5243BB",
        "#GGGGGG",
        "#E5243B;background:url(https://attacker.example)",
        "#E5243B\n",
        " #E5243B",
        "",
        None,
        0xE5243B,
        "#ＥＥ0000",
    ],
)
def test_anything_but_a_hex_colour_is_refused_with_its_value(value):
    with pytest.raises(ValueError, match="expected #RRGGBB"):
        safe_colour(value)


@given(st.text())
def test_only_strings_of_the_form_hash_and_six_hex_digits_pass(text):
    try:
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", safe_colour(text))
    except ValueError:
        assert not re.fullmatch(r"#[0-9A-Fa-f]{6}", text)
