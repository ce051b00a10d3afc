"""Operations: each way a codename and its frame are written, how mentions of one
operation are merged, and the officers and searches counted."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract.operations import find_codenames, find_officers, find_searches


def names(text: str) -> list[str]:
    return [c.name for c in find_codenames(analyse(text))]


@pytest.mark.parametrize(
    "word",
    [
        "Operation",
        "Operazione",
        "Operación",
        "Operacion",
        "Opération",
        "Operação",
        "Operacao",
        "Operatie",
        "Operacja",
        "Operace",
        "Operácia",
        "Operasyon",
        "Operatsiya",
        "Operaatio",
        "Operativo",
    ],
)
def test_the_word_operation_in_many_languages(word):
    assert names(f"Police ran {word} Kestrel against the gang.") == ["Operation Kestrel"]


@pytest.mark.parametrize(
    "written,expected",
    [
        ("Operational Taskforce Riva", "Operational Taskforce Riva"),
        ("Operational Task Force Riva", "Operational Taskforce Riva"),
        ("Operation Taskforce Riva", "Operational Taskforce Riva"),
        ("Operation Task Force Riva", "Operational Taskforce Riva"),
        ("Task Force Riva", "Task Force Riva"),
        ("Taskforce Riva", "Task Force Riva"),
        ("Task force Riva", "Task Force Riva"),
        ("Project Riva", "Project Riva"),
        ("Projekt Riva", "Project Riva"),
        ("Proyecto Riva", "Project Riva"),
        ("Progetto Riva", "Project Riva"),
        ("Joint Action Day Riva", "Joint Action Day Riva"),
        ("Joint Action Days Riva", "Joint Action Day Riva"),
        ("JAD Riva", "Joint Action Day Riva"),
        ("JADs Riva", "Joint Action Day Riva"),
    ],
)
def test_frames_come_after_the_operation_they_frame(written, expected):
    # the frame is named first, yet listed after the operation it runs
    codenames = find_codenames(analyse(f"Under {written}, police ran Operation Elvers."))
    assert [(c.name, c.umbrella) for c in codenames] == [
        ("Operation Elvers", False),
        (expected, True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Under Project Lake, an action codenamed 'Blue Amber' took place.",
        "Under Project Lake, an action code-named “Blue Amber” took place.",
        "Under Project Lake, an action dubbed Blue Amber took place.",
        "Under Project Lake, the investigation, known as Blue Amber, took place.",
        "Under Project Lake, the operation 'Blue Amber' took place.",
    ],
)
def test_a_codename_without_the_word_operation_is_an_operation_not_a_frame(text):
    codenames = find_codenames(analyse(text))
    assert [(c.name, c.umbrella) for c in codenames] == [
        ("Operation Blue Amber", False),
        ("Project Lake", True),
    ]


@pytest.mark.parametrize(
    "noun", ["sweep", "crackdown", "campaign", "initiative", "investigation", "case", "action"]
)
def test_a_quoted_name_after_an_action_noun(noun):
    assert names(f"The {noun} 'Kingfisher' hit dealers.") == ["Operation Kingfisher"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Operation Cielo de Mar ended.", "Operation Cielo de Mar"),
        ("Operation Rey del Sur ended.", "Operation Rey del Sur"),
        ("Operation Vita la Bella ended.", "Operation Vita la Bella"),
        ("Operation Stella di Mare ended.", "Operation Stella di Mare"),
        ("Operation Porto do Sol ended.", "Operation Porto do Sol"),
        ("Operation Rio da Prata ended.", "Operation Rio da Prata"),
        ("Operation Fim dos Tempos ended.", "Operation Fim dos Tempos"),
        ("Operation Ilha das Flores ended.", "Operation Ilha das Flores"),
        ("Operation Pearl of Africa ended.", "Operation Pearl of Africa"),
        ("Operation Ship at Sea ended.", "Operation Ship at Sea"),
    ],
)
def test_codenames_with_connecting_words(text, expected):
    assert names(text) == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Operation Kestrel Team met in May.", ["Operation Kestrel"]),
        ("The Operation Kestrel Coordination Centre opened.", ["Operation Kestrel"]),
        ("The Project Team met in May.", []),
        ("The Operation Of The Year award went to Spain.", []),
        ("The Operation Of The Year award went to Operation Kestrel.", ["Operation Kestrel"]),
        ("Task Force Europol met in May.", []),
        ("Operation Global ended in May.", []),
        ("Operation European Police ended in May.", []),
        ("The action days were called “Global.”", []),
    ],
)
def test_ordinary_and_generic_words_are_not_a_codename(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The operation was code-named “Phoenix.”", "Operation Phoenix"),
        ("The operation was code-named “Phoenix,” and ended.", "Operation Phoenix"),
        ("The operation was code-named “Phoenix Team.”", "Operation Phoenix"),
        ("The operation was code-named “PHOENIX.”", "Operation PHOENIX"),
    ],
)
def test_punctuation_inside_the_quotes_is_not_part_of_the_name(text, expected):
    assert names(text) == [expected]


def test_one_operation_written_with_and_without_a_hyphen_is_one():
    assert names("Operation Sea-Shield began. Operation SeaShield ended.") == [
        "Operation Sea-Shield"
    ]
    assert names("Operation Lake-VI began. Operation Lake VI ended.") == ["Operation Lake-VI"]


def test_mentions_are_counted_and_context_is_remembered():
    text = (
        "It was modelled on Operation Aurora. Operation Kestrel began in May. "
        "Operation Aurora ran in 2020. Operation Kestrel ended in June. Operation Kestrel won."
    )
    found = {c.name: c for c in find_codenames(analyse(text))}
    assert list(found) == ["Operation Aurora", "Operation Kestrel"]
    assert found["Operation Kestrel"].mentions == 3
    assert found["Operation Aurora"].mentions == 2
    assert found["Operation Aurora"].context is False  # one mention was this report's own
    assert found["Operation Kestrel"].context is False
    assert found["Operation Aurora"].sentence.index == 0  # the first mention


def test_a_codename_named_only_as_context_twice_is_kept_and_marked():
    text = (
        "It was modelled on Operation Aurora. Similar to Operation Aurora, it targeted eels. "
        "Operation Kestrel began."
    )
    found = {c.name: c for c in find_codenames(analyse(text))}
    assert found["Operation Aurora"].context is True
    assert found["Operation Kestrel"].context is False


# --- officers and searches -----------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Some 450 police officers took part.", 450),
        ("Some 450 law enforcement officers took part.", 450),
        ("Some 450 law-enforcement officers took part.", 450),
        ("Some 450 armed officers took part.", 450),
        ("Some 450 specialist officers took part.", 450),
        ("Some 450 federal agents took part.", 450),
        ("Some 450 officials took part.", 450),
        ("Some 450 policemen took part.", 450),
        ("Some 450 investigators took part.", 450),
        ("Some 450 gendarmes took part.", 450),
        ("Some 450 personnel took part.", 450),
        ("Some 450 staff took part.", 450),
        ("1 police officer was hurt.", 1),
        ("0 police officers were hurt.", None),
        ("Some 450 suspects were questioned.", None),
        ("In 2.5 hours, 450 officers took part.", 450),
        ("With 0 injuries, 450 officers took part.", 450),
    ],
)
def test_officers(text, expected):
    found = find_officers(analyse(text))
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police carried out 27 searches.", 27),
        ("Police carried out 27 house searches.", 27),
        ("Police carried out 27 premises searches.", 27),
        ("Police carried out 27 coordinated raids.", 27),
        ("Police carried out 27 coordinated dawn raids.", 27),
        ("Police searched 20 houses.", 20),
        ("Police raided 20 houses.", 20),
        ("Police searched some 20 houses.", 20),
        ("Police searched over 20 houses.", 20),
        ("Police searched more than 20 houses.", 20),
        ("Police searched 1 house.", 1),
        ("Police arrested 20 people.", None),
    ],
)
def test_searches(text, expected):
    found = find_searches(analyse(text))
    assert (found[0] if found else None) == expected


def test_the_noun_of_a_count_is_read_within_sixty_characters():
    # the number's tail is cut at 60 characters: "searches" must end inside them
    for filler, expected in (("x" * 44, 27), ("x" * 45, None)):
        assert len(f" cross-{filler} searches") == 60 + len(filler) - 44
        found = find_searches(analyse(f"Police carried out 27 cross-{filler} searches."))
        assert (found[0] if found else None) == expected


def test_the_largest_count_wins_and_the_first_on_a_tie():
    analysis = analyse(
        "Some 300 officers took part. Later 450 officers searched 12 houses. "
        "In all 450 officers were deployed."
    )
    count, view = find_officers(analysis)
    assert (count, view.index) == (450, 1)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("As part of operation LIMES, police arrested nine people.", ["Operation LIMES"]),
        ("Under operation Limes, police arrested nine people.", ["Operation Limes"]),
        ("Police arrested nine people under operazione Vento Freddo.", ["Operation Vento Freddo"]),
        ("Nine people were held in operation Nightfall Blue.", ["Operation Nightfall Blue"]),
        ("Nine people were held in operation X.", ["Operation X"]),
        (
            "As part of Project Harbour, police ran operation Nightfall.",
            ["Operation Nightfall", "Project Harbour"],  # the operation first, then its frame
        ),
    ],
)
def test_a_name_after_a_lower_case_operation(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "During the operation Greek police arrested nine people.",
        "During the operation Europol supported, police arrested nine people.",
        "Police arrested nine people in an operation Monday.",
        "In the operation Guardia Civil officers arrested nine people.",
        "During the operation Spain and France exchanged data.",
        "Police arrested nine people in the operation EMPACT supported.",
        "During the operation I saw nine arrests.",
    ],
)
def test_words_after_a_lower_case_operation_that_are_no_name(text):
    """Bodies, countries, nationalities and dates the sentence names otherwise."""
    assert names(text) == []
