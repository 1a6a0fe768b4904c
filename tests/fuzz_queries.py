"""Fuzzed query strings (SYNTHETIC, made by a seeded generator): digits of other scripts, huge numbers, repeated
parameters, Markdown and HTML payloads, control characters and very long values, empty values and lists, upper
case, zero-width and direction characters, for every public parameter."""

import random
import urllib.parse

from analytics.request import PARAMETERS

VALID = {
    "lang": ["ar", "fr", "zh"],
    "region": ["Africa", "Arab States", "Global"],
    "hlpf": ["2025", "2019"],
    "al": ["C6", "C7.3"],
    "focus": ["C1", "C11"],
    "level": ["target", "goal"],
    "c7": ["merged"],
    "palette": ["okabe_ito", "viridis"],
    "value": ["linked", "targets"],
    "kind": ["target"],
    "edition": ["1"],
    "base": ["1", "2"],
    "sdg": ["6", "6,18", "3,5,9,16,17"],
    "sector": ["D", "R,T"],
    "source": ["itu_activities", "itu_activities,wsis_prizes"],
    "cell": ["C6:16", "C1:3", "C7.1:9"],
}
HOSTILE = (
    "²",
    "٣",
    "１７",
    "߁",
    "9" * 5000,
    "-1",
    "1e309",
    "NaN",
    "[sign in again](https://attacker.example/login)",
    "![x](https://attacker.example/pixel.png)",
    '<img src="https://attacker.example/i.png">',
    "<script>alert(1)</script>",
    ":material/warning: :red[alert]",
    "www.attacker.example",
    "$x^2$",
    "**bold** _it_ `code`",
    "\x00\x01\x1b[31m",
    "\r\n\t",
    "\u202e\u2066",
    "C6:16:17",
    "C6:" + "1" * 40,
    ",,,,",
    "6," * 400,
    "x" * 100_000,
    "%00",
    "Global\n",
    " Africa ",
    "🙂",
    "",
    ",",
    "EN",
    "AFRICA",
    "\u200b6",
    "６",
    "𝟔",
    "C６:16",
    "C7.3:",
    "\u202eAfrica",
    "1," * 10_000,
    "+",
)


def fuzz_queries(count: int, seed: int = 12) -> list[str]:
    """Return `count` query strings: each sets one to five parameters (some repeated) to valid or hostile values."""
    chooser = random.Random(seed)
    queries = []
    for _ in range(count):
        pairs = []
        for _ in range(chooser.randint(1, 5)):
            name = chooser.choice(PARAMETERS)
            if chooser.random() < 0.3:
                value = chooser.choice(VALID[name])
            elif chooser.random() < 0.5:
                value = chooser.choice(HOSTILE)
            else:
                value = chooser.choice(VALID[name]) + chooser.choice(HOSTILE)[: chooser.randint(1, 50)]
            pairs.append((name, value))
            if chooser.random() < 0.1:
                pairs.append((name, chooser.choice(HOSTILE)))  # a repeated parameter
        if chooser.random() < 0.05:
            pairs.append((chooser.choice(HOSTILE)[:20], "1"))  # a name the app does not know
        queries.append(urllib.parse.urlencode(pairs))
    return queries


def query_params(query: str) -> dict[str, list[str]]:
    """Return a query string's parameters as a browser sends them (repeated ones as lists)."""
    return urllib.parse.parse_qs(query, keep_blank_values=True)
