from helpers_extract import analyse

from graphkit.extract.arrests import find_arrests


def arrests(text: str) -> tuple[int | None, dict[str, int]]:
    result = find_arrests(analyse(text))
    return result.total, {k: v[0] for k, v in result.by_country.items()}


def test_breakdown_with_words_and_an_additional():
    text = (
        "The action led to the arrest of 64 members of the network. 55 individuals were "
        "arrested in Belgium, seven in the Netherlands and an additional two in France."
    )
    assert arrests(text) == (64, {"BE": 55, "NL": 7, "FR": 2})


def test_total_followed_by_colon_breakdown():
    text = "A total of 23 suspects were arrested: 7 in Austria, 13 in Greece and 1 in the UK."
    assert arrests(text) == (23, {"AT": 7, "GR": 13, "GB": 1})


def test_bracketed_breakdown_with_a_city():
    text = "45 arrests in Brazil (38), Belgium (4), Spain (1) and Dubai (2)."
    assert arrests(text) == (45, {"BR": 38, "BE": 4, "ES": 1, "AE": 2})


def test_total_is_the_largest_stated_figure_not_a_sum():
    text = (
        "Over 40 arrested in crackdown\n"
        "Raids resulted in the arrest of 45 suspects. Twelve more suspects were arrested later."
    )
    assert arrests(text) == (45, {})


def test_no_total_when_only_per_country_counts():
    text = (
        "In Poland, 8 suspects were arrested by the police. "
        "In Germany, the police arrested five suspects."
    )
    assert arrests(text) == (None, {"PL": 8, "DE": 5})


def test_one_number_over_a_list_of_countries_is_not_a_breakdown():
    text = "Among the 90 people arrested in Italy, Belgium and Germany were several leaders."
    assert arrests(text) == (90, {})


def test_there_refers_back_to_the_last_country():
    text = "In the Netherlands, officers searched eight buildings. Five people were arrested there."
    assert arrests(text)[1] == {"NL": 5}


def test_detentions_count_unless_set_apart():
    text = "Two gang members were detained in Slovakia, and 4 more were arrested in Czechia (4)."
    assert arrests(text)[1] == {"SK": 2, "CZ": 4}
    apart = (
        "Nine arrested and three detained\n"
        "Police made 9 arrests and detained three people in Romania."
    )
    total, by_country = arrests(apart)
    assert total == 9 and "RO" not in by_country


def test_a_dozen_and_thousands_separators():
    text = "A dozen suspects were arrested in Spain. Police arrested 1 200 people in total."
    assert arrests(text) == (1200, {"ES": 12})


def test_one_countrys_authorities_make_a_per_country_count():
    assert arrests("Spanish authorities arrested 12 people.") == (12, {"ES": 12})
    assert arrests("Colombian and U.S. authorities arrested 20 people.") == (20, {})


def test_country_before_its_number():
    assert arrests("Suspects were arrested in Spain 12, in Portugal 4 and in France 3.") == (
        None,
        {"ES": 12, "PT": 4, "FR": 3},
    )
    assert arrests("In Spain, 12 people were arrested.") == (12, {"ES": 12})


def test_background_statistics_are_not_this_operations_arrests():
    text = (
        "Police arrested 12 suspects in Spain. Since 2017, the taskforce has led to "
        "1 200 arrests and the seizure of 5 tonnes of cocaine."
    )
    assert arrests(text) == (12, {"ES": 12})


def test_a_single_named_arrest_counts_one():
    assert arrests("A 41-year-old man from Leeds was arrested on 9 June.") == (1, {})
    assert arrests("A Dutch national was arrested. Police arrested 30 people.") == (30, {})
