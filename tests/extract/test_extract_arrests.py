from helpers_extract import analyse

from graphkit.extract.arrests import find_arrests


def arrests(text: str) -> tuple[int | None, dict[str, int]]:
    result = find_arrests(analyse(text))
    return result.total, {k: v[0] for k, v in result.by_country.items()}


def test_breakdown_with_words_and_an_additional():
    text = (
        "In total, police arrested 64 suspects. 55 individuals were "
        "arrested in Belgium, seven in the Netherlands and an additional two in France."
    )
    assert arrests(text) == (64, {"BE": 55, "NL": 7, "FR": 2})


def test_total_followed_by_colon_breakdown():
    text = "A total of 31 suspects were detained: 9 in Portugal, 20 in Spain and 2 in Morocco."
    assert arrests(text) == (31, {"PT": 9, "ES": 20, "MA": 2})


def test_bracketed_breakdown_with_a_city():
    text = "62 arrests in Colombia (50), Spain (8), Dubai (3) and Portugal (1)."
    assert arrests(text) == (62, {"CO": 50, "ES": 8, "PT": 1, "AE": 3})


def test_total_is_the_largest_stated_figure_not_a_sum():
    text = (
        "Nearly 70 arrested in sweep\n"
        "The raids ended with the arrest of 73 suspects. Nine more suspects were arrested later."
    )
    assert arrests(text) == (73, {})


def test_no_total_when_only_per_country_counts():
    text = (
        "In Croatia, 6 suspects were detained by officers. "
        "In Slovenia, the police arrested three suspects."
    )
    assert arrests(text) == (None, {"HR": 6, "SI": 3})


def test_one_number_over_a_list_of_countries_is_not_a_breakdown():
    text = "Among the 120 suspects arrested in France, Austria and Hungary were two ringleaders."
    assert arrests(text) == (120, {})


def test_there_refers_back_to_the_last_country():
    text = "In Denmark, investigators raided six warehouses. Three men were arrested there."
    assert arrests(text)[1] == {"DK": 3}


def test_detentions_count_unless_set_apart():
    text = "Three couriers were detained in Croatia, and 6 more were arrested in Slovenia (6)."
    assert arrests(text)[1] == {"HR": 3, "SI": 6}
    apart = (
        "Eleven arrested and two detained\n"
        "Police made 11 arrests and detained two people in Bulgaria."
    )
    total, by_country = arrests(apart)
    assert total == 11 and "BG" not in by_country


def test_a_dozen_and_thousands_separators():
    text = "A dozen suspects were arrested in Spain. Police arrested 1 200 people in total."
    assert arrests(text) == (1200, {"ES": 12})


def test_one_countrys_authorities_make_a_per_country_count():
    assert arrests("Spanish authorities arrested 12 people.") == (12, {"ES": 12})
    assert arrests("Peruvian and U.S. authorities detained 20 people.") == (20, {})


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
    assert arrests("A Czech national was arrested. Police arrested 30 people.") == (30, {})
