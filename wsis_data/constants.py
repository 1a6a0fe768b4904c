"""The project's fixed vocabularies: languages, ITU regions, SDG colours and action line codes.

Everything that the data layer, the analytics and the pages must agree on lives here, once.
"""

from types import MappingProxyType

# Public language codes (URL `lang`, CLI `--lang`) → folder names in open-sdg/sdg-translations.
LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "es", "fr", "ru")
SOURCE_LANGUAGE_FOLDERS = MappingProxyType(
    {"ar": "ar", "zh": "zh-Hans", "en": "en", "es": "es", "fr": "fr", "ru": "ru"}
)
DEFAULT_LANGUAGE = "en"
# Each language's name in itself, as a language picker shows it.
LANGUAGE_NAMES = MappingProxyType(
    {"ar": "العربية", "zh": "中文", "en": "English", "es": "Español", "fr": "Français", "ru": "Русский"}
)
# Babel/CLDR locale of each language, for numbers, dates and country names.
BABEL_LOCALES = MappingProxyType({"ar": "ar", "zh": "zh_Hans", "en": "en", "es": "es", "fr": "fr", "ru": "ru"})
RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar"})

# The six ITU regions, in the order ITU lists them, plus the worldwide scope used by activities.
ITU_REGIONS: tuple[str, ...] = ("Africa", "Americas", "Arab States", "Asia-Pacific", "CIS", "Europe")
GLOBAL_SCOPE = "Global"
REGION_SCOPES: tuple[str, ...] = (GLOBAL_SCOPE, *ITU_REGIONS)

# ITU sectors: Radiocommunication, Standardization, Development, and the General Secretariat.
ITU_SECTORS: tuple[str, ...] = ("R", "T", "D", "GS")

MAPPING_BASES: tuple[str, ...] = ("official", "curated")

SDG_GOALS: tuple[int, ...] = tuple(range(1, 18))

# Official SDG colours, from the UN Sustainable Development Goals communication guidelines.
SDG_COLOURS = MappingProxyType(
    {
        1: "#E5243B",
        2: "#DDA63A",
        3: "#4C9F38",
        4: "#C5192D",
        5: "#FF3A21",
        6: "#26BDE2",
        7: "#FCC30B",
        8: "#A21942",
        9: "#FD6925",
        10: "#DD1367",
        11: "#FD9D24",
        12: "#BF8B2E",
        13: "#3F7E44",
        14: "#0A97D9",
        15: "#56C02B",
        16: "#00689D",
        17: "#19486A",
    }
)

# The 18 rows of the matrix in the order of the raw file: C7 is split into its eight e-applications.
C7_PARTS: tuple[str, ...] = tuple(f"C7.{i}" for i in range(1, 9))
ACTION_LINE_CODES: tuple[str, ...] = ("C1", "C2", "C3", "C4", "C5", "C6", *C7_PARTS, "C8", "C9", "C10", "C11")
C7_CODE = "C7"

# View options shared by the analytics, the URL contract and the command line.
DEFAULT_HLPF_YEAR = 2026
C7_MODES: tuple[str, ...] = ("split", "merged")
MATRIX_LEVELS: tuple[str, ...] = ("goal", "target")
PALETTES: tuple[str, ...] = ("sdg", "cividis")
