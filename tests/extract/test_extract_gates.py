"""Cheap gates in front of expensive scans must never change what the scan finds.

A gate skips a regular expression when a sentence lacks the words the expression needs;
each gate is checked here against the ungated scan on generated sentences that mix those
words (in any case), punctuation and look-alike characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.extract.analysis import _ANY_BREAK, Analysis

_PIECES = st.sampled_from(
    [
        "while", "WHILE", "Whilst", "whereas", "but", "But", "although", "though", "which",
        "where", "who", "whose", "whıle", "whiles", "butter", "police", "arrested", "in",
        "Spain", "seized", "Operation", ",", ";", ":", "(", ")", "[", "]", " – ", " — ", "-",
        "'", "\n", "  ",
    ]
)  # fmt: skip
_SENTENCES = st.lists(_PIECES, min_size=1, max_size=25).map(" ".join)


def _full_scan(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    every = [m.start() for m in _ANY_BREAK.finditer(text)]
    strong = [m.start() for m in _ANY_BREAK.finditer(text) if m.lastgroup == "clause"]
    return tuple(strong), tuple(every)


@settings(max_examples=300, deadline=None)
@given(_SENTENCES)
def test_clause_breaks_are_those_of_the_full_scan(text: str) -> None:
    for view in Analysis.of(text + ".").sentences:
        assert view._breaks == _full_scan(view.text)


def test_a_sentence_without_conjunctions_still_breaks_at_punctuation() -> None:
    (view,) = Analysis.of(
        "Police arrested two men (both Spanish); a third fled – he was caught."
    ).sentences
    strong, every = view._breaks
    assert strong == every and len(strong) == 4  # ( ) ; –
    (view,) = Analysis.of(
        "Police arrested two men, who were Spanish, while a third fled."
    ).sentences
    strong, every = view._breaks
    assert len(strong) == 1 and len(every) == 2  # ", while" is a clause; ", who" a relative


_STEMS = st.lists(st.sampled_from(["arrest", "seiz", "detain", "op", "x", "poli", "ı"]), min_size=1)


@settings(max_examples=200, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=4), _STEMS)
def test_has_prefix_asks_whether_a_word_of_the_sentence_starts_with_a_stem(
    sentences: list[str], stems: list[str]
) -> None:
    """The report's words are matched once per set of stems; each sentence's answer must be
    its own, not another sentence's of the same report."""
    prefixes = tuple(stems)
    for view in Analysis.of(". ".join(sentences) + ".").sentences:
        expected = any(word.startswith(prefixes) for word in view.keys)
        assert view.has_prefix(prefixes) is expected


def _leftmost_longest(tokens, text):  # the scan as first written: every token a start
    from graphkit.extract.gazetteer import _accepts, gazetteer

    root, found, i = gazetteer().trie, [], 0
    while i < len(tokens):
        node, best, j = root, None, i
        while j < len(tokens) and tokens[j].key in node:
            node, j = node[tokens[j].key], j + 1
            best = next(
                ((j, e) for e in node.get(None, ()) if _accepts(e, tokens[i:j], text, 0)), best
            )
        if best is None:
            i += 1
            continue
        found.append((i, best[0], best[1]))
        i = best[0]
    return found


_PHRASE_WORDS = st.sampled_from(
    ["Europol", "the", "Federal", "Police", "of", "Belgium", "Belgian", "Guardia", "Civil",
     "Spain", "Spanish", "National", "Police", "Corps", "in", "and", "US", "us", "FBI", ",",
     "Republic", "Bosnia", "Herzegovina", "Costa", "Rica", "Republic of Bosnia and Herzegovina",
     "Republic of Costa Rica", "Federal Police of Belgium", "Spanish National Police"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PHRASE_WORDS, max_size=20).map(" ".join))
def test_gazetteer_matches_are_leftmost_longest_from_every_token(text: str) -> None:
    """Known phrases are only looked for where one can start: the same matches as trying
    every token."""
    from graphkit.extract.gazetteer import gazetteer
    from graphkit.extract.tokens import tokenize

    tokens = tokenize(text)
    found = [(m.start, m.end, m.entry) for m in gazetteer().find(tokens, text)]
    assert found == _leftmost_longest(tokens, text)
