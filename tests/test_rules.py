"""One table row per rule: the sentence it exists for, and a near miss it must not catch.

These run the real pipeline; whole articles are pinned by the golden files.
"""

from __future__ import annotations

import unicodedata

import pytest

from service.core import Attribution, Extractor, QuoteType, Resolution, SpeakerKind


def only(extractor: Extractor, text: str) -> dict[str, object]:
    extraction = extractor.extract(text)
    assert len(extraction.quotes) >= 1, extraction
    q = extraction.quotes[-1]
    return {
        "text": q.text,
        "type": q.type,
        "speaker": q.speaker.name if q.speaker else None,
        "mention": q.speaker_mention.text if q.speaker_mention else None,
        "cue": q.cue.text if q.cue else None,
        "attribution": q.attribution,
    }


@pytest.mark.parametrize(
    "text, speaker, mention, cue, attribution",
    [
        ("“We will win the vote,” Anna Berg said.", "Anna Berg", "Anna Berg", "said", Attribution.CUE),
        (
            "“We will win the vote,” said Anna Berg, the mayor of Lund.",
            "Anna Berg",
            "Anna Berg",
            "said",
            Attribution.CUE,
        ),
        ("Anna Berg said: “We will win the vote.”", "Anna Berg", "Anna Berg", "said", Attribution.CUE),
        # Two subjects the parser gives the cue: the one next to it speaks, not the dateline
        # or the clause before an inverted "said X".
        (
            "RIVERTON — The Riverton Water Board said on Monday that the reservoir was “full to the brim.”",
            "Riverton Water Board",
            "The Riverton Water Board",
            "said",
            Attribution.CUE,
        ),
        (
            "The closure of the depot marks “the end of an era” for the town, said Greta Wilde, its manager.",
            "Greta Wilde",
            "Greta Wilde",
            "said",
            Attribution.CUE,
        ),
        # A passive verb of telling: its subject is the listener, the speaker is the agent.
        (
            "“Leave the building now,” Ana Ortiz was told by Grace Adeyemi.",
            "Grace Adeyemi",
            "Grace Adeyemi",
            "told",
            Attribution.CUE,
        ),
        # ... while being quoted is still speaking.
        (
            "“We will win the vote,” Anna Berg was quoted as saying.",
            "Anna Berg",
            "Anna Berg",
            "saying",
            Attribution.CUE,
        ),
        (
            "Anna Berg said “we will win the vote” on Sunday.",
            "Anna Berg",
            "Anna Berg",
            "said",
            Attribution.CUE,
        ),
        (
            "Anna Berg rejected the idea, adding that “the vote will be close.”",
            "Anna Berg",
            "Anna Berg",
            "adding",
            Attribution.CUE,
        ),
        (
            "Anna Berg charged that “the council has lied for years.”",
            "Anna Berg",
            "Anna Berg",
            "charged",
            Attribution.CUE,
        ),
        (
            "“The plan is dead,” Anna Berg told reporters on Monday.",
            "Anna Berg",
            "Anna Berg",
            "told",
            Attribution.CUE,
        ),
        (
            "Anna Berg was quoted as saying that “the plan is dead.”",
            "Anna Berg",
            "Anna Berg",
            "saying",
            Attribution.CUE,
        ),
        (
            "According to Anna Berg, “the plan is dead and buried.”",
            "Anna Berg",
            "Anna Berg",
            "According to",
            Attribution.ACCORDING_TO,
        ),
        (
            "“A city that cannot pay its bills cannot pay for anything.” — Mayor Anna Berg",
            "Anna Berg",
            "Mayor Anna Berg",
            "—",
            Attribution.BYLINE,
        ),
        # a byline in the paragraph below the quote, as in a column of reader quotes
        (
            "“The bus lanes changed my life and my commute.”\n\n-Mayor Anna Berg, Lund.",
            "Anna Berg",
            "Mayor Anna Berg",
            "-",
            Attribution.BYLINE,
        ),
        # a name after a heading's dash, then a colon
        (
            "TURNOUT HITS A RECORD IN LUND - Anna Berg: “More people voted than in any year since 1970.”",
            "Anna Berg",
            "Anna Berg",
            ":",
            Attribution.COLON,
        ),
        # any clause that ends in the colon: its subject is the source
        (
            "During a town hall, Anna Berg had a question for the mayor: “Why are the buses late "
            "every single morning?”",
            "Anna Berg",
            "Anna Berg",
            ":",
            Attribution.COLON,
        ),
        ("Anna Berg: “We will win the vote.”", "Anna Berg", "Anna Berg", ":", Attribution.COLON),
        # the words of someone, before the quotation's comma
        (
            "The hall was full.\n\nIn the words of one volunteer, Tom Achebe, “a library is the last warm "
            "room in town.”",
            "Tom Achebe",
            "Tom Achebe",
            "words",
            Attribution.COLON,
        ),
        # ... and when that subject is a noun, the name set beside it
        (
            "“We moved here for the quiet,” Helen Marsh said.\n\nAnother resident, retired teacher Owen "
            "Pryce, was blunter: “It will stink, and the lorries will never stop.”",
            "Owen Pryce",
            "retired teacher Owen Pryce",
            ":",
            Attribution.COLON,
        ),
        # a transcript's speaker line: a role with "of" before the name, a party tag after it
        (
            "Former secretary of state Anna Berg: “We learned that from the department.”",
            "Anna Berg",
            "Former secretary of state Anna Berg",
            ":",
            Attribution.COLON,
        ),
        (
            "Rep. Anna Berg (D-Ore.): “I have never heard anyone cite that figure.”",
            "Anna Berg",
            "Rep. Anna Berg",
            ":",
            Attribution.COLON,
        ),
        # before its quotation, a cue's object is whom it names, not the speaker, even where
        # the tagger read the subject's surname as an adverb
        (
            "Bill Skelly ran the data team.\n\nAnd Skelly called Braynard “a real smart guy. "
            "I think he understands the data.”",
            "Bill Skelly",
            "Skelly",
            "called",
            Attribution.CUE,
        ),
        # a second cue the parser joined to what the first one reports is the speaker's too
        (
            "Appearing before supporters, Tom Berg, 70, said it was too early to congratulate "
            "anyone but added, “I think you all know the results.”",
            "Tom Berg",
            "Tom Berg",
            "added",
            Attribution.CUE,
        ),
        # a document right before the quotation's comma speaks for whoever issued it; someone's
        # words for their owner
        (
            "After the fire, Ana Ruiz issued a statement, “Last night, our city was attacked.”",
            "Ana Ruiz",
            "Ana Ruiz",
            "issued",
            Attribution.COLON,
        ),
        (
            "The lab opened in Lund because, in Nadia Ortiz’s words, “it is the most inventive place.”",
            "Nadia Ortiz",
            "Nadia Ortiz’s",
            "words",
            Attribution.COLON,
        ),
        # a cue that ends the sentence before the quotation, with nothing of its own to report
        (
            "“It is a two-person race,” said Craig Robin, an editor.\n\n"
            "Lund University’s Dianne Bystrom agreed. “Voters are running out of time.”",
            "Dianne Bystrom",
            "Lund University’s Dianne Bystrom",
            "agreed",
            Attribution.CUE,
        ),
        # ... and one that reports nothing but the medium it spoke through
        (
            "Lena Okafor, the spokeswoman for the county said in a statement on Monday. "
            "“The count was correct. There will be no recount.”",
            "Lena Okafor",
            "Lena Okafor",
            "said",
            Attribution.CUE,
        ),
        # a sentence reporting what its subject says introduces the quotation right after it
        (
            "Mayor Ana Perez visited the plant on Monday.\n\n"
            "With two crews filming, Perez says too many workers are torn when they come back. "
            "“They feel like a bad employee and a bad parent.”",
            "Ana Perez",
            "Perez",
            "says",
            Attribution.CUE,
        ),
        # ... but not after a sentence with a quotation of its own: the next one goes on with it
        (
            "“I am satisfied,” Ana Hooten said after Tom Rubin spoke. “My concern is crime.”",
            "Ana Hooten",
            "Ana Hooten",
            "said",
            Attribution.CONTINUATION,
        ),
        # a word of description before a name NER read as an organisation is no part of it
        (
            "President Francois Hollande spoke on Monday.\n\n"
            "“France will always be France,” an angry Hollande retaliated.",
            "Francois Hollande",
            "an angry Hollande",
            "retaliated",
            Attribution.CUE,
        ),
        # past an apposition, a cue the parser took for a participle describing the name
        (
            "“Clinton needs a strategy for the swing states,” Nate Silva, the polling guru who "
            "founded fivethirtyeight.com tweeted on Wednesday.",
            "Nate Silva",
            "Nate Silva",
            "tweeted",
            Attribution.CUE,
        ),
        (
            "Mitt Romney, the 2012 Republican nominee, tweeted in response: “Important distinction.”",
            "Mitt Romney",
            "Mitt Romney",
            "tweeted",
            Attribution.CUE,
        ),
        # titles joined by "and" belong to the name that ends them
        (
            "“That is what he did in 2008,” said former Lund Gov. and party Chairman Ed Rendall.",
            "Ed Rendall",
            "party Chairman Ed Rendall",
            "said",
            Attribution.CUE,
        ),
        # whose response or reply it was, before a colon: a name or a possessive pronoun
        (
            "Mayor Dana Holt was asked about the fire. Holt’s response was: “Is the station in Lund?”",
            "Dana Holt",
            "Holt’s",
            ":",
            Attribution.COLON,
        ),
        (
            "Tom Berg was asked about the fire. His reply was short: “Ask the chief.”",
            "Tom Berg",
            "His",
            ":",
            Attribution.COLON,
        ),
        # a surname the tagger reads as a modal or a preposition ("may said" is no English)
        (
            "Prime Minister Theresa May spoke in Leeds.\n\n“We will deliver the plan,” May said.",
            "Theresa May",
            "May",
            "said",
            Attribution.CUE,
        ),
        (
            "The columnist George Will disagreed.\n\n“The party needs a governor,” Will wrote.",
            "George Will",
            "Will",
            "wrote",
            Attribution.CUE,
        ),
        ("“The times have changed,” From said.", "From", "From", "said", Attribution.CUE),
        # cue verbs of an interview's follow-up and of a guess: pressed, questioned, surmised
        (
            "“Would the wall be negotiable?” Sean Hale pressed.",
            "Sean Hale",
            "Sean Hale",
            "pressed",
            Attribution.CUE,
        ),
        ("“What changed?” Sean Hale questioned.", "Sean Hale", "Sean Hale", "questioned", Attribution.CUE),
        ("“People are afraid,” Sean Hale surmised.", "Sean Hale", "Sean Hale", "surmised", Attribution.CUE),
        (
            "“It is about time,” exhorted the host, Sean Hale.",
            "Sean Hale",
            "Sean Hale",
            "exhorted",
            Attribution.CUE,
        ),
        # cue verbs of a reply or an addition: quipped (its p doubled), echoed, demurred, elaborated
        ("“Not in this town,” Anna Berg quipped.", "Anna Berg", "Anna Berg", "quipped", Attribution.CUE),
        ("“We want the ferry back,” Anna Berg echoed.", "Anna Berg", "Anna Berg", "echoed", Attribution.CUE),
        (
            "“That is not quite right,” Anna Berg demurred.",
            "Anna Berg",
            "Anna Berg",
            "demurred",
            Attribution.CUE,
        ),
        (
            "“The way I see it,” Anna Berg elaborated.",
            "Anna Berg",
            "Anna Berg",
            "elaborated",
            Attribution.CUE,
        ),
        # a name that only modifies the phrase before the cue is not its head; the phrase and
        # the name in apposition to it speak
        (
            "“He should resign!” the presumptive Labour leadership candidate, Ines Duarte, tweeted Sunday.",
            "Ines Duarte",
            "Ines Duarte",
            "tweeted",
            Attribution.CUE,
        ),
        (
            "“We will appeal,” Mr. Okafor's spokesman, Hope Hicks, said.",
            "Hope Hicks",
            "Hope Hicks",
            "said",
            Attribution.CUE,
        ),
        # after an inverted cue the parser hung on the name: the whole phrase, not the cue
        (
            "“Debate recap,” tweeted Ruiz spokesman Alex Dunne.",
            "Alex Dunne",
            "Ruiz spokesman Alex Dunne",
            "tweeted",
            Attribution.CUE,
        ),
        (
            "Anna Berg told the council:\n\n“We will win the vote in the spring.”",
            "Anna Berg",
            "Anna Berg",
            "told",
            Attribution.COLON,
        ),
        # "remembered" introduces a quotation (and reports nothing without one).
        (
            "“Nobody listened to us,” remembered Roy Vale, the former spokesman of the firm.",
            "Roy Vale",
            "Roy Vale",
            "remembered",
            Attribution.CUE,
        ),
        # A participle hung on the reported clause: the one who adds is the outer cue's
        # subject, not the clause's.
        (
            "Ana Ruiz told the council the plan would fail, adding, “We have seen this before and it "
            "never works.”",
            "Ana Ruiz",
            "Ana Ruiz",
            "adding",
            Attribution.CUE,
        ),
        # An aside between the name and the cue, with a verb and a quoted phrase of its own:
        # the parser gave the cue no subject.
        (
            "“We’ve had better seasons than this one,” club delegate Ben Halloran, wearing a scarf "
            "and “Halloran for Mayor” pins, said.",
            "Ben Halloran",
            "club delegate Ben Halloran",
            "said",
            Attribution.CUE,
        ),
        # A name closing an apposition right before a cue the parser left without a subject.
        (
            "In a statement to the Gazette, her senior policy adviser, Jake Morrow, said: “The council "
            "believes cooperation is essential.”",
            "Jake Morrow",
            "Jake Morrow",
            "said",
            Attribution.CUE,
        ),
        # A participle after the clause's comma, which the parser hung on the quotation: the
        # clause before the comma says who writes.
        (
            "Band member Rico shared the news on social media last week, writing “Feels great to "
            "support someone I believe in.”",
            "Rico",
            "Band member Rico",
            "writing",
            Attribution.CUE,
        ),
        # The name the parser hangs on the place that ends a role is the role holder's.
        (
            "‘It is a sad day for the town,’ the MP for Hexham, Guy Opperman, said.",
            "Guy Opperman",
            "Guy Opperman",
            "said",
            Attribution.CUE,
        ),
        # A cue joined without "and" to the clause before it, right after a name set off by
        # commas, is that name's, not the subject of the clause before.
        (
            "Shares fell 4 percent after the chief executive, Lars Nygaard, said: “Demand in China "
            "remains weak.”",
            "Lars Nygaard",
            "Lars Nygaard",
            "said",
            Attribution.CUE,
        ),
        # The object of a verb of telling is the one told, in the inverted order too.
        (
            "“We will rebuild,” the mayor, speaking from the steps of city hall, promised residents on "
            "Sunday.",
            None,
            "the mayor",
            "promised",
            Attribution.CUE,
        ),
        # A name in apposition that the tagger reads as a common noun (the apostrophe) is
        # still the person's name.
        (
            "“We were robbed,” the Rovers coach, Sean O’Dwyer, fumed after the game.",
            "Sean O'Dwyer",
            "Sean O’Dwyer",
            "fumed",
            Attribution.CUE,
        ),
        # A document whose phrase names its author speaks for the author.
        (
            "The letter, signed by Ana Ruiz, the association’s chair, said: “We expect an answer "
            "within a week.”",
            "Ana Ruiz",
            "Ana Ruiz",
            "said",
            Attribution.CUE,
        ),
        (
            "“There was no case to answer,” according to a court document filed by state attorney "
            "Dana Whitlock.",
            "Dana Whitlock",
            "state attorney Dana Whitlock",
            "according to",
            Attribution.ACCORDING_TO,
        ),
        (
            "“We’re listening,” said a statement from Brightwater Energy, the utility at the centre of "
            "the outage.",
            "Brightwater Energy",
            "Brightwater Energy",
            "said",
            Attribution.CUE,
        ),
        # A verb of judging frames the speaker's own words; a plural noun before the names
        # of a list says what they are, and is no given name.
        (
            "Activists Marisol Quintero, Tom Lee and Kay Obi went on Twitter to applaud the vote.\n\n"
            "Quintero thanked the council for “listening at last.”",
            "Marisol Quintero",
            "Quintero",
            "thanked",
            Attribution.CUE,
        ),
        # A participle after a place the tagger took for a person ("on Twitter") is the
        # poster's, not the place's.
        (
            "Ines Duarte posted a message on Twitter reading “Thank you, Lund.”",
            "Ines Duarte",
            "Ines Duarte",
            "reading",
            Attribution.CUE,
        ),
        # Of two subjects the parser gives the cue, a common noun after it ("outside court") is
        # no match for a name before it.
        (
            "“Enough is enough,” Ortiz’s lawyer, Bea Stone, said outside court.",
            "Bea Stone",
            "Bea Stone",
            "said",
            Attribution.CUE,
        ),
    ],
)
def test_attribution_rules(
    extractor: Extractor, text: str, speaker: str | None, mention: str, cue: str, attribution: Attribution
) -> None:
    got = only(extractor, text)
    assert (got["speaker"], got["mention"], got["cue"], got["attribution"]) == (
        speaker,
        mention,
        cue,
        attribution,
    )


@pytest.mark.parametrize(
    "text, speaker, mention, cue",
    [
        # The cue right after a quote that ends in a comma beats a cue in the clause before it.
        (
            "The statement also described the effect it said the new contract, the first in four years, "
            "would have on drivers: “Parallel to our progress for drivers, the mayor's fight has opened "
            "the door for everyone,” the union wrote.",
            None,
            "the union",
            "wrote",
        ),
        # Inverted order with a noun phrase the parser made the subject of a later verb.
        (
            "“The strike hurts the families who rely on the buses,” said the mayor's spokesman as "
            "reporters waited outside.",
            None,
            "the mayor's spokesman",
            "said",
        ),
        # A participle right after a name: the name is its subject, not the ad.
        (
            "The new ad uses footage of Anna Berg asking, “Why are we paying more for less service?”",
            "Anna Berg",
            "Anna Berg",
            "asking",
        ),
        # "likened" is a cue; "a charge" is a noun, not the verb "charge".
        (
            "Anna Berg likened the merger to “selling the family silver” — a charge that stung the board.",
            "Anna Berg",
            "Anna Berg",
            "likened",
        ),
        # A nickname in quotes is neither another quote nor part of the canonical name.
        (
            "“We will finish the bridge before the winter comes,” Lund’s mayor, Anna “Annie” Berg, "
            "shouted to the crowd.",
            "Anna Berg",
            "Anna “Annie” Berg",
            "shouted",
        ),
        # A quote mark glued to the speaker's name: Berg:"We ...
        (
            'Mayor Anna Berg:"We will finish the bridge before the winter comes."',
            "Anna Berg",
            "Mayor Anna Berg",
            ":",
        ),
        # A possessor is not the speaker: nobody is named here.
        (
            "“The count was fair,” Anna Berg's former campaign manager said.",
            None,
            "Anna Berg's former campaign manager",
            "said",
        ),
        # Words before a title are no part of the name.
        (
            "“The count was fair,” said Lund Transit spokesman Tomas Lind.",
            "Tomas Lind",
            "Lund Transit spokesman Tomas Lind",
            "said",
        ),
        # inflections with a doubled consonant: admit -> admitted
        (
            "“I was a little nervous before the vote,” Anna Berg admitted.",
            "Anna Berg",
            "Anna Berg",
            "admitted",
        ),
        # the small model tags a surname ending in -ly as an adverb
        (
            "“Having the voter file is valuable,” said Skelly, explaining he worked with one of them.",
            "Skelly",
            "Skelly",
            "said",
        ),
        # a participle adjective opens the inverted speaker's noun phrase
        (
            '"I am not going to call it a mistake," said retired surgeon Anna Berg, asked about her claims.',
            "Anna Berg",
            "retired surgeon Anna Berg",
            "said",
        ),
        # an age as the speaker: "old" is tagged an adjective and a date
        ("“Lund has always been an amazing city,” said the 46-year-old.", None, "the 46-year-old", "said"),
        # cue verbs added from news copy: beamed, barked ...
        (
            "“This is fantastic!” beamed Tomas Lind of Malmö, who had queued since dawn.",
            "Tomas Lind",
            "Tomas Lind",
            "beamed",
        ),
        # a title before the name is no part of the canonical name (not "Council Anna Berg")
        (
            "Asked about the flyer, Speaker of the Council Anna Berg (Social Democrats) said “images like "
            "these have no place in a campaign.”",
            "Anna Berg",
            "Speaker of the Council Anna Berg",
            "said",
        ),
        # phrasal cues: a verb that reports only with its particle
        (
            "“You know, it happens, right?” Anna Berg went on, as if she had not heard the question.",
            "Anna Berg",
            "Anna Berg",
            "went on",
        ),
        (
            "“Lund wants to be a tough town tonight,” Anna Berg shot back.",
            "Anna Berg",
            "Anna Berg",
            "shot back",
        ),
        # the near miss: "went on a trip" reports nothing; "said" is the cue
        (
            "Anna Berg went on a trip to Malmö and said nothing about “the budget plan.”",
            "Anna Berg",
            "Anna Berg",
            "said",
        ),
    ],
)
def test_rules_for_wire_copy(
    extractor: Extractor, text: str, speaker: str | None, mention: str, cue: str
) -> None:
    got = only(extractor, text)
    assert (got["speaker"], got["mention"], got["cue"]) == (speaker, mention, cue)


def test_split_quote_shares_speaker_and_group(extractor: Extractor) -> None:
    extraction = extractor.extract("“We made hard choices,” Anna Berg said, “and nobody got everything.”")
    first, second = extraction.quotes
    assert first.speaker == second.speaker and first.speaker is not None
    assert first.group is not None and first.group == second.group


def test_floating_quote_continues_the_previous_speaker(extractor: Extractor) -> None:
    text = "“The budget is balanced,” Anna Berg said.\n\n“We did not borrow a single krona.”"
    first, second = extractor.extract(text).quotes
    assert second.attribution is Attribution.CONTINUATION
    assert second.speaker == first.speaker


def test_short_quoted_sentence_standing_alone_is_speech(extractor: Extractor) -> None:
    """Three words, but a whole sentence of its own after a split quote: not a scare quote."""
    first, second = extractor.extract("“I would,” Anna Berg said to the screen. “I would, Tomas.”").quotes
    assert second.type is QuoteType.DIRECT and second.attribution is Attribution.CONTINUATION
    assert second.speaker == first.speaker
    # the near miss: a short title at the end of a sentence stays out of the quotes
    assert extractor.extract("The festival closed with a short film called “Go Home.”").quotes == ()


def test_a_bulleted_list_below_a_quote_is_no_byline(extractor: Extractor) -> None:
    quote = extractor.extract("“We will cut taxes for every family.”\n\n- Lower taxes for everyone").quotes[0]
    assert quote.speaker is None and quote.attribution is Attribution.NONE


def test_floating_quote_with_no_speaker_before_it_stays_unattributed(extractor: Extractor) -> None:
    quote = extractor.extract(
        "Nobody claimed it.\n\n“The budget is balanced and nobody borrowed anything.”"
    ).quotes[0]
    assert quote.speaker is None and quote.attribution is Attribution.NONE


@pytest.mark.parametrize(
    "text, expected_name, resolution",
    [
        # a surname goes back to the full name, with the title split off
        (
            "Russian Defense Minister Sergei Shoigu met the delegation.\n\n"
            "“We value this partner,” Shoigu said.",
            "Sergei Shoigu",
            Resolution.PARTIAL_NAME,
        ),
        # pronouns go to the most recent compatible person; gender from a title and a given name
        (
            "Mr. Tomas Lind spoke first. Maria Holm spoke later.\n\n“We are ready,” he said.",
            "Tomas Lind",
            Resolution.PRONOUN,
        ),
        (
            "Tomas Lind spoke first. Maria Holm spoke later.\n\n“We are ready,” she said.",
            "Maria Holm",
            Resolution.PRONOUN,
        ),
        # particles stay in the name
        (
            "Maria de la Cruz won the race.\n\n“Tonight the city chose hope,” de la Cruz said.",
            "Maria de la Cruz",
            Resolution.PARTIAL_NAME,
        ),
        # an organisation named earlier, referred to by its common noun
        (
            "The Health Ministry published the report on Monday.\n\n"
            "“We will act on every finding,” the ministry said.",
            "Health Ministry",
            Resolution.DESCRIPTOR,
        ),
        # an unnamed voice's role with "the" refers back to whoever the article gave the role
        (
            "Ari Lund, a former aide to the governor, said the plan would fail.\n\n"
            "“He has gone the opposite way,” said the former aide.",
            "Ari Lund",
            Resolution.DESCRIPTOR,
        ),
        # a title NER leaves out of the name still links "the president" to her
        (
            "President Anna Berg answered a mother about the “budget trick” on Wednesday.\n\n"
            "“We will find the money without cutting a single bus route,” the president said.",
            "Anna Berg",
            Resolution.DESCRIPTOR,
        ),
        # an apposition: the descriptor links to the name
        (
            "The junta's leader, Senior Gen. Min Aung Hlaing, claimed that the system had “degraded.”",
            "Min Aung Hlaing",
            Resolution.NAME,
        ),
        # a fragment under speech a body only plans is the words of the one who said so
        (
            "Anna Berg chairs the tenants' group. She said the council would demand repairs “within days.”",
            "Anna Berg",
            Resolution.PRONOUN,
        ),
        # he/she looks for its antecedent outside the quotes
        (
            "Anna Berg spoke first. “The only way Lund Transit will change will be if the managers go,” "
            "she said.",
            "Anna Berg",
            Resolution.PRONOUN,
        ),
        (
            "Anna Berg addressed the council. “The only way the council will change is if Tomas Lind "
            "resigns,” she said.",
            "Anna Berg",
            Resolution.PRONOUN,
        ),
        # a surname with an apostrophe is a name, and joins its full form
        (
            "“It was a long night,” said Brett O’Donnell, a strategist. “I doubt it,” O’Donnell said.",
            "Brett O'Donnell",
            Resolution.PARTIAL_NAME,
        ),
        # a campaign is named after its candidate, as the article writes them
        ("“We will win,” the Jeb Bush campaign said.", "Jeb Bush campaign", Resolution.DESCRIPTOR),
        (
            "Anna Berg spoke on Monday. “We will win,” her campaign said. “We do,” the campaign added.",
            "Berg campaign",
            Resolution.DESCRIPTOR,
        ),
        # a nickname used alone is the person who bears it
        (
            "The final was close.\n\nDarnell “Duke” Owens scored twice.\n\n“We were lucky,” Duke said.",
            "Darnell Owens",
            Resolution.PARTIAL_NAME,
        ),
        # a business needs no legal suffix to be "the company", named in a paragraph without
        # quotes (scanned, not parsed) or with them
        (
            "The port had a hard year.\n\nHalden Freight said on Monday it would cut 200 jobs.\n\n"
            "“We have no choice,” the company said.",
            "Halden Freight",
            Resolution.DESCRIPTOR,
        ),
        (
            "The port had a hard year.\n\nHalden Freight said on Monday it would cut 200 jobs. "
            "“We have no choice,” the company said.",
            "Halden Freight",
            Resolution.DESCRIPTOR,
        ),
        # a newspaper named "... Press" is an outlet, not a person "the governor" could be
        (
            "Gov. Chris Lane spoke on Monday. The Asbury Park Press reported the vote.\n\n"
            "“We will win,” the governor said.",
            "Chris Lane",
            Resolution.DESCRIPTOR,
        ),
        # a document speaks for whoever the article says issued it
        (
            "Tomas Lind issued a statement on Monday. “We will appeal,” the statement said.",
            "Tomas Lind",
            Resolution.DESCRIPTOR,
        ),
        (
            "Anna Berg spoke on Monday. In a statement, Berg said the port would stay open. "
            "“The port is safe,” the statement said.",
            "Anna Berg",
            Resolution.DESCRIPTOR,
        ),
        (
            "The Berg campaign sent out a fundraising email on Saturday. “We need you now,” the email said.",
            "Berg campaign",
            Resolution.DESCRIPTOR,
        ),
        # an article's first line in sentence case names people as any sentence does
        (
            "Chiamaka Obi was elected mayor on Monday.\n\n“We won,” Obi said.",
            "Chiamaka Obi",
            Resolution.PARTIAL_NAME,
        ),
        # a title that is also a given name, before a lone surname, is the given name
        (
            "The gala was long.\n\nDean Baker, an economist, spoke first.\n\n“The cuts are bad,” Baker said.",
            "Dean Baker",
            Resolution.PARTIAL_NAME,
        ),
        ("“The cuts are reckless,” said Dean Lena Marsh of the law school.", "Lena Marsh", Resolution.NAME),
        # a police rank as British papers abbreviate it
        (
            "Detective Inspector Sarah Okoye is leading the inquiry.\n\n"
            "“Even the smallest detail could help,” DI Okoye added.",
            "Sarah Okoye",
            Resolution.PARTIAL_NAME,
        ),
        # ... and before a name without a given name of its own ("Marine de Villiers"); a
        # service member's title before a full name is a title, not a woman's given name
        ("“We will appeal,” said Marine de Villiers.", "Marine de Villiers", Resolution.NAME),
        (
            "Former Marine Daniel Voss spoke at the rally.\n\nVoss was also troubled by the cuts.\n\n"
            "“It puts lives at risk,” he said.",
            "Daniel Voss",
            Resolution.PRONOUN,
        ),
        # a name garbled by a wrong decoding upstream (UTF-8 read as Windows-1252)
        (
            "“It is late,” said Enrique PeÃ±a Nieto.",
            "Enrique Peña Nieto",
            Resolution.NAME,
        ),
        # ... also when its accents come decomposed (NFD): the name is given composed
        (
            unicodedata.normalize("NFD", "“It is late,” said President FranÃ§ois Hollande."),
            "François Hollande",
            Resolution.NAME,
        ),
        # an epithet before a known name does not replace it
        (
            "Anna Berg won the vote. Some residents called Crooked Anna Berg a liar.\n\n"
            "“I will serve every resident,” Crooked Anna Berg said.",
            "Anna Berg",
            Resolution.PARTIAL_NAME,
        ),
    ],
)
def test_resolution(extractor: Extractor, text: str, expected_name: str, resolution: Resolution) -> None:
    quote = extractor.extract(text).quotes[-1]
    assert quote.speaker is not None and quote.speaker.name == expected_name
    assert quote.resolution is resolution


@pytest.mark.parametrize(
    "text",
    [
        "“We will appeal,” Ann Lee and Tom Ruiz said.",
        "“We will appeal,” said Ann Lee and Tom Ruiz, the two councillors.",
        "Senators Ann Lee and Tom Ruiz said: “We will appeal.”",
    ],
)
def test_two_people_who_speak_together_are_named_each_by_full_name(extractor: Extractor, text: str) -> None:
    quote = extractor.extract(text).quotes[0]
    assert quote.speaker is not None and quote.speaker.name == "Ann Lee and Tom Ruiz"


def test_two_people_together_are_never_one_he(extractor: Extractor) -> None:
    text = "“We will appeal,” Ann Lee and Tom Ruiz said.\n\n“It is late,” he said."
    last = extractor.extract(text).quotes[-1]
    assert last.speaker is None or last.speaker.name != "Ann Lee and Tom Ruiz"


def test_after_a_joint_quote_a_surname_is_still_one_person(extractor: Extractor) -> None:
    text = "“We will appeal,” Ann Lee and Tom Ruiz said. “It is late,” Lee added."
    names = [q.speaker.name if q.speaker else None for q in extractor.extract(text).quotes]
    assert names == ["Ann Lee and Tom Ruiz", "Ann Lee"]


def test_what_the_company_refers_to_is_an_organisation(extractor: Extractor) -> None:
    text = (
        "The port had a hard year.\n\nHalden Freight said it would cut jobs.\n\n“We must,” the company said."
    )
    extraction = extractor.extract(text)
    speaker = next(s for s in extraction.speakers if s.name == "Halden Freight")
    assert speaker.kind is SpeakerKind.ORGANIZATION


def test_a_document_nobody_is_said_to_have_issued_has_no_name(extractor: Extractor) -> None:
    # Anna Berg spoke but reported nothing: no frame and no reporting cue names an issuer.
    for text in (
        "Anna Berg spoke. “We will appeal,” the statement said.",
        "The Lund Transit Authority runs the buses.\n\n“The buses will stop at midnight,” the release said.",
    ):
        quote = extractor.extract(text).quotes[-1]
        assert quote.speaker_mention is not None and quote.speaker_mention.text.startswith("the ")
        assert quote.speaker is None or quote.speaker.name is None


def test_family_members_stay_apart_and_a_bare_surname_goes_to_the_one_quoted_most(
    extractor: Extractor,
) -> None:
    text = (
        "Peter Berg and his wife, Anna Berg, spoke to reporters on Monday.\n\n"
        "“We will find the money without cutting a single bus route,” Ms. Berg said.\n\n"
        "“I have run this city for eight years and I know where the money is,” Ms. Berg added.\n\n"
        "“The council will vote on the plan next week, and I expect it to pass,” Berg said.\n\n"
        "“I will vote for it too,” Mr. Berg said."
    )
    names = [q.speaker.name if q.speaker else None for q in extractor.extract(text).quotes]
    assert names == ["Anna Berg", "Anna Berg", "Anna Berg", "Peter Berg"]


@pytest.mark.parametrize(
    "text",
    [
        # NER reads a title-case headline as one name: "Lund Mom Corners Berg"
        "Lund Mom Corners Berg On Her ‘Budget Trick.’\n\n"
        "Mayor Anna Berg answered a mother at a town hall on Wednesday night.\n\n"
        "“We will find the money without cutting a single bus route,” said Berg.",
        # a headline's verb is no part of the name: "Anna Berg Sides"
        "Anna Berg Sides With Drivers In Strike.\n\nThe mayor spent the day at the depot.\n\n"
        "“We will pay them what they are owed and not a krona less,” she said.",
    ],
)
def test_names_in_headlines(extractor: Extractor, text: str) -> None:
    quote = extractor.extract(text).quotes[-1]
    assert quote.speaker is not None and quote.speaker.name == "Anna Berg"


def test_anonymous_speaker_keeps_mention_and_no_name(extractor: Extractor) -> None:
    quote = extractor.extract(
        "“We expect the final tally by Friday,” said one official who asked not to be named."
    ).quotes[0]
    assert quote.speaker is not None and quote.speaker.name is None
    assert quote.speaker_mention is not None and "official" in quote.speaker_mention.text
    assert quote.resolution is Resolution.UNRESOLVED


@pytest.mark.parametrize(
    "text",
    [
        # "an aide" is another aide than the one named before
        "Ari Lund, an aide to the governor, said the plan would fail.\n\n"
        "“He has gone the opposite way,” an aide said.",
        # "the woman" is a person, not a role anyone was given
        "At a meeting in Lund, a young woman asked Ana Ruiz about the plan.\n\n"
        "“You say all victims should be believed,” the woman said.",
    ],
)
def test_an_unnamed_voice_that_refers_to_no_one_named_stays_unnamed(extractor: Extractor, text: str) -> None:
    quote = extractor.extract(text).quotes[0]
    assert quote.speaker is not None and quote.speaker.name is None


@pytest.mark.parametrize(
    "text, expected_type",
    [
        ("Anna Berg claimed the system had “degraded.”", QuoteType.PARTIAL),
        # A fragment hanging off the cue through "as" is hers, not a scare quote.
        ("Anna Berg described the plan as “a disgrace” on Monday.", QuoteType.PARTIAL),
        ("“We will win the vote in the spring,” Anna Berg said.", QuoteType.DIRECT),
        # One word is an utterance when it opens the sentence and hands over to its cue.
        ("Anna Berg was asked about the vote.\n\n“Absolutely,” she said.", QuoteType.DIRECT),
        ("“Never!” Tomas Ortiz shouted across the room.", QuoteType.DIRECT),
        ("“Really?” asked Grace Adeyemi.", QuoteType.DIRECT),
        # A whole sentence after the cue's colon, however short.
        ("Ortiz, the head coach, said: “We played badly.”", QuoteType.DIRECT),
    ],
)
def test_quote_types(extractor: Extractor, text: str, expected_type: QuoteType) -> None:
    assert extractor.extract(text).quotes[-1].type is expected_type


@pytest.mark.parametrize(
    "text",
    [
        "The festival opened with “Loud Summer,” a documentary about a band.",  # a film title
        "She appeared on “The Morning Show” on Friday.",  # a programme title, even near a cue
        "Critics praised the film’s so-called “raw” editing.",  # scare quotes
        "The singer, known to fans as “the Professor,” did not attend.",  # a nickname
        "Anna Berg said on “State of the Union” that she would run.",  # a title inside a cue sentence
        "In his book, “Make Your Kid a Millionaire,” Kevin Hale suggested saving early.",  # a cue's object
        "Anna Berg spoke about the budget on Lund TV's “Morning Report.”",  # US style: the stop inside
    ],
)
def test_non_speech_quoted_spans_are_not_quotes(extractor: Extractor, text: str) -> None:
    extraction = extractor.extract(text)
    assert extraction.quotes == ()
    assert [q.type for q in extraction.others] == [QuoteType.OTHER]


def test_offsets_slice_to_the_quote_text(extractor: Extractor, seed_text: str) -> None:
    extraction = extractor.extract(seed_text)
    for quote in extraction.quotes:
        assert seed_text[quote.start : quote.end] == quote.text
        for span in (quote.speaker_mention, quote.cue):
            assert span is None or seed_text[span.start : span.end] == span.text
    for speaker in extraction.speakers:
        for mention in speaker.mentions:
            assert seed_text[mention.start : mention.end] == mention.text


def test_a_listener_told_by_nobody_named_is_not_the_speaker(extractor: Extractor) -> None:
    (quote,) = extractor.extract("“The depot will close on Friday,” the drivers were told.").quotes
    assert quote.speaker is None or quote.speaker.name is None


def test_a_cue_that_introduces_the_next_quotation_leaves_the_one_before_alone(extractor: Extractor) -> None:
    text = (
        "Ann Lee emailed Tom Mills on Monday.\n\n"
        "Lee responds to Mills with, “Why now? That was on my way to Rome?” Mills then writes back, "
        "“You look cute.”"
    )
    first, second = extractor.extract(text).quotes
    assert first.speaker is not None and first.speaker.name == "Ann Lee"
    assert second.speaker is not None and second.speaker.name == "Tom Mills"
    # A question and a cue that goes on with a second one, by the same speaker, stay linked.
    asked = extractor.extract("“Are you sure?” Ana Ruiz asked, “Do you know?”").quotes
    assert [q.speaker.name if q.speaker else None for q in asked] == ["Ana Ruiz", "Ana Ruiz"]
