"""Figures (numbers, money, percentages, dates, times) in text, and whether a summary's figures are stated in its source."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from text_to_num import text2num

__all__ = ["Figure", "FigureIndex", "extract_figures", "check_figures", "is_supported"]

# Kinds whose value is a float and which are compared numerically.
NUMERIC_KINDS = frozenset({"count", "quantity", "money", "percent", "year", "ordinal", "fraction"})


@dataclass(frozen=True)
class Figure:
    """One figure as written in a text, with its normalised value.

    Dates have an ISO-like string value ("2022-10-15", "--10-15", "2022-10"); a numeric date whose
    day and month could be either way round ("5/10/2023") holds both readings: "2023-10-05|2023-05-10".
    """

    text: str
    start: int
    end: int
    kind: str
    value: float | str
    unit: str | None = None
    comparator: str | None = None
    high: float | None = None
    #: For counts and vague amounts: the word after the figure ("5,000 protesters" -> "protester",
    #: "thousands of people" -> "people"), so that a vague amount is stated only by a count of the
    #: same thing. Not part of the figure's identity.
    noun: str | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> tuple:
        """What support is judged on: category, value, upper bound and unit (comparator and text excluded)."""
        cat = "num" if self.kind in NUMERIC_KINDS else self.kind
        return (cat, self.value, self.high, self.unit)


# ---------------------------------------------------------------- vocabularies

_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
          "eighty ninety").split()
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Ordinal words from "third" up ("first" and "second" are everyday words, not figures).
_ORDINAL_WORDS = {w: float(i) for i, w in enumerate(
    "_ _ _ third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth".split()) if w != "_"}
_ORDINAL_UNITS = {"first": 1.0, "second": 2.0, **_ORDINAL_WORDS}
_TENS = {"twenty": 20.0, "thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0,
         "eighty": 80.0, "ninety": 90.0}
_ORDINAL_WORDS.update({w[:-1] + "ieth": v for w, v in _TENS.items()})
_ORDINAL_WORDS.update({"hundredth": 100.0, "thousandth": 1000.0, "millionth": 1e6})
# Words after which an ordinal word names a thing rather than ranks it ("third party").
_ORDINAL_NAMES = frozenset("party parties world reich estate way".split())
_FRACTION_DENOMS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
# "second half of the season", "the other half": a half that is a part, not a share.
_HALF_NOT_AFTER = frozenset("first second other latter former back top bottom front lower upper "
                            "northern southern eastern western the this that each same".split())
_ABBR_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of words, factored as a trie so the engine does not try each word in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        # Greedy "?" keeps the longest word first ("seventeen" before "seven").
        return body + "?" if optional else body

    return "(?:" + emit(trie) + ")"


_W = _trie_regex(_SMALL + list(_SCALES) + ["dozen"])
_NUMBER_WORDS = frozenset(_SMALL) | frozenset(_TENS) | frozenset(_SCALES) | {"dozen"}

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# A dot only after an abbreviation ("Sept. 5"): after "September" it ends the sentence.
_MON = "(?:" + _trie_regex([m for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july")]) + "|" + _trie_regex(
    [m for m in _MONTHS if len(m) <= 4 and m not in ("may", "june", "july")]) + r"\.?)"
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Unit spellings -> canonical unit; longest spellings are tried first.
_UNITS = {
    "%": "%", "per cent": "%", "percent": "%", "per-cent": "%", "pc": "%", "percentage points": "pp", "percentage point": "pp",
    "basis points": "bp", "basis point": "bp", "bps": "bp",
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m", "cm": "cm", "centimetre": "cm",
    "centimetres": "cm", "centimeter": "cm", "centimeters": "cm", "mm": "mm", "millimetres": "mm",
    "mile": "mi", "miles": "mi", "ft": "ft", "foot": "ft", "feet": "ft", "inch": "in", "inches": "in",
    "yard": "yd", "yards": "yd", "yd": "yd", "yds": "yd",
    "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
    "kilogramme": "kg", "kilogrammes": "kg", "gram": "g", "grams": "g", "grammes": "g",
    "mg": "mg", "milligrams": "mg", "lb": "lb", "lbs": "lb", "stone": "st", "st": "st", "ounces": "oz", "oz": "oz",
    "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t",
    "mph": "mph", "miles per hour": "mph", "km/h": "kph", "km / h": "kph", "km/hr": "kph", "kph": "kph",
    "kilometres per hour": "kph", "kilometers per hour": "kph", "knots": "kn",
    "acre": "acre", "acres": "acre", "hectare": "ha", "hectares": "ha", "sq km": "km2",
    "square kilometres": "km2", "square miles": "mi2", "sq ft": "ft2", "square feet": "ft2",
    "litre": "l", "litres": "l", "liter": "l", "liters": "l", "ml": "ml", "millilitres": "ml",
    "gallon": "gal", "gallons": "gal", "barrels": "bbl", "calories": "kcal", "degrees": "deg", "degree": "deg",
    # Temperatures. "c", "f" and "in" count only glued to the number ("30C", "86F", "5ft 10in"); a
    # glued "c" is read as Celsius, though some feeds write cents so ("50c a litre").
    "°": "deg", "°c": "degC", "° c": "degC", "°f": "degF", "° f": "degF", "c": "degC", "f": "degF",
    "celsius": "degC", "centigrade": "degC", "fahrenheit": "degF", "degrees celsius": "degC",
    "degrees centigrade": "degC", "degrees fahrenheit": "degF", "degrees c": "degC", "degrees f": "degF",
    "in": "in", "fold": "x", "times over": "x", "x": "x", "times": "times",
    # Power, energy, data, engines: "a 500MW plant", "500 MW", "500-megawatt"; W, V and x only glued.
    "mw": "MW", "megawatt": "MW", "megawatts": "MW", "gw": "GW", "gigawatt": "GW", "gigawatts": "GW",
    "kw": "kW", "kilowatt": "kW", "kilowatts": "kW", "kwh": "kWh", "kilowatt hours": "kWh", "mwh": "MWh",
    "gwh": "GWh", "twh": "TWh", "w": "W", "watt": "W", "watts": "W", "v": "V", "volt": "V", "volts": "V",
    "gb": "GB", "gigabyte": "GB", "gigabytes": "GB", "mb": "MB", "megabyte": "MB", "megabytes": "MB",
    "tb": "TB", "terabyte": "TB", "terabytes": "TB", "ghz": "GHz", "mhz": "MHz", "hp": "hp", "bhp": "hp",
    "horsepower": "hp", "cc": "cc", "mah": "mAh", "psi": "psi", "rpm": "rpm", "mpg": "mpg",
    "hr": "hour", "ms": "ms", "millisecond": "ms", "milliseconds": "ms",
    # Ages have units of their own: "the 20-year-old" is not "jailed for 20 years".
    "year-old": "age", "years-old": "age", "years old": "age", "year old": "age",
    "month-old": "age-months", "months old": "age-months", "month old": "age-months",
    "week-old": "age-weeks", "weeks old": "age-weeks", "week old": "age-weeks",
    "day-old": "age-days", "days old": "age-days", "day old": "age-days",
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "month": "month", "months": "month",
    "week": "week", "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
    "hrs": "hour", "minute": "minute", "minutes": "minute", "mins": "minute",
    # No singular "second": "four second-half goals".
    "seconds": "second", "secs": "second", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}
# Currency words after a number, with the factor to the main unit (pence are hundredths of a pound).
_CUR_WORDS = {
    "dollars": ("USD", 1.0), "dollar": ("USD", 1.0), "pounds": ("GBP", 1.0), "pound": ("GBP", 1.0),
    "euros": ("EUR", 1.0), "euro": ("EUR", 1.0), "pence": ("GBP", 0.01), "p": ("GBP", 0.01),
    "cents": ("USD", 0.01), "yen": ("JPY", 1.0), "yuan": ("CNY", 1.0), "rupees": ("INR", 1.0),
}
_CUR_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "#": "GBP", "¥": "JPY"}  # '#' is £ in tokenised corpora
_CUR_PREFIX_CODES = {"us": "USD", "u.s.": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD",
                     "nz": "NZD", "hk": "HKD", "s": "SGD", "r": "BRL", "nt": "TWD", "mx": "MXN"}

_COMPARATORS = sorted([
    "fewer than", "less than", "more than", "greater than", "over", "under", "about", "around",
    "almost", "nearly", "up to", "at least", "at most", "some", "approximately", "roughly",
    "just over", "just under", "as many as", "as much as", "an estimated", "estimated", "close to",
    "upwards of", "in excess of", "no more than", "no fewer than", "no less than", "below", "above",
    "approx.", "c.", "circa", "well over", "almost exactly", "exactly", "a maximum of", "a minimum of",
    "maximum of", "minimum of",
], key=len, reverse=True)

# Which way a comparator points: +1 the figure is a floor ("more than 9,000"), -1 a ceiling
# ("fewer than 9,000", "nearly 9,000"), others (about, some, exactly) none.
_DIRECTION = {c: +1 for c in ("more than", "greater than", "over", "at least", "just over", "upwards of",
                               "in excess of", "no fewer than", "no less than", "above", "well over",
                               "a minimum of", "minimum of")}
_DIRECTION.update({c: -1 for c in ("fewer than", "less than", "under", "almost", "nearly", "up to", "at most",
                                    "just under", "no more than", "below", "as many as", "as much as",
                                    "a maximum of", "maximum of")})

# A number glued to one of these words is a name, not a figure ("Boeing 737", "Formula 1", "no 2").
# Not "year", "day" or "week": "in the year 2030" and "day 45 of the war" state figures.
_ID_WORDS = frozenset("""
boeing airbus formula radio flight route chapter article apollo windows iphone ipad galaxy xbox
playstation ps version model type no no. number channel bbc section clause page terminal
platform gate mk interstate highway room vol volume
""".split())
# These name a thing before a number ("Series 3", "Round 2", "Tier 3 areas") but also stand before
# a figure in running text ("won the series 2-1", "after the war 2 million", "the line 3 seconds
# ahead"): the number is a name unless a score, a scale, a percentage or a unit follows it.
_CONTEXT_ID_WORDS = frozenset("""
series season episode level category grade act part phase stage round game tier class league division
war block batch line mark
""".split())
_COUNTS_AFTER_RE = re.compile(r"-\d|\s?-?(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|bn)\b|\s?%")
# Prefixes that may be hyphen-glued to a year without making it a name ("mid-2015").
_GLUED_ONLY_UNITS = frozenset({"c", "f", "in", "w", "v", "x", "ms"})
_HYPHEN_OK = frozenset("mid pre post early late end start".split())

# ---------------------------------------------------------------- patterns

_NUM_D = (r"\d{1,3}(?:,\s?\d{3})+(?!\d)(?:\.\d+)?"      # 9,000 / 25, 000 (tokenised)
          r"|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:\.\d+)?(?![\d,]\d)"  # 9 000, 1 234.56
          r"|\d+\.\s\d+(?=\s?(?:m|bn|k)\b)"              # £1. 8m (tokenised decimal)
          r"|\d+(?:\.\d+)?|\.\d+")
_DAY = r"(?:[0-2]?\d|3[01])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# Every figure in words starts with one of these: checked once per word, so that "the", "for" or
# "said" fail after a letter or two instead of trying each pattern in turn.
_LETTER_STARTS = "(?:" + _trie_regex(
    list(_MONTHS) + _SMALL + list(_SCALES) + list(_ORDINAL_WORDS) + list(_TENS)
    + ["dozen", "half", "halv", "doubl", "tripl", "trebl", "quadrupl", "twice", "thrice"]) + r"|an?\s)"
# Matched against lower-cased text (no IGNORECASE: it is several times slower); every branch is
# guarded by its first character so that most positions fail at once.
_ATOM = re.compile(
    r"(?=[\d(+.])(?:"
    # 15/10/2023, 10/15/2023, 15.10.2023: day and month in either order, with a four-digit year.
    r"(?P<sd>(?<![\d/.-])(?P<sa>\d{1,2})(?P<ss>[/.-])(?P<sb>\d{1,2})(?P=ss)(?P<sy>" + _YEAR + r")(?![\d/]|\.\d))"
    # Skipped: phone numbers, and slashed numbers without a year ("3/4", "24/7", "9/11", "15/10"):
    # a fraction, a rate, a name or a date without its year cannot be told apart, and a guessed
    # reading would let a source support a figure it does not state; they are left unchecked.
    r"|(?P<skip>\+\d[\d\s()-]{8,}\d|\(?\d{3}\)?[-.]\d{3}[-.]\d{4}\b|\d+(?:/\d+)+"
    r"|(?<![\d.,])0\d{2,4}(?: \d{3,6}){1,3}(?![\d,.]\d))"  # "020 7946 0958", "0800 123 456": a phone number
    r"|(?P<iso>(?<![\d-])(?P<iy>" + _YEAR + r")-(?P<im>0?[1-9]|1[0-2])-(?P<id>" + _DAY + r")(?!\d))"
    # Day ranges: "5-7 March", "5th-7th March 2024".
    r"|(?P<dr>\b(?P<drd>" + _DAY + r")(?:st|nd|rd|th)?(?:\s?[-–]\s?|\s+(?:to|and)\s+)(?P<dre>" + _DAY + r")(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<drm>" + _MON + r")(?!\w)(?:,?\s+(?P<dry>" + _YEAR + r")(?!\d))?)"
    r"|(?P<dm>\b(?P<dmd>" + _DAY + r")(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmm>" + _MON + r")(?!\w)"
    r"(?:,?\s+(?P<dmy>" + _YEAR + r")(?!\d))?)"
    r"|(?P<ampm>\b(?P<th>1[0-2]|0?[1-9])(?:[:.](?P<tm>[0-5]\d))?\s?(?P<ap>[ap])(?:m\b|\.m\b\.?))"
    r"|(?P<hm>\b(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)(?![\d:]|\.\d))"
    r"|(?P<ratio>\d+(?::\d+)+(?:\.\d+)?)"  # odds 3:1, lap times 1:35.824
    r"|(?P<num>" + _NUM_D + r"))"
    r"|(?=[a-z])\b(?=" + _LETTER_STARTS + r")(?:"
    r"(?P<mdr>(?P<mdrm>" + _MON + r")\s+(?P<mdrd>" + _DAY + r")(?:st|nd|rd|th)?\s?[-–]\s?(?P<mdre>" + _DAY + r")"
    r"(?:st|nd|rd|th)?(?![\d:,.]\d|\d)(?:,?\s+(?P<mdry>" + _YEAR + r")(?!\d))?)"  # "June 1-3"
    r"|(?P<md>(?P<mdm>" + _MON + r")\s+(?P<mdd>" + _DAY + r")(?:st|nd|rd|th)?(?![\d:,.]\d|\d)"
    r"(?:,?\s+(?P<mdy>" + _YEAR + r")(?!\d))?)"
    r"|(?P<my>(?P<mym>" + _MON + r")\s+(?P<myy>" + _YEAR + r")(?!\d))"
    # Multipliers: "doubled", "trebling", "tenfold" (a bare "double" or "triple" is an adjective).
    r"|(?P<mult>(?P<mv>doubl|tripl|trebl|quadrupl)(?:ed|ing)\b(?!\s+(?:as|over|up|down|back)\b)"
    # "double the number", "triple what it was": the adjective as a multiplier ("a double room" is not).
    r"|(?<!the )(?<!a )(?<!an )(?P<mv2>doubl|tripl|trebl|quadrupl)e(?=[ \t]+(?:what|its|their|his|her|last"
    r"|the(?![ \t]+(?:next|following|same|first|last|previous)\b))\b)"
    r"|(?P<halved>halv(?:ed|ing))\b|(?P<mw>" + _W + r")-?fold\b)"
    # "one in five adults": a share.
    r"|(?P<onein>one\s+in\s+(?:every\s+)?(?P<oin>" + _W + r"(?:[\s-]" + _W + r")?|\d{1,3}(?![\d.,]\d)))\b"
    # "half a million", "a quarter of a million": one number.
    r"|(?P<halfa>(?:(?:a\s+)?half[\s-]+(?:a\s+)?|a\s+quarter\s+of\s+a\s+)(?:dozen|hundred|thousand|million|billion|trillion)\b)"
    # Shares in words: "two-thirds", "three quarters", "a third of", "half of", not "quarter-final".
    r"|(?P<frac>(?:(?P<fn>two|three|four|five|six|seven|eight|nine|ten)[\s-]+"
    r"(?P<fd>thirds|quarters|fifths|sixths|sevenths|eighths|ninths|tenths)"
    r"|(?:(?:a|an|one)[\s-]+)(?P<fd1>third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)(?=\s+of\b)"
    r"|(?<=by )(?:a|an|one)[\s-]+(?P<fd2>third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)"  # "cut by a third"
    r"|(?P<half>half)(?=\s+(?:of|the|its|their|his|her|all|them|those|these|as\s+(?:many|much))\b)|(?<=by )(?P<half2>half))(?![\w-]))"
    r"|(?P<ordw>(?:" + _trie_regex(list(_TENS)) + r")-?(?:" + _trie_regex(list(_ORDINAL_UNITS)) + r")"
    r"|" + _trie_regex(list(_ORDINAL_WORDS)) + r")\b"
    # "twice", "thrice": multipliers, or counts of times ("won twice"); "three times" is read by its unit.
    r"|(?<!think )(?<!thinks )(?<!thought )(?<!thinking )(?<!once or )(?P<twice>twice|thrice)\b(?!-)"
    # Idioms: "putting two and two together" counts nothing.
    r"|(?P<skip_idiom>two\s+and\s+two\s+together)\b"
    # "thousands of", "tens of thousands", "hundreds of millions", "dozens": vague amounts.
    r"|(?P<plural>(?P<plpre>tens|dozens|hundreds)\s+of\s+(?P<pls>thousand|million|billion|trillion)s?"
    r"|(?P<pl>dozens|hundreds|thousands|millions|billions|trillions))\b"
    r"|(?P<words>(?:a\s+(?:dozen|hundred|thousand|million|billion|trillion)|(?:" + _W + r"))"
    r"(?:(?:\s+and\s+|[\s-]+)(?:" + _W + r")){0,11}\b))"
)
_UNIT_RE = re.compile(
    r"(?:\s?-?\s?|\s)(?P<u>" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
    + r")(?![a-z0-9_])|\s?(?P<pct>%)",
)
# "120 goalless minutes", "seven working days", "two rapid centuries": one describing word
# between a number and a unit of time or distance still gives the figure its unit.
_ADJ_UNIT_RE = re.compile(
    r"[ \t](?!(?:a|an|of|per|and|or|to|in|on|at|the|last|next|this|that|each|every|"
    + "|".join(_SMALL + list(_SCALES) + ["dozen"]) + r")[ \t])[a-z]{3,}[ \t]"
    r"(?P<u>years?|months?|weeks?|days?|hours?|minutes?|seconds|decades?|centur(?:y|ies)"
    r"|miles?|kilometres?|kilometers?|km|metres?|meters?|feet)(?![a-z0-9_])"
)
_CURWORD_RE = re.compile(
    r"(?:(?P<g>p)|\s(?P<w>" + "|".join(sorted(_CUR_WORDS, key=len, reverse=True)) + r"))(?![a-z0-9_])",
)
_SCALE_RE = re.compile(r"(?:\s?-?(?P<w>hundred|thousand|million|billion|trillion)|(?P<a>k|mn|mln|bn|tn|trn|m|b))(?![a-z0-9_])")
_SPACED_ABBR_RE = re.compile(r"\s(?P<a>m|bn|mn|k)(?!\w)")
_SPACED_ABBR_CUR_RE = re.compile(r"\s(?P<a>m|bn|mn|k)(?=\s(?:euros|dollars|pounds|yen|yuan|rupees)\b)")
# Country codes are glued to the dollar sign ("US$5", "A$5"); only "US"/"u.s." may stand apart ("u.s. $ 5").
_CUR_BEFORE_RE = re.compile(r"(?:(?<![\w.])(?:(?P<code>us|au|a|c|ca|nz|hk|s|r|nt|mx)|(?P<uscode>u\.s\.|us)\s)(?=\$))?"
                            r"(?P<sign>[$£€#¥])\s?$")
_COMP_RE = re.compile(r"(?:^|(?<=\W))(?P<c>" + "|".join(re.escape(c) for c in _COMPARATORS) + r")\s+$")
_BETWEEN_RE = re.compile(r"(?:^|(?<=\W))between\s+$")
_RANGE_SEP_RE = re.compile(r"\s?(?P<s>-|–|—|to)\s?(?=[$£€#\d]|[a-z])")
_CUR_SIGN_RE = re.compile(r"[$£€#]\s?")
_AND_SEP_RE = re.compile(r"\s+(?:and|to|-|–)\s+")
_PREV_WORD_RE = re.compile(r"([A-Za-z][\w.]*)\s+$")
_JOIN_RE = re.compile(r"\d[a-z]{1,12}(?=[A-Z])")  # a unit glued to the next sentence
_GLUED_WORD_RE = re.compile(r"([A-Za-z]+)-$")
_TOKEN_TAIL_RE = re.compile(r"(?:[-_]?[^\W_])*")
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)(?!\w)")
_DECADE_RE = re.compile(r"'?s(?!\w)")
_AGE_WORD_RE = re.compile(r"\bage(?:d|s)?(?::|\s+of)?\s+$")  # "aged 27", "age: 27", "at the age of 27"
_AGE_NAME_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*[a-z][\w'’-]*,\s$")  # "Grealish, " / "Al-Douri, "
_AGE_AFTER_RE = re.compile(r"\s?[,)]")
# "a man, 27, was", "his daughter (4)": a person noun in place of a name.
_AGE_PERSON_RE = re.compile(
    r"\b(?:man|woman|boy|girl|teenager|mother|father|son|daughter|wife|husband|brother|sister|grandmother"
    r"|grandfather|pensioner|driver|victim|suspect|student|baby|child|toddler|partner|friend)(?:,\s|\s\()$"
)
_NOT_NAMES = frozenset(list(_MONTHS) + "monday tuesday wednesday thursday friday saturday sunday".split())
_AND_RE = re.compile(r"\s+and\s+")
_WORD_SEP_RE = re.compile(r"[\s-]+")
_ADDRESS_REACH = 300
_AGE_OF_UNIT = {"year": "age", "month": "age-months", "week": "age-weeks", "day": "age-days"}
_GROUPED_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
_WEIGH_RE = re.compile(r"\b(?:weighs|weighed|weighing in at|tipped the scales at)\s+(?:(?:about|around|almost|nearly|"
                       r"over|under|just|some|roughly|more than|less than)\s+)?$")
_TIMEZONE_RE = re.compile(r"\s?(?:gmt|bst|utc|cet|cest|est|edt|pst|pdt|local time)\b")
_VAGUE_BEFORE_RE = re.compile(r"(?:\b(?:several|few|many|couple of|tens of|hundreds of)\s+|\bmulti-?)$")
_VERB_MONTH_RE = re.compile(r"\b(?:may|march)\b")
# A capitalised "Times" or "Twice" inside a sentence is a name ("2010 Times Square", "the
# 2016 Times Higher Education rankings", the band Twice), not a count of times.
_NAME_TIMES_RE = re.compile(r"T(?:imes|wice|hrice)\b")
# Likewise a capitalised number word inside a sentence next to one capitalised word: "Page Six",
# "a Six Nations clash", "Formula One", "World War Two". Scale words ("£2 Million") and headline
# case ("Storm Leaves Three Dead", both neighbours capitalised) stay figures.
_NAME_NUMBER_RE = re.compile(
    r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Twenty|Thirty|Forty|Fifty"
    r"|Sixty|Seventy|Eighty|Ninety)\b(?![-’'])")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w'’-]*) $")
_WORD_AFTER_RE = re.compile(r" ([A-Za-z][\w'’-]*)")
_AROUND_RE = re.compile(r"[A-Za-z][\w'’-]*")
# Emergency numbers, only where the wording says so: "a 911 call", "999 emergency", "dialled 999".
_EMERGENCY_AFTER_RE = re.compile(
    r"\s+(?:emergency(?!\s+[a-z]+s\b)\b|call\b(?!s)|phone\s+call\b(?!s)|operator\b|dispatcher\b)")
_EMERGENCY_BEFORE_RE = re.compile(r"\b(?:dialled|dialed|dial|dialling|dialing|rang|phoned|call|calling|called)\s+$")
# After "called 911": a phone number only before punctuation, the end or one of these words
# ("called 911 and waited"); "called 911 witnesses" and "phoned 112 women" are counts.
_EMERGENCY_END_RE = re.compile(
    r"\s*(?:$|[.,;:!?)\"”’]|(?:and|but|to|for|after|before|when|on|at|from|in|as|or|immediately|again|then"
    r"|himself|herself|themselves|myself|twice|once|about|while|because|so)\b)")
# After "N times" or "twice": a multiplier ("three times as many", "twice the size"), not a count of times.
_MULTIPLIER_CUE_RE = re.compile(
    r"[ \t]+(?:as|more|less|fewer|larger|bigger|higher|greater|faster|longer|smaller|lower|its|their|his|her|what"
    r"|the(?![ \t]+(?:following|next|same|last|first|previous|past|day|week|month|year|season|night|morning"
    r"|afternoon|evening|weekend|match|game|race)\b))\b")
_AND_A_HALF_RE = re.compile(r"[\s-]+and[\s-]+a[\s-]+half\b(?:[\s-]+(?P<s>hundred|thousand|million|billion|trillion)\b)?")
_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z]+)\b")
# Plural words after "400m" that keep it metres.
_ATHLETICS = frozenset("hurdles metres meters yards heats finals sprints relays races".split())
# A minus sign is a sign only after a space, an opening bracket or quote, or at the start: "10-5"
# and "covid-19" are not negative (a hyphen glued to a word is caught as a name before this).
_SIGN_BEFORE = frozenset(" \t\n\u00a0([{\"'“‘/")
_MINUS_RE = re.compile(r"(?<!\d\s)(?<!\w)minus\s+$")  # not "10 minus 3"


# ---------------------------------------------------------------- helpers

def _norm(v: float) -> float:
    """Round away float noise so that 1.2 * 1e9 equals 1200000000."""
    return float(f"{v:.10g}")


def _date_value(y: str | None, m: str, d: str | None) -> str:
    """An ISO-like date key; missing parts are dashes ("--10-15", "2022-10", "2022-10-15")."""
    month = _MONTHS[m.rstrip(".")]
    return f"{y or '-'}-{month:02d}" + (f"-{int(d):02d}" if d else "")


def _words_value(text: str) -> float | None:
    """The value of a run of number words, or None when it is not a well-formed number."""
    words = text.replace("-", " ").split()
    if words[0] == "a":
        words = words[1:]
        if words == ["dozen"]:
            return 12.0
        if not words or words[0] not in _SCALES:
            return None
        words = ["one", *words]  # "a hundred thousand" is "one hundred thousand"
    factor = 1.0
    if words[-1] == "dozen":
        factor, words = 12.0, words[:-1]
        if not words:
            return None
    if "dozen" in words:
        return None
    try:
        return float(text2num(" ".join(words), "en")) * factor
    except ValueError:
        return None


def _is_identifier(text: str, start: int, end: int) -> bool:
    """True when the digits at start:end are part of a name such as S-400, G7, MH17 or Boeing 737."""
    before = text[start - 1] if start else " "
    if before.isalnum() or before == "_":
        # Scraped pages glue a table's figure to its label ("Sierra Leone2,536"): a name has no
        # thousands separators, so a grouped number after a word is still a figure.
        return not (before.isalpha() and _GROUPED_RE.fullmatch(text, start, end))
    if before in "-‑":
        glued = _GLUED_WORD_RE.search(text, max(0, start - 20), start)
        if glued and glued.group(1).lower() not in _HYPHEN_OK:
            return True
    prev = _PREV_WORD_RE.search(text, max(0, start - 20), start)
    if not prev:
        return False
    word = prev.group(1).lower()
    if word in _CONTEXT_ID_WORDS:
        unit = _UNIT_RE.match(text, end)
        if unit and _apart(unit, end):
            unit = None  # "Series 2 in the autumn"
        return not (_COUNTS_AFTER_RE.match(text, end) or unit)
    return word in _ID_WORDS


# ---------------------------------------------------------------- number parsing

@dataclass
class _Num:
    """A number being parsed: its span, value, kind and unit."""

    start: int
    end: int
    value: float
    kind: str = "count"
    unit: str | None = None
    plain4: bool = False  # four digits, no separator: a candidate year
    scaled: bool = False  # a scale word or abbreviation was applied


def _parse_digits(text: str, m: re.Match) -> _Num | None:
    """A digit number at match m with its currency, scale and unit; None when it is a name."""
    raw = m.group()
    start, end = m.start(), m.end()
    value = float("".join(raw.replace(",", "").split()))  # drops thousands commas and (thin) spaces
    if value == float("inf"):
        return None  # hundreds of digits: no figure a reader would read
    if text[end:end + 1] == "½":  # "2½ years"
        value, end = value + 0.5, end + 1
    num = _Num(start, end, value, plain4=len(raw) == 4 and raw.isdigit() and end == m.end())
    cur = _CUR_BEFORE_RE.search(text, max(0, start - 8), start)
    if cur:
        code = cur.group("code") or cur.group("uscode")
        num.unit = _CUR_PREFIX_CODES[code] if code else _CUR_SIGNS[cur.group("sign")]
        num.start, num.kind = cur.start(), "money"
    elif _is_identifier(text, start, end):
        return None
    _apply_scale(text, num, "." in raw)
    _apply_unit(text, num)
    return num


def _apply_scale(text: str, num: _Num, decimal: bool) -> None:
    """Multiply by a scale word or abbreviation right after the number (1.2m, 2.5 billion, 5k)."""
    sc = _SCALE_RE.match(text, num.end)
    if sc and sc.group("a"):
        abbr = sc.group("a")
        # A bare "100m" without currency is usually metres (athletics); "1.2m" or "5m" is millions,
        # and so is "500m euros", "150m years" or "150m users": a currency, a unit or a plural after it.
        if abbr == "m" and num.kind != "money" and not decimal and num.value >= 100 and not _millions_after(text, sc.end()):
            num.end, num.kind, num.unit = sc.end(), "quantity", "m"
            return
        num.value *= _ABBR_SCALES[abbr]
        num.end = sc.end()
    elif sc:
        num.value *= _SCALES[sc.group("w")]
        num.end = sc.end()
    elif num.kind == "money" or _SPACED_ABBR_CUR_RE.match(text, num.end):
        sp = _SPACED_ABBR_RE.match(text, num.end)  # tokenised "$ 1.2 m", "13.5 m euros"
        if not sp:
            return
        num.value *= _ABBR_SCALES[sp.group("a")]
        num.end = sp.end()
    else:
        return
    num.plain4 = False
    num.scaled = True


def _millions_after(text: str, pos: int) -> bool:
    """True when the word after a bare "500m" makes it millions, not metres."""
    nxt = _NEXT_WORD_RE.match(text, pos)
    if not nxt:
        return False
    word = nxt.group(1)
    if len(word) > 2 and (word in _CUR_WORDS or word in _UNITS):
        return True
    if word in ("people", "men", "women", "children", "staff", "police", "personnel"):
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in _ATHLETICS


def _apart(unit: re.Match, pos: int) -> bool:
    """True when a unit match is one that counts only glued to its number ("30C"), yet stands apart."""
    return unit.group("u") in _GLUED_ONLY_UNITS and unit.start("u") != pos


def _apply_unit(text: str, num: _Num) -> None:
    """Attach a unit, percent sign or currency word that follows the number."""
    if num.kind != "money":
        cw = _CURWORD_RE.match(text, num.end)
        if cw and cw.group("w") in ("pounds", "pound") and _WEIGH_RE.search(text, max(0, num.start - 30), num.start):
            num.kind, num.unit, num.end, num.plain4 = "quantity", "lb", cw.end(), False  # "weighed 200 pounds"
            return
        if cw:
            unit, factor = _CUR_WORDS[cw.group("g") or cw.group("w")]
            num.value, num.unit, num.kind, num.end = num.value * factor, unit, "money", cw.end()
            num.plain4 = False
            return
    um = _UNIT_RE.match(text, num.end)
    if not um:
        am = _ADJ_UNIT_RE.match(text, num.end) if num.kind == "count" else None
        if am:
            num.kind, num.unit, num.end = "quantity", _UNITS[am.group("u")], am.end()
            num.plain4 = False
        return
    if um.group("pct"):
        num.kind, num.unit = "percent", "%"
    elif num.kind == "money":
        return
    else:
        unit = _UNITS[um.group("u")]
        if um.group("u") == "st" and (um.start("u") != num.end or _ordinal_suffix(num.value) == "st"):
            return  # "8st" is eight stone, but "1st" is an ordinal and "10 St James" an address
        if _apart(um, num.end):
            return  # "30C" is a temperature; "30 c" and "5 in the morning" are not
        if unit == "times" and _MULTIPLIER_CUE_RE.match(text, um.end()):
            unit = "x"  # "three times as many", "ten times the size": a multiplier
        num.kind, num.unit = ("percent" if unit == "%" else "quantity"), unit
    num.end = um.end()
    num.plain4 = False


def _parse_words(text: str, m: re.Match) -> _Num | None:
    """A run of number words with its scale and unit; None for bare "one" or malformed runs."""
    raw = m.group()
    half = _AND_A_HALF_RE.match(text, m.end())
    if half:  # "two-and-a-half years", "one and a half million"
        base = 1.0 if raw == "one" else _words_value(raw)
        if base is not None:
            scale = half.group("s")
            num = _Num(m.start(), half.end(), (base + 0.5) * (_SCALES[scale] if scale else 1.0), scaled=bool(scale))
            _apply_unit(text, num)
            return num
    value = None if raw in ("one", "zero") else _words_value(raw)
    if value is None:
        # "between three and four weeks" is matched as one run "three and four", which is no
        # number: keep the longest part before an "and" that is one; the range is read from there.
        for cut in reversed(list(_AND_RE.finditer(raw))):
            raw = raw[:cut.start()]
            value = None if raw in ("one", "zero") else _words_value(raw)
            if value is not None:
                break
    if value is None:
        # "four five-star hotels", "three two-bedroom flats": numbers side by side are no one
        # number; keep the longest well-formed head, and the rest is read after it.
        raw = m.group()
        for cut in reversed([sep.start() for sep in _WORD_SEP_RE.finditer(raw)]):
            head = raw[:cut]
            value = None if head in ("one", "zero") else _words_value(head)
            if value is not None:
                raw = head
                break
    if value is None:
        return None  # malformed, or bare "one" / "zero": too ambiguous ("one of", "no one")
    num = _Num(m.start(), m.start() + len(raw), value, scaled=raw.replace("-", " ").split()[-1] in _SCALES)
    _apply_unit(text, num)
    return num


def _parse_number(text: str, m: re.Match) -> _Num | None:
    """Dispatch a number match to the digit or word parser."""
    if m.lastgroup == "halfa":
        raw = m.group()
        last = _WORD_SEP_RE.split(raw)[-1]
        num = _Num(m.start(), m.end(), (0.25 if "quarter" in raw else 0.5) * (12.0 if last == "dozen" else _SCALES[last]),
                   scaled=last != "dozen")
        _apply_unit(text, num)
        return num
    return _parse_words(text, m) if m.lastgroup == "words" else _parse_digits(text, m)


def _ordinal_suffix(value: float) -> str:
    """The English ordinal suffix of an integer (1 -> st, 12 -> th, 23 -> rd)."""
    n = int(value)
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _glued_suffix(text: str, num: _Num) -> str | None:
    """What a digit number is glued to on its right: None, 'ordinal', 'decade' or 'name'."""
    nxt = text[num.end:num.end + 1]
    if not nxt or not (nxt.isalpha() or nxt == "'"):
        return None
    if _ORDINAL_RE.match(text, num.end) and text[num.end:num.end + 2] == _ordinal_suffix(num.value):
        return "ordinal"
    if _DECADE_RE.match(text, num.end) and num.value % 10 == 0:  # "1990s", "'90s"; not "2016's"
        return "decade"
    return None if nxt == "'" else "name"  # a closing quote: "number '3'"


# ---------------------------------------------------------------- figure building

def _comparator(text: str, start: int) -> str | None:
    """The comparator phrase right before start, lower-cased, if any."""
    c = _COMP_RE.search(text, max(0, start - 24), start)
    return c.group("c") if c else None


def _figure(text: str, num: _Num, comparator: str | None, high: float | None = None,
            end: int | None = None) -> Figure:
    """Build a Figure from a parsed number (years get their own kind)."""
    kind = num.kind
    if num.plain4 and kind == "count" and 1800 <= num.value <= 2100 and high is None:
        kind = "year"
    end = num.end if end is None else end
    return Figure(text[num.start:end], num.start, end, kind, _norm(num.value), num.unit, comparator,
                  None if high is None else _norm(high))


def _try_range(text: str, num: _Num, m: re.Match) -> tuple[_Num, int] | str | None:
    """A second number joined to num by -, to, or (after 'between') and; None when there is none,
    "name" when the second is glued to letters ("777-300ER")."""
    between = _BETWEEN_RE.search(text, max(0, num.start - 10), num.start)
    sep = (_AND_SEP_RE if between else _RANGE_SEP_RE).match(text, num.end)
    if not sep:
        return None
    second = _ATOM.match(text, sep.end())
    if not second or second.lastgroup not in ("num", "words"):
        cur = _CUR_SIGN_RE.match(text, sep.end())
        second = _ATOM.match(text, cur.end()) if cur else None
        if not second or second.lastgroup != "num":
            return None
    if second.lastgroup != m.lastgroup and not between:  # "between eight and 12" mixes words and digits
        return None
    other = _parse_number(text, second)
    if other is None:
        return None
    if (second.lastgroup == "num" and other.kind == "count" and other.end == second.end()
            and text[num.end:second.start()] == "-" and _glued_suffix(text, other) == "name"):
        return "name"
    return other, other.end


def _range_figure(text: str, num: _Num, other: _Num, comparator: str | None) -> Figure | None:
    """Combine two joined numbers into a range (or a score when the second is not larger)."""
    # "up 3.2% to £4.5bn" or "5% to 20,000" are two figures: the ends of a range do not have two
    # different units, and a percentage runs only to a percentage ("3-5%", "$3-5 million" do).
    if num.unit and other.unit and num.unit != other.unit or num.kind == "percent" != other.kind:
        return None
    lo_raw, hi_raw = num.value, other.value
    # "$3-5 million": the scale and unit written once apply to both ends; never "from 12 to 1.5
    # million" (12 is twelve: 12 million would be past the top) nor to a percentage.
    if other.scaled and not num.scaled and other.value > num.value and num.kind != "percent":
        scale = next((sc for sc in (1e12, 1e9, 1e6, 1e3) if other.value >= sc), None)
        if scale is not None and num.value * scale <= other.value:
            lo_raw = num.value * scale
    if num.plain4 and 0 <= other.value < 100 and other.end - other.start == 2:
        hi_raw = (num.value // 100) * 100 + other.value  # season "2010-11"
        if hi_raw <= num.value:
            return None
    if hi_raw <= lo_raw:
        if (num.kind == "count" and other.kind == "count" and text[num.end:other.start].strip() in "-–"
                and float(lo_raw).is_integer() and float(hi_raw).is_integer()):
            return Figure(text[num.start:other.end], num.start, other.end, "score",
                          f"{int(lo_raw)}-{int(hi_raw)}", None, comparator)
        return None
    unit = other.unit or num.unit
    kind = other.kind if other.kind != "count" else num.kind
    if kind == "count" and num.plain4 and 1800 <= lo_raw <= 2100:
        kind = "year"
    return Figure(text[num.start:other.end], num.start, other.end, kind, _norm(lo_raw), unit, comparator,
                  _norm(hi_raw))


def _slash_date_figure(m: re.Match) -> Figure | None:
    """A numeric date (15/10/2023): one reading when only one is a valid date, else both, as "A|B"."""
    a, b, year = int(m["sa"]), int(m["sb"]), m["sy"]
    readings = []
    for day, month in ((a, b), (b, a)):  # day-month (most of the world), month-day (US)
        if 1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month - 1]:
            value = f"{year}-{month:02d}-{day:02d}"
            if value not in readings:
                readings.append(value)
    if not readings:
        return None
    return Figure(m.group(), m.start(), m.end(), "date", "|".join(readings))


def _date_figure(text: str, m: re.Match) -> Figure:
    """A calendar date (or month and year) from a date match."""
    g = m.lastgroup
    if g == "iso":
        value = f"{m['iy']}-{int(m['im']):02d}-{int(m['id']):02d}"
    elif g == "md":
        value = _date_value(m["mdy"], m["mdm"], m["mdd"])
    elif g == "dm":
        value = _date_value(m["dmy"], m["dmm"], m["dmd"])
    else:
        value = _date_value(m["myy"], m["mym"], None)
    return Figure(m.group(), m.start(), m.end(), "date", value)


def _fraction_figure(text: str, m: re.Match) -> Figure | None:
    """A share in words ("two-thirds" -> 0.6667) with the unit "frac"; None for "the second half of"."""
    if m["half2"]:
        value = 0.5  # "cut by half"
    elif m["half"]:
        prev = _PREV_WORD_RE.search(text, max(0, m.start() - 20), m.start())
        if prev and prev.group(1) in _HALF_NOT_AFTER:
            return None
        value = 0.5
    elif m["fd1"] or m["fd2"]:
        value = 1 / _FRACTION_DENOMS[m["fd1"] or m["fd2"]]
    else:
        value = _words_value(m["fn"]) / _FRACTION_DENOMS[m["fd"]]
    return Figure(m.group(), m.start(), m.end(), "fraction", _norm(value), "frac", _comparator(text, m.start()))


def _ordinal_word_figure(text: str, m: re.Match) -> Figure | None:
    """An ordinal in words ("eighteenth", "twenty-first"); None for names such as "third party"."""
    after = re.match(r"[\s-]+([a-z]+)", text[m.end():m.end() + 12])  # "third party", "third-party"
    if after and after.group(1) in _ORDINAL_NAMES:
        return None
    word = m.group()
    value = _ORDINAL_WORDS.get(word)
    if value is None:
        tens = next(t for t in _TENS if word.startswith(t))
        value = _TENS[tens] + _ORDINAL_UNITS[word[len(tens):].lstrip("-")]
    return Figure(word, m.start(), m.end(), "ordinal", _norm(value))


def _time_figure(m: re.Match) -> Figure:
    """A clock time as "HH:MM" (9pm -> 21:00, 12.30am -> 00:30)."""
    if m.lastgroup == "ampm":
        hour = int(m["th"]) % 12 + (12 if m["ap"] == "p" else 0)
        minute = int(m["tm"] or 0)
    else:
        hour, minute = int(m["hh"]), int(m["mm"])
    return Figure(m.group(), m.start(), m.end(), "time", f"{hour:02d}:{minute:02d}")


def _after_time(text: str, start: int) -> bool:
    """True when start follows an "am-"/"pm-" (the second time of a range)."""
    return text[max(0, start - 3):start] in ("am-", "pm-", "m.-")


def _lower(text: str) -> str:
    """Lower-case text without moving offsets, keeping a capital glued to a number's unit."""
    # Some corpora join sentences without a space ("cost £106.8mLast month"): the kept capital
    # ends the scale word "m" there, while "20KG" still reads as "20kg".
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if _JOIN_RE.search(text):
        low = _restore_joins(text, low)
    # In cased text a lower-case "may" or "march" is a verb ("12 may have died", "they will march
    # 5 miles"), not a month: upper-cased in the working copy, no month pattern matches it. An
    # all-lower-case text (tokenised corpora) keeps the month reading.
    if low != text and ("may" in text or "march" in text) and _VERB_MONTH_RE.search(text):
        chars = list(low)
        for m in _VERB_MONTH_RE.finditer(text):
            chars[m.start():m.end()] = m.group().upper()
        low = "".join(chars)
    names = ([m.span() for m in _NAME_TIMES_RE.finditer(text) if _inside_sentence(text, m.start())]
             + [m.span() for m in _NAME_NUMBER_RE.finditer(text) if _number_in_name(text, m)]) if low != text else []
    if names:
        chars = list(low)
        for a, b in names:
            chars[a:b] = text[a:b].upper()
        low = "".join(chars)
    return low


def _inside_sentence(text: str, start: int) -> bool:
    """True when a word at start follows a letter, a digit, a comma or a semicolon and one space."""
    return start >= 2 and text[start - 1] == " " and (text[start - 2].isalnum() or text[start - 2] in ",;")


def _capitalised_word(word: str | None) -> bool:
    return bool(word) and word[0].isupper() and word.lower() not in _NUMBER_WORDS


def _number_in_name(text: str, m: re.Match) -> bool:
    """True when a capitalised number word is part of a name: inside a sentence, after no number,
    and next to exactly one capitalised word ("Page Six", "Six Nations"; not "Leaves Three Dead")."""
    if not _inside_sentence(text, m.start()):
        return False
    before = _WORD_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
    if before is None or before.group(1).lower() in _NUMBER_WORDS:
        return False  # after a digit ("In 2019 Six people") or a number word ("two men and Six women" is not)
    after = _WORD_AFTER_RE.match(text, m.end())
    if _capitalised_word(before.group(1)) == _capitalised_word(after.group(1) if after else None):
        return False
    # Headline case ("Storm Kills Six", "Kills Three, Injures Ten"): most words around are capitalised.
    around = _AROUND_RE.findall(text[max(0, m.start() - 40):m.start()]) + _AROUND_RE.findall(text[m.end():m.end() + 40])
    return sum(w[0].isupper() for w in around) * 10 < 6 * len(around)


def _emergency_number(low: str, f: Figure) -> bool:
    """True for 911, 999 or 112 worded as a phone number ("a 911 call", "dialled 999 and")."""
    if f.kind != "count" or f.value not in (911.0, 999.0, 112.0) or f.text[:1].isalpha():
        return False
    if _EMERGENCY_AFTER_RE.match(low, f.end):
        return True
    return bool(_EMERGENCY_BEFORE_RE.search(low, max(0, f.start - 12), f.start) and _EMERGENCY_END_RE.match(low, f.end))


def _restore_joins(text: str, low: str) -> str:
    """Copy back the capitals that follow a number's glued unit."""
    chars = list(low)
    for m in _JOIN_RE.finditer(text):
        chars[m.end()] = text[m.end()]
    return "".join(chars)


def _in_address(text: str, start: int) -> bool:
    """True when position start lies inside a URL or an e-mail address."""
    # Looked for within 300 characters either side: a text without spaces must not make every
    # number scan back to its start (quadratic time on a long run of digits).
    lo, hi = max(0, start - _ADDRESS_REACH), min(len(text), start + _ADDRESS_REACH)
    left = max(text.rfind(" ", lo, start), text.rfind("\n", lo, start), lo - 1) + 1
    ends = [i for i in (text.find(" ", start, hi), text.find("\n", start, hi)) if i >= 0]
    token = text[left:min(ends) if ends else hi]
    return "@" in token or "://" in token or "www." in token


def extract_figures(text: str) -> list[Figure]:
    """All figures in text, sorted by start and non-overlapping."""
    if not isinstance(text, str):
        from .errors import ArgumentError

        raise ArgumentError(f"extract_figures() takes a str; given: {type(text).__name__}")
    low = _lower(text)
    out = []
    for f in _extract(low):
        if _emergency_number(low, f):
            continue  # "a 911 call", "dialled 999": a phone number
        if f.kind == "count" and _is_age(text, low, f):
            f = replace(f, kind="quantity", unit="age")
        elif f.unit in _AGE_OF_UNIT and _AGE_WORD_RE.search(low, max(0, f.start - 16), f.start):
            f = replace(f, unit=_AGE_OF_UNIT[f.unit])  # "aged 27 years", "aged six months"
        if f.kind in ("count", "vague", "money"):
            noun = _noun_after(low, f.end, f.kind == "vague")
            if noun:
                f = replace(f, noun=noun)
        out.append(f if f.text == text[f.start:f.end] else replace(f, text=text[f.start:f.end]))
    return out


_FUNCTION_WORDS = frozenset(
    "in on at to for from by with of and or but as than that which who is are was were be been has have had "
    "will would could should may might can do does did this these those there here it its their his her our "
    "more less over under about around into after before during since until while".split())
_NOUN_AFTER_RE = re.compile(r"[ \t-]+(?:of[ \t]+)?(?:(?:the|a|an|their|its|his|her)[ \t]+)?([a-z]+)")


def _noun_after(low: str, end: int, vague: bool = False) -> str | None:
    """The word after a figure, plural folded ("5,000 protesters" -> "protester").

    For a vague amount, a word after "of" names what is counted ("thousands of people" ->
    "people"); any other word ("millions trapped") is marked with "~": it may still match a
    count's word ("thousands marched", "5,000 marched"), but it names no thing.
    """
    m = _NOUN_AFTER_RE.match(low, end)
    if not m:
        return None
    word = m.group(1)
    if word in _FUNCTION_WORDS:
        return None  # "£5,000 in fines": "in" says nothing of what is counted
    word = word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
    if vague and not _OF_AFTER_RE.match(low, end):
        return "~" + word
    return word


_OF_AFTER_RE = re.compile(r"[ \t-]+of[ \t]")


def _is_age(text: str, low: str, f: Figure) -> bool:
    """True when a bare count is an age ("aged 27", "age: 27", "Grealish, 19, was").

    News writes an age as an apposition or after "aged"; giving it the unit "age" lets it support
    "the 19-year-old" now that a figure with a unit needs the same unit in the source.
    """
    if not (0 < f.value < 120 and float(f.value).is_integer()):
        return False
    if _AGE_WORD_RE.search(low, max(0, f.start - 16), f.start):
        return True
    # An apposition needs the capital of a name, so it is read on the original text.
    if f.high is not None or f.comparator is not None or not _AGE_AFTER_RE.match(text, f.end):
        return False
    opened = text[f.start - 1:f.start] == "("
    if opened != (text[f.end:f.end + 1] == ")"):
        return False  # "(27)" or ", 27,": not "Smith (27, ..." nor "Smith, 27)"
    if _AGE_PERSON_RE.search(low, max(0, f.start - 20), f.start):
        return True
    if opened:
        return False  # "Kane (27)" in a list of scorers or of scores: only "his son (27)" is an age
    name = _AGE_NAME_RE.search(text, max(0, f.start - 40), f.start)
    return name is not None and name.group().rstrip(", ").lower() not in _NOT_NAMES  # not "In March, 12,"


def _extract(text: str) -> list[Figure]:
    """Figures of an already lower-cased text."""
    out: list[Figure] = []
    pos, end = 0, len(text)
    while pos < end:
        m = _ATOM.search(text, pos)
        if not m:
            break
        g = m.lastgroup
        pos = m.end()
        if g == "skip" and m.group().startswith("+") and sum(c.isdigit() for c in m.group()) < 10:
            pos = m.start() + 1  # "+12 000 000 votes" is no phone number: read on after the "+"
            continue
        if g in ("skip", "ratio", "skip_idiom"):
            continue
        if g == "sd":
            fig = _slash_date_figure(m)
            if fig is not None:
                out.append(fig)
            continue
        if g in ("iso", "md", "dm", "my"):
            out.append(_date_figure(text, m))
            continue
        if g in ("dr", "mdr"):  # a range of days states each of its days: "A|B" like an ambiguous date
            month, first, last, year = (m["drm"], m["drd"], m["dre"], m["dry"]) if g == "dr" else (
                m["mdrm"], m["mdrd"], m["mdre"], m["mdry"])
            days = (first, last) if int(last) > int(first) else (first,)  # "March 3-1" is no range
            value = "&".join(_date_value(year, month, d) for d in days)
            out.append(Figure(m.group(), m.start(), m.end(), "date", value))
            continue
        if g == "onein":
            denom = _words_value(m["oin"]) if not m["oin"].isdigit() else float(m["oin"])
            if denom and denom > 1:
                out.append(Figure(m.group(), m.start(), m.end(), "fraction", _norm(1 / denom), "frac"))
            continue
        if g == "mult" and m["halved"]:  # "prices were halved": cut by half
            out.append(Figure(m.group(), m.start(), m.end(), "fraction", 0.5, "frac"))
            continue
        if g == "mult":
            factor = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0}.get(m["mv"] or m["mv2"]) \
                or _words_value(m["mw"])
            if factor is not None:
                out.append(Figure(m.group(), m.start(), m.end(), "quantity", _norm(factor), "x"))
            continue
        if g == "twice":
            unit = "x" if _MULTIPLIER_CUE_RE.match(text, m.end()) else "times"
            out.append(Figure(m.group(), m.start(), m.end(), "quantity", 2.0 if m.group() == "twice" else 3.0, unit))
            continue
        if g == "plural":
            out.append(_plural_figure(text, m))
            continue
        if g in ("frac", "ordw"):
            fig = _fraction_figure(text, m) if g == "frac" else _ordinal_word_figure(text, m)
            if fig is not None:
                out.append(fig)
            continue
        if g in ("ampm", "hm"):
            if _is_identifier(text, m.start(), m.end()) and not _after_time(text, m.start()):
                continue  # part of a name such as "MH17" ("10am-2pm" is a range of times)
            out.append(_time_figure(m))
            continue
        fig, pos = _number_figure(text, m, out[-1].end if out else 0)
        if fig is not None:
            out.append(fig)
    return out


_OF_RE = re.compile(r"\s+of(?=\s)")
_SINGULAR = {"tens": "ten", "dozens": "dozen", "hundreds": "hundred", "thousands": "thousand",
             "millions": "million", "billions": "billion", "trillions": "trillion"}
_VAGUE_MAGNITUDE = {"ten": 10.0, "dozen": 12.0, **_SCALES}
_VAGUE_REACH = 10  # "thousands" is stated by 2,000 up to 10,000; "tens of thousands" above that
_NOT_AMOUNTS = frozenset({"age", "age-months", "age-weeks", "age-days", "%", "pp", "bp", "frac", "x"})


def _plural_figure(text: str, m: re.Match) -> Figure:
    """"thousands of people", "tens of thousands", "millions of pounds": a vague amount by its scale words."""
    # "tens of thousand" (a slip some texts make) is "tens of thousands", not "thousand".
    scale = f"{_SINGULAR[m['plpre']]} {m['pls']}" if m["plpre"] else _SINGULAR[m["pl"]]
    end, unit = m.end(), None
    of = _OF_RE.match(text, end)
    if of:  # only a unit spelled out: "thousands of St Louis residents" is no weight in stone
        cw = _CURWORD_RE.match(text, of.end())
        um = _UNIT_RE.match(text, of.end())
        if cw and cw.group("w"):
            unit, end = _CUR_WORDS[cw.group("w")][0], cw.end()
            if cw.group("w").startswith("pound") and _OF_RE.match(text, end):
                unit = "lb"  # "hundreds of pounds of explosives": a weight
        elif (um and um.group("u") and um.start("u") == of.end() + 1 and len(um.group("u")) > 3
              and um.group("u").isalpha()):
            unit, end = _UNITS[um.group("u")], um.end()
    else:  # "hundreds of million pounds"
        cw = _CURWORD_RE.match(text, end)
        if cw and cw.group("w"):
            unit, end = _CUR_WORDS[cw.group("w")][0], cw.end()
    return Figure(text[m.start():end], m.start(), end, "vague", f"~{scale} {unit}" if unit else f"~{scale}")


def _vague_parts(value: str) -> tuple[float, str | None]:
    """The magnitude and unit of a vague amount's key: "~ten thousand GBP" -> (10000.0, "GBP")."""
    magnitude, unit = 1.0, None
    for word in value[1:].split():
        if word in _VAGUE_MAGNITUDE:
            magnitude *= _VAGUE_MAGNITUDE[word]
        else:
            unit = word
    return magnitude, unit


def _number_figure(text: str, m: re.Match, floor: int) -> tuple[Figure | None, int]:
    """The figure starting at a number match and the position to continue from."""
    if m.lastgroup == "words" and all(w in _SCALES for w in _WORD_SEP_RE.split(m.group())):
        vague = _VAGUE_BEFORE_RE.search(text, max(floor, m.start() - 12), m.start())
        if vague:  # "several million", "a few hundred thousand", "multi-million": no value, only words
            # Any vague amount of the same scale and unit states another ("a few thousand people",
            # "several thousand people"); "several million pounds" is not "several million dollars".
            num = _Num(m.start(), m.end(), 0.0)
            _apply_unit(text, num)
            scale = " ".join(_WORD_SEP_RE.split(m.group()))
            if vague.group().startswith(("tens", "hundreds")):  # "tens of thousand": not "thousand"
                scale = f"{_SINGULAR[vague.group().split()[0]]} {scale}"
            return Figure(text[vague.start():num.end], vague.start(), num.end, "vague",
                          f"~{scale} {num.unit}" if num.unit else f"~{scale}"), num.end
    num = _parse_number(text, m)
    if num is None and m.lastgroup == "words":
        # Only the first word is dropped: in "one two-bedroom flat" the "two" is still read.
        sep = _WORD_SEP_RE.search(m.group())
        return None, m.start() + sep.start() if sep else m.end()
    if num is None or m.lastgroup == "num" and _in_address(text, m.start()):
        return None, _skip_token(text, m)
    if m.lastgroup == "num" and num.end == m.end() and num.kind == "count":
        glued = _glued_suffix(text, num)
        if glued == "name":
            return None, _skip_token(text, m)
        if glued == "decade":
            end = _DECADE_RE.match(text, num.end).end()
            written = text[num.start:end]
            value = written.replace("'", "")
            if len(value) == 3 and text[num.start - 1:num.start] in ("'", "’"):
                value = "'" + value  # "the '90s" (a decade) apart from "in her 90s" (an age band)
            return Figure(written, num.start, end, "date", value), end
        if glued == "ordinal":
            end = _ORDINAL_RE.match(text, num.end).end()
            return Figure(text[num.start:end], num.start, end, "ordinal", _norm(num.value)), end
    if num.plain4 and num.kind == "count" and _TIMEZONE_RE.match(text, num.end):
        hour, minute = divmod(int(num.value), 100)  # "1930 GMT" is half past seven, not a year
        if hour < 24 and minute < 60:
            return Figure(text[num.start:num.end], num.start, num.end, "time", f"{hour:02d}:{minute:02d}"), num.end
    num.start = max(num.start, floor)
    _apply_sign(text, num, floor)
    comparator = _comparator(text, num.start)
    rng = _try_range(text, num, m)
    if rng == "name":  # "777-300ER": one model name, no figure in it
        return None, _skip_token(text, m)
    if rng is not None:
        other, end = rng
        if comparator is None and _BETWEEN_RE.search(text, max(0, num.start - 10), num.start):
            comparator = "between"
        fig = _range_figure(text, num, other, comparator)
        if fig is not None:
            return fig, end
    return _figure(text, num, comparator), num.end


def _apply_sign(text: str, num: _Num, floor: int) -> None:
    """Negate a number written with a leading minus ("-30 degrees", "minus 30", "−5")."""
    start = num.start
    if start > floor and text[start - 1] in "-\u2212" and (start == 1 or text[start - 2] in _SIGN_BEFORE):
        num.start, num.value, num.plain4 = start - 1, -num.value, False
        return
    word = _MINUS_RE.search(text, max(floor, start - 12), start)
    if word:
        num.start, num.value, num.plain4 = word.start(), -num.value, False


def _skip_token(text: str, m: re.Match) -> int:
    """Position after the word-like token holding match m, so names like MH17A are skipped whole."""
    tail = _TOKEN_TAIL_RE.match(text, m.end())
    return tail.end()


# ---------------------------------------------------------------- support

class FigureIndex:
    """A source's figures arranged for support look-ups; build once, check many summaries against it."""

    __slots__ = ("nums", "dirs", "dates", "years", "times", "scores", "strings", "vague", "amounts", "names")

    def __init__(self, figures: list[Figure], names: Iterable[float] = ()):
        """`names`: values of number words in the source's names ("Six Nations"); see name_values."""
        self.nums: dict[float, set[str | None]] = {}
        self.dirs: dict[float, set[int]] = {}  # value -> the directions of its comparators (0: none)
        self.dates: list[tuple[str | None, int, int | None]] = []
        self.years: set[str] = set()
        self.times: set[str] = set()
        self.scores: set[str] = set()
        self.strings: set[str] = set()
        self.vague: set[tuple[float, str | None, str | None]] = set()  # (magnitude, unit, noun) of vague amounts
        # Counts, money and measures (no years, dates, %, ordinals, shares or ages): what may state a vague amount.
        self.amounts: dict[float, set[tuple[str | None, str | None]]] = {}  # value -> {(unit, noun)}
        self.names = frozenset(names)
        for f in figures:
            self._add(f)

    def _num(self, value: float, unit: str | None) -> None:
        self.nums.setdefault(value, set()).add(unit)

    def _add(self, f: Figure) -> None:
        if f.kind in NUMERIC_KINDS:
            self._num(f.value, f.unit)
            self.dirs.setdefault(f.value, set()).add(_DIRECTION.get(f.comparator, 0) if f.high is None else 0)
            if f.high is not None:
                self._num(f.high, f.unit)
            # "fewer than 3,000" or "up to 3,000" may be far fewer: it states no "thousands".
            # A range states only its low end ("between 500 and 5,000" may be 500).
            if f.kind in ("count", "money", "quantity") and f.unit not in _NOT_AMOUNTS and _DIRECTION.get(f.comparator, 0) >= 0:
                self.amounts.setdefault(f.value, set()).add((f.unit, f.noun))
            if f.kind == "year":
                self.years.add(str(int(f.value)))
        elif f.kind == "date":
            # A source's ambiguous 05/10/2023 states either reading; its range 5-7 March each day.
            for reading in re.split(r"[|&]", f.value):
                parts = _date_parts(reading)
                if parts is None:
                    self.strings.add(reading)
                    # A decade in two digits and in four: "the '90s" and "the 1990s" say the same
                    # (not "her 20s": an age band, written without the apostrophe).
                    if len(reading) == 5 and reading[:4].isdigit():
                        self.strings.add("'" + reading[2:])
                    elif reading.startswith("'"):
                        self.strings.update(("19" + reading[1:], "20" + reading[1:]))
                    continue
                self.dates.append(parts)
                if parts[0]:
                    self.years.add(parts[0])
                    self._num(float(parts[0]), None)
        elif f.kind == "time":
            self.times.add(f.value)
        elif f.kind == "vague":
            self.vague.add((*_vague_parts(f.value), f.noun))
        elif f.kind == "score":
            a, b = f.value.split("-")
            self.scores.update((f.value, f"{b}-{a}"))
            self._num(float(a), None)
            self._num(float(b), None)

    @classmethod
    def from_text(cls, text: str) -> "FigureIndex":
        """The index of a source text: its stated figures, and the number words of its names."""
        return cls(stated_figures(text), name_values(text))

    def supports(self, f: Figure, lower_case_summary: bool = False) -> bool:
        """True when the indexed source states figure f (of a summary written all in lower case
        when `lower_case_summary`: only then may a name's number word state it)."""
        if lower_case_summary and f.kind == "count" and f.value in self.names and f.text.isalpha():
            return True  # "the six nations" in a lower-cased summary: the source's "Six Nations"
        if f.kind in NUMERIC_KINDS:
            if not (self._has_num(f.value, f.unit) and (f.high is None or self._has_num(f.high, f.unit))):
                return False
            # "more than 9,000" is not stated by a source that only ever says "fewer than 9,000".
            way = _DIRECTION.get(f.comparator, 0)
            if not way:
                return True
            ways = set(self.dirs.get(f.value, ()))
            for v in self._share_values(f.value, f.unit):  # "over 50%" against "less than half"
                ways |= self.dirs.get(v, set())
            return ways != {-way}
        if f.kind == "date":
            # A summary's ambiguous 05/10/2023 is supported when the source states either reading,
            # its range "5-7 March" when the source states both days.
            def stated(reading: str) -> bool:
                parts = _date_parts(reading)
                return self._has_date(parts) if parts else reading in self.strings

            if "&" in f.value:
                return all(stated(r) for r in f.value.split("&"))
            return any(stated(r) for r in f.value.split("|"))
        if f.kind == "time":
            return f.value in self.times
        if f.kind == "vague":
            return self._has_vague(*_vague_parts(f.value), f.noun)
        if f.kind == "score":
            return f.value in self.scores
        return False

    def _has_num(self, value: float, unit: str | None) -> bool:
        units = self.nums.get(value, set())
        # A summary figure without a unit may be supported by the same value with any unit or none
        # ("1,000" by "1,000 km"); one with a unit (km, %, a currency...) needs that very unit in
        # the source: "30%" is not supported by "30 people" nor "$9,000" by "9,000 Russians".
        # Multipliers and counts of times state no plain count: "Two people were hurt" is not
        # stated by "stabbed twice" nor by "sales doubled".
        if units and (unit is None and not units <= _NOT_COUNTS or unit in units
                      or not _EQUIVALENT_UNITS.get(unit, set()).isdisjoint(units)):
            return True
        return bool(self._share_values(value, unit))

    def _has_vague(self, magnitude: float, unit: str | None, noun: str | None) -> bool:
        """True when the source states a vague amount: "thousands" by "several thousand" or "tens of
        thousands", or by an amount from 2 to 10 times the scale of the same thing ("thousands of
        protesters" by "5,000 protesters", not by "5,000 officers", "3,000 homes" or "fewer than
        3,000"); never by "1,000", "hundreds", a year, a percentage or an age (a vague amount may
        understate a figure, never inflate it). A unit must match: "thousands of pounds" by a sum in
        pounds ("a multi-million deal" by "a £5m deal": the same thing)."""
        top = magnitude * _VAGUE_REACH
        thing = noun if noun and not noun.startswith("~") else None  # what "thousands of X" counts
        for mag, u, n in self.vague:
            # "thousands of people" is stated neither by "thousands of dollars" nor "thousands of
            # years"; a bare "thousands" ("worth thousands less") by any thousands.
            if not magnitude <= mag <= top:
                continue
            if unit is not None and u == unit:
                return True
            if unit is None and (thing is None or u is None and (n is None or n.startswith("~") or n == thing)):
                return True
        word = noun.lstrip("~") if noun else None
        for v, found in self.amounts.items():
            if 2 * magnitude <= v <= top:
                for u, n in found:
                    if (u == unit if unit is not None else word is not None and n == word):
                        return True
        return False

    def _share_values(self, value: float, unit: str | None) -> list[float]:
        """Source values that state a share or a multiplier in another form.

        "half" by "50%" and "a third" by "33%" (a point of rounding either way); "doubled" by
        "a 100% rise" ("x" units from "%" rises).
        """
        if unit == "frac":
            return [v for v, units in self.nums.items() if "%" in units and abs(v - value * 100) <= 1.0]
        if unit == "%":  # "a third" states "33%" (a multiplier states no %: "fell 100%" is not "doubled")
            return [v for v, units in self.nums.items() if "frac" in units and abs(v * 100 - value) <= 1.0]
        if unit == "x":
            rise = _norm((value - 1) * 100)
            return [rise] if "%" in self.nums.get(rise, ()) else []
        return []

    def _has_date(self, parts: tuple[str | None, int, int | None]) -> bool:
        year, month, day = parts
        if year and year not in self.years:
            return False
        for sy, sm, sd in self.dates:
            if sm == month and (day is None or sd == day) and (not year or not sy or sy == year):
                return True
        return False


# Units that state one another: "30 degrees" and "30C" say the same; "30C" and "30F" do not.
# A count of times is stated only by a count of times ("stabbed 17 times" is not "17 people"), a
# multiplier only by a multiplier or the matching rise ("married twice" is not "doubled").
_EQUIVALENT_UNITS = {"deg": {"degC", "degF"}, "degC": {"deg"}, "degF": {"deg"}}
_NOT_COUNTS = frozenset({"x", "times"})


def _date_parts(value: str) -> tuple[str | None, int, int | None] | None:
    """Split a date key back into (year or None, month, day or None); None for decades."""
    mt = re.fullmatch(r"(\d{4}|-)-(\d\d)(?:-(\d\d))?", value)
    if not mt:
        return None
    y, mo, d = mt.groups()
    return (None if y == "-" else y, int(mo), int(d) if d else None)


def is_supported(fig: Figure, source_figures: list[Figure]) -> bool:
    """True when the source figures state fig (same value, compatible unit, comparator not reversed)."""
    return FigureIndex(source_figures).supports(fig)


def check_figures(summary: str, source: str | list[Figure] | FigureIndex,
                  summary_figures: list[Figure] | None = None) -> list[Figure]:
    """The summary's figures that the source does not state; [] when every figure is supported.

    `source` is the source text, its figures, or a FigureIndex of them (the cheapest when
    many texts are checked against one source: FigureIndex.from_text). Only a text (or an
    index made from_text) knows the number words of the source's names, which may state a
    lower-case number word of the summary ("the six nations" by "Six Nations").
    `summary_figures`: extract_figures(summary), when the caller has it already.
    """
    if not isinstance(source, (str, list, tuple, FigureIndex)):
        from .errors import ArgumentError

        raise ArgumentError(f"check_figures() takes the source as a str, a list of Figures or a FigureIndex; "
                            f"given: {type(source).__name__}")
    figures = extract_figures(summary) if summary_figures is None else summary_figures
    if not figures:
        return []
    if isinstance(source, FigureIndex):
        index = source
    elif isinstance(source, str):
        index = FigureIndex.from_text(source)
    else:
        index = FigureIndex(source)
    lower = summary == summary.lower()
    # A figure beside an undecodable byte ("5\ufffd000", "\ufffd8C") cannot be read: never stated.
    return [f for f in figures if _beside_replacement(summary, f) or not index.supports(f, lower)]


def stated_figures(text: str, figures: list[Figure] | None = None) -> list[Figure]:
    """What a source text states: its figures (`figures`, when already extracted from it), less
    any beside an undecodable byte ("5\ufffd000" is neither 5 nor 000)."""
    figures = extract_figures(text) if figures is None else figures
    if "\ufffd" not in text:
        return figures
    return [f for f in figures if not _beside_replacement(text, f)]


def _beside_replacement(text: str, f: Figure) -> bool:
    """True when figure f touches a U+FFFD (a byte that could not be decoded)."""
    return "\ufffd" in text[max(0, f.start - 1):f.end + 1]


def name_values(text: str) -> set[float]:
    """The values of number words in a cased text's names ("Six Nations" -> 6.0).

    They are no figures of the text, yet a lower-cased summary ("the six nations") cannot tell
    its "six" from a count: only such a lower-case number word may be supported by them.
    """
    if text == text.lower():
        return set()
    return {_words_value(m.group().lower()) for m in _NAME_NUMBER_RE.finditer(text) if _number_in_name(text, m)}
