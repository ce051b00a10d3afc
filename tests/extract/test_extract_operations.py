import pytest
from helpers_extract import analyse

from graphkit.extract.operations import find_codenames, find_officers, find_searches


def names(text: str) -> list[str]:
    return [c.name for c in find_codenames(analyse(text))]


def test_codename_forms():
    assert names("Operation Archimedes targeted gangs.") == ["Operation Archimedes"]
    assert names("They searched houses under 'Operation Cedrus'.") == ["Operation Cedrus"]
    assert names("A joint action under the code name “Operation Marlin,” ended.") == [
        "Operation Marlin"
    ]
    assert names("The action, codenamed 'Blue Amber', ended.") == ["Operation Blue Amber"]
    assert names("Within Operational Taskforce RIVA, police moved.") == [
        "Operational Taskforce RIVA"
    ]


def test_ordinary_words_are_not_codenames():
    assert names("The Operation is a clear success. The operation was coordinated.") == []


def test_repeated_codename_is_one_operation():
    assert names("Operation Kestrel began. Operation Kestrel ended.") == ["Operation Kestrel"]


def test_officers_and_searches():
    analysis = analyse(
        "Some 450 law enforcement officers took part. Police carried out 27 premises searches "
        "and later searched 12 houses."
    )
    assert find_officers(analysis)[0] == 450
    assert find_searches(analysis)[0] == 27
    assert find_officers(analyse("More than a thousand officers raided homes."))[0] == 1000


def test_unquoted_codename():
    assert names("The operation, codenamed Trojan Shield, ran for years.") == [
        "Operation Trojan Shield"
    ]


def test_a_codename_mentioned_once_in_passing_is_context():
    text = (
        "Operation Pangea targeted fake medicines. It builds on Operation Trojan Shield. "
        "Operation Pangea and Operation Aurora ran together; Operation Aurora ended in May."
    )
    assert names(text) == ["Operation Pangea", "Operation Aurora"]


def test_codenames_with_numbers_and_connectors():
    assert names("Operation 30 Days at Sea 3.0 found 1 600 offences.") == [
        "Operation 30 Days at Sea 3.0"
    ]
    assert names("Operation Archimedes in Belgium ended.") == ["Operation Archimedes"]


def test_operation_named_in_quotes_is_a_codename_but_a_named_person_is_not() -> None:
    from graphkit.extract import extract_text

    text = (
        "VALLETTA, 2 May 2024 – Police arrested 9 people in Malta. The operation, named "
        "“Levante”, was supported by Europol. A courier named 'Rocco' escaped."
    )
    doc = extract_text(text, source="levante.txt")
    names = [n.properties.get("name") for n in doc.nodes if n.label == "Operation"]
    assert names == ["Operation Levante"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A Operação Marquês resultou em detenções. Police arrested five.", ["Operation Marquês"]),
        ("The operazione 'Eureka' targeted the clan.", ["Operation Eureka"]),
        ("Spanish police led Operación Tiburón against the gang.", ["Operation Tiburón"]),
        ("Opération Dragon visait le réseau.", ["Operation Dragon"]),
        ("The Polish police ran Operacja Kolos against the group.", ["Operation Kolos"]),
    ],
)
def test_codenames_in_other_languages(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Operation Pandora II seized artefacts.", ["Operation Pandora II"]),
        ("Operation Lake-VI targeted eel traffickers.", ["Operation Lake-VI"]),
        ("Operation Shield 4 ended in May.", ["Operation Shield 4"]),
    ],
)
def test_codenames_with_numerals(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "This operation, known as Kingfisher, was led by the Dutch police.",
        "The investigation, dubbed Kingfisher, began in 2022.",
        "The action, which was called Kingfisher, ended in May.",
        "An investigation called 'Kingfisher' began in 2022.",
        "Officers took part in the joint action day 'Kingfisher' in May.",
        "The EMPACT action days “Kingfisher” targeted fraudsters.",
    ],
)
def test_codenames_introduced_without_the_word_operation(text):
    assert names(text) == ["Operation Kingfisher"]


@pytest.mark.parametrize(
    "text",
    [
        "A man known as 'The Butcher' was arrested.",
        "The leader, called 'Rocco' by his associates, was arrested.",
        "The VAT carousel fraud case was investigated by the EPPO.",
        "Europol's Operational Taskforce supported the investigation.",
    ],
)
def test_nicknames_and_descriptions_are_not_codenames(text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Operation Elvers falls under Project Lake, an umbrella project.",
            ["Operation Elvers", "Project Lake"],
        ),
        (
            "Under Project Lake, Europol coordinated Operation Elvers.",
            ["Operation Elvers", "Project Lake"],
        ),
        (
            "Operation Elvers was run by Task Force Anguilla.",
            ["Operation Elvers", "Task Force Anguilla"],
        ),
        (
            "Operation Elvers was part of Operational Taskforce EEL.",
            ["Operation Elvers", "Operational Taskforce EEL"],
        ),
    ],
)
def test_an_operation_and_the_frame_it_runs_under_are_both_named(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Operation Elvers began in May. It follows Operation Aurora, which ended in 2021.",
        "Operation Elvers began in May, building on the previous Operation Aurora.",
        "Operation Elvers began in May. Similar to Operation Aurora, it targeted eels.",
    ],
)
def test_an_earlier_operation_named_as_context_is_not_this_reports(text):
    assert names(text) == ["Operation Elvers"]


def test_a_numbered_edition_and_its_series_are_one_operation():
    text = "Europol coordinated the sixth Operation Lake. Operation Lake VI led to 52 arrests."
    assert names(text) == ["Operation Lake VI"]
