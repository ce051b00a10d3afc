"""Agencies: the rules one at a time: the kind a name implies, lower-case heads after a
place, the role each cue or verb gives, bodies split at "and", and which mentions are
dropped (quoted ministries, a separate case) or merged (two names of one force)."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract.agencies import find_agencies


def agencies(text: str) -> list[tuple[str, str, str, str]]:
    return [
        (m.agency.name, m.agency.country, m.agency.kind, m.role)
        for m in find_agencies(analyse(text))
    ]


@pytest.mark.parametrize(
    "name,kind",
    [
        ("Romanian Border Police", "border"),
        ("Romanian Customs Office", "customs"),
        ("Romanian Tax Office", "tax"),
        ("Romanian Revenue Service", "tax"),
        ("Romanian Fiscal Police", "tax"),
        ("Romanian Coastguard", "border"),
        ("Romanian Coast Guard", "border"),
        ("Romanian Prosecution Service", "judicial"),
        ("Romanian Judicial Police", "police"),
        ("Romanian Military Police", "military"),
        ("Romanian Navy", "military"),
        ("Romanian Army", "military"),
        ("Romanian Financial Intelligence Unit", "financial_intelligence"),
        ("Romanian Ministry of Interior", "ministry"),
        ("Romanian Anti-Drug Unit", "police"),
    ],
)
def test_the_kind_a_name_implies(name, kind):
    assert agencies(f"The {name} took part.") == [(name, "RO", kind, "participated")]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The Romanian Public Prosecutor's Office led the case.",
            "Romanian Public Prosecutor's Office",
        ),
        (
            "The Romanian Attorney General's Office led the case.",
            "Romanian Attorney General's Office",
        ),
        (
            "The Public Prosecutor's Office of Naples led the case.",
            "Public Prosecutor's Office of Naples",
        ),
    ],
)
def test_judicial_bodies(text, expected):
    assert [(n, k) for n, _, k, _ in agencies(text)] == [(expected, "judicial")]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Officers of the Naples anti-mafia prosecutor's office led the case.",
            [("Naples Anti-Mafia Prosecutor's Office", "IT", "judicial", "led")],
        ),
        (
            "The Naples prosecutor's office led the case.",
            [("Naples Prosecutor's Office", "IT", "judicial", "led")],
        ),
        (
            "The Naples local police arrested him.",
            [("Naples Local Police", "IT", "police", "participated")],
        ),
        # more than four lower-case words before the head: no body is named
        ("The Naples anti-mafia district prosecutor's office led the case.", []),
        ("Italian authorities arrested ten.", []),
    ],
)
def test_lower_case_heads_after_a_place(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The operation was led by the Romanian Border Police.", "led"),
        ("The operation was conducted by the Romanian Border Police.", "led"),
        ("Under the leadership of the Romanian Border Police, officers raided homes.", "led"),
        ("The Romanian Border Police headed the investigation.", "led"),
        ("The Romanian Border Police, which headed the investigation, arrested ten.", "led"),
        ("The Romanian Border Police coordinated the raids.", "led"),
        ("The Romanian Border Police deployed 50 officers.", "supported"),
        ("The operation was supported by the Romanian Border Police.", "supported"),
        ("The Romanian Border Police took part.", "participated"),
        ("The Romanian Border Police arrested ten.", "participated"),
    ],
)
def test_the_role_of_a_national_body(text, expected):
    assert [r for *_, r in agencies(text)] == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Europol coordinated the raids.", "supported"),
        ("Eurojust provided support.", "supported"),
        ("The operation was supported by Europol.", "supported"),
        ("The operation was led by Europol.", "led"),
    ],
)
def test_the_role_of_an_international_body(text, expected):
    assert [r for *_, r in agencies(text)] == [expected]


def test_a_fronted_phrase_ends_at_its_comma_but_a_fronted_list_does_not():
    assert agencies("Supported by Europol, the Romanian Border Police arrested ten.") == [
        ("Europol", "EU", "eu_agency", "supported"),
        ("Romanian Border Police", "RO", "border", "participated"),
    ]
    text = (
        "Led by the Romanian Border Police, the Hungarian Police and the Slovak Police, "
        "the operation ended."
    )
    assert [r for *_, r in agencies(text)] == ["led", "led", "led"]
    text = "In cooperation with the Romanian Border Police, the Hungarian Police arrested ten."
    assert [r for *_, r in agencies(text)] == ["participated", "participated"]


def test_a_run_splits_at_and_into_two_bodies():
    text = "The Belgian Federal Police and Prosecution Service of Ghent led the case."
    assert agencies(text) == [
        ("Belgian Federal Police", "BE", "police", "led"),
        ("Prosecution Service of Ghent", "BE", "judicial", "led"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("German police arrested ten.", [("German Police", "DE", "police", "participated")]),
        (
            "Moldovan customs seized the goods.",
            [("Moldovan Customs", "MD", "customs", "participated")],
        ),
        (
            "The Anti-Trafficking Unit from Nigeria took part.",
            [("Anti-Trafficking Unit", "NG", "police", "participated")],
        ),
        (
            "The United States Federal Bureau of Investigation took part.",
            [("Federal Bureau of Investigation", "US", "police", "participated")],
        ),
        (
            "The Dutch Police Force and the Dutch National Police arrested ten.",
            [("Dutch National Police", "NL", "police", "participated")] * 2,
        ),
    ],
)
def test_national_forces_and_their_names(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of the Interior said the raids were a success.",
        "According to the Ministry of Justice, ten were arrested.",
        "In a separate case, the Romanian Border Police arrested ten.",
    ],
)
def test_bodies_that_took_no_part(text):
    assert agencies(text) == []


def test_a_quoted_ministry_that_also_acts_stays():
    text = (
        "The Romanian Ministry of Interior said ten were arrested. "
        "The Romanian Ministry of Interior deployed officers."
    )
    assert [r for *_, r in agencies(text)] == ["participated", "supported"]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Agencies involved: Belgium (Federal Judicial Police, Customs); France (Gendarmerie).",
            [
                ("Belgian Federal Judicial Police", "BE", "police", "participated"),
                ("Belgian Customs", "BE", "customs", "participated"),
                ("French National Gendarmerie", "FR", "police", "participated"),
            ],
        ),
        (
            "Spain: Anti-Drug Unit; Border Unit",
            [
                ("Spanish Anti-Drug Unit", "ES", "police", "participated"),
                ("Spanish Border Unit", "ES", "border", "participated"),
            ],
        ),
        (
            "The Malta Anti-Drug Unit took part.",
            [("Maltese Anti-Drug Unit", "MT", "police", "participated")],
        ),
        (
            "The UK Border Force seized the goods.",
            [("UK Border Force", "GB", "border", "participated")],
        ),
        (
            "The Romanian Intelligence Unit took part.",
            [("Romanian Intelligence Unit", "RO", "police", "participated")],
        ),
        (
            "The Romanian Financial Unit took part.",
            [("Romanian Financial Unit", "RO", "police", "participated")],
        ),
        ("The Albanian and Italian Security services took part.", []),
        ("The Police of Naples took part.", [("Police of Naples", "IT", "police", "participated")]),
        (
            "The Anti-Drug Unit of the Romanian Police took part.",
            [("Anti-Drug Unit of the Romanian Police", "RO", "police", "participated")],
        ),
    ],
)
def test_countries_from_brackets_list_lines_and_names(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Romanian Border Police and Customs Unit took part.",
        "The Romanian Border Police and the Customs Unit took part.",
    ],
)
def test_two_bodies_joined_by_and(text):
    assert agencies(text) == [
        ("Romanian Border Police", "RO", "border", "participated"),
        ("Romanian Customs Unit", "RO", "customs", "participated"),
    ]


def test_a_list_of_three_national_bodies():
    text = "Officers from the Romanian Border Police, Hungarian Police and Slovak Police took part."
    assert [(n, c) for n, c, _, _ in agencies(text)] == [
        ("Romanian Border Police", "RO"),
        ("Hungarian National Police", "HU"),
        ("Slovak Police", "SK"),
    ]


# --- how a run of capitalised words becomes a body (issue 12's survivors) -------------


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The Naples prosecutor's office led the case.",
            [("Naples Prosecutor's Office", "IT", "judicial", "led")],
        ),
        (
            "The U.S. Drug Enforcement Administration supported the case.",
            [("Drug Enforcement Administration", "US", "police", "supported")],
        ),
        (
            "The U.K. Border Force seized the boat.",
            [("UK Border Force", "GB", "border", "participated")],
        ),
        (
            "The Anti-Drug Unit of Romania arrested five.",
            [("Anti-Drug Unit of Romania", "RO", "police", "participated")],
        ),
        (
            "The Romanian Anti-Drug Unit arrested five.",
            [("Romanian Anti-Drug Unit", "RO", "police", "participated")],
        ),
        (
            "The Public Prosecutor's Office of Naples led the case.",
            [("Public Prosecutor's Office of Naples", "IT", "judicial", "led")],
        ),
        (
            "The Prosecutor's Office for the Southern District of New York led the case.",
            [
                (
                    "Prosecutor's Office for the Southern District of New York",
                    "US",
                    "judicial",
                    "led",
                )
            ],
        ),
        (
            "The Office of the Prosecutor General of Ukraine led the case.",
            [("Office of the Prosecutor General of Ukraine", "UA", "judicial", "led")],
        ),
        (
            "The Prosecution Service of the Netherlands led the case.",
            [("Prosecution Service of the Netherlands", "NL", "judicial", "led")],
        ),
        (
            "The Police Service of Northern Ireland led the case.",
            [("Police Service of Northern Ireland", "GB", "police", "led")],
        ),
        (
            "The Court of Appeal in Naples ordered the arrests.",
            [("Court of Appeal in Naples", "IT", "judicial", "participated")],
        ),
        (
            "The Federal Police of Brazil, Argentina and Chile arrested five.",
            [("Brazilian Federal Police", "BR", "police", "participated")],
        ),
        (
            "The Spanish National Police and the French Gendarmerie arrested five.",
            [
                ("Spanish National Police", "ES", "police", "participated"),
                ("French National Gendarmerie", "FR", "police", "participated"),
            ],
        ),
        (
            "The Spanish Police and Customs Service of Valencia arrested five.",
            [
                ("Spanish National Police", "ES", "police", "participated"),
                ("Customs Service of Valencia", "ES", "customs", "participated"),
            ],
        ),
        (
            "The Hellenic Police arrested five.",
            [("Hellenic Police", "GR", "police", "participated")],
        ),
        (
            "Spain's national police arrested five.",
            [("Spanish National Police", "ES", "police", "participated")],
        ),
        (
            "The Italian financial police arrested five.",
            [("Italian Financial Police", "IT", "police", "participated")],
        ),
        ("Carabinieri arrested five.", [("Italian Carabinieri", "IT", "police", "participated")]),
    ],
)
def test_runs_of_capitalised_words(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Naples city police arrested him.", "Naples City Police"),
        ("The Milan anti-mafia police arrested him.", "Milan Anti-Mafia Police"),
        ("The Naples port customs seized the drugs.", "Naples Port Customs"),
        ("The Naples and Rome police arrested him.", "Naples and Rome Police"),
        ("The Naples big local city police arrested him.", "Naples Big Local City Police"),
        # "or", a capital or a dash before the head: no local body, the national one
        ("The Naples or Rome police arrested him.", "Italian State Police"),
        ("The Naples police Mobile Squad arrested him.", "Italian State Police"),
        ("The Naples police of the port arrested him.", "Italian State Police"),
    ],
)
def test_a_place_then_lower_case_words_then_a_head(text, expected):
    assert [a[0] for a in agencies(text)] == [expected]


def test_a_dash_between_a_place_and_a_head_names_no_body():
    assert agencies("The Milan – police arrested him.") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Officers from Belgium (Federal Judicial Police, Customs) took part.",
            [
                ("Belgian Federal Judicial Police", "BE", "police", "participated"),
                ("Belgian Customs", "BE", "customs", "participated"),
            ],
        ),
        (
            "Belgium (Federal Judicial Police); France (National Gendarmerie).",
            [
                ("Belgian Federal Judicial Police", "BE", "police", "participated"),
                ("French National Gendarmerie", "FR", "police", "participated"),
            ],
        ),
    ],
)
def test_the_country_before_a_bracket_of_bodies(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Spain's Guardia Civil arrested five.", ("Spanish Guardia Civil", "ES", "police")),
        ("Italy's Guardia di Finanza arrested five.", ("Italian Financial Police", "IT", "police")),
        ("The Netherlands' FIOD arrested five.", ("FIOD", "NL", "tax")),
        (
            "Germany's Federal Criminal Police Office led the case.",
            ("German Federal Criminal Police Office", "DE", "police"),
        ),
        (
            "Judicial Police from Portugal arrested five.",
            ("Portuguese Judicial Police", "PT", "police"),
        ),
        ("The French Gendarmerie arrested five.", ("French National Gendarmerie", "FR", "police")),
    ],
)
def test_a_country_that_owns_or_precedes_a_body(text, expected):
    assert [a[:3] for a in agencies(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The Romanian Border Police (RBP) led the case. RBP officers arrested five.",
        "The Romanian Border Police (RBP) led the case. Later the RBP arrested five.",
    ],
)
def test_a_defined_acronym_is_the_same_body(text):
    assert [a[:3] for a in agencies(text)] == [("Romanian Border Police", "RO", "border")]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Portugal: Judicial Police\nSpain: Guardia Civil",
            [("Portuguese Judicial Police", "PT"), ("Spanish Guardia Civil", "ES")],
        ),
        (
            "The Judicial Police of Portugal and the Spanish Guardia Civil arrested five.",
            [("Portuguese Judicial Police", "PT"), ("Spanish Guardia Civil", "ES")],
        ),
        (
            "The National Police and the Guardia Civil arrested five in Spain.",
            [("Spanish National Police", "ES"), ("Spanish Guardia Civil", "ES")],
        ),
    ],
)
def test_bodies_listed_with_their_countries(text, expected):
    assert [a[:2] for a in agencies(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Moldovan gendarmerie arrested five.", ("Moldovan Gendarmerie", "MD", "police")),
        ("Moldovan customs seized the boat.", ("Moldovan Customs", "MD", "customs")),
        ("German police arrested five.", ("German Police", "DE", "police")),
    ],
)
def test_a_country_s_police_customs_or_gendarmerie(text, expected):
    assert [a[:3] for a in agencies(text)] == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The United States Federal Bureau of Investigation supported the case.",
            ("Federal Bureau of Investigation", "US", "police", "supported"),
        ),
        (
            "Finland's National Bureau of Investigation led the case.",
            ("Finnish National Bureau of Investigation", "FI", "police", "led"),
        ),
        ("Interpol arrested five.", ("Interpol", "INT", "international", "supported")),
        (
            "The Italian Ministry of the Interior arrested ten.",
            ("Italian Ministry of the Interior", "IT", "ministry", "participated"),
        ),
    ],
)
def test_one_body_with_its_country_and_role(text, expected):
    assert agencies(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The Italian Ministry of the Interior said ten were arrested.",
        "According to the Italian Ministry of the Interior, ten were arrested.",
    ],
)
def test_a_ministry_only_quoted_took_no_part(text):
    assert agencies(text) == []


def test_two_names_of_one_force_are_one_body():
    text = "The Dutch Police Force and the Dutch National Police arrested five."
    assert {a[:2] for a in agencies(text)} == {("Dutch National Police", "NL")}


_RBP = ("Romanian Border Police", "RO", "border")
_HP = ("Hellenic Police", "GR", "police")
_EUROPOL = ("Europol", "EU", "eu_agency")
_EUROJUST = ("Eurojust", "EU", "eu_agency")


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            '"Under the leadership of the Romanian Border Police, officers raided homes.',
            [(*_RBP, "led")],
        ),
        ("“Led by the Romanian Border Police, officers raided homes.", [(*_RBP, "led")]),
        (
            "Led by the Romanian Border Police, the Hellenic Police and Europol, officers "
            "raided homes.",
            [(*_RBP, "led"), (*_HP, "led"), (*_EUROPOL, "led")],
        ),
        (
            "The raids, led by the Romanian Border Police, were supported by Europol.",
            [(*_RBP, "led"), (*_EUROPOL, "supported")],
        ),
        (
            "The case was led by prosecutors in Naples, with the Romanian Border Police and "
            "the Hellenic Police.",
            [(*_RBP, "participated"), (*_HP, "participated")],
        ),
        (
            "Supported by Europol, the Romanian Border Police arrested ten.",
            [(*_EUROPOL, "supported"), (*_RBP, "participated")],
        ),
        (
            "“Supported by Europol, the Romanian Border Police arrested ten.",
            [(*_EUROPOL, "supported"), (*_RBP, "participated")],
        ),
        (  # the fronted phrase's list ends at the body's own clause, not at an "and" after
            "Supported by Europol, the Hellenic Police arrested ten, and the Italian "
            "Carabinieri seized cash.",
            [
                (*_EUROPOL, "supported"),
                (*_HP, "participated"),
                ("Italian Carabinieri", "IT", "police", "participated"),
            ],
        ),
        (
            "Supported by Europol and Eurojust, the Hellenic Police arrested ten.",
            [(*_EUROPOL, "supported"), (*_EUROJUST, "supported"), (*_HP, "participated")],
        ),
        (
            "The investigation was led by the Romanian Border Police and the Hellenic Police.",
            [(*_RBP, "led"), (*_HP, "led")],
        ),
        (
            "The action, which was coordinated by Eurojust and supported by Europol, involved "
            "the Hellenic Police.",
            [(*_EUROJUST, "supported"), (*_EUROPOL, "supported"), (*_HP, "participated")],
        ),
        (
            "With the support of Europol and Eurojust, the Hellenic Police arrested ten.",
            [(*_EUROPOL, "supported"), (*_EUROJUST, "supported"), (*_HP, "participated")],
        ),
    ],
)
def test_the_cue_before_a_body_and_how_far_it_reaches(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Five arrested by the Public Prosecutor's Office of Naples",
            [("Public Prosecutor's Office of Naples", "IT")],
        ),
        ("Five arrested by the Naples prosecutor's office", [("Naples Prosecutor's Office", "IT")]),
        ("Five arrested by the Hellenic Police", [("Hellenic Police", "GR")]),
        ("Five arrested by the Naples city police", [("Naples City Police", "IT")]),
        (
            "Five arrested by the Police Service of Northern Ireland",
            [("Police Service of Northern Ireland", "GB")],
        ),
        (
            "Five arrested by the Police Service of the Netherlands",
            [("Police Service of the Netherlands", "NL")],
        ),
        ("Five arrested by the Spanish Police and", [("Spanish National Police", "ES")]),
        ("Arrests by Spain's Guardia Civil", [("Spanish Guardia Civil", "ES")]),
        # cut short before a head or a place: no body
        ("Five arrested by the Naples city", []),
        ("Five arrested by the Police of the", []),
        ("Five arrested by the Police Service of", []),
        ("Five arrested by the Court of Appeal in", []),
        ("Five arrested by the U.K.", []),
    ],
)
def test_a_body_at_the_end_of_a_headline(text, expected):
    assert [a[:2] for a in agencies(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Naples port police office arrested him.", [("Naples Port Police Office", "IT")]),
        ("The Naples city police Unit arrested him.", [("Naples City Police Unit", "IT")]),
        (
            "The Naples city police and the Hellenic Police arrested him.",
            [("Naples City Police", "IT"), ("Hellenic Police", "GR")],
        ),
        ("Police of Naples and Rome arrested him.", [("Police of Naples and Rome", "IT")]),
        (
            "The Prosecutor's Office of Naples and Rome led the case.",
            [("Prosecutor's Office of Naples and Rome", "IT")],
        ),
        (
            "The Public Prosecutor's Office of Italy led the case.",
            [("Public Prosecutor's Office of Italy", "IT")],
        ),
        (
            "The Office of the Hellenic Police led the case.",
            [("Office of the Hellenic Police", "GR")],
        ),
    ],
)
def test_how_far_a_run_reaches(text, expected):
    assert [a[:2] for a in agencies(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Belgium (Customs) and Federal Judicial Police officers took part.",
        "Belgium (Customs; Federal Judicial Police) took part.",
        "Belgium (Customs. Federal Judicial Police) took part.",
    ],
)
def test_a_bracket_s_country_ends_at_its_bracket_or_clause(text):
    """Only what stands in the country's own bracket, before a ";" or a full stop, is
    that country's; a body with no country of its own is no body."""
    assert agencies(text) == [("Belgian Customs", "BE", "customs", "participated")]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "HSI's Transnational Criminal Investigative Unit led the case.",
            ("HSI's Transnational Criminal Investigative Unit", "US"),
        ),
        (
            "The HSI's Transnational Criminal Investigative Unit led the case.",
            ("HSI's Transnational Criminal Investigative Unit", "US"),
        ),
        (
            "The Internal Affairs Unit of the Romanian Police led the case.",
            ("Internal Affairs Unit of the Romanian Police", "RO"),
        ),
        (
            "The Internal Affairs Unit of Romanian Police led the case.",
            ("Internal Affairs Unit of Romanian Police", "RO"),
        ),
        ("Europol's European Cybercrime Centre Unit supported the case.", ("Europol", "EU")),
    ],
)
def test_a_unit_and_the_body_it_belongs_to(text, expected):
    assert [a[:2] for a in agencies(text)] == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        # the line's country picks its own body among those one name stands for
        (
            "Austria: Federal Criminal Police Office",
            [("Austrian Criminal Intelligence Service", "AT")],
        ),
        ("Austria: Bundeskriminalamt", [("Austrian Criminal Intelligence Service", "AT")]),
        ("Germany: Bundeskriminalamt", [("German Federal Criminal Police Office", "DE")]),
        (
            "Austria: Bundespolizei; Bundeskriminalamt",
            [("Austrian Federal Police", "AT"), ("Austrian Criminal Intelligence Service", "AT")],
        ),
        ("Latvia: State Police", [("Latvian State Police", "LV")]),
        (
            "Belgium: Federal Police, Customs",
            [("Belgian Federal Police", "BE"), ("Belgian Customs", "BE")],
        ),
    ],
)
def test_a_list_line_s_country_picks_its_own_body(text, expected):
    assert [a[:2] for a in agencies(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a country as written with dots or in capitals stays as written
        ("The U.S. Postal Inspection Service took part.", ("U.S. Postal Inspection Service", "US")),
        ("The U.K. Revenue Unit took part.", ("U.K. Revenue Unit", "GB")),
        # a region's adjective stays; the country's name becomes its adjective
        ("The Bavarian State Police arrested five.", ("Bavarian State Police", "DE")),
        ("The Bavarian Anti-Drug Unit arrested five.", ("Bavarian Anti-Drug Unit", "DE")),
        ("Romania's Anti-Drug Unit arrested five.", ("Romanian Anti-Drug Unit", "RO")),
        ("Romania's Organised Crime Unit arrested five.", ("Romanian Organised Crime Unit", "RO")),
        ("Romania Anti-Drug Unit arrested five.", ("Romanian Anti-Drug Unit", "RO")),
        ("Kosovo: Border Police", ("Kosovar Border Police", "XK")),
        ("Serbia: Anti-Drug Unit", ("Serbian Anti-Drug Unit", "RS")),
    ],
)
def test_the_name_built_for_a_body_the_gazetteer_does_not_know(text, expected):
    assert [a[:2] for a in agencies(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The Naples drugs and vice police arrested him.",
        "The Naples drugs or vice police arrested him.",
        "The Naples drugs of the police arrested him.",
        "The Naples drugs squad which police arrested him.",
        "Albanian and Italian Security arrested five.",
        "Albanian, Italian Security arrested five.",
        "Albanian & Italian Security arrested five.",
        "The Albanian and Italian Border Police arrested five.",
        # a capital, five words or the text's end before any lower-case head
        "The Naples drugs Squad arrested him.",
        "Officers in Naples drugs Squad arrested him.",
        "In the morning the Naples very small local drugs unit police arrested him.",
        "Five arrested by the Naples drugs",
    ],
)
def test_no_body_across_a_conjunction_or_a_clause(text):
    assert agencies(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Police and Customs Service of Valencia arrested five.",
            [("Spanish National Police", "ES"), ("Customs Service of Valencia", "ES")],
        ),
        (
            "The Belgian Federal Police and Customs arrested five.",
            [("Belgian Federal Police", "BE"), ("Belgian Customs", "BE")],
        ),
        (
            "Hellenic Police and Customs Service of Patras arrested five.",
            [("Hellenic Police", "GR"), ("Customs Service of Patras", "GR")],
        ),
        # a country or a place right after "from" places a body that names none
        ("The Anti-Drug Unit from Nigeria took part.", [("Anti-Drug Unit", "NG")]),
        (
            "The Drug Law Enforcement Agency from Nigeria took part.",
            [("Drug Law Enforcement Agency", "NG")],
        ),
        ("The Organised Crime Unit from Naples took part.", [("Organised Crime Unit", "IT")]),
        # ... but not after "in" or a comma
        ("Officers of the Organised Crime Unit in Nigeria took part.", []),
        ("The Organised Crime Unit, Nigeria, took part.", []),
        (
            "The Anti-Drug Unit of the Nigerian Police took part.",
            [("Anti-Drug Unit of the Nigerian Police", "NG")],
        ),
    ],
)
def test_two_bodies_split_at_and_and_a_country_after_the_name(text, expected):
    assert [a[:2] for a in agencies(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The United States Federal Bureau of Investigation supported the case.",
            [("Federal Bureau of Investigation", "United States Federal Bureau of Investigation")],
        ),
        (
            "The French Gendarmerie arrested five.",
            [("French National Gendarmerie", "French Gendarmerie")],
        ),
        ("Spain Guardia Civil arrested five.", [("Spanish Guardia Civil", "Spain Guardia Civil")]),
        (
            "The Dutch FIOD and the Belgian Customs took part.",
            [("FIOD", "Dutch FIOD"), ("Belgian Customs", "Belgian Customs")],
        ),
        ("The Naples or Rome police arrested him.", [("Italian State Police", "Rome police")]),
        (
            "The Spanish Police and Customs Service of Valencia arrested five.",
            [
                ("Spanish National Police", "Spanish Police"),
                ("Customs Service of Valencia", "Customs Service of Valencia"),
            ],
        ),
        (
            "The Guardia Civil and the Policia Nacional arrested five.",
            [
                ("Spanish Guardia Civil", "Guardia Civil"),
                ("Spanish National Police", "Policia Nacional"),
            ],
        ),
        (
            "The Spanish tax agency and the police arrested five.",
            [("Spanish Tax Agency", "Spanish tax agency")],
        ),
        (
            "Italy's Guardia di Finanza arrested five.",
            [("Italian Financial Police", "Guardia di Finanza")],
        ),
        (
            "Malta's Police Force arrested two men.",
            [("Maltese Police Force", "Malta's Police Force")],
        ),
        (
            "Police of Naples and Rome arrested him.",
            [("Police of Naples and Rome", "Police of Naples and Rome")],
        ),
        (
            "Europol and the Italian Carabinieri took part.",
            [("Europol", "Europol"), ("Italian Carabinieri", "Italian Carabinieri")],
        ),
        (
            "The Spanish National Police, Europol and Eurojust took part.",
            [
                ("Spanish National Police", "Spanish National Police"),
                ("Europol", "Europol"),
                ("Eurojust", "Eurojust"),
            ],
        ),
        # another country's adjective is not part of the name
        ("The Italian Guardia Civil arrested five.", [("Spanish Guardia Civil", "Guardia Civil")]),
        ("German Europol officers took part.", [("Europol", "Europol")]),
    ],
)
def test_a_mention_takes_in_its_own_country_written_before_it(text, expected):
    analysis = analyse(text)
    found = find_agencies(analysis)
    assert [(m.agency.name, analysis.text[m.start : m.end]) for m in found] == expected


def _spans(text: str) -> list[str]:
    """What each mention covers, without a sentence-initial "The" (which a run of
    capitalised words may take in)."""
    analysis = analyse(text)
    return [analysis.text[m.start : m.end].removeprefix("The ") for m in find_agencies(analysis)]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The U.S. Drug Enforcement Administration supported the case.",
            ["U.S. Drug Enforcement Administration"],
        ),
        ("The U.K. Border Force seized the boat.", ["U.K. Border Force"]),
        ("The Anti-Drug Unit of Romania arrested five.", ["Anti-Drug Unit of Romania"]),
        (
            "The Prosecutor's Office for the Southern District of New York led the case.",
            ["Prosecutor's Office for the Southern District of New York"],
        ),
        (
            "The Office of the Prosecutor General of Ukraine led the case.",
            ["Office of the Prosecutor General of Ukraine"],
        ),
        (
            "The Federal Police of Brazil, Argentina and Chile arrested five.",
            ["Federal Police of Brazil"],
        ),
        ("The Naples city police Unit arrested him.", ["Naples city police Unit"]),
        ("The Naples port police office arrested him.", ["Naples port police office"]),
        ("Spain's national police arrested five.", ["Spain's national police"]),
        ("The Italian financial police arrested five.", ["Italian financial police"]),
        (
            "Officers from Belgium (Federal Judicial Police, Customs) took part.",
            ["Federal Judicial Police", "Customs"],
        ),
        ("Judicial Police from Portugal arrested five.", ["Judicial Police"]),
        ("Five arrested by the Spanish Police and", ["Spanish Police"]),
        (
            "The Internal Affairs Unit of the Romanian Police led the case.",
            ["Internal Affairs Unit of the Romanian Police"],
        ),
        (
            "HSI's Transnational Criminal Investigative Unit led the case.",
            ["HSI's Transnational Criminal Investigative Unit"],
        ),
        ("Romania Anti-Drug Unit arrested five.", ["Romania Anti-Drug Unit"]),
        ("The Bavarian State Police arrested five.", ["Bavarian State Police"]),
    ],
)
def test_what_a_run_covers(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a known body's possessive owns the unit after it, which takes its country
        ("FIOD's Investigation Unit took part.", [("FIOD's Investigation Unit", "NL", "police")]),
        (
            "The Guardia Civil's Central Operative Unit took part.",
            [("Guardia Civil's Central Operative Unit", "ES", "police")],
        ),
        (
            "Officers of the Guardia Civil's Central Operative Unit took part.",
            [("Guardia Civil's Central Operative Unit", "ES", "police")],
        ),
        # without the possessive the known body is named, not a unit of it
        ("The FIOD Investigation Unit took part.", [("FIOD", "NL", "tax")]),
        (
            "The HSI Investigation Unit took part.",
            [("Homeland Security Investigations", "US", "police")],
        ),
        ("The Carabinieri Special Unit took part.", [("Italian Carabinieri", "IT", "police")]),
    ],
)
def test_a_known_body_s_unit(text, expected):
    assert [a[:3] for a in agencies(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a press office that only speaks took no part; one that acts did
        ("The Hellenic Police Press Office said ten were arrested.", []),
        ("According to the Hellenic Police Press Office, ten were arrested.", []),
        (
            "The Hellenic Police Press Office arrested ten.",
            [("Hellenic Police Press Office", "GR", "police", "participated")],
        ),
        (
            "The Italian Ministry of Justice said the Carabinieri arrested ten.",
            [("Italian Carabinieri", "IT", "police", "participated")],
        ),
        # an adjective that ends the text is no body's
        ("Police arrested five suspects, all Moldovan", []),
    ],
)
def test_sources_that_only_speak(text, expected):
    assert agencies(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a lower-case head ends the capitalised words after it
        ("The Naples city police Mobile Squad arrested him.", ["Naples city police"]),
        ("The Romanian border police arrested five.", ["Romanian border police"]),
        ("The Italian city police arrested him.", ["Italian city police"]),
        # "of" and a place as the text's last words
        ("Five arrested by the Police of Naples", ["Police of Naples"]),
        ("Five arrested by the Naples Police of", ["Naples Police"]),
    ],
)
def test_what_a_run_covers_around_lower_case_words(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text,role",
    [
        ("The raids were led by Europol and the Hellenic Police.", "led"),
        ("The raids were led by Eurojust, Europol and the Hellenic Police.", "led"),
        (
            "The raids were supported by Europol, Eurojust, the Hellenic Police and the Italian "
            "Carabinieri.",
            "supported",
        ),
    ],
)
def test_a_cue_reaches_every_body_of_the_list_after_it(text, role):
    found = agencies(text)
    assert len(found) >= 3 if "Eurojust" in text else len(found) == 2
    assert {r for *_, r in found} == {role}


@pytest.mark.parametrize(
    "text",
    [
        "The Greek Police Force and the Hellenic Police arrested five.",
        "The Greek police force arrested five. The Hellenic Police said so.",
    ],
)
def test_a_name_built_from_the_country_s_adjective_is_its_known_force(text):
    """The adjective is no distinctive word: "Greek Police Force" is the Hellenic Police."""
    assert {a[:3] for a in agencies(text)} == {("Hellenic Police", "GR", "police")}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Spain: Europol", [("Europol", "EU")]),
        ("Spain: Guardia Civil, Europol", [("Spanish Guardia Civil", "ES"), ("Europol", "EU")]),
        ("Greece: Hellenic Police; Europol", [("Hellenic Police", "GR"), ("Europol", "EU")]),
    ],
)
def test_an_international_body_on_a_country_s_line_keeps_its_own(text, expected):
    assert [a[:2] for a in agencies(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a body naming no country takes the country of the national body listed beside it
        (
            "Judicial Customs and the French National Police took part.",
            [("French National Customs Judicial Service", "FR"), ("French National Police", "FR")],
        ),
        (
            "The French National Police and Judicial Customs took part.",
            [("French National Police", "FR"), ("French National Customs Judicial Service", "FR")],
        ),
        # not an international body's, and not across a clause
        ("Europol and Judicial Customs officers took part.", [("Europol", "EU")]),
        ("Judicial Customs and Europol took part.", [("Europol", "EU")]),
        (
            "Judicial Customs took part, with the French National Police.",
            [("French National Police", "FR")],
        ),
    ],
)
def test_a_body_listed_with_one_country_s_bodies(text, expected):
    assert [a[:2] for a in agencies(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Belgium (Federal Judicial Police) took part.",
            [("Belgian Federal Judicial Police", "BE")],
        ),
        (
            "In Belgium (Federal Judicial Police) officers took part.",
            [("Belgian Federal Judicial Police", "BE")],
        ),
        # no bracket, or a bracket after a body rather than a country: no country
        ("Belgium. Federal Judicial Police took part.", []),
        ("Customs (Federal Judicial Police) took part.", []),
    ],
)
def test_a_bracket_takes_the_country_right_before_it(text, expected):
    assert [a[:2] for a in agencies(text)] == expected


def test_a_defined_acronym_names_the_body_later():
    """A ministry only quoted where its name is written stays when its acronym acts later."""
    text = (
        "The Italian Ministry of the Interior (MIDI) said ten were arrested. "
        "The MIDI led the raids."
    )
    assert ("Italian Ministry of the Interior", "IT", "ministry", "led") in agencies(text)
    assert "MIDI" in _spans(text)
    # without the acronym's definition the later "MIDI" is nobody, and the ministry only spoke
    assert agencies("The Italian Ministry of the Interior said ten were arrested.") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Europol, the Hellenic Police and the Romanian Anti-Drug Unit took part.",
            [("Europol", "EU"), ("Hellenic Police", "GR"), ("Romanian Anti-Drug Unit", "RO")],
        ),
        (
            "The Hellenic Police and the Romanian Anti-Drug Unit took part.",
            [("Hellenic Police", "GR"), ("Romanian Anti-Drug Unit", "RO")],
        ),
        (
            "German police and the Romanian Anti-Drug Unit took part.",
            [("German Police", "DE"), ("Romanian Anti-Drug Unit", "RO")],
        ),
    ],
)
def test_a_known_body_does_not_hide_the_built_one_after_it(text, expected):
    assert [a[:2] for a in agencies(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a known body in a possessive with another known body a few words on: only the
        # one that acted (the second) took part
        ("The Hellenic Police's Europol desk took part.", [("Europol", "EU")]),
        (
            "Officers of the Hellenic Police's liaison office at Europol took part.",
            [("Europol", "EU")],
        ),
        ("Europol's liaison at the Hellenic Police took part.", [("Hellenic Police", "GR")]),
        # six words on and more, both are named
        (
            "The Hellenic Police's office at the headquarters of Europol took part.",
            [("Hellenic Police's Office", "GR"), ("Europol", "EU")],
        ),
        (
            "The Hellenic Police's Financial Police Directorate took part.",
            [("Hellenic Police's Financial Police Directorate", "GR")],
        ),
    ],
)
def test_a_parent_body_in_a_possessive(text, expected):
    assert [a[:2] for a in agencies(text)] == expected
