from graphkit.extract.sentences import MAX_SENTENCE, split_sentences


def test_offsets_point_at_the_sentence():
    text = "Police arrested 5 people. The U.S. DEA helped.\n\n  • 62 arrests in Colombia (50)\nEnd."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Police arrested 5 people.",
        "The U.S. DEA helped.",
        "62 arrests in Colombia (50)",
        "End.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_abbreviations_and_initials_do_not_split():
    text = "Mr. J. Smith of the U.K. police spoke. Next."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. J. Smith of the U.K. police spoke.",
        "Next.",
    ]


def test_huge_line_is_cut_into_bounded_pieces():
    text = "word " * 10_000
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert sum(len(s.text.split()) for s in sentences) == 10_000


def test_empty_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("\n\n   \n") == []
