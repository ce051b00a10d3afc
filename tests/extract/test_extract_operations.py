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
