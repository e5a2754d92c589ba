"""When an event happened: the time expression in the trigger's clause, resolved against the
article date.

Finding the expression (``date_of_event``): the words that date an event are attached to its
trigger in the parse: a spaCy DATE/TIME entity ("yesterday", "last week", "Two days ago") or a
temporal prepositional phrase ("on Feb. 27", "in March", "between 1989 and 1990", "during the
Desert Storm operation"). They are looked for on the trigger first, then on the words governing
it in the same clause (xcomp: "agreed last week to meet", conj: "attacked and occupied ...") and
through ccomp on the reporting verb ("said Tuesday that ..."); a nominal trigger ("during his
visit") looks at its own modifiers and then at its governing verb. The first word on that chain
that carries a date wins, so a date in another clause never overrides the trigger's own.

Resolving it (``DateResolver.resolve``): our own rules first, because they decide precision and
the year of a yearless date the way news is written; dateparser only for the absolute formats
the rules do not cover ("10/03/2001", "the 27th"). The rules:

- "last week" / "this week" / "next week": the calendar week (Monday..Sunday), precision "range".
  A week is what the words say; picking one day of it would invent precision.
- weekdays ("on Saturday"): past tense -> the most recent one (the article's own weekday is the
  article day: wire copy says "said Friday" on a Friday); future -> the next one (or the day
  itself); present -> whichever is nearer.
- months and month-days without a year ("in March", "on Feb. 27"): past -> this year's if it has
  begun by the article date, else last year's; future -> this year's unless already over, else
  next year's; present -> the nearest.
- "earlier this month" / "later this year": precision of the unit named (month, year) with the
  interval cut at the article date, so ``date``..``end`` is always what the words allow.
- "early/mid/late 2015", decades ("the 1990s"), "between X and Y", named periods: "range".
- durations ("for three years", "24 hours", "over the past decade") are not dates: None.
- without an article date, relative expressions give None; absolute ones still resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from functools import cache, lru_cache
from typing import Any

from spacy.tokens import Token

from detente.datafiles import read_packaged

TENSES = ("past", "present", "future")
# Article dates outside these years are export placeholders (0001-01-01, 9999-12-31) or typos,
# not news: date arithmetic on them overflows, so they are kept as written but never computed on.
SANE_YEARS = range(1800, 2101)
OUT_OF_RANGE = (f"article date outside {SANE_YEARS[0]}-{SANE_YEARS[-1]}: "
                "kept as the article's date, not used to read dates such as \"last week\"")


def sane_day(day: dt.date | None) -> dt.date | None:
    """The day if relative dates may be computed from it, else None."""
    return day if day is not None and day.year in SANE_YEARS else None


# ---- the result ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EventDate:
    """The date of an event, how precise it is, and the words it came from."""

    date: str | None  # ISO day: the day, or the first day of the month/year/range
    end: str | None  # last day for month/year/range precision, else None
    precision: str  # "day", "month", "year", "range", "article" (fell back to the article date)
    text: str | None  # the words it came from ("last week"); None for the article fallback
    start_char: int | None = None  # document offsets of ``text``
    end_char: int | None = None

    @property
    def date_source(self) -> str:
        return "article" if self.precision == "article" else "text"

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["date_source"] = self.date_source
        return record


@dataclass(frozen=True)
class Interval:
    """A resolved expression before it is tied to its words."""

    start: dt.date
    end: dt.date | None
    precision: str

    def as_event_date(self, text: str | None) -> EventDate:
        end = self.end.isoformat() if self.end and self.precision != "day" else None
        return EventDate(self.start.isoformat(), end, self.precision, text)


@dataclass(frozen=True)
class Period:
    """A named war, operation or crisis from ``data/periods.yaml``."""

    name: str
    start: dt.date
    end: dt.date | None  # None: still going on


# ---- vocabulary ----------------------------------------------------------------------------

# (the names alone, also read by events.places: a day or a month is no place)
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    **{name: number for number, name in enumerate(WEEKDAY_NAMES)},
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
UNITS = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie))s?"
NUMBER = r"(?:\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"
QUALIFIER = r"(?:(?P<qual>early|mid|late|the end of|the beginning of|the middle of)[\s-]+)"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"

# Words that may precede the expression without changing its meaning.
LEADING = re.compile(r"^(?:back|on|in|at|during|over|throughout|around|sometime|some time|as of)"
                     r"\s+")
# Only these prepositions date an event; "for", "since", "until", "by", "after", "before" give
# durations, deadlines or bounds, not the time the event happened.
DATE_PREPS = {"on", "in", "at", "during", "between", "over", "throughout", "around", "from",
              "within"}
PERIOD_PREPS = {"during", "in", "throughout", "amid", "at"}
TEMPORAL_ENTS = {"DATE", "TIME"}
# Dependents of a verb (or a nominal trigger) that may be a bare date: "met Tuesday",
# "yesterday", "Two days ago", "Monday's attack", "the March talks".
BARE_DATE_DEPS = {"npadvmod", "advmod", "tmod", "nmod", "obl", "poss", "compound", "amod"}
# Adverbs that take a dated phrase: "back in 2015", "earlier in March".
LEAD_ADVERBS = {"back", "earlier", "later", "early", "late"}
# Clause links from a trigger up to a word whose date is also the event's.
CLAUSE_UP = {"xcomp", "conj", "ccomp"}
# Prepositions of the place or occasion a verb names, whose own dated phrase dates the verb
# (not "of", "about", "over", "for": "accused Peru of raids in May" is no accusation in May).
OCCASION_PREPS = {"at", "in", "on", "to", "into", "with"}
OCCASION_PREPS_OF_OBJECT = {"at", "in"}
ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "last", "final", "next"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "can", "could", "may", "might", "should",
              "must"}
# The gate for dateparser: absolute formats our rules do not cover.
DATEPARSER_GATE = re.compile(r"\d|\b(?:" + "|".join(MONTHS) + "|" + "|".join(WEEKDAYS) + r")\b")
TIME_WORDS = re.compile(r"\b(?:a\.?m|p\.?m|noon|midnight|o'clock)\b|\b" + PART_OF_DAY + r"\b")

DURATION = re.compile(
    r"^(?:for|over|through|throughout|within|after|the|a|an|some|nearly|almost|about|more than|"
    r"less than|at least|up to|\s)*"
    r"(?:(?:past|last|next|coming|previous|following|first|final|recent)\s+)?"
    r"(?:" + NUMBER + r"|few|several|many|couple of|dozen|hundreds of)?"
    r"(?:[\s-]+(?:and a half|or so))?[\s-]*" + UNITS + r"(?:[\s-]+(?:long|old))?$"
)
# "in the past week", "within the last three days": the window the event fell in.
RECENT_WINDOW = re.compile(
    r"^(?:in|within|during)\s+the\s+(?:past|last)\s+(?:(?P<n>" + NUMBER + r")\s+)?"
    r"(?P<unit>day|week|month|year)s?$"
)


# ---- resolving an expression ---------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    article: dt.date | None
    tense: str


Rule = Callable[[str, Context], "Interval | None"]


# Resolved (expression, article date, tense) kept for reuse: the articles of one news day share
# their expressions, while a long ingest meets a new article date every day, so the cache is
# emptied when full (about 0.5 KB an entry) rather than grown with the run.
CACHE_ENTRIES = 2_048


class DateResolver:
    """Turns a time expression into dates, given the article date and the verb's tense."""

    def __init__(self, periods: list[tuple[Period, list[str]]]) -> None:
        self.periods_by_alias: dict[str, list[Period]] = {}
        for period, aliases in periods:
            for alias in {_alias_key(a) for a in (period.name, *aliases)}:
                self.periods_by_alias.setdefault(alias, []).append(period)
        self._period_pattern = _alias_pattern(self.periods_by_alias)
        self._cache: dict[tuple[str, dt.date | None, str], EventDate | None] = {}

    @classmethod
    def load(cls) -> DateResolver:
        """The resolver over the packaged ``periods.yaml`` (read once per process)."""
        return _packaged_resolver()

    def resolve(
        self, expression: str, article_date: dt.date | None, tense: str = "past"
    ) -> EventDate | None:
        """The dates ``expression`` stands for, or None if it is not a date we can place.

        ``tense`` is that of the verb the expression belongs to: "past", "present" or "future".
        """
        if tense not in TENSES:
            raise ValueError(f"tense must be one of {TENSES}, not {tense!r}")
        article_date = sane_day(article_date)
        key = (expression, article_date, tense)
        if key not in self._cache:
            if len(self._cache) >= CACHE_ENTRIES:  # a long run sees ever new article dates
                self._cache.clear()
            try:
                interval = self._interval(_normalise(expression), Context(article_date, tense))
            except (OverflowError, ValueError):  # "next year" in 9999: no such date
                interval = None
            self._cache[key] = interval.as_event_date(expression) if interval else None
        return self._cache[key]

    def names_period(self, text: str) -> bool:
        """Whether ``text`` mentions a named period (cheap check before resolving)."""
        return self._period_pattern.search(_normalise(text)) is not None

    def _interval(self, text: str, ctx: Context) -> Interval | None:
        period = self._period(text, ctx)
        if period is not None:
            return period
        window = RECENT_WINDOW.match(text)
        if window:
            return _recent_window(window, ctx)
        if text.startswith(("between ", "from ")) or RANGE.match(text):
            return _ranged(text, ctx)  # "from 1989" alone is where something began, not when
        return _simple(text, ctx)

    def _period(self, text: str, ctx: Context) -> Interval | None:
        match = self._period_pattern.search(text)
        if match is None:
            return None
        candidates = self.periods_by_alias[_alias_key(match.group(0))]
        period = _meant_period(candidates, ctx.article)
        if period is None:
            return None
        end = period.end or ctx.article
        return Interval(period.start, end if end and end >= period.start else None, "range")


def _meant_period(candidates: list[Period], article: dt.date | None) -> Period | None:
    # An alias shared by several periods ("Gaza war") means the latest one begun by then.
    if len(candidates) == 1:
        return candidates[0]
    if article is None:
        return None
    begun = [p for p in candidates if p.start <= article]
    return max(begun, key=lambda p: p.start) if begun else None


@cache
def _packaged_resolver() -> DateResolver:
    table = read_packaged("periods.yaml")
    periods = []
    for entry in table.get("periods") or []:
        period = Period(str(entry["name"]), _day(entry["start"]), _optional_day(entry.get("end")))
        periods.append((period, [str(a) for a in entry.get("aliases") or []]))
    return DateResolver(periods)


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _optional_day(value: Any) -> dt.date | None:
    return None if value is None else _day(value)


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"\s+", " ", text).strip(" ,;:()\"")
    return re.sub(r"(?:'s|\s+(?:and|or))$", "", text)  # "Monday's", a dangling conjunction


def _alias_key(alias: str) -> str:
    return re.sub(r"[\s-]+", " ", _normalise(alias))


def _alias_pattern(aliases: dict[str, list[Period]]) -> re.Pattern[str]:
    # Longest first, so "iran-iraq war" is not read as "iraq war"; keys have hyphens as spaces
    # and the pattern matches a space or a hyphen there.
    parts = []
    for alias in sorted(aliases, key=len, reverse=True):
        escaped = re.escape(alias).replace(r"\ ", r"[-\s]+")
        parts.append(escaped)
    return re.compile(r"(?<![\w/])(?:" + "|".join(parts) + r")(?![\w/])")


# ---- ranges: "between 1989 and 1990", "from March to May 2015", "1990-91" ------------------

RANGE = re.compile(
    r"^(?:between\s+(?P<a1>.+?)\s+and\s+(?P<b1>.+)"
    r"|from\s+(?P<a2>.+?)\s+(?:to|until|till|through|thru|-)\s+(?P<b2>.+)"
    r"|(?P<a3>(?:1[6-9]|20)\d\d)\s*-\s*(?P<b3>(?:1[6-9]|20)?\d\d))$"
)


def _ranged(text: str, ctx: Context) -> Interval | None:
    match = RANGE.match(text)
    if match is None:
        return None
    first, last = next(
        (match.group(f"a{i}"), match.group(f"b{i}")) for i in (1, 2, 3) if match.group(f"a{i}")
    )
    if match.group("a3") and len(last) == 2:  # "1990-91"
        last = first[:2] + last
    year = re.search(r"\s(?:" + YEAR + r"|(?:last|this|next) year)$", last)
    if year and not re.search(YEAR + r"|\byear\b", first):
        first = first + year.group(0)  # "between March and May 2015": the year is shared
    start, end = _simple(first, ctx), _simple(last, ctx)
    if start is None or end is None:
        return None
    last_day = end.end or end.start
    if last_day < start.start:
        return None
    return Interval(start.start, last_day, "range")


# ---- single expressions --------------------------------------------------------------------


def _simple(text: str, ctx: Context) -> Interval | None:
    while True:  # "back in 2015", "on Saturday": the preposition adds nothing
        stripped = LEADING.sub("", text)
        if stripped == text:
            break
        text = stripped
    for rule in RULES:
        found = rule(text, ctx)
        if found is not None:
            return found
    if DURATION.match(text) or RANGE.match(text):
        return None  # "three years", "24 hours": how long, not when
    return _dateparser(text, ctx)


def _decade(text: str, ctx: Context) -> Interval | None:
    match = re.match(r"^(?:the\s+)?" + QUALIFIER + r"?(?P<decade>(?:1[6-9]|20)\d)0'?s$", text)
    if match is None:
        return None
    first = int(match.group("decade")) * 10
    span = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(match.group("qual") or "", (0, 9))
    return Interval(dt.date(first + span[0], 1, 1), dt.date(first + span[1], 12, 31), "range")


def _year(text: str, ctx: Context) -> Interval | None:
    match = re.match(r"^(?:the\s+(?:year\s+)?)?" + QUALIFIER + r"?" + YEAR + r"$", text)
    if match is None:
        return None
    return _year_part(int(match.group("year")), match.group("qual"))


def _year_part(year: int, qualifier: str | None) -> Interval:
    # "early 2015" is the first third of the year, "mid-" the middle and "late" the last.
    thirds = {"early": (1, 4), "the beginning of": (1, 4), "mid": (5, 8), "the middle of": (5, 8),
              "late": (9, 12), "the end of": (9, 12)}
    if qualifier in thirds:
        first, last = thirds[qualifier]
        return Interval(dt.date(year, first, 1), _month_end(year, last), "range")
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _month_day(text: str, ctx: Context) -> Interval | None:
    match = (
        re.match(r"^" + MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+" + YEAR + r")?$",
                 text)
        or re.match(r"^(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH
                    + r"(?:,?\s+" + YEAR + r")?$", text)
    )
    if match is None:
        return None
    month, day = MONTHS[match.group("month")], int(match.group("day"))
    if match.group("year"):
        return _safe_day(int(match.group("year")), month, day)
    if ctx.article is None:
        return None
    options = [d for y in _years_around(ctx.article) if (d := _safe_day(y, month, day))]
    chosen = _by_tense([(d.start, d.start) for d in options], ctx)
    return Interval(chosen[0], None, "day") if chosen else None


def _month(text: str, ctx: Context) -> Interval | None:
    match = re.match(r"^(?:(?P<which>last|this|next|this past|this coming|past|coming)\s+)?"
                     + QUALIFIER + r"?" + MONTH + r"(?:,?\s+(?:of\s+)?" + YEAR
                     + r"|\s+(?P<rel>last|this|next)\s+year)?$", text)
    if match is None:
        return None
    month = MONTHS[match.group("month")]
    if match.group("year"):
        year = int(match.group("year"))
        return Interval(dt.date(year, month, 1), _month_end(year, month), "month")
    if ctx.article is None:
        return None
    if match.group("rel"):  # "in July this year", "in March last year"
        year = ctx.article.year + {"last": -1, "this": 0, "next": 1}[match.group("rel")]
        return Interval(dt.date(year, month, 1), _month_end(year, month), "month")
    spans = [(dt.date(y, month, 1), _month_end(y, month)) for y in _years_around(ctx.article)]
    which = match.group("which") or "this"
    if which != "this":  # "last September": one before the current month; "next March": after
        this_month = ctx.article.replace(day=1)
        forward = which.endswith(("next", "coming"))
        spans = [s for s in spans if (s[0] > this_month if forward else s[0] < this_month)]
        ctx = Context(ctx.article, "future" if forward else "past")
    chosen = _by_tense(spans, ctx)
    return Interval(chosen[0], chosen[1], "month") if chosen else None


def _relative_day(text: str, ctx: Context) -> Interval | None:
    words = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
             "this evening": 0, "yesterday": -1, "last night": -1, "overnight": 0,
             "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
    base = re.sub(r"\s+" + PART_OF_DAY + r"$", "", text)  # "yesterday morning"
    base = re.sub(r"^(?:early|late)\s+", "", base)
    offset = words.get(text, words.get(base))
    if offset is None or ctx.article is None:
        return None
    return Interval(ctx.article + dt.timedelta(days=offset), None, "day")


def _ago(text: str, ctx: Context) -> Interval | None:
    match = re.match(r"^(?:about\s+|some\s+|nearly\s+|almost\s+|just\s+)?(?P<n>" + NUMBER
                     + r")\s+(?P<unit>hour|day|week|month|year|decade)s?\s+ago$", text)
    if match is None or ctx.article is None:
        return None
    n = int(match.group("n")) if match.group("n").isdigit() else NUMBERS[match.group("n")]
    unit = match.group("unit")
    if unit in ("hour", "day"):
        days = n if unit == "day" else n // 24
        return Interval(ctx.article - dt.timedelta(days=days), None, "day")
    if unit == "week":
        return _week(ctx.article - dt.timedelta(weeks=n))
    if unit == "month":
        year, month = _shift_month(ctx.article.year, ctx.article.month, -n)
        return Interval(dt.date(year, month, 1), _month_end(year, month), "month")
    years = n * (10 if unit == "decade" else 1)
    return _year_part(ctx.article.year - years, None)


def _weekday(text: str, ctx: Context) -> Interval | None:
    match = re.match(r"^(?:(?P<which>last|this|next|past|coming|this past|this coming|on)\s+)?"
                     r"(?:(?:early|late)\s+)?"
                     + WEEKDAY + r"(?:,)?(?:\s+" + PART_OF_DAY + r")?$", text)
    if match is None or ctx.article is None:
        return None
    weekday, which = WEEKDAYS[match.group("weekday")], match.group("which")
    back = (ctx.article.weekday() - weekday) % 7
    ahead = (weekday - ctx.article.weekday()) % 7
    if which in ("last", "past", "this past"):
        offset = -(back or 7)
    elif which in ("next", "coming", "this coming"):
        offset = ahead or 7
    elif ctx.tense == "future":
        offset = ahead
    elif ctx.tense == "present":
        offset = ahead if ahead < back else -back
    else:
        offset = -back
    return Interval(ctx.article + dt.timedelta(days=offset), None, "day")


def _relative_unit(text: str, ctx: Context) -> Interval | None:
    """"last week", "earlier this month", "later this year", "late last year", "next month"."""
    match = re.match(
        r"^(?:(?P<edge>earlier|later|early|late|mid|the end of|the beginning of|the middle of)"
        r"[\s-]+)?(?:(?P<which>last|this|next|past|coming)\s+)"
        r"(?P<unit>week|weekend|month|year)$", text)
    if match is None or ctx.article is None:
        return None
    which = {"past": "last", "coming": "next"}.get(match.group("which"), match.group("which"))
    shift = {"last": -1, "this": 0, "next": 1}[which]
    unit, edge = match.group("unit"), match.group("edge")
    if unit == "weekend":
        return _weekend(ctx.article, which, ctx.tense)
    if unit == "week":
        span = _week(ctx.article + dt.timedelta(weeks=shift))
    elif unit == "month":
        year, month = _shift_month(ctx.article.year, ctx.article.month, shift)
        span = Interval(dt.date(year, month, 1), _month_end(year, month), "month")
    else:
        year = ctx.article.year + shift
        if edge in ("early", "mid", "late", "the end of", "the beginning of", "the middle of"):
            return _year_part(year, edge)
        span = _year_part(year, None)
    return _cut_at_article(span, edge, ctx.article)


def _bare_unit(text: str, ctx: Context) -> Interval | None:
    """"the weekend", "this past weekend", "earlier in the week"."""
    if re.match(r"^(?:the|this past|this last)\s+weekend$", text) and ctx.article:
        return _weekend(ctx.article, "this" if text == "the weekend" else "last", ctx.tense)
    match = re.match(r"^(?P<edge>earlier|later)\s+(?:in\s+)?the\s+(?P<unit>week|month|year)$",
                     text)
    if match is None or ctx.article is None:
        return None
    return _relative_unit(f"{match.group('edge')} this {match.group('unit')}", ctx)


RULES: tuple[Rule, ...] = (_decade, _year, _month_day, _month, _relative_day, _ago, _weekday,
                           _relative_unit, _bare_unit)


def _cut_at_article(span: Interval, edge: str | None, article: dt.date) -> Interval:
    # "earlier this month" ends the day before the article, "later this week" starts after it.
    end = span.end or span.start
    if edge == "earlier":
        return replace(span, end=max(span.start, min(end, article - dt.timedelta(days=1))))
    if edge == "later":
        return replace(span, start=min(end, max(span.start, article + dt.timedelta(days=1))))
    return span


def _week(day: dt.date) -> Interval:
    monday = day - dt.timedelta(days=day.weekday())
    return Interval(monday, monday + dt.timedelta(days=6), "range")


def _weekend(article: dt.date, which: str, tense: str) -> Interval:
    """Saturday..Sunday: "this"/"the" weekend is the one under way, else the one the tense
    points to; "last" is the one before that under way, "next" the one after it."""
    weekday = article.weekday()
    current = article - dt.timedelta(days=weekday - 5) if weekday >= 5 else None
    gone = article - dt.timedelta(days=weekday + 2) if current is None else current
    coming = article + dt.timedelta(days=5 - weekday) if current is None else current
    if which == "last":
        saturday = gone - dt.timedelta(weeks=1) if current else gone
    elif which == "next":
        saturday = coming + dt.timedelta(weeks=1) if current else coming
    else:
        saturday = current or (coming if tense == "future" else gone)
    return Interval(saturday, saturday + dt.timedelta(days=1), "range")


def _recent_window(match: re.Match[str], ctx: Context) -> Interval | None:
    if ctx.article is None:
        return None
    raw = match.group("n")
    n = 1 if raw is None else int(raw) if raw.isdigit() else NUMBERS[raw]
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[match.group("unit")] * n
    return Interval(ctx.article - dt.timedelta(days=days), ctx.article, "range")


def _by_tense(spans: list[tuple[dt.date, dt.date]], ctx: Context) -> tuple[dt.date, dt.date] | None:
    """Of the same month or day in neighbouring years, the one the tense points to."""
    article = ctx.article
    assert article is not None
    if ctx.tense == "past":
        begun = [s for s in spans if s[0] <= article]
        return max(begun) if begun else None
    if ctx.tense == "future":
        open_ = [s for s in spans if s[1] >= article]
        return min(open_) if open_ else None
    return min(spans, key=lambda s: 0 if s[0] <= article <= s[1] else
               min(abs((s[0] - article).days), abs((s[1] - article).days)))


def _years_around(day: dt.date) -> tuple[int, ...]:
    return (day.year - 1, day.year, day.year + 1)


def _safe_day(year: int, month: int, day: int) -> Interval | None:
    try:
        return Interval(dt.date(year, month, day), None, "day")
    except ValueError:  # "Feb. 29" in a common year, "April 31"
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


# ---- dateparser, for absolute formats the rules do not know --------------------------------


def _dateparser(text: str, ctx: Context) -> Interval | None:
    if not DATEPARSER_GATE.search(text):
        return None  # no digit, month or weekday: a vague word ("recently", "a few days ago")
    if ctx.article is None and not re.search(YEAR, text):
        return None  # relative to an unknown day
    parser = _date_parser(ctx.article, ctx.tense)
    if parser is None:
        return None
    data = parser.get_date_data(text)
    found = data.date_obj
    if found is None:
        return None
    if (found.hour or found.minute or found.second) and not TIME_WORDS.search(text):
        return None  # "the 1990s" read as 1990 seconds ago: dateparser guessed at a number
    day = found.date()
    if ctx.tense == "past" and ctx.article and day > ctx.article and not re.search(YEAR, text):
        return None  # "the 27th" put after the article it is reported in: a misreading
    if data.period == "week":
        return _week(day)
    if data.period == "month":
        return Interval(day.replace(day=1), _month_end(day.year, day.month), "month")
    if data.period == "year":
        return _year_part(day.year, None)
    return Interval(day, None, "day")


@lru_cache(maxsize=256)
def _date_parser(article: dt.date | None, tense: str) -> Any:
    try:  # imported only when needed: it costs a few hundred milliseconds the first time
        from dateparser.date import DateDataParser
    except ImportError:  # the rules above still resolve everything common
        return None
    # The end of the article's day for past events, so "at 5 p.m." is that day, not the day
    # before; its start for future ones.
    clock = {"past": dt.time(23, 59, 59), "future": dt.time()}.get(tense, dt.time(12))
    base = dt.datetime.combine(article or dt.date(2000, 1, 1), clock)
    prefer = {"past": "past", "future": "future"}.get(tense, "current_period")
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer,
                "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    return DateDataParser(languages=["en"], settings=settings)


# ---- finding the expression in the parse ---------------------------------------------------


def date_of_event(
    trigger: Token, article_date: dt.date | None, resolver: DateResolver
) -> EventDate | None:
    """The date of the event whose trigger is given.

    The nearest dated word on the trigger's clause chain decides; with none, the article date
    (precision "article"), or None when the article has no date either.
    """
    for host, via in _hosts(trigger):
        if via == "when":
            spans = [_entity_span(host)] if _is_time(host) else []
        elif via == "subject":
            # only a phrase between the subject's head and its verb ("X on Monday said")
            spans = [span for span in _expressions(host, resolver, preps_only=True)
                     if span[0] > host.i]
        else:
            spans = list(_expressions(host, resolver, preps_only=via == "object"))
        if not spans:
            continue  # the common case: nothing to resolve, no tense to work out
        host_tense = tense_of(host)
        if via == "ccomp" and host_tense == "past" and tense_of(trigger) == "future":
            continue  # "said on Monday it will meet": Monday is when it was said
        best: tuple[int, EventDate] | None = None
        for start, end in spans:
            span = trigger.doc[start:end]
            found = resolver.resolve(span.text, article_date, host_tense)
            if found is None:
                continue
            length = _length(found)
            if best is None or length < best[0]:  # "on Monday, March 3": the finer one
                best = (length, replace(found, start_char=span.start_char,
                                        end_char=span.end_char))
        if best is not None:
            return best[1]
    if article_date is None:
        return None
    return EventDate(article_date.isoformat(), None, "article", None)


def tense_of(token: Token) -> str:
    """"past", "present" or "future", from the verb's auxiliaries and tag.

    will/would and the other modals make a bare verb future ("will meet", "could strike"); a
    perfect ("has met", "may have struck") or a past tag is past; an infinitive under a verb is
    future if that verb is, else present (it was still to happen when the verb's time came).
    """
    verb = token if _is_verb(token) else _governing_verb(token)
    if verb is None:
        return "past"  # a headline noun phrase: news reports what has happened
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() == "have" for a in auxes) and verb.tag_ == "VBN":
        return "past"
    if any(a.lower_ in FUTURE_AUX or a.lemma_.lower() in FUTURE_AUX for a in auxes):
        return "future"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head != verb:
        return "future" if tense_of(verb.head) == "future" else "present"
    return "present"


def _hosts(trigger: Token) -> Iterator[tuple[Token, str]]:
    """The trigger, then the words up its clause chain, with the link that led to each."""
    current: Token | None = trigger
    via = "self"
    if not _is_verb(trigger):
        yield trigger, via  # "Monday's attack", "his visit on Monday"
        # "a proposal made on Monday", "the strikes carried out in May": the clause that
        # describes the act
        yield from ((c, "self") for c in trigger.children if c.dep_ == "acl")
        current, via = _governing_verb(trigger), "governing"
    for _ in range(6):
        if current is None:
            break
        yield current, via
        if current is trigger:
            # The parser often hangs the date on the object: "hosted talks on Feb. 27".
            for child in current.children:
                if child.dep_ == "dobj":
                    yield child, "object"
                    # ("condemned the raid in a statement on Tuesday": or on the object's)
                    yield from _occasions(child, OCCASION_PREPS_OF_OBJECT, depth=1)
        if _is_verb(current):
            # "the minister on Monday accused ...": the parser may hang the time on the subject
            yield from ((c, "subject") for c in current.children
                        if c.dep_ in ("nsubj", "nsubjpass") and c.i < current.i)
        if current is trigger or via == "conj" and not _has_subject(trigger):
            # or on the place or occasion the clause names: "met Kim at the summit in June",
            # "In a statement on Monday, Lima protested and recalled its envoy"; "for the first
            # time in August" is a time of the verb's own ("for the second time this month"
            # counts within a period, and dates nothing)
            for time in _counted_times(current):
                yield time, "object"
                yield from _occasions(time, OCCASION_PREPS, depth=1)
            yield from _occasions(current, OCCASION_PREPS, depth=2)
        if _when_clause(current):
            yield current.head, "when"  # "in 2011, when Kenya sent troops": 2011
        if not _clause_up(current) or current.head == current:
            break
        current, via = current.head, current.dep_
    if _is_verb(trigger):
        # Last, a later conjunct sharing the clause: "attacked and occupied Georgia last week"
        # puts the date on "occupied" only.
        tense = tense_of(trigger)
        for child in trigger.children:
            if child.dep_ == "conj" and _is_verb(child) and tense_of(child) == tense:
                yield child, "conj-down"


def _occasions(head: Token, preps: set[str], depth: int) -> Iterator[tuple[Token, str]]:
    """"in a phone call on Tuesday", "in a statement issued on Monday", "at talks held at the
    summit in May": the occasion a phrase names, and the clause that describes it, whose dated
    phrases date the event (a named place is no occasion: "a base in Lamu County")."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
        for noun in (p for p in prep.children if p.dep_ == "pobj"):
            if noun.ent_type_ in ("GPE", "LOC", "FAC") and preps is OCCASION_PREPS_OF_OBJECT:
                continue
            yield noun, "object"
            for clause in (c for c in noun.children if c.dep_ == "acl"):
                yield clause, "object"
                if depth > 1:
                    yield from _occasions(clause, OCCASION_PREPS, depth - 1)


def _counted_times(verb: Token) -> Iterator[Token]:
    """"for the first time", "for a second time": the "time" a verb's "for" phrase counts."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
        for noun in (p for p in prep.children if p.dep_ == "pobj" and p.lower_ == "time"):
            if any(c.dep_ == "amod" and (c.tag_ == "JJ" and c.lower_ in ORDINAL_WORDS
                                         or c.ent_type_ == "ORDINAL") for c in noun.children):
                yield noun


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _clause_up(verb: Token) -> bool:
    """Whether a clause's date is its head's: a complement, a conjunct, an infinitive of
    purpose ("offered in 2018 to pay ...", "flew to Kabul in May to meet ..."), a participle."""
    if verb.dep_ in CLAUSE_UP:
        return True
    if verb.dep_ != "advcl" or any(c.dep_ in ("mark", "nsubj", "nsubjpass")
                                   for c in verb.children):
        return False
    # an infinitive of purpose, or a participle that says more of the same act ("added them
    # to the list on Monday, accusing them of ...")
    return verb.tag_ == "VBG" or verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _when_clause(verb: Token) -> bool:
    """"since 2011, when the army crossed ...": a clause that says what happened at a time."""
    return verb.dep_ == "relcl" and any(
        c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children)


def _is_time(token: Token) -> bool:
    return token.ent_type_ in TEMPORAL_ENTS or _looks_temporal(token)


def _expressions(
    host: Token, resolver: DateResolver, preps_only: bool = False
) -> Iterator[tuple[int, int]]:
    """Token spans (start, end) of the time expressions attached to ``host``.

    ``preps_only`` for an object: "the talks on Monday" dates the verb, "Monday's attack" not.
    """
    for child in host.children:
        if child.dep_ == "prep":
            span = _prep_span(child, resolver)
            if span is not None:
                yield span
        elif preps_only:
            continue
        elif child.dep_ == "advmod" and child.lower_ in LEAD_ADVERBS:
            for grandchild in child.children:  # "back in 2015", "earlier in March"
                span = _prep_span(grandchild, resolver) if grandchild.dep_ == "prep" else None
                if span is not None:
                    yield child.i, span[1]
            if child.ent_type_ in TEMPORAL_ENTS:
                yield _entity_span(child)
        elif child.dep_ in BARE_DATE_DEPS and child.ent_type_ in TEMPORAL_ENTS:
            yield _entity_span(child)
        elif child.dep_ in ("npadvmod", "tmod") and _looks_temporal(child):
            yield child.left_edge.i, child.i + 1  # "met Tuesday" where NER saw no date


def _prep_span(prep: Token, resolver: DateResolver) -> tuple[int, int] | None:
    word = prep.lower_
    if word not in DATE_PREPS and word not in PERIOD_PREPS:
        return None
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    start = prep.i
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    if before is not None and before.lower_ == "back" and before.head == prep.head:
        start = before.i  # "back during the Desert Storm operation"
    if word in DATE_PREPS and pobj.ent_type_ in TEMPORAL_ENTS:
        ent_start, ent_end = _entity_span(pobj)
        return min(start, ent_start), max(ent_end, pobj.i + 1)
    if word in DATE_PREPS and _looks_temporal(pobj):
        return start, pobj.right_edge.i + 1
    if word in PERIOD_PREPS:
        end = min(pobj.right_edge.i + 1, prep.i + 12)  # a named period is a short phrase
        if resolver.names_period(prep.doc[prep.i:end].text):
            return start, end
    return None


def _entity_span(token: Token) -> tuple[int, int]:
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _looks_temporal(token: Token) -> bool:
    # What NER sometimes misses: "in March", "on Saturday", "in 2015", "in the 1990s".
    word = token.lower_.rstrip(".")
    return (word in MONTHS and word != "may") or word in WEEKDAYS or bool(
        re.fullmatch(r"(?:1[6-9]|20)\d\d(?:'?s)?", word)
    )


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(6):
        if current.head == current:
            return None
        current = current.head
        if _is_verb(current):
            return current
    return None


def _length(found: EventDate) -> int:
    if found.end is None or found.date is None:
        return 0
    return (dt.date.fromisoformat(found.end) - dt.date.fromisoformat(found.date)).days
