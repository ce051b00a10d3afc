from helpers_extract import analyse

from graphkit.extract.crimes import find_crimes
from graphkit.extract.dates import find_action_dates, find_published
from graphkit.extract.groups import find_descriptor, find_known


def crimes(text: str) -> set[str]:
    return set(find_crimes(analyse(text)))


def test_crime_cues_map_to_the_vocabulary():
    assert crimes("They ran cannabis plantations and a prostitution ring.") == {
        "drug_production",
        "sexual_exploitation",
    }
    assert crimes("Suspected of money laundering and insurance fraud.") == {
        "money_laundering",
        "fraud",
    }
    assert crimes("The people smuggling ring moved irregular migrants.") == {"migrant_smuggling"}
    assert crimes("The gang members reportedly sold narcotics and weapons.") == {
        "drug_trafficking",
        "firearms_trafficking",
    }
    assert crimes("Trafficking in human beings for labour exploitation.") == {
        "trafficking_in_human_beings"
    }


def test_seized_weapons_alone_are_not_arms_trafficking():
    assert crimes("Police seized 4 weapons and 20 kg of cocaine.") == {"drug_trafficking"}


def test_descriptor_prefers_the_indefinite_mention():
    analysis = analyse(
        "The network was dismantled. It was a Georgian-speaking organised crime network."
    )
    assert find_descriptor(analysis).descriptor == "Georgian-speaking organised crime network"


def test_known_groups():
    analysis = analyse("Members of the 'Ndrangheta and the Hells Angels MC were arrested.")
    assert [g.known.name for g in find_known(analysis)] == ["'Ndrangheta", "Hells Angels"]


def test_published_from_date_line_and_dateline():
    assert (
        find_published("Police bust ring\n\n17 October 2016\nPress Release\nText.") == "2016-10-17"
    )
    assert find_published("Text.\n\nPublished 23 March 2019") == "2019-03-23"
    assert find_published("LISBON, June 14 – Police arrested 5.") == "--06-14"


def test_action_dates_resolve_against_publication():
    analysis = analyse("LISBON, June 14 – A raid between June 10-12 led to arrests.")
    assert find_action_dates(analysis, None) == ("--06-10", "--06-12")
    assert find_action_dates(analysis, "2023-06-14") == ("2023-06-10", "2023-06-12")
    december = analyse("Raids were carried out on 30 December.")
    assert find_action_dates(december, "2024-01-05") == ("2023-12-30", "2023-12-30")
    ranged = analyse("House searches took place between 3 and 5 June 2022.")
    assert find_action_dates(ranged, None) == ("2022-06-03", "2022-06-05")


def test_institutional_boilerplate_does_not_add_crimes():
    text = (
        "Police arrested 5 people for migrant smuggling. Headquartered in The Hague, Europol "
        "supports the 27 EU Member States in their fight against terrorism, cybercrime and other "
        "serious and organised forms of crime."
    )
    assert crimes(text) == {"migrant_smuggling"}


def test_month_level_dates_when_no_day_is_given():
    analysis = analyse("In September, coast guard officers boarded a yacht and arrested 3 people.")
    assert find_action_dates(analysis, None) == ("--09", "--09")
    assert find_action_dates(analysis, "2023-11-01") == ("2023-09", "2023-09")
    last = analyse("Police carried out raids last November.")
    assert find_action_dates(last, "2024-02-10") == ("2023-11", "2023-11")
    dated = analyse("Raids took place on 3 May. Arrests followed in June.")
    assert find_action_dates(dated, None) == ("--05-03", "--05-03")
