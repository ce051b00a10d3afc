from helpers_extract import analyse

from graphkit.extract.operations import find_codenames, find_officers, find_searches


def names(text: str) -> list[str]:
    return [c.name for c in find_codenames(analyse(text))]


def test_codename_forms():
    assert names("Operation Archimedes targeted gangs.") == ["Operation Archimedes"]
    assert names("They searched houses under 'Operation Pollino'.") == ["Operation Pollino"]
    assert names("A joint operation with the code name “Operation Delfin,” ended.") == [
        "Operation Delfin"
    ]
    assert names("The action, codenamed 'Blue Amber', ended.") == ["Operation Blue Amber"]
    assert names("In the framework of Operational Taskforce LOS, police moved.") == [
        "Operational Taskforce LOS"
    ]


def test_ordinary_words_are_not_codenames():
    assert names("The Operation is the latest success. The operation was supported.") == []


def test_repeated_codename_is_one_operation():
    assert names("Operation Spector began. Operation Spector ended.") == ["Operation Spector"]


def test_officers_and_searches():
    analysis = analyse(
        "Some 600 law enforcement officers took part. Police carried out 39 premises searches "
        "and later searched 12 houses."
    )
    assert find_officers(analysis)[0] == 600
    assert find_searches(analysis)[0] == 39
    assert find_officers(analyse("Over a thousand police officers raided homes."))[0] == 1000


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
