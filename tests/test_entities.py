"""The entity model on its own, without a parse: how names join, split and keep evidence."""

from __future__ import annotations

import pytest

from service.core import Extractor
from service.core.entities import Entity, EntityModel, Mention, acronym_of
from service.core.lexicon import load_lexicon
from service.core.model import Resolution, SpeakerKind


def model(text: str = "") -> EntityModel:
    return EntityModel(load_lexicon(), text)


def name(text: str, label: str = "PERSON", descriptor: str | None = None) -> Mention:
    return Mention(0, len(text), text, label, text.split()[-1].lower(), descriptor=descriptor)


def register(
    m: EntityModel, text: str, kind: SpeakerKind = SpeakerKind.PERSON, descriptor: str | None = None
) -> Entity:
    label = "ORG" if kind is SpeakerKind.ORGANIZATION else "PERSON"
    entity, _ = m.register_name(name(text, label, descriptor), kind)
    return entity


def test_a_surname_joins_the_full_name_and_a_later_full_name_replaces_a_surname() -> None:
    m = model()
    first = register(m, "Shoigu")
    assert register(m, "Sergei Shoigu") is first
    assert m.entities[0].name == "Sergei Shoigu"


@pytest.mark.parametrize(
    "full, short, surname_first",
    [
        ("Li Wenjun", "Li", True),  # Chinese
        ("Kim Soo-jin", "Kim", True),  # Korean: a hyphenated given name
        ("Nguyen Van An", "Nguyen", True),  # Vietnamese
        ("Lee Anderson", "Anderson", False),  # Lee is also a Western given name
    ],
)
def test_surname_first_names(full: str, short: str, surname_first: bool) -> None:
    m = model()
    entity = register(m, full)
    assert m.entities[0].surname_first is surname_first
    assert register(m, short) is entity


def test_a_korean_given_name_is_no_evidence_from_the_western_lists() -> None:
    """Kim is a woman's name in the lists; as a surname it says nothing of gender."""
    m = model()
    register(m, "Kim Min-jun")
    assert m.entities[0].gender_votes == {}


def test_two_given_names_with_one_surname_are_two_people_even_when_neither_is_in_the_lists() -> None:
    m = model("Keith Scott and Rakeyia Scott spoke.")
    assert register(m, "Keith Scott") is not register(m, "Rakeyia Scott")


def test_a_capitalised_common_word_is_no_given_name() -> None:
    """A headline's "Stated Stone" is Roger Stone: the article writes "stated" in lower case."""
    m = model("Roger Stone stated his case. He stated it twice.")
    assert register(m, "Roger Stone") is register(m, "Stated Stone")


@pytest.mark.parametrize("nickname", ["Bobby Scott", "Bob Scott"])
def test_a_nickname_is_the_same_person(nickname: str) -> None:
    m = model()
    entity = register(m, 'Robert C. "Bobby" Scott')
    assert register(m, nickname) is entity
    assert m.entities[0].name == "Robert C. Scott"


def test_an_acronym_joins_its_expansion_in_either_order() -> None:
    m = model()
    fund = register(m, "International Monetary Fund", SpeakerKind.ORGANIZATION)
    assert register(m, "IMF", SpeakerKind.ORGANIZATION) is fund
    m = model()
    bank = register(m, "BCM", SpeakerKind.ORGANIZATION)
    assert register(m, "Bank of Central Meridia", SpeakerKind.ORGANIZATION) is bank
    assert m.entities[0].name == "Bank of Central Meridia"
    assert acronym_of(["Norvale", "Water", "Authority"]) == "nwa"


def test_a_name_ending_in_a_company_word_is_an_organisation_and_its_short_name_joins_it() -> None:
    m = model()
    motors = register(m, "Tessaro Motors")
    assert m.entities[0].kind is SpeakerKind.ORGANIZATION
    assert register(m, "Tessaro") is motors


def test_gender_evidence_from_titles_and_descriptors_outweighs_a_given_name() -> None:
    m = model()
    register(m, "Jordan Avery", descriptor="a retired nurse and mother of three")
    entity = m.entities[0]
    assert entity.gender == "female" and entity.descriptors == ["a retired nurse and mother of three"]
    assert not entity.allows("male") and entity.allows("female")
    register(m, "Mr. Sam Holt")
    assert m.entities[1].gender == "male"


def test_a_person_descriptor_corrects_an_organisation_label() -> None:
    m = model()
    register(m, "Chantal Dubois", SpeakerKind.ORGANIZATION, descriptor="a volunteer")
    assert m.entities[0].kind is SpeakerKind.PERSON


def test_a_kind_of_organisation_written_before_a_name_makes_it_one() -> None:
    """ "Power company Westgrid said ...": what the words before the name say it is."""
    m = model()
    register(m, "Power company Westgrid", SpeakerKind.PERSON)
    assert m.entities[0].name == "Westgrid" and m.entities[0].kind is SpeakerKind.ORGANIZATION
    register(m, "former teacher Owen Pryce", SpeakerKind.PERSON)
    assert m.entities[1].kind is SpeakerKind.PERSON


def test_an_epithet_before_a_known_name_is_a_partial_match_not_a_new_name() -> None:
    m = model()
    register(m, "Anna Berg")
    entity, resolution = m.register_name(name("Crooked Anna Berg"), SpeakerKind.PERSON)
    assert entity.name == "Anna Berg" and resolution is Resolution.PARTIAL_NAME


def test_a_title_is_kept_as_the_phrase_the_article_writes(extractor: Extractor) -> None:
    text = (
        "Deputy Chief Constable Mary Lund spoke on Monday.\n\n"
        "“We are ready for the match,” Chief Constable Lund said."
    )
    (speaker,) = extractor.extract(text).speakers
    assert (speaker.name, speaker.titles) == ("Mary Lund", ("Deputy Chief Constable",))


def test_each_kind_of_organisation_has_its_own_words() -> None:
    """A descriptor or a name ending listed under two kinds would take the first one's
    kind silently ("lender" under companies made "the lender" the last company's)."""
    from importlib import resources

    rows = [
        line
        for line in resources.files("service.core.lexicon")
        .joinpath("organization_kinds.txt")
        .read_text()
        .splitlines()
        if line.strip() and not line.startswith("#")
    ]
    descriptors = [w for row in rows for w in row.split("|")[0].split()]
    endings = [w for row in rows for w in row.split("|")[1].split()]
    assert len(descriptors) == len(set(descriptors))
    assert len(endings) == len(set(endings))
