"""A corpus of news-style articles the project writes itself, for benchmarks.

Articles are built from a fixed random seed, so every run measures the same texts.
Each has 12 to 22 paragraphs (roughly 500 to 900 words): a lede, background
paragraphs without quotes, and quotes in the orders news copy uses (“Q,” X said;
X said: “Q”; split quotes; floating follow-ups; multi-paragraph quotes; partial and
scare quotes), with people introduced in full and quoted later by surname or pronoun.

``unique_briefs`` makes short items that never repeat a name or number, for the
memory test: every document brings new strings into spaCy's vocabulary.

    python -m bench.corpus N > corpus.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

FIRST_NAMES = {
    "he": "Tomas Daniel Marcus Omar Peter Rahul Samuel Viktor Kwame Luis Henrik Jonah Mateo Felix".split(),
    "she": "Amara Elena Grace Ingrid Leila Maria Nadia Priya Sofia Yara Helen Ruth Alice Chloe".split(),
}
SURNAMES = (
    "Okafor,Lindqvist,Moreau,Castellano,Brennan,Haddad,Novak,Whitby,Adeyemi,Kowalski,Fitzgerald,"
    "Tanaka,Ferreira,Osei,Delacroix,Varga,Mbeki,Sorensen,Quintero,Abernathy,Rahman,Petrov,Calloway,"
    "Nakamura,Oyelaran,van der Berg,Ashworth,Marchetti,Ibrahim,Hollis"
).split(",")
TITLES = [
    ("Mayor", "mayor of {city}"),
    ("Councillor", "a member of the {city} council's finance committee"),
    ("Health Minister", "the country's health minister"),
    ("Professor", "an economist at the University of {city}"),
    ("Chief Executive", "chief executive of {company}"),
    ("Sen.", "a senator who sits on the budget committee"),
    ("Dr.", "director of emergency medicine at {city} General Hospital"),
    ("Superintendent", "the officer leading the inquiry"),
]
CITIES = "Harwick,Lund,Port Ellis,Brayford,Castlemere,Norwood,Ashby,Kellan,Dunmore,Westbridge".split(",")
COMPANIES = "Meridian Transit,Calder Water,Northgate Energy,Harbor Freight Lines,Orison Health".split(",")
ORGS = [
    ("Transport Ministry", "ministry"),
    ("Harwick Teachers Union", "union"),
    ("Regional Water Authority", "authority"),
    ("Northgate Energy", "company"),
    ("County Council", "council"),
]
TOPICS = [
    ("budget", "a budget that cuts {n} million from road repairs", "the spending plan"),
    ("strike", "a strike by {n} bus drivers over pay", "the walkout"),
    ("flood", "flood defences along {n} kilometres of the river", "the new barriers"),
    ("hospital", "waiting times that rose {n} percent at the main hospital", "the figures"),
    ("election", "a council election decided by {n} votes", "the result"),
    ("energy", "a plan to build {n} wind turbines off the coast", "the project"),
]
VERBS = "said,said,said,told reporters,added,warned,insisted,explained,noted,argued".split(",")
QUOTE_OPENERS = [
    "We have been clear from the start that {thing} would need real money behind it",
    "Nobody in this town voted for {thing}, and we will keep saying so",
    "I think people deserve to know exactly what {thing} will cost them over the next ten years",
    "This is not the end of the argument about {thing}, it is the beginning",
    "The numbers simply do not add up, and everyone in the room knew it",
    "We listened to residents for months before we settled on {thing}",
    "If we do nothing now, the bill for {thing} will land on our children",
    "I have never seen anything like it in thirty years of public life",
    "Our members are tired, they are angry and they want a fair deal",
    "There is still time to get {thing} right if everyone stays at the table",
]
FOLLOW_UPS = [
    "That is the honest truth.",
    "We will be back next week with a better offer.",
    "People can judge us on what we deliver.",
    "It is going to be a long winter for a lot of families.",
    "Nobody should pretend this is easy.",
]
BACKGROUND = [
    "The {city} authority has faced criticism for months over {topic}, and officials have promised a "
    "review before the end of the year. A report published in {month} found that costs had risen "
    "sharply since the original plan was approved, and that several contracts had been signed "
    "without a competitive tender.",
    "Residents packed a meeting at the town hall on {day} evening, where speakers queued for more than "
    "an hour. Several shop owners said trade had fallen since the works began, while others argued "
    "that the disruption would be worth it in the long run.",
    "The dispute follows a decade of tight budgets in {city}, where the population has grown by almost "
    "a fifth since 2015. Figures from the statistics office show that spending per resident is now "
    "lower than in any neighbouring district.",
    "Opposition members have called for an independent inquiry, and a petition signed by more than "
    "{n} people was handed to the council last week. A vote on the motion is expected in {month}.",
    "Analysts at {company} estimate that the plan would add about {n} pounds a year to the average "
    "household bill, although the figure depends heavily on interest rates and on how quickly the "
    "work can be completed.",
    "The so-called “efficiency review” was commissioned in {month} and is due to report in the "
    "spring. Its authors have already met union representatives twice.",
    "A documentary about the town, “The River Remembers”, was shown at the local cinema on {day}, "
    "and the organisers said tickets sold out within hours.",
]
INTRODUCTIONS = [
    "{title} {full}, {role}, has followed the debate over {thing} closely since it began last year.",
    "Among those at the meeting was {full}, {role}, who arrived late after a flight from the capital.",
    "{title} {full} has been one of the loudest voices in the argument over {thing}.",
    "The pressure on the council grew after {full}, {role}, published a letter signed by forty colleagues.",
]
MONTHS = "January February March April May June July August September October November".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


@dataclass
class _Person:
    first: str
    last: str
    pronoun: str
    title: str
    role: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def articles(count: int, seed: int = 2026) -> Iterator[dict[str, Any]]:
    """``count`` articles as ``{"id", "text", "quotes"}``, the same ones for the same
    seed; ``quotes`` holds each quote's words and who said them, in order (titles and
    scare quotes are not quotes and have no entry)."""
    rng = random.Random(seed)
    for n in range(count):
        text, quotes = _article(rng)
        yield {"id": f"bench-{n:05d}", "text": text, "quotes": quotes}


def _fill(rng: random.Random, template: str, **known: str) -> str:
    values = {
        "city": rng.choice(CITIES),
        "company": rng.choice(COMPANIES),
        "month": rng.choice(MONTHS),
        "day": rng.choice(DAYS),
        "n": str(rng.randint(3, 900)),
    }
    values.update(known)
    return template.format(**values)


def _person(rng: random.Random, city: str, surname: str) -> _Person:
    pronoun = rng.choice(["he", "she"])
    title, role = rng.choice(TITLES)
    return _Person(
        rng.choice(FIRST_NAMES[pronoun]),
        surname,
        pronoun,
        title,
        role.format(city=city, company=rng.choice(COMPANIES)),
    )


def _quote(rng: random.Random, thing: str) -> str:
    return rng.choice(QUOTE_OPENERS).format(thing=thing)


def _article(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    city = rng.choice(CITIES)
    _, topic_template, thing = rng.choice(TOPICS)
    topic = _fill(rng, topic_template)
    surnames = rng.sample(SURNAMES, rng.randint(2, 4))  # no two people share a surname
    people = [_person(rng, city, surname) for surname in surnames]
    org, org_noun = rng.choice(ORGS)
    paras = [
        _fill(
            rng,
            "{title} {full} on {day} defended {topic}, telling a packed meeting in {city} that the decision "
            "had been the hardest of {pronoun_pos} career.",
            title=people[0].title,
            full=people[0].full,
            topic=topic,
            city=city,
            pronoun_pos="his" if people[0].pronoun == "he" else "her",
        )
    ]
    introduced: set[int] = set()
    quotes: list[dict[str, Any]] = []
    previous: _Person | None = None  # who spoke in the paragraph just before
    for _ in range(rng.randint(13, 23)):
        if rng.random() < 0.55:
            paras.append(_fill(rng, rng.choice(BACKGROUND), topic=topic, city=city))
            previous = None
            continue
        i = rng.randrange(len(people))
        p = people[i]
        if i not in introduced:
            # First mention in a paragraph without a quote; later quotes use the surname.
            introduced.add(i)
            paras.append(
                rng.choice(INTRODUCTIONS).format(title=p.title, full=p.full, role=p.role, thing=thing)
            )
            previous = None
            continue
        paragraph, said = _quote_paragraph(rng, p, thing, org, org_noun, pronoun_ok=previous is p)
        paras.append(paragraph)
        quotes += said
        previous = p if said[0]["speaker"] == p.full else None  # not after a statement by the org
    text = "\n\n".join(paras)
    at = 0
    for quote in quotes:  # where each quote's words are, in order: the same words may recur
        at = text.index(quote["quote"], at)
        quote["start"] = at
        at += len(quote["quote"])
    return text, quotes


def _quote_paragraph(
    rng: random.Random, p: _Person, thing: str, org: str, org_noun: str, pronoun_ok: bool
) -> tuple[str, list[dict[str, Any]]]:
    """A paragraph with quotes, and each quote's words with who said them. A pronoun
    stands for the person quoted in the paragraph just before, as a careful writer uses it."""
    q, more, verb = _quote(rng, thing), rng.choice(FOLLOW_UPS), rng.choice(VERBS)
    form = rng.randrange(9)
    if form == 3 and not pronoun_ok:
        form = 0
    said_by = p.full
    if form == 0:
        text, quotes = f"“{q},” {p.last} {verb}.", [q]
    elif form == 1:
        text, quotes = f"“{q},” {rng.choice(['said', 'added', 'explained'])} {p.full}, {p.role}.", [q]
    elif form == 2:
        text, quotes = f"{p.last} {verb}: “{q}.”", [q]
    elif form == 3:
        text, quotes = f"“{q},” {p.pronoun} {verb}. “{more}”", [q, more]
    elif form == 4:
        more = more[0].lower() + more[1:]
        text, quotes = f"“{q},” {p.last} said, “and {more}”", [q, more]
    elif form == 5:
        text = f"{p.last} described {thing} as “a disgrace” and said the {org_noun} had ignored the evidence."
        quotes = ["a disgrace"]
    elif form == 6:
        text, quotes = f"According to {p.last}, “{q}.”", [q]
    elif form == 7:
        text, quotes, said_by = f"“{q},” the {org} said in a statement. “{more}”", [q, more], org
    else:  # one quote over two paragraphs
        text, quotes = f"“{q}.\n\n“{more}” {p.last} added.", [q]
    return text, [{"quote": quote, "speaker": said_by} for quote in quotes]


def speaker_accuracy(gold: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> tuple[int, int]:
    """(right, total): a gold quote is right when a found quote covers its words and names
    its speaker. ``quotes`` are the extractor's, as ``/quotes`` returns them."""
    right = 0
    for expected in gold:
        found = next((q for q in quotes if q["start"] <= expected["start"] < q["end"]), None)
        right += found is not None and (found["speaker"] or {}).get("name") == expected["speaker"]
    return right, len(gold)


def unique_briefs(count: int, start: int = 0) -> Iterator[str]:
    """Short quoted items whose names and figures never repeat: each one adds new
    strings to the vocabulary, which ``memory_zone`` must release."""
    syllables = "ka lo ri ven dar mon tel sa bri cor nu ve ha li mo ter".split()
    for n in range(start, start + count):
        rng = random.Random(n)
        surname = "".join(rng.choice(syllables) for _ in range(3)).capitalize() + f"x{n:x}"
        first = rng.choice(FIRST_NAMES["she"] + FIRST_NAMES["he"])
        yield (
            f"{first} {surname}, who runs the depot at Gate {n}, spoke on {rng.choice(DAYS)}.\n\n"
            f"“We moved {n * 7 + 13} tonnes last month and ticket {n:x}-{n % 97} is still open,” "
            f"{surname} said."
        )


if __name__ == "__main__":
    for article in articles(int(sys.argv[1]) if len(sys.argv) > 1 else 200):
        print(json.dumps({"id": article["id"], "text": article["text"]}, ensure_ascii=False))
