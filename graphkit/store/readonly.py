"""What ``graphkit query`` may run without ``--write``: reading clauses, decided before it runs.

Neither store can be trusted to keep a "read-only" query free of side effects on its own.
LadybugDB's read-only transaction (and its Python binding, which tells nothing about a
prepared statement but whether it parsed) lets ``COPY ... TO`` overwrite files,
``EXPORT DATABASE`` write folders, ``INSTALL`` download libraries into the home folder and
``LOAD EXTENSION`` run native code. Neo4j's READ access mode lets ``LOAD CSV`` fetch files
and URLs, ``TERMINATE TRANSACTIONS`` end other people's work and ``SHOW`` list other
sessions' queries and the server's settings.

So every statement is checked against an allow-list first (:func:`check_read_only`): it
must be made of reading clauses only, ``CALL`` may only name a procedure known to read, and
anything this scanner does not understand is refused, never guessed at. It is not a Cypher
parser: it splits the text into tokens the way both databases do (strings with backslash
escapes, backquoted names, ``//`` and ``/* */`` comments, Unicode spaces), follows bracket
nesting, and at clause level tells a clause keyword (a word that follows a complete
expression) from a variable (a word where an expression starts). A word in clause
position that is not a reading clause refuses the whole query; so does text it cannot
tokenize (an unterminated string or comment, an unknown character outside a string).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from graphkit.errors import QueryRefused

# -- the allow-lists ---------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Clauses a statement may start with, and that may follow a complete clause.
_STARTS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})
_CLAUSES = _STARTS | {"WHERE", "ORDER", "SKIP", "LIMIT", "UNION", "YIELD"}
#: Words that may follow a complete expression inside a clause (operators, modifiers).
_INFIX = _words("AND OR XOR NOT IS IN AS STARTS ENDS CONTAINS WHEN THEN ELSE")
#: Words after which an expression is complete (``ORDER BY x DESC``, ``CASE ... END``).
_CLOSING = frozenset({"ASC", "DESC", "ASCENDING", "DESCENDING", "END"})
#: Words that may open an expression without completing it (``NOT x``, ``DISTINCT x``).
_PREFIX = frozenset({"NOT", "DISTINCT", "CASE", "WHEN"})
#: Neo4j's path pattern modifiers (``MATCH p = ANY SHORTEST (a)--+(b)``): not clauses.
_PATTERN = _words(
    "ANY ALL SHORTEST GROUPS PATH PATHS WALK TRAIL ACYCLIC REPEATABLE DIFFERENT ELEMENTS "
    "RELATIONSHIPS"
)
#: Words whose ``{`` opens a subquery (its clauses are checked like a statement's).
_SUBQUERY = frozenset({"CALL", "EXISTS", "COUNT", "COLLECT"})
#: Words whose ``{`` may hold a bare pattern (``EXISTS { (a)-->(b) }``).
_PATTERN_SUBQUERY = frozenset({"EXISTS", "COUNT", "COLLECT"})
#: What a statement may start with before its first clause.
_PREAMBLE = frozenset({"EXPLAIN", "PROFILE"})

#: Procedures (Neo4j) and table functions (LadybugDB) that only read, by store kind.
READ_PROCEDURES: dict[str, frozenset[str]] = {
    "embedded": _words(
        "show_tables table_info show_connection show_functions show_indexes db_version "
        "current_setting"
    ),
    "neo4j": _words(
        "db.labels db.relationshiptypes db.propertykeys db.schema.visualization "
        "db.schema.nodetypeproperties db.schema.reltypeproperties dbms.components"
    ),
}
#: Neo4j's schema listings, the only ``SHOW`` commands allowed (``SHOW [...] INDEXES``,
#: ``SHOW [...] CONSTRAINTS``); ``SHOW TRANSACTIONS``, ``SETTINGS``, ``USERS``... are not.
_SHOW_QUALIFIERS = _words(
    "ALL RANGE TEXT POINT LOOKUP FULLTEXT VECTOR UNIQUE UNIQUENESS EXIST EXISTENCE KEY NODE "
    "RELATIONSHIP REL PROPERTY"
)
_SHOWN = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"})

# -- tokens ------------------------------------------------------------------------------

_OPERATORS = frozenset("=<>+-/%^,|:!~&.*")
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = frozenset(_OPENERS.values())
_NUMBER = re.compile(r"[0-9][0-9A-Za-z_]*")
_DIGITS = frozenset("0123456789")
# Where a // comment ends: at any line break either database might end it at (ending it
# earlier than the database does only makes this check read more text than runs).
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


@dataclass(frozen=True)
class Token:
    kind: str  # word | name (backquoted) | literal | param | punct
    text: str
    #: where the token is in the text, ``text[start:end]`` (not part of its identity)
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    @property
    def upper(self) -> str:
        """A word as a keyword; keywords are ASCII, so other letters never make one."""
        return self.text.upper() if self.kind == "word" and self.text.isascii() else ""


def _refuse(what: str) -> QueryRefused:
    return QueryRefused(
        f"this query does more than read the graph ({what}); without --write graphkit runs only "
        "MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, LIMIT, UNION and "
        "CALL of read-only procedures; pass --write to allow it"
    )


def _word_char(ch: str) -> bool:
    return ch == "_" or ch.isalnum() or unicodedata.category(ch)[0] in "LMN"


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``, without whitespace and comments; ``QueryRefused`` for text
    that does not tokenize (what a database might read differently is refused, not guessed)."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif text.startswith("//", i):
            line_break = _LINE_BREAK.search(text, i)
            i = n if line_break is None else line_break.end()
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise _refuse("a comment that never ends")
            i = end + 2
        elif ch in "'\"":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise _refuse("a string that never ends")
            yield Token("literal", text[i : j + 1], i, j + 1)
            i = j + 1
        elif ch == "`":
            j = i + 1
            while True:
                j = text.find("`", j)
                if j < 0:
                    raise _refuse("a `name` that never ends")
                if not text.startswith("``", j):
                    break
                j += 2
            yield Token("name", text[i + 1 : j].replace("``", "`"), i, j + 1)
            i = j + 1
        elif ch == "$":
            j = i + 1
            if j < n and text[j] == "`":
                j = text.find("`", j + 1) + 1 or n
            while j < n and _word_char(text[j]):
                j += 1
            yield Token("param", text[i:j], i, j)
            i = j
        elif ch in _DIGITS:
            match = _NUMBER.match(text, i)
            assert match is not None
            yield Token("literal", match.group(), i, match.end())
            i = match.end()
        elif _word_char(ch):
            j = i + 1
            while j < n and _word_char(text[j]):
                j += 1
            yield Token("word", text[i:j], i, j)
            i = j
        elif ch in _OPERATORS or ch in _OPENERS or ch in _CLOSERS or ch == ";":
            yield Token("punct", ch, i, i + 1)
            i += 1
        else:
            raise _refuse(f"the character U+{ord(ch):04X} outside a string")


# -- the scanner -------------------------------------------------------------------------

# States at clause level: where a clause must start, where an expression starts, after a
# complete expression, and the few places that take one particular word next.
START, OPERAND, AFTER, TARGET = "start", "operand", "after", "target"


@dataclass
class _Frame:
    closer: str  # what ends this frame ("" for the whole text)
    clauses: bool  # a statement or subquery (clause rules apply) or an expression
    state: str = START
    expect: frozenset[str] = frozenset()  # the next word must be one of these
    then: str = OPERAND  # the state after the expected word
    scoped_call: bool = False  # Neo4j's CALL (x) { ... }: this frame's ) is before a {


def check_read_only(cypher: str, store_kind: str) -> None:
    """Raise ``QueryRefused`` unless ``cypher`` only reads (see the module's docstring).

    ``store_kind`` ("embedded" or "neo4j") chooses the procedures ``CALL`` may name, and
    whether Neo4j's ``SHOW ... INDEXES|CONSTRAINTS`` is allowed.
    """
    procedures = READ_PROCEDURES[store_kind]
    stack = [_Frame(closer="", clauses=True)]
    previous: Token | None = None
    need_subquery = False
    items = list(tokens(cypher))
    i = 0
    while i < len(items):
        token = items[i]
        frame = stack[-1]
        if need_subquery and token.text != "{":
            raise _refuse("CALL (...) without a { subquery }")
        if token.kind == "punct" and token.text in _OPENERS:
            if frame.clauses and (
                frame.state == START or (frame.state == TARGET and token.text == "[")
            ):
                raise _refuse(f"a statement or CALL starting with {token.text}")
            opens_subquery = token.text == "{" and (
                need_subquery
                or (previous is not None and previous.upper in _SUBQUERY)
                or (frame.clauses and frame.state == TARGET)
                or (previous is not None and previous.text == ")" and previous.kind == "punct")
            )
            following = items[i + 1] if i + 1 < len(items) else None
            quantifier = following is not None and (
                following.text in (",", "}") or following.kind == "literal"
            )
            if opens_subquery and not quantifier:
                # Neo4j's EXISTS { (a)-->(b) WHERE ... }: a pattern without its MATCH, read
                # as if MATCH were there (so the same clause rules follow it)
                bare = previous is not None and previous.upper in _PATTERN_SUBQUERY
                implicit = bare and following is not None and following.text == "("
                stack.append(_Frame(closer="}", clauses=True, state=OPERAND if implicit else START))
            else:
                scoped = frame.clauses and frame.state == TARGET and token.text == "("
                stack.append(_Frame(closer=_OPENERS[token.text], clauses=False, scoped_call=scoped))
            need_subquery = False
        elif token.kind == "punct" and token.text in _CLOSERS:
            if token.text != frame.closer:
                raise _refuse(f"an unbalanced {token.text}")
            if frame.clauses and frame.expect:
                raise _refuse(f"a clause cut short before {token.text}")
            stack.pop()
            need_subquery = frame.scoped_call
            stack[-1].state = AFTER if stack[-1].clauses else stack[-1].state
        elif token.text == ";" and token.kind == "punct":
            if len(stack) > 1:
                raise _refuse("a ; inside brackets")
            frame.state, frame.expect = START, frozenset()
        elif frame.clauses:
            i = _clause_level(items, i, frame, procedures, store_kind)
        previous = items[i] if i < len(items) else token
        i += 1
    if len(stack) > 1:
        raise _refuse(f"a {stack[-1].closer} missing at the end")
    if need_subquery:
        raise _refuse("CALL (...) without a { subquery }")


def _clause_level(
    items: list[Token], i: int, frame: _Frame, procedures: frozenset[str], store_kind: str
) -> int:
    """Apply the clause rules to ``items[i]`` (not a bracket) in a statement or subquery;
    return the index of the last token consumed."""
    token = items[i]
    word = token.upper
    if frame.expect:
        if word not in frame.expect:
            raise _refuse(f"{_shown(token)} where {'/'.join(sorted(frame.expect))} must follow")
        frame.state, frame.expect = frame.then, frozenset()
        return i
    if frame.state == START:
        if word in _PREAMBLE:
            return i
        if word == "SHOW" and store_kind == "neo4j":
            return _show(items, i, frame)
        if word not in _STARTS:
            what = _shown(token) if token.kind == "word" else "a statement not starting so"
            raise _refuse(what)
        return _clause(items, i, frame, procedures)
    if frame.state == TARGET:
        return _procedure(items, i, frame, procedures)
    if token.kind == "punct":
        if token.text == "*":  # RETURN * (an expression), or a product (an operator)
            frame.state = AFTER if frame.state == OPERAND else OPERAND
        elif token.text == "." and i + 1 < len(items) and items[i + 1].kind in ("word", "name"):
            frame.state = AFTER  # a property: n.create is a name, never a clause
            return i + 1
        else:
            frame.state = OPERAND
        return i
    if frame.state == OPERAND:
        if word not in _PREFIX:
            frame.state = AFTER  # a variable, literal, function name or parameter
        return i
    # after a complete expression: an operator word, or the next clause
    if token.kind != "word":
        return i  # a literal after STARTS WITH and the like
    if word in _CLOSING:
        return i
    if word in _PATTERN:
        frame.state = OPERAND
        return i
    if word in _INFIX:
        if word in ("STARTS", "ENDS"):
            frame.expect, frame.then = frozenset({"WITH"}), OPERAND
        else:
            frame.state = OPERAND
        return i
    if word in _CLAUSES:
        return _clause(items, i, frame, procedures)
    raise _refuse(_shown(token))


def _clause(items: list[Token], i: int, frame: _Frame, procedures: frozenset[str]) -> int:
    word = items[i].upper
    if word == "OPTIONAL":
        frame.expect, frame.then = frozenset({"MATCH"}), OPERAND
    elif word == "ORDER":
        frame.expect, frame.then = frozenset({"BY"}), OPERAND
    elif word == "UNION":
        following = items[i + 1].upper if i + 1 < len(items) else ""
        frame.state = START
        return i + 1 if following in ("ALL", "DISTINCT") else i
    elif word == "CALL":
        frame.state = TARGET
    else:
        frame.state = OPERAND
    return i


def _procedure(items: list[Token], i: int, frame: _Frame, procedures: frozenset[str]) -> int:
    """``CALL name.parts`` must name an allowed procedure (a subquery's ``{`` and Neo4j's
    ``CALL (x) {`` are handled as brackets)."""
    parts: list[str] = []
    j = i
    while j < len(items) and items[j].kind in ("word", "name"):
        parts.append(items[j].text.lower())
        if j + 1 < len(items) and items[j + 1].text == ".":
            j += 2
        else:
            break
    name = ".".join(parts)
    if not parts or name not in procedures:
        shown = name or _shown(items[i])
        raise _refuse(f"CALL {shown}: not a procedure known to only read")
    frame.state = AFTER
    return j


def _show(items: list[Token], i: int, frame: _Frame) -> int:
    """Neo4j's ``SHOW [qualifiers] INDEXES|CONSTRAINTS``, nothing else."""
    j = i + 1
    while j < len(items) and items[j].upper in _SHOW_QUALIFIERS:
        j += 1
    if j >= len(items) or items[j].upper not in _SHOWN:
        following = _shown(items[j]) if j < len(items) else "nothing"
        raise _refuse(f"SHOW {following}: only SHOW INDEXES and SHOW CONSTRAINTS are allowed")
    frame.state = AFTER
    return j


def _shown(token: Token) -> str:
    text = token.text if len(token.text) <= 40 else token.text[:40] + "…"
    return f"`{text}`" if token.kind == "name" else text
