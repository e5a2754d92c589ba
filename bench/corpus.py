"""A synthetic, news-like English corpus for speed and robustness benchmarks.

Sentences are random combinations of templates written here: about 60 actor phrases (countries,
capitals, institutions, demonym + agent, titled officials, IGOs), about 80 event clauses whose verbs
cover every CAMEO root (01-20), modifiers (negation, "will", "may", "is prepared to", "if ...",
reported speech, coordinated subjects) and event-free filler sentences. The output is deterministic
for a seed and uses only the standard library.

    .venv/bin/python bench/corpus.py            # print 5 example sentences
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

MIN_WORDS = 15
MAX_WORDS = 30


@dataclass(frozen=True)
class Actor:
    phrase: str
    country: str  # ISO alpha-3, or the IGO code
    kind: str  # "state", "person", "group" / "force" (plural noun phrases) or "igo"

    @property
    def possessive(self) -> str:
        return {"person": "his", "group": "their", "force": "their"}.get(self.kind, "its")

    @property
    def be(self) -> str:
        return "are" if self.kind in ("group", "force") else "is"


def _actors(kind: str, country: str, *phrases: str) -> list[Actor]:
    return [Actor(p, country, kind) for p in phrases]


ACTORS: list[Actor] = [
    # states, capitals and seats of government
    *_actors("state", "RUS", "Russia", "Moscow", "the Kremlin"),
    *_actors("state", "IRN", "Iran", "Tehran"),
    *_actors("state", "USA", "the United States", "Washington", "the White House"),
    *_actors("state", "CHN", "China", "Beijing"),
    *_actors("state", "IND", "India", "New Delhi"),
    *_actors("state", "PAK", "Pakistan", "Islamabad"),
    *_actors("state", "TUR", "Turkey", "Ankara"),
    *_actors("state", "GRC", "Greece", "Athens"),
    *_actors("state", "AFG", "Afghanistan", "Kabul"),
    *_actors("state", "ISR", "Israel"),
    *_actors("state", "SYR", "Syria", "Damascus"),
    *_actors("state", "IRQ", "Iraq", "Baghdad"),
    *_actors("state", "EGY", "Egypt", "Cairo"),
    *_actors("state", "JPN", "Japan", "Tokyo"),
    *_actors("state", "FRA", "France", "Paris"),
    *_actors("state", "DEU", "Germany", "Berlin"),
    *_actors("state", "GBR", "Britain"),
    *_actors("state", "PRK", "North Korea", "Pyongyang"),
    *_actors("state", "KOR", "South Korea", "Seoul"),
    *_actors("state", "AZE", "Azerbaijan"),
    *_actors("state", "ARM", "Armenia"),
    # demonym + agent
    *_actors("group", "IRN", "Iranian officials"),
    *_actors("group", "RUS", "Russian diplomats"),
    *_actors("group", "USA", "American officials"),
    *_actors("group", "CHN", "Chinese leaders"),
    *_actors("force", "IND", "Indian troops"),
    *_actors("force", "PAK", "Pakistani forces"),
    *_actors("force", "ISR", "Israeli forces"),
    *_actors("force", "TUR", "Turkish warplanes"),
    *_actors("group", "FRA", "French diplomats"),
    # titled officials
    *_actors("person", "RUS", "Russian President Vladimir Putin"),
    *_actors("person", "RUS", "Russian Foreign Minister Igor Ivanov"),
    *_actors("person", "IRN", "Iranian Defense Minister Ali Shamkhani"),
    *_actors("person", "IRN", "Iranian Foreign Minister Kamal Kharrazi"),
    *_actors("person", "USA", "U.S. Secretary of State Colin Powell"),
    *_actors("person", "USA", "State Department spokesman Richard Boucher"),
    *_actors("person", "CHN", "Chinese Foreign Minister Tang Jiaxuan"),
    *_actors("person", "PAK", "Pakistani President Pervez Musharraf"),
    *_actors("person", "IND", "Indian Prime Minister Atal Bihari Vajpayee"),
    *_actors("person", "TUR", "Turkish Foreign Minister Ismail Cem"),
    *_actors("person", "GRC", "Greek Foreign Minister George Papandreou"),
    *_actors("person", "AFG", "Afghan interim leader Hamid Karzai"),
    *_actors("person", "FRA", "French President Jacques Chirac"),
    *_actors("person", "DEU", "German Chancellor Gerhard Schroeder"),
    *_actors("person", "EGY", "Egyptian President Hosni Mubarak"),
    *_actors("person", "JPN", "Japanese Prime Minister Junichiro Koizumi"),
    # intergovernmental organisations
    *_actors("igo", "UNO", "the United Nations", "the UN Security Council"),
    *_actors("igo", "NAT", "NATO"),
    *_actors("igo", "EU", "the European Union"),
]

STATES: list[Actor] = [a for a in ACTORS if a.kind == "state"]


@dataclass(frozen=True)
class Event:
    root: str  # CAMEO root code of the clause, for reference
    text: str  # "past|base rest": the first word in both forms; {t} target, {p} subject possessive
    state_only: bool = False  # reads oddly with a person, a plural noun or an IGO as subject

    def render(self, form: str, target: str, possessive: str, topic: str, demand: str) -> str:
        head, _, rest = self.text.partition(" ")
        past, _, base = head.partition("|")
        verb = past if form == "past" else base or past
        return f"{verb} {rest}".format(t=target, p=possessive, topic=topic, demand=demand)


def _ev(root: str, *texts: str, state_only: bool = False) -> list[Event]:
    return [Event(root, t, state_only) for t in texts]


EVENTS: list[Event] = [
    *_ev(
        "01",
        "commented|comment on the position taken by {t} on {topic}",
        "issued|issue a statement on {topic} addressed to {t}",
    ),
    *_ev(
        "02",
        "called|call on {t} to {demand}",
        "urged|urge {t} to {demand}",
        "appealed|appeal to {t} for help with {topic}",
        "asked|ask {t} to {demand}",
    ),
    *_ev(
        "03",
        "pledged|pledge to provide aid to {t}",
        "offered|offer to mediate in the dispute with {t}",
        "promised|promise to support {t} on {topic}",
        "vowed|vow to deepen cooperation with {t}",
        "offered|offer to help {t} with {topic}",
    ),
    *_ev(
        "04",
        "met|meet {t} to discuss {topic}",
        "held|hold talks with {t} on {topic}",
        "visited|visit {t} for consultations on {topic}",
        "telephoned|telephone {t} about {topic}",
        "hosted|host a delegation from {t}",
        "consulted|consult {t} on {topic}",
        "received|receive an envoy from {t}",
    ),
    *_ev(
        "05",
        "praised|praise {t} for helping with {topic}",
        "signed|sign an agreement with {t} on {topic}",
        "endorsed|endorse the proposal made by {t}",
        "restored|restore high-level contacts with {t}",
        "backed|back the position of {t} on {topic}",
        "defended|defend {t} against criticism",
    ),
    *_ev(
        "06",
        "agreed|agree to share intelligence with {t}",
        "signed|sign a trade deal with {t}",
        "agreed|agree to reopen the border crossing with {t}",
        "agreed|agree to hold joint military exercises with {t}",
    ),
    *_ev(
        "07",
        "sent|send humanitarian aid to {t}",
        "provided|provide military assistance to {t}",
        "granted|grant a loan to {t}",
        "delivered|deliver air-defence systems to {t}",
        "shipped|ship food and medicine to {t}",
    ),
    *_ev(
        "08",
        "eased|ease sanctions on {t}",
        "released|release prisoners captured from {t}",
        "lifted|lift the travel ban on {t}",
        "returned|return captured soldiers to {t}",
        "allowed|allow inspectors from {t} to visit",
    ),
    *_ev(
        "09",
        "launched|launch an inquiry into the activities of {t}",
        "investigated|investigate claims that {t} had broken the ceasefire",
    ),
    *_ev(
        "10",
        "demanded|demand that {t} pull back troops from the frontier",
        "demanded|demand an apology from {t}",
        "demanded|demand compensation from {t} for {topic}",
    ),
    *_ev(
        "11",
        "criticised|criticise {t} over {topic}",
        "accused|accuse {t} of supporting terrorism",
        "condemned|condemn {t} over remarks on {topic}",
        "denounced|denounce {t} over {topic}",
        "accused|accuse {t} of violating the ceasefire",
        "blamed|blame {t} for the collapse of talks on {topic}",
    ),
    *_ev(
        "12",
        "rejected|reject a proposal from {t} on {topic}",
        "refused|refuse to meet {t}",
        "turned|turn down a request from {t} for {topic}",
        "rejected|reject the demands of {t}",
        "vetoed|veto a resolution drafted by {t}",
    ),
    *_ev(
        "13",
        "warned|warn {t} against {topic}",
        "threatened|threaten to impose sanctions on {t}",
        "threatened|threaten to use force against {t}",
        "warned|warn {t} of serious consequences over {topic}",
    ),
    *_ev("14", "protested|protest to {t} over {topic}", "lodged|lodge a formal protest with {t}"),
    *_ev(
        "15",
        "put|put {p} forces on alert along the border with {t}",
        "deployed|deploy troops near the frontier with {t}",
        "moved|move missiles closer to the border with {t}",
        state_only=True,
    ),
    *_ev(
        "16",
        "recalled|recall {p} ambassador from {t}",
        "cut|cut diplomatic ties with {t}",
        "expelled|expel four diplomats from {t}",
        "suspended|suspend aid to {t}",
        "imposed|impose sanctions on {t}",
        state_only=True,
    ),
    *_ev("16", "broke|break off talks with {t}"),
    *_ev(
        "17",
        "seized|seize a cargo ship bound for {t}",
        "detained|detain nationals of {t}",
        "closed|close {p} airspace to flights from {t}",
        state_only=True,
    ),
    *_ev(
        "18",
        "abducted|abduct aid workers from {t}",
        "ambushed|ambush a convoy from {t}",
        state_only=True,
    ),
    *_ev(
        "19",
        "attacked|attack {t}",
        "shelled|shell positions held by {t}",
        "launched|launch air strikes against {t}",
        "fired|fire rockets at {t}",
        "clashed|clash with {t} near the disputed border",
        state_only=True,
    ),
    *_ev("20", "used|use chemical weapons against {t}", state_only=True),
]

# Clauses with a coordinated subject ("Russia and Iran signed ...").
SYMMETRIC: list[tuple[str, str]] = [
    ("04", "held|hold talks on {topic}"),
    ("04", "met|meet in Geneva to discuss {topic}"),
    ("05", "signed|sign an agreement on {topic}"),
    ("05", "agreed|agree to restore diplomatic relations"),
    ("06", "agreed|agree to expand military-technical cooperation"),
    ("06", "signed|sign a treaty on cooperation in {topic}"),
    ("19", "exchanged|exchange fire across the border"),
    ("11", "traded|trade accusations over {topic}"),
]

TOPICS = [
    "the nuclear programme",
    "the disputed border",
    "the Caspian Sea",
    "arms sales",
    "the refugee crisis",
    "the peace process",
    "energy supplies",
    "the war in Afghanistan",
    "the situation in Kashmir",
    "missile technology",
    "the Aegean dispute",
    "regional security",
    "the fight against terrorism",
    "oil and gas pipelines",
    "trade quotas",
    "the hostage crisis",
]

DEMANDS = [
    "show restraint",
    "resume talks without preconditions",
    "release the detained diplomats",
    "halt work on the nuclear reactor",
    "withdraw troops from the border",
    "stop supporting militant groups",
    "allow weapons inspectors into the country",
    "open the border to aid convoys",
    "respect the ceasefire",
    "hand over the suspects",
]

CONDITIONS = [
    "refuses to withdraw its troops",
    "fails to stop the attacks",
    "rejects the proposal",
    "continues to support the rebels",
    "goes ahead with the missile tests",
    "does not release the prisoners",
    "signs the agreement",
    "agrees to the talks",
]

REPORTERS = [
    "A Foreign Ministry spokesman",
    "A senior official",
    "Diplomats in Geneva",
    "A government spokeswoman",
    "Officials",
    "Western diplomats",
    "Analysts",
]

PAST_TIMES = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "on Saturday",
    "on Sunday",
    "last week",
    "earlier this month",
    "late on Tuesday",
]

FUTURE_TIMES = [
    "next week",
    "later this month",
    "next year",
    "on Monday",
    "on Thursday",
    "in the coming days",
]

# Optional phrases, at most one from each group, added until a sentence reaches its length.
ADJUNCTS: list[list[str]] = [
    [
        "at a news conference in {cap}",
        "during talks in {cap}",
        "in a statement read on state television",
        "at the end of a two-day visit to {cap}",
        "on the sidelines of a regional summit in {cap}",
        "in an interview with a French newspaper",
    ],
    [
        "after weeks of negotiations",
        "amid rising tension in the region",
        "despite objections from neighbouring states",
        "for the first time in a decade",
        "in a move that surprised many observers",
        "amid growing concern over {topic}",
    ],
    [
        "following a meeting of the cabinet",
        "according to the official news agency",
        "following a telephone call between the two leaders",
        "in response to pressure from parliament",
    ],
]

# Roots whose target reads naturally only as a state (or, for force, a state's forces).
STATE_TARGET = {"06", "07", "15", "16", "17", "20"}
FORCE_TARGET = {"08", "18", "19"}
# The only roots a military subject ("Indian troops") is given.
FORCE_ROOTS = {"15", "18", "19"}

CAPITALS = [
    "Moscow",
    "Tehran",
    "Washington",
    "Beijing",
    "New Delhi",
    "Islamabad",
    "Ankara",
    "Athens",
    "Kabul",
    "Cairo",
    "Tokyo",
    "Paris",
    "Berlin",
    "Geneva",
    "Vienna",
]

FILLERS = [
    "The two countries share a long border that has been the scene of repeated disputes since the "
    "end of the colonial era.",
    "The region holds some of the largest reserves of oil and natural gas in the world, analysts "
    "say.",
    "Trade between the two neighbours has grown steadily over the past decade and reached several "
    "billion dollars last year.",
    "The capital was quiet on Friday, with shops open and traffic moving normally through the "
    "central districts.",
    "The talks are the first of their kind since the end of the war more than ten years ago.",
    "Thousands of refugees have crossed the mountains in recent weeks, many of them women and "
    "children fleeing the fighting.",
    "The agreement runs to more than forty pages and covers energy, transport, customs and the "
    "exchange of students.",
    "Both governments face parliamentary elections next year, and foreign policy is expected to "
    "play a large part in the campaign.",
    "The ministry did not give details of the talks, which lasted more than three hours behind "
    "closed doors.",
    "Economists expect growth to slow this year as prices for the country's main exports continue "
    "to fall.",
    "The dispute dates back to a treaty signed in the nineteenth century whose maps are still read "
    "differently by both sides.",
    "Winter has come early to the mountains this year, and many roads in the north are already "
    "closed by snow.",
    "The summit brought together heads of state and government from more than twenty countries in "
    "the region.",
    "The reactor was begun by a German company in the 1970s and abandoned after the revolution of "
    "1979.",
    "Most analysts believe that neither side wants a war, although the rhetoric on both sides has "
    "become sharper.",
    "The city of about two million people lies at the foot of a mountain range close to the "
    "disputed frontier.",
    "The fleet consists mostly of ageing aircraft bought in the 1970s, and many of them can no "
    "longer fly for lack of spare parts.",
    "The organisation was founded five years ago to settle border questions and now deals with "
    "security and trade as well.",
    "Official figures show that unemployment has risen for the third year in a row, especially "
    "among young people in the cities.",
    "The ceremony was held in a hall of the old palace, decorated with the flags of the countries "
    "taking part.",
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _words(text: str) -> int:
    return len(text.split())


class _Generator:
    def __init__(self, rng: random.Random, pool: list[Actor] | None = None) -> None:
        self.rng = rng
        self.pool = pool or ACTORS

    def actor(self, exclude: str | None = None, kinds: tuple[str, ...] | None = None) -> Actor:
        """An actor from the pool (sometimes from all actors), of another country than `exclude`."""
        for _ in range(50):
            source = self.pool if self.rng.random() < 0.8 else ACTORS
            cand = self.rng.choice(source)
            if cand.country != exclude and (kinds is None or cand.kind in kinds):
                return cand
        return self.rng.choice([a for a in STATES if a.country != exclude])

    def clause(self, subject: Actor, form: str) -> str:
        if subject.kind == "force":
            events = [e for e in EVENTS if e.root in FORCE_ROOTS]
        else:
            events = [e for e in EVENTS if subject.kind == "state" or not e.state_only]
        event = self.rng.choice(events)
        if event.root in STATE_TARGET:
            target = self.actor(exclude=subject.country, kinds=("state",))
        elif event.root in FORCE_TARGET:
            target = self.actor(exclude=subject.country, kinds=("state", "force"))
        else:
            target = self.actor(exclude=subject.country, kinds=("state", "group", "person", "igo"))
        return event.render(
            form,
            target.phrase,
            subject.possessive,
            self.rng.choice(TOPICS),
            self.rng.choice(DEMANDS),
        )

    def pad(self, head: str, future: bool = False) -> str:
        """`head` plus time and adjunct phrases: MIN_WORDS..MAX_WORDS words and a full stop."""
        goal = self.rng.randint(MIN_WORDS, MAX_WORDS)
        parts = [head]
        if self.rng.random() < 0.6:
            parts.append(self.rng.choice(FUTURE_TIMES if future else PAST_TIMES))
        for group in self.rng.sample(ADJUNCTS, len(ADJUNCTS)):
            length = sum(map(_words, parts))
            if length >= goal:
                break
            phrase = self.rng.choice(group)
            phrase = phrase.format(cap=self.rng.choice(CAPITALS), topic=self.rng.choice(TOPICS))
            if length + _words(phrase) <= MAX_WORDS:
                parts.append(phrase)
        return _cap(" ".join(parts)) + "."

    def sentence(self) -> str:
        """One sentence of MIN_WORDS..MAX_WORDS words (a few tries; long names can overshoot)."""
        for _ in range(20):
            text = self._sentence()
            if MIN_WORDS <= _words(text) <= MAX_WORDS:
                break
        return text

    def _sentence(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.12:
            return self.filler()
        subject = self.actor()
        s = subject.phrase
        if roll < 0.40:
            return self.pad(f"{s} {self.clause(subject, 'past')}")
        if roll < 0.48:
            return self.pad(f"{s} did not {self.clause(subject, 'base')}")
        if roll < 0.56:
            return self.pad(f"{s} will {self.clause(subject, 'base')}", future=True)
        if roll < 0.62:
            return self.pad(f"{s} may {self.clause(subject, 'base')}", future=True)
        if roll < 0.67:
            return self.pad(
                f"{s} {subject.be} prepared to {self.clause(subject, 'base')}", future=True
            )
        if roll < 0.74:
            cond = rng.choice([a for a in STATES if a.country != subject.country])
            return self.pad(
                f"if {cond.phrase} {rng.choice(CONDITIONS)}, {s} will "
                f"{self.clause(subject, 'base')}",
                future=True,
            )
        if roll < 0.86:
            if rng.random() < 0.5:
                speaker = rng.choice(REPORTERS)
            else:
                speaker = self.actor(kinds=("person",)).phrase
            when = f" {rng.choice(PAST_TIMES)}" if rng.random() < 0.5 else ""
            if rng.random() < 0.3:
                inner = f"{s} would {self.clause(subject, 'base')}"
            else:
                inner = f"{s} {self.clause(subject, 'past')}"
            return self.pad(f"{speaker} said{when} that {inner}")
        subject = self.actor(kinds=("state",))
        s = subject.phrase
        other = self.actor(exclude=subject.country, kinds=("state",))
        root, text = rng.choice(SYMMETRIC)
        clause = Event(root, text).render("past", "", "their", rng.choice(TOPICS), "")
        both = "both " if rng.random() < 0.3 else ""
        return self.pad(f"{both}{s} and {other.phrase} {clause}")

    def filler(self) -> str:
        return self.rng.choice(FILLERS)


def generate_sentences(n: int, seed: int = 0) -> list[str]:
    """`n` synthetic news sentences (about one in eight without an event), the same for a seed."""
    gen = _Generator(random.Random(seed))
    return [gen.sentence() for _ in range(n)]


def generate_articles(
    n_articles: int, sentences_per_article: int = 12, seed: int = 0
) -> list[tuple[str, str]]:
    """`n_articles` (doc_id, text) pairs. Each text starts with an ISO dateline in 2001-2002, a
    blank line, then sentences mostly about three countries chosen for that article."""
    rng = random.Random(seed)
    countries = sorted({a.country for a in STATES})
    start = dt.date(2001, 1, 1)
    articles: list[tuple[str, str]] = []
    for i in range(n_articles):
        focus = set(rng.sample(countries, 3))
        pool = [a for a in ACTORS if a.country in focus or a.kind == "igo"]
        gen = _Generator(rng, pool)
        date = start + dt.timedelta(days=rng.randrange(730))
        body = " ".join(gen.sentence() for _ in range(sentences_per_article))
        articles.append((f"synth-{i + 1:05d}", f"{date.isoformat()}\n\n{body}\n"))
    return articles


if __name__ == "__main__":
    for example in generate_sentences(5):
        print(example)
