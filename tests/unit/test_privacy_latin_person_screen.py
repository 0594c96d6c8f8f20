"""The Latin-name test of a bare value, screened by what every match needs (a capital first,
a blank or a hyphen), answers as the two searches alone do."""

from __future__ import annotations

from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.privacy import record_keys
from seamguard.privacy.latin_names import known_given


def _searched(item: str) -> bool:
    match = record_keys._TITLED.fullmatch(item.strip())
    core = match.group("core") if match else item
    return bool(record_keys._LATIN_PERSON.fullmatch(core)) \
        and known_given(core.split()[0].split("-")[0]) and not record_keys._ordinary_words(core)


def _values() -> list[str]:
    values = ["Dr. Anna Smith", "John Smith MD", "Jörg van der Berg", " Anna-Maria Weber ",
              "O'Brien Sean", "Invoice March", "Internal Server Error", "Mr\nJohn Smith",
              "Anna\nSmith", "\tAnna Smith", "Prof Élodie Durand", "anna smith", "ANNA SMITH",
              "Mary", "Mary-Jane", "Éva Kovács", "  ", "Ms. Lee, Jr.", "McDonald Ronald"]
    for locale in ("en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "pl_PL",
                   "sv_SE", "tr_TR", "cs_CZ", "zh_CN"):
        fake = Faker(locale)
        fake.seed_instance(11)
        for _ in range(60):
            values += [fake.name(), fake.first_name(), fake.company(), fake.city(),
                       fake.street_name(), fake.catch_phrase(), fake.sentence(nb_words=3)]
    return values


def test_screened_test_answers_as_the_searches() -> None:
    values = _values()
    answers = [record_keys._latin_person(value) for value in values]
    assert answers == [_searched(value) for value in values]
    assert sum(answers) > 100


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="AaBbMrsDPof.' -\t\nÉéßØøJohnSmithvandeL", max_size=24))
def test_screened_test_on_generated_text(text: str) -> None:
    assert record_keys._latin_person(text) == _searched(text)
