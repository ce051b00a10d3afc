"""The shared per-report analysis every extraction step reads: sentences, their tokens,
gazetteer matches and numbers, computed once."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from graphkit.extract.gazetteer import Match, gazetteer
from graphkit.extract.numbers import NUMBER_WORDS, Number, find_numbers
from graphkit.extract.sentences import Sentence, split_sentences
from graphkit.extract.tokens import Token, tokenize, word_set

_HEDGE = re.compile(
    r"\b(?:believed|suspected|allegedly|alleged|reportedly|accused of|thought to|presumed|"
    r"said to have|are said to|is said to|may have|might have|purportedly|supposedly)\b",
    re.IGNORECASE,
)


_BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (word, re.compile(pattern, re.IGNORECASE))
    for word, pattern in (
        ("empact", r"\bEMPACT\b"),
        ("european", r"European Multidisciplinary Platform"),
        ("policy", r"\bpolicy cycle\b"),
        ("headquartered", r"Headquartered in The Hague"),
        ("europol", r"Europol supports the (?:\d+ )?(?:EU )?Member States"),
        ("fight", r"fight against terrorism, cybercrime and other"),
        ("priority", r"priority crime areas"),
        ("priorities", r"crime priorities"),
        ("source", r"^\W*sources?\s*:"),
        ("photo", r"^\W*\(?photos?\s*:[^)]{0,80}\)?\W*$"),
        ("credit", r"^\W*(?:image\s+)?credits?\s*:"),
        ("copyright", r"\bcopyright\b"),
        ("read", r"^\W*read more\b"),
        ("contact", r"^\W*(?:media\s+|press\s+)?contacts?\s*:"),
        (
            "terrorism",
            r"\b(?:combat|fight|tackl|counter|prevent|disrupt)\w*\s+"
            r"(?:serious\s+(?:and\s+)?)?organi[sz]ed crime and terrorism",
        ),
    )
)
"""Institutional closing paragraphs ("Europol supports the 27 EU Member States in their
fight against terrorism, cybercrime and ...") list crime areas that the case is not about.
Each expression is tried only when its word is in the sentence."""


_BACKGROUND = re.compile(
    r"\bsince (?:(?:19|20)\d\d|the (?:start|beginning|launch|creation)|its (?:creation|launch))\b|"
    r"\bover the (?:past|last)\b|\bin the (?:past|last) (?:\w+ )?(?:years|decade)\b|"
    r"\b(?:each|every|per) year\b|\bannually\b|\blast year\b|\bin recent years\b",
    re.IGNORECASE,
)
"""Statistics about other work ("Since 2017, the taskforce has led to 1 200 arrests")."""
_STILL_ACTIVE = re.compile(r"\b(?:active|operating|operational|existed|running|operated)\s+$", re.I)
"""Before "since 2019": the group's own history ("active since 2019"), not other work."""

_BACKGROUND_WORDS = word_set("since over past last each every per annually recent")
"""Words without which :data:`_BACKGROUND` cannot match."""

_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|\s[–—]\s|,?\s+(?:while|whereas|but|although|though|whilst)\b",
    re.IGNORECASE,
)
"""Where one clause of a sentence ends: "In Ireland two were arrested, while in Spain eight"."""
_RELATIVE = re.compile(r",\s+(?:which|where|who|whose)\b", re.IGNORECASE)
"""Where a relative clause starts: it has its own verbs, but not its own subject or place
("officers searched 17 localities, where seven suspects were arrested")."""
_ANY_BREAK = re.compile(
    f"(?P<clause>{_CLAUSE_BREAK.pattern})|(?P<relative>{_RELATIVE.pattern})", re.IGNORECASE
)
_BREAK_WORDS = word_set("while whereas but although though whilst which where who whose")
"""The words :data:`_ANY_BREAK` needs besides punctuation."""
_PUNCTUATION_BREAK = re.compile(r"(?P<clause>[;:()\[\]]|\s[–—]\s)")
""":data:`_ANY_BREAK` for a sentence without those words: the same matches, sooner."""

ACTION_VERB = re.compile(
    r"\b(?:arrest\w*|detain\w*|apprehend\w*|search\w*|raid\w*|seiz\w*|confiscat\w*|"
    r"dismantl\w*|conduct\w*|carr(?:y|ied|ying) out|execut\w*|br(?:oke|eak|eaking) up|"
    r"bust\w*|intercept\w*|froze|frozen|freez\w*|t(?:ook|aken|ake) down|shut down|"
    r"rescued|safeguarded|charged|action days?|br(?:ought|ing|inging) (?:\w+ ){0,3}down)\b",
    re.IGNORECASE,
)
"""Verbs of law-enforcement action on the ground (not of support or coordination)."""


_T = TypeVar("_T")


class cached_attribute(Generic[_T]):
    """:func:`functools.cached_property` without its lock: Python 3.11 takes one at every
    first access (some 40,000 per 300 reports, 2% of the extraction), and a sentence view
    is only ever read by the thread that made it."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> _T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@lru_cache(maxsize=256)
def _prefix_pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for "the words that start with one of these", in words joined by
    spaces: a single scan in C."""
    return re.compile(" ((?:" + "|".join(re.escape(p) for p in prefixes) + ")[^ ]*)")


class Vocabulary:
    """The distinct words of one report. Every step asks of every sentence whether one of
    its words starts with one of a few stems ("arrest", "seiz", ...): each set of stems is
    matched against the report's words once, and a sentence's answer is a set
    intersection."""

    def __init__(self, words: set[str]) -> None:
        self._joined = " " + " ".join(words)
        self._starting: dict[tuple[str, ...], frozenset[str]] = {}

    def starting_with(self, prefixes: tuple[str, ...]) -> frozenset[str]:
        found = self._starting.get(prefixes)
        if found is None:
            found = frozenset(_prefix_pattern(prefixes).findall(self._joined))
            self._starting[prefixes] = found
        return found


@dataclass
class SentenceView:
    """One sentence with what was found in it; offsets are report-text offsets."""

    sentence: Sentence
    tokens: list[Token]
    matches: list[Match]
    numbers: list[Number]
    headline: bool = False
    separate: bool = False
    """Part of a separate, earlier event the report mentions ("In a separate case last year,
    customs seized ..."): its facts are not this operation's."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Results a step computes once per sentence and another step reads again."""
    vocabulary: Vocabulary | None = field(default=None, repr=False, compare=False)
    """The report's words (:meth:`Analysis.of` sets it), for :meth:`has_prefix`."""
    # the sentence's own fields, copied: every step reads them in its inner loops, and an
    # attribute is several times cheaper than a property that reads another object's
    text: str = field(init=False, repr=False, compare=False)
    index: int = field(init=False, repr=False, compare=False)
    start: int = field(init=False, repr=False, compare=False)
    end: int = field(init=False, repr=False, compare=False)
    keys: frozenset[str] = field(init=False, repr=False, compare=False)
    """The sentence's distinct word keys, for cheap "does it mention X" checks."""

    def __post_init__(self) -> None:
        s = self.sentence
        self.text, self.index, self.start, self.end = s.text, s.index, s.start, s.end
        self.keys = frozenset(t.key for t in self.tokens if t.is_word)

    def has_prefix(self, prefixes: tuple[str, ...]) -> bool:
        """Whether a word of the sentence starts with one of ``prefixes`` (lower case)."""
        if self.vocabulary is None:
            self.vocabulary = Vocabulary(set(self.keys))
        return not self.keys.isdisjoint(self.vocabulary.starting_with(prefixes))

    @cached_attribute
    def boilerplate(self) -> bool:
        keys = self.keys
        return any(word in keys and rx.search(self.text) for word, rx in _BOILERPLATE)

    @cached_attribute
    def background(self) -> bool:
        if self.separate:
            return True
        if self.keys.isdisjoint(_BACKGROUND_WORDS):
            return False  # the expression needs one of these words: skip the scan
        return any(
            not (
                m.group().lower().startswith("since")
                and _STILL_ACTIVE.search(self.text[: m.start()])
            )
            for m in _BACKGROUND.finditer(self.text)
        )

    @cached_attribute
    def hedged(self) -> bool:
        return bool(_HEDGE.search(self.text))

    @cached_attribute
    def _breaks(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(clause ends, clause ends and relative-clause starts), in order, in one scan."""
        strong: list[int] = []
        every: list[int] = []
        # a dotless "ı" matches "i" case-blind but has a key of its own: scan in full
        words = not self.keys.isdisjoint(_BREAK_WORDS) or "ı" in self.text
        for m in (_ANY_BREAK if words else _PUNCTUATION_BREAK).finditer(self.text):
            every.append(m.start())
            if m.lastgroup == "clause":
                strong.append(m.start())
        return tuple(strong), tuple(every)

    def clause(self, pos: int, relative: bool = True) -> tuple[int, int]:
        """(start, end) sentence offsets of the clause around sentence offset ``pos``;
        ``relative=False`` keeps a relative clause with the clause it belongs to."""
        breaks = self._breaks[1] if relative else self._breaks[0]
        i = bisect_left(breaks, pos)
        start = breaks[i - 1] if i else 0
        end = breaks[i] if i < len(breaks) else len(self.text)
        return start, end

    def local(self, pos: int) -> int:
        """A report offset as an offset into this sentence's text."""
        return pos - self.sentence.start

    def of_kind(self, *kinds: str) -> list[Match]:
        return [m for m in self.matches if m.entry.kind in kinds]


@dataclass
class Analysis:
    text: str
    sentences: list[SentenceView] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    """Results a step computes once per report and another step reads again."""

    @classmethod
    def of(cls, text: str) -> Analysis:
        gz = gazetteer()
        views: list[SentenceView] = []
        for s in split_sentences(text):
            tokens = tokenize(s.text, s.start)
            matches = gz.find(tokens, s.text, s.start)
            view = SentenceView(s, tokens, matches, [])
            view.numbers = find_numbers(
                s.text, s.start, words=not view.keys.isdisjoint(NUMBER_WORDS)
            )
            views.append(view)
        vocabulary = Vocabulary(set().union(*(view.keys for view in views)))
        for view in views:
            view.vocabulary = vocabulary
        _mark_headline(views)
        _mark_separate_events(text, views)
        return cls(text, views)


def _mark_headline(views: list[SentenceView]) -> None:
    """The first line of a press release is usually its headline (no final full stop)."""
    if views and not views[0].text.rstrip().endswith((".", ":", ";")) and len(views[0].text) < 200:
        views[0].headline = True


_SEPARATE_EVENT = re.compile(
    r"\b(?:in )?(?:a |an |another )?(?:separate|unrelated|earlier|distinct) "
    r"(?:case|cases|operation|investigation|action|interception|seizure|raid|incident|probe|"
    r"inquiry)\b|"
    r"\b(?:this|it|the operation|the investigation) (?:follows|builds on)\b",
    re.IGNORECASE,
)
_SEPARATE_WORDS = word_set("separate unrelated earlier distinct follows builds")
_BACK_TO_THIS = re.compile(
    r"\b(?:this|the current|the present|today's) (?:operation|investigation|action|case)\b",
    re.IGNORECASE,
)


def _mark_separate_events(text: str, views: list[SentenceView]) -> None:
    """A sentence that introduces a separate, earlier event, and the rest of its paragraph
    unless a sentence returns to this operation."""
    inside = False
    for prev, view in zip([None, *views], views, strict=False):
        if prev is not None and "\n" in text[prev.end : view.start]:
            inside = False  # a new paragraph
        if not view.keys.isdisjoint(_SEPARATE_WORDS) and _SEPARATE_EVENT.search(view.text):
            inside = True
        elif inside and _BACK_TO_THIS.search(view.text):
            inside = False
        view.separate = inside and not view.headline
