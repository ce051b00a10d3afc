"""Cypher written the Neo4j way, on both stores.

Two things, both token-aware and neither a Cypher parser (the tokens are
:func:`graphkit.store.readonly.tokens`, the same ones the read-only check reads):

- :func:`check_names`: the labels, relationship types and properties a query names, checked
  against the ontology (:mod:`graphkit.model`) before it runs, on either store. Neo4j runs
  ``MATCH (a:Agencie)`` and answers no rows (and a property no node has, null); LadybugDB
  says "Table Agencie does not exist". Both now say "did you mean :Agency?" and list the names.
- :func:`to_ladybug`: the idioms LadybugDB spells differently, rewritten in place (everything
  else, string literals and parameters included, is copied from the text as it was):

  ==============================================  ===============================================
  Neo4j                                           LadybugDB
  ==============================================  ===============================================
  ``type(r)``                                     ``label(r)``
  ``labels(n)``                                   ``[label(n)]``
  ``n:Agency`` (a label predicate in WHERE)       ``label(n) = 'Agency'``
  ``shortestPath((a)-[*..k]-(b))``                ``(a)-[* SHORTEST 1..k]-(b)``
  ``allShortestPaths(...)``                       ``(a)-[* ALL SHORTEST 1..k]-(b)``
  ``-[*2]-``, ``-[*1..3]-`` (trails)               ``-[* TRAIL 2..2]-``, ``-[* TRAIL 1..3]-``
  ``RETURN x AS group`` (a word it reserves)      ``RETURN x AS `group```
  ``MATCH (a)-[:T]->(o)<-[:T]-(b)`` (Neo4j never  ``MATCH (a)-[r1:T]->(o)<-[r2:T]-(b)
  matches one relationship twice in a MATCH)      WHERE r1 <> r2``
  ``relationships(p)``                            ``rels(p)``
  ``[x IN xs WHERE p | e]``                       ``list_transform(list_filter(...), x -> e)``
  ``EXISTS { (a)-->(b) }``, ``COUNT { ... }``     ``EXISTS { MATCH (a)-->(b) }``
  ``xs[0]``, ``xs[1..3]`` (from 0)                ``xs[1]``, ``xs[2:3]`` (from 1)
  ``substring(s, 0, 3)`` (from 0)                 ``substring(s, 1, 3)``; two arguments too
  ``head(xs)``, ``last(xs)``, ``tail(xs)``        ``list_extract``, ``list_slice``
  ``toString/toInteger/toFloat/toBoolean(x)``     ``CAST(x AS STRING/INT64/DOUBLE/BOOL)``
  ``split(s, d)``                                 ``string_split(s, d)``
  ``round(x)``                                    ``round(x, 0)``
  ==============================================  ===============================================

  What works the same needs nothing (``toUpper``, ``toLower``, ``size`` of a string or list,
  ``coalesce``, ``trim``, ``left``, ``right``, ``replace``, ``=~``, ``any/all/none/single``,
  ``EXISTS { MATCH ... }``, ``COUNT { MATCH ... }``, pattern predicates, ``OPTIONAL MATCH``,
  ``UNION``, ``CASE``...). What has no LadybugDB counterpart raises :class:`Untranslatable`,
  one line naming what to write instead (``CALL { }`` subqueries, ``reduce``, pattern
  comprehensions, ``startNode``/``endNode``, ``id``/``elementId``, ``stDev``,
  ``percentileCont``, APOC and GDS).

The translated text is checked by the read-only allow-list again before it runs (see
:meth:`graphkit.store.base.GraphStore.run`): a translation never opens a way around it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from graphkit import model
from graphkit.errors import QueryError, QueryRefused
from graphkit.store.readonly import Token, tokens

NEO4J = "neo4j"
"""The dialect of a user's query (:meth:`GraphStore.run`'s ``dialect``): Neo4j's, the one
``cypher/queries/NAME.cypher`` and Neo4j's own documentation are written in."""


class Untranslatable(QueryError):
    """A Neo4j idiom with no counterpart on the embedded store; the message names one."""


class UnknownName(QueryError):
    """A label, relationship type or property the ontology does not have."""


# -- what cannot be translated, and what to write instead ---------------------------------

_INSTEAD: dict[str, str] = {
    "reduce": "reduce(): use list_sum(xs) for a sum, or list_reduce(xs, (a, b) -> a + b)",
    "startnode": "startNode(r): match the direction instead, (a)-[r]->(b), and use a",
    "endnode": "endNode(r): match the direction instead, (a)-[r]->(b), and use b",
    "id": "id(n): ids differ between stores; use the key (n.key, or c.iso2 for a Country)",
    "elementid": "elementId(n): ids differ between stores; use the key (n.key, c.iso2)",
    "stdev": "stDev(): compute it from avg() and sum() of squares",
    "stdevp": "stDevP(): compute it from avg() and sum() of squares",
    "percentilecont": "percentileCont(): use percentileDisc()",
    "datetime": "datetime(): dates are stored as ISO text; compare the text or use date('...')",
    "timestamp": "timestamp(): dates are stored as ISO text; use the text and compare it",
    "properties": "properties(n): use the properties by name (n.name, n.key, ...)",
    "keys": "keys(n): see `graphkit schema` for each label's properties",
    "ordered_with": "order for collect() (WITH ... ORDER BY without SKIP or LIMIT): use "
    "list_sort(collect(x)) to sort the list, or add LIMIT",
    "map_projection": "map projections n {.name}: use a map, {name: n.name}",
    "nodes_subscript": "nodes(p)[i].prop: use WITH nodes(p)[i] AS n first, then n.prop",
}
_SUBQUERY_INSTEAD = {
    "CALL": "CALL { ... } subqueries: use WITH and OPTIONAL MATCH, or UNION",
    "COLLECT": "COLLECT { ... }: use OPTIONAL MATCH ... WITH collect(...)",
}
_PATTERN_COMPREHENSION = (
    "pattern comprehensions [(a)-->(b) | b.name]: use OPTIONAL MATCH (a)-->(b) WITH collect(b.name)"
)
_PLUGINS = "APOC or GDS (Neo4j plugins): see `graphkit analyze` for centralities and communities"


def _untranslatable(what: str) -> Untranslatable:
    return Untranslatable(f"the embedded store has no {what}")


# -- token helpers ------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OPEN = {"(": ")", "[": "]", "{": "}"}
#: Words after which ``[`` opens a list, not a subscript.
_NOT_OPERAND = _words(
    "RETURN WITH WHERE AND OR XOR NOT IN UNWIND WHEN THEN ELSE CASE AS BY DISTINCT MATCH "
    "CONTAINS STARTS ENDS IS OPTIONAL SKIP LIMIT ORDER YIELD UNION ALL SET CREATE MERGE "
    "DELETE DETACH REMOVE"
)
#: Words before a label predicate ``n:Label`` in an expression.
_BEFORE_PREDICATE = _words("WHERE AND OR XOR NOT WHEN THEN ELSE RETURN WITH")


@dataclass
class _Tokens:
    text: str
    items: list[Token]
    closer: dict[int, int]  # index of an opener -> index of its closer
    opener: dict[int, int]  # index of a token -> index of the opener around it (-1: none)

    @classmethod
    def of(cls, text: str) -> _Tokens | None:
        """The tokens of ``text``; None when they do not balance (left to the database)."""
        try:
            items = list(tokens(text))
        except QueryRefused:
            return None
        closer: dict[int, int] = {}
        opener: dict[int, int] = {}
        stack: list[int] = []
        for i, tok in enumerate(items):
            opener[i] = stack[-1] if stack else -1
            if tok.kind != "punct":
                continue
            if tok.text in _OPEN:
                stack.append(i)
            elif tok.text in (")", "]", "}"):
                if not stack or _OPEN[items[stack[-1]].text] != tok.text:
                    return None
                closer[stack.pop()] = i
        if stack:
            return None
        return cls(text, items, closer, opener)

    def source(self, i: int) -> str:
        """``items[i]`` as written (a backquoted name with its backquotes)."""
        tok = self.items[i]
        return self.text[tok.start : tok.end]

    def at(self, i: int) -> Token | None:
        return self.items[i] if 0 <= i < len(self.items) else None

    def is_punct(self, i: int, text: str) -> bool:
        tok = self.at(i)
        return tok is not None and tok.kind == "punct" and tok.text == text

    def is_word(self, i: int, upper: str) -> bool:
        tok = self.at(i)
        return tok is not None and tok.upper == upper

    def rel_pattern(self, i: int) -> bool:
        """``items[i]`` is the ``[`` of a relationship pattern (``-[``)."""
        return self.is_punct(i, "[") and self.is_punct(i - 1, "-")

    def node_pattern(self, i: int) -> bool:
        """``items[i]`` is a ``(`` that opens a node pattern, not a call or a grouping."""
        if not self.is_punct(i, "("):
            return False
        before = self.at(i - 1)
        if before is None:
            return True
        if before.kind == "punct":
            return before.text in ("-", ">", "<", ",", "=", "(", "{")
        return before.upper in ("MATCH", "MERGE", "CREATE", "EXISTS", "WHERE", "AND", "OR", "NOT")

    def top_level(self, start: int, stop: int) -> list[int]:
        """Indexes in ``start..stop`` outside any bracket opened in that range."""
        found, i = [], start
        while i < stop:
            found.append(i)
            i = self.closer[i] + 1 if i in self.closer else i + 1
        return found

    def split_args(self, start: int, stop: int) -> list[tuple[int, int]]:
        """The comma-separated ranges of ``items[start:stop]`` (a call's arguments)."""
        args, first = [], start
        for i in self.top_level(start, stop):
            if self.is_punct(i, ","):
                args.append((first, i))
                first = i + 1
        if first < stop or args:
            args.append((first, stop))
        return args

    def int_literal(self, start: int, stop: int) -> int | None:
        if stop - start == 1 and self.items[start].kind == "literal":
            text = self.items[start].text
            if text.isdigit():
                return int(text)
        return None


def _label_predicate(t: _Tokens, i: int) -> tuple[list[str], int] | None:
    """The labels of a label predicate ``n:A`` / ``n:A|B`` whose variable is ``items[i]`` (a
    condition in WHERE, RETURN..., not a pattern), and the index after it; None otherwise."""
    if t.items[i].kind != "word" or not t.is_punct(i + 1, ":"):
        return None
    around = t.opener[i]
    if around >= 0 and not (t.is_punct(around, "(") and not t.node_pattern(around)):
        return None
    before = t.at(i - 1)
    if before is None or not (before.upper in _BEFORE_PREDICATE or t.is_punct(i - 1, "(")):
        return None
    labels, j = [], i + 1
    while t.is_punct(j, ":") or (labels and t.is_punct(j, "|")):
        name = t.at(j + 1)
        if name is None or name.kind not in ("word", "name"):
            return None
        labels.append(name.text)
        j += 2
    return labels, j


# -- translation --------------------------------------------------------------------------

#: Words that end a MATCH's pattern, and that end its WHERE.
_AFTER_WHERE = _words("MATCH OPTIONAL WITH RETURN UNWIND ORDER SKIP LIMIT UNION CALL")
_AFTER_PATTERN = _AFTER_WHERE | {"WHERE"}
_TO_THE_END = 2**31 - 1  # substring(s, i): LadybugDB needs a length (size(s) misreads)
#: Words LadybugDB reserves that Neo4j takes as names (``RETURN g.name AS group``).
_RESERVED = _words("GROUP TABLE COLUMN DEFAULT HEADERS MACRO ONLY GLOB PRIMARY DBTYPE INSTALL")
_CASTS = {"tostring": "STRING", "tointeger": "INT64", "tofloat": "DOUBLE", "toboolean": "BOOL"}
_RENAMES = {"type": "label", "relationships": "rels", "split": "string_split"}


def to_ladybug(cypher: str) -> str:
    """``cypher`` (Neo4j's dialect) as LadybugDB reads it; :class:`Untranslatable` for an
    idiom it has no counterpart for. Text that does not tokenize or balance is returned as
    it is (the read-only check, or the database, says what is wrong with it)."""
    toks = _Tokens.of(cypher)
    if toks is None or not toks.items:
        return cypher
    return _Rewriter(toks).span(0, len(toks.items))


class _Rewriter:
    def __init__(self, toks: _Tokens) -> None:
        self.t = toks
        self.shortest = ""  # "SHORTEST" / "ALL SHORTEST" inside shortestPath(...)
        self.named: dict[int, tuple[str, int]] = {}  # anonymous relationships given a name
        # names given with AS that LadybugDB reserves: quoted wherever they are used
        self.quoted = {
            toks.items[i + 1].text
            for i, tok in enumerate(toks.items[:-1])
            if tok.upper == "AS" and toks.items[i + 1].upper in _RESERVED
        }

    def span(self, start: int, stop: int) -> str:
        """``items[start:stop]`` rewritten, with the text between tokens kept as it was."""
        if start >= stop:
            return ""
        t, out = self.t, []
        pos = t.items[start].start
        i = start
        while i < stop:
            tok = t.items[i]
            out.append(t.text[pos : tok.start])
            done = self.rewrite(i, stop)
            if done is None:
                out.append(t.text[tok.start : tok.end])
                pos, i = tok.end, i + 1
            else:
                replacement, i = done
                out.append(replacement)
                pos = t.items[i - 1].end
        return "".join(out)

    def rewrite(self, i: int, stop: int) -> tuple[str, int] | None:
        """The replacement for the tokens from ``i`` and the index after them, or None."""
        t = self.t
        tok = t.items[i]
        if i in self.named:
            return self.named[i]
        if tok.upper == "MATCH" and not t.is_punct(i - 1, "."):
            return self.match_clause(i, stop)
        if tok.upper == "WITH" and not t.is_punct(i - 1, "."):
            self.check_with(i, stop)
        if (
            tok.kind == "word"
            and tok.text in self.quoted
            and not t.is_punct(i - 1, ".")
            and not t.is_punct(i + 1, "(")
        ):
            return f"`{tok.text}`", i + 1
        if tok.kind == "word" and t.is_punct(i + 1, "(") and not t.is_punct(i - 1, "."):
            return self.call(i)
        if tok.kind == "word" and t.is_punct(i + 1, ".") and tok.text.lower() in ("apoc", "gds"):
            raise _untranslatable(_PLUGINS)
        if tok.kind == "word" and t.is_punct(i + 1, "{"):
            return self.subquery(i)
        if tok.kind == "word" and t.is_punct(i + 1, ":"):
            return self.label_predicate(i)
        if tok.upper == "RETURN" and not t.is_punct(i - 1, "."):
            return self.return_items(i, stop)
        if t.is_punct(i, "["):
            return self.bracket(i)
        if t.is_punct(i, "*") and t.rel_pattern(t.opener[i]):
            return self.hops(i)
        return None

    def return_items(self, i: int, stop: int) -> tuple[str, int]:
        """RETURN's items, each expression without AS named after its text as written (the
        column name Neo4j gives it; LadybugDB names a translated one otherwise)."""
        t = self.t
        around = t.opener[i]
        end = i + 1
        while end < stop and not (
            t.opener[end] == around
            and (t.items[end].upper in ("ORDER", "SKIP", "LIMIT", "UNION") or t.is_punct(end, ";"))
        ):
            end = t.closer.get(end, end) + 1
        end = min(end, stop, t.closer.get(around, stop))
        first = i + 1
        head = t.text[t.items[i].start : t.items[i].end]
        if t.is_word(first, "DISTINCT"):
            head = t.text[t.items[i].start : t.items[first].end]
            first += 1
        out = [head]
        pos = t.items[first - 1].end
        for a, b in t.split_args(first, end):
            if a >= b:
                continue
            out.append(t.text[pos : t.items[a].start])
            item = self.span(a, b)
            named = any(t.is_word(j, "AS") for j in t.top_level(a, b))
            plain = b - a == 1 or (
                b - a == 3 and t.is_punct(a + 1, ".") and t.items[a].kind == "word"
            )
            if not named and not plain and not t.is_punct(a, "*"):
                original = t.text[t.items[a].start : t.items[b - 1].end]
                item += " AS `" + original.replace("`", "``") + "`"
            out.append(item)
            pos = t.items[b - 1].end
            if b < end:  # the comma
                out.append(t.text[pos : t.items[b].end])
                pos = t.items[b].end
        return "".join(out), end

    def check_with(self, i: int, stop: int) -> None:
        """``WITH ... ORDER BY ...`` without SKIP or LIMIT sorts rows for what follows
        (collect() in that order): LadybugDB refuses it, and keeps no such order anyway."""
        t = self.t
        before = t.at(i - 1)
        if before is not None and before.upper in ("STARTS", "ENDS"):
            return
        around = t.opener[i]
        ordered = False
        j = i + 1
        limit = min(stop, t.closer.get(around, stop))
        while j < limit:
            word = t.items[j].upper if t.opener[j] == around else ""
            after_operator = t.at(j - 1) is not None and t.at(j - 1).upper in ("STARTS", "ENDS")
            if (
                word in _AFTER_WHERE
                and word not in ("ORDER", "SKIP", "LIMIT")
                and not after_operator
            ):
                break
            if t.is_punct(j, ";"):
                break
            if word == "ORDER":
                ordered = True
            if word in ("SKIP", "LIMIT"):
                return
            j = t.closer.get(j, j) + 1
        if ordered:
            raise _untranslatable(_INSTEAD["ordered_with"])

    def _clause_end(self, start: int, stop: int, around: int, words: frozenset[str]) -> int:
        """Where the clause from ``start`` ends: the first of ``words`` (or ``;``) at the
        nesting level ``around``, skipping bracketed parts, within ``stop``."""
        t = self.t
        end = start
        while end < stop and not (
            t.opener[end] == around and (t.items[end].upper in words or t.is_punct(end, ";"))
        ):
            end = t.closer.get(end, end) + 1
        return min(end, stop, t.closer.get(around, stop))

    def match_clause(self, i: int, stop: int) -> tuple[str, int] | None:
        """A MATCH whose pattern has two or more relationships of a type in common: Neo4j
        never matches one relationship twice in it, LadybugDB may (``(a)--(o)--(b)`` with b
        = a). The relationships are named (if they were not) and told apart in WHERE."""
        t = self.t
        around = t.opener[i]
        end = self._clause_end(i + 1, stop, around, _AFTER_PATTERN)
        found: list[tuple[str, frozenset[str]]] = []
        named: dict[int, tuple[str, int]] = {}
        for k in t.top_level(i + 1, end):
            if t.rel_pattern(k):
                close = t.closer[k]
                if any(t.is_punct(j, "*") for j in t.top_level(k + 1, close)):
                    continue  # a variable-length one is a trail already (see hops)
                first = t.at(k + 1)
                if (
                    first is not None
                    and first.kind in ("word", "name")
                    and not t.is_punct(k + 2, "|")
                ):
                    variable = t.source(k + 1)
                    types_from = k + 2
                else:
                    variable = f"graphkit_r{len(found) + 1}"
                    named[k] = (f"[{variable}", k + 1)
                    types_from = k + 1
                types = frozenset(
                    tok.text
                    for j, tok in enumerate(t.items[types_from:close], types_from)
                    if tok.kind in ("word", "name")
                    and (t.is_punct(j - 1, ":") or t.is_punct(j - 1, "|"))
                    and t.opener[j] == k
                )
                found.append((variable, types))
            elif t.is_punct(k, "-") and t.is_punct(k + 1, "-") and not t.is_punct(k - 1, "-"):
                variable = f"graphkit_r{len(found) + 1}"
                named[k] = (f"-[{variable}]-", k + 2)
                found.append((variable, frozenset()))
        pairs = [
            f"{a} <> {b}"
            for n, (a, types_a) in enumerate(found)
            for b, types_b in found[n + 1 :]
            if not types_a or not types_b or types_a & types_b
        ]
        if not pairs:
            return None
        self.named.update(named)
        try:
            pattern = self.span(i + 1, end)
        finally:
            for k in named:
                del self.named[k]
        keyword = t.text[t.items[i].start : t.items[i].end]
        distinct = " AND ".join(pairs)
        if end < stop and t.is_word(end, "WHERE"):
            last = self._clause_end(end + 1, stop, around, _AFTER_WHERE)
            condition = self.span(end + 1, last)
            return f"{keyword} {pattern} WHERE {distinct} AND ({condition})", last
        return f"{keyword} {pattern} WHERE {distinct}", end

    # functions

    def call(self, i: int) -> tuple[str, int] | None:
        t = self.t
        name = t.items[i].text.lower()
        close = t.closer[i + 1]
        inner = (i + 2, close)
        after = close + 1
        if name in _INSTEAD:
            raise _untranslatable(_INSTEAD[name])
        if name in _RENAMES:
            return f"{_RENAMES[name]}({self.span(*inner)})", after
        if name == "labels":
            return f"[label({self.span(*inner)})]", after
        if name in _CASTS:
            return f"CAST({self.span(*inner)} AS {_CASTS[name]})", after
        if name in ("head", "last"):
            xs = self.span(*inner)
            at = 1 if name == "head" else -1
            return f"(CASE WHEN size({xs}) = 0 THEN NULL ELSE list_extract({xs}, {at}) END)", after
        if name == "tail":
            xs = self.span(*inner)
            return f"list_slice({xs}, 2, size({xs}))", after
        if name == "substring":
            args = [self.span(a, b) for a, b in t.split_args(*inner)]
            if len(args) in (2, 3):
                length = args[2] if len(args) == 3 else str(_TO_THE_END)
                first = t.split_args(*inner)[1]
                number = t.int_literal(*first)
                start = str(number + 1) if number is not None else f"({args[1]}) + 1"
                return f"substring({args[0]}, {start}, {length})", after
        if name == "round":
            args = t.split_args(*inner)
            if len(args) == 1:
                return f"round({self.span(*inner)}, 0)", after
            if len(args) > 2:
                raise _untranslatable("round() with a rounding mode: use round(x, digits)")
        if name in ("shortestpath", "allshortestpaths"):
            saved, self.shortest = self.shortest, "ALL SHORTEST" if name[0] == "a" else "SHORTEST"
            try:
                return self.span(*inner), after
            finally:
                self.shortest = saved
        if name == "exists" and not t.is_punct(i + 2, "("):
            raise _untranslatable("exists(n.prop) (gone in Neo4j 5 too): use n.prop IS NOT NULL")
        return None

    def hops(self, i: int) -> tuple[str, int] | None:
        """``*`` in a relationship pattern: exact lengths, and shortest paths."""
        t = self.t
        # Neo4j never uses a relationship twice in a match (a trail); LadybugDB's default is
        # any walk. A bounded trail says the same; an unbounded one is left as it is (30
        # hops at most there), where enumerating trails could run for ever.
        star = "*" + (f" {self.shortest}" if self.shortest else " TRAIL")
        exact = t.at(i + 1)
        if exact is not None and exact.kind == "literal" and exact.text.isdigit():
            if not t.is_punct(i + 2, "."):
                low = "1" if self.shortest else exact.text
                return f"{star} {low}..{exact.text}", i + 2
            return f"{star} {exact.text}", i + 2
        if t.is_punct(i + 1, ".") and t.is_punct(i + 2, "."):
            return f"{star} 1..", i + 3
        return (star, i + 1) if self.shortest else None

    def subquery(self, i: int) -> tuple[str, int] | None:
        t = self.t
        word = t.items[i].upper
        if word in _SUBQUERY_INSTEAD:
            raise _untranslatable(_SUBQUERY_INSTEAD[word])
        if word not in ("EXISTS", "COUNT"):
            if t.is_punct(i + 2, ".") and not t.node_pattern(t.opener[i]):
                raise _untranslatable(_INSTEAD["map_projection"])
            return None
        close = t.closer[i + 1]
        first = t.at(i + 2)
        if first is None or first.upper in ("MATCH", "OPTIONAL", "WITH", "UNWIND", "CALL"):
            return None
        return f"{t.items[i].text} {{ MATCH {self.span(i + 2, close)} }}", close + 1

    def label_predicate(self, i: int) -> tuple[str, int] | None:
        """``n:Agency`` / ``n:Agency|Country`` used as a condition (not in a pattern)."""
        found = _label_predicate(self.t, i)
        if found is None:
            return None
        labels, j = found
        for label in labels:
            if label not in model.LABELS:
                raise unknown_label(label)
        variable = self.t.source(i)
        if len(labels) == 1:
            return f"label({variable}) = '{model.allowed_label(labels[0])}'", j
        quoted = ", ".join(f"'{model.allowed_label(label)}'" for label in labels)
        return f"label({variable}) IN [{quoted}]", j

    # brackets

    def bracket(self, i: int) -> tuple[str, int] | None:
        t = self.t
        close = t.closer[i]
        if t.rel_pattern(i):
            return None
        before = t.at(i - 1)
        subscript = before is not None and (
            (before.kind == "punct" and before.text in (")", "]"))
            or before.kind in ("param", "name")
            or (before.kind == "word" and before.upper not in _NOT_OPERAND)
        )
        if subscript:
            return self.subscript(i, close)
        variable, keyword = t.at(i + 1), t.at(i + 2)
        if (
            variable is not None
            and variable.kind in ("word", "name")
            and keyword is not None
            and keyword.upper == "IN"
        ):
            return self.comprehension(i, close)
        inside = t.top_level(i + 1, close)
        if any(t.is_punct(j, "|") for j in inside) and (
            t.is_punct(i + 1, "(") or t.is_punct(i + 2, "=")
        ):
            raise _untranslatable(_PATTERN_COMPREHENSION)
        return None

    def subscript(self, i: int, close: int) -> tuple[str, int] | None:
        t = self.t
        inside = t.top_level(i + 1, close)
        dots = [j for j in inside if t.is_punct(j, ".") and t.is_punct(j + 1, ".")]
        after = t.at(close + 1)
        if after is not None and after.kind == "punct" and after.text == ".":
            before = t.at(i - 1)
            if before is not None and before.text == ")":
                raise _untranslatable(_INSTEAD["nodes_subscript"])
        if dots:  # a slice, from 0 and without its end; LadybugDB's from 1 with it
            dot = dots[0]
            low = self.shifted(i + 1, dot) if dot > i + 1 else ""
            high = self.span(dot + 2, close)
            return f"[{low}:{high}]", close + 1
        if i + 1 == close:
            return None
        first = t.items[i + 1]
        if first.kind == "literal" and not first.text[0].isdigit():  # m['key']
            return None
        if t.is_punct(i + 1, "-"):  # from the end: the same in both
            return None
        return f"[{self.shifted(i + 1, close)}]", close + 1

    def shifted(self, start: int, stop: int) -> str:
        number = self.t.int_literal(start, stop)
        return str(number + 1) if number is not None else f"({self.span(start, stop)}) + 1"

    def comprehension(self, i: int, close: int) -> tuple[str, int]:
        t = self.t
        variable = t.source(i + 1)
        inside = t.top_level(i + 3, close)
        where = next((j for j in inside if t.is_word(j, "WHERE")), None)
        bar = next((j for j in inside if t.is_punct(j, "|")), None)
        end_list = min(j for j in (where, bar, close) if j is not None)
        xs = self.span(i + 3, end_list)
        if where is not None:
            condition = self.span(where + 1, bar if bar is not None else close)
            xs = f"list_filter({xs}, {variable} -> {condition})"
        if bar is not None:
            xs = f"list_transform({xs}, {variable} -> {self.span(bar + 1, close)})"
        return xs, close + 1


# -- names --------------------------------------------------------------------------------


def _did_you_mean(name: str, valid: list[str]) -> str:
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.5)
    if not close:
        lowered = {v.lower(): v for v in valid}
        close = [lowered[name.lower()]] if name.lower() in lowered else []
    return f"did you mean {close[0]}? " if close else ""


def _unknown(what: str, plural: str, name: str, valid: Iterable[str]) -> UnknownName:
    """A label or relationship type the ontology does not have: the closest one, and all."""
    names = sorted(valid)
    hint = _did_you_mean(name, names).replace("mean ", "mean :")
    return UnknownName(
        f"unknown {what} :{name}; {hint}the {plural} are {', '.join(':' + x for x in names)}"
    )


def unknown_label(name: str) -> UnknownName:
    return _unknown("label", "labels", name, model.LABELS)


def unknown_type(name: str) -> UnknownName:
    return _unknown("relationship type", "types", name, model.REL_TYPES)


def unknown_property(prop: str, owners: list[str], valid: list[str]) -> UnknownName:
    whose = "/".join(owners) if owners else "any node or relationship"
    hint = _did_you_mean(prop, valid)
    keys = {model.NODE_TYPES[o].key for o in owners if o in model.NODE_TYPES}
    if prop == "key" and len(keys) == 1 and "key" not in keys:
        hint = f"did you mean {keys.pop()} (its key)? "
    return UnknownName(
        f"{whose} has no property {prop}; {hint}its properties are {', '.join(valid)}"
    )


def _node_properties(label: str) -> list[str]:
    return [p.name for p in model.stored_node_properties(label)]


def _rel_properties(rel_type: str) -> list[str]:
    return [p.name for p in model.relationship_properties(rel_type)]


def _all_properties() -> list[str]:
    names = {p for label in model.LABELS for p in _node_properties(label)}
    names |= {p for rel in model.REL_TYPES for p in _rel_properties(rel)}
    return sorted(names)


def check_names(cypher: str) -> None:
    """Raise :class:`UnknownName` for a label, relationship type or property the ontology does
    not have (a property only where the variable's label or type is named in a pattern)."""
    t = _Tokens.of(cypher)
    if t is None:
        return
    bound: dict[str, set[str]] = {}  # variable -> the labels / types it is matched with
    rebound: set[str] = set()  # names also bound by AS, IN or a path (p = ...)
    for i, tok in enumerate(t.items):
        if tok.upper in ("AS", "IN") or (t.is_punct(i, "=") and t.is_punct(i + 1, "(")):
            name = t.at(i + 1) if tok.upper == "AS" else t.at(i - 1)
            if name is not None and name.kind in ("word", "name"):
                rebound.add(name.text)
        if not t.is_punct(i, ":"):
            continue
        around = t.opener[i]
        in_rel = around >= 0 and t.rel_pattern(around)
        in_node = around >= 0 and t.node_pattern(around)
        before = t.at(i - 1)
        if not (in_rel or in_node):
            continue
        if before is None or not (
            before.kind in ("word", "name") or t.is_punct(i - 1, "(") or t.is_punct(i - 1, "[")
        ):
            continue
        if before.kind in ("word", "name") and t.opener[i - 1] != around:
            continue
        names, j = [], i
        while t.is_punct(j, ":") or t.is_punct(j, "|") or t.is_punct(j, "&"):
            if t.is_punct(j + 1, ":"):  # [:A|:B]
                j += 1
            name = t.at(j + 1)
            if name is None or name.kind not in ("word", "name"):
                break
            names.append(name.text)
            j += 2
        for name in names:
            if in_rel and name not in model.REL_TYPES:
                raise unknown_type(name)
            if in_node and name not in model.LABELS:
                raise unknown_label(name)
        if before.kind in ("word", "name") and names:
            bound.setdefault(before.text, set()).update(names)
        if in_node and names:
            _check_map(t, j, around, names, in_rel=False)
        if in_rel and names:
            _check_map(t, j, around, names, in_rel=True)
    for i in range(len(t.items)):
        predicate = _label_predicate(t, i)
        for label in predicate[0] if predicate else ():
            if label not in model.LABELS and label not in model.REL_TYPES:
                raise unknown_label(label)
    for i, tok in enumerate(t.items):
        if (
            tok.kind in ("word", "name")
            and tok.text in bound
            and tok.text not in rebound
            and t.is_punct(i + 1, ".")
            and not t.is_punct(i - 1, ".")
        ):
            prop = t.at(i + 2)
            if prop is None or prop.kind not in ("word", "name") or t.is_punct(i + 3, "("):
                continue
            _check_property(prop.text, sorted(bound[tok.text]))


def _check_map(t: _Tokens, j: int, around: int, names: list[str], *, in_rel: bool) -> None:
    """The keys of ``(n:Label {key: ...})`` / ``[r:TYPE {key: ...}]``."""
    if not t.is_punct(j, "{") or t.opener[j] != around:
        return
    close = t.closer[j]
    for k in t.top_level(j + 1, close):
        key = t.items[k]
        if (
            key.kind in ("word", "name")
            and t.is_punct(k + 1, ":")
            and (k == j + 1 or t.is_punct(k - 1, ","))
        ):
            _check_property(key.text, names)


def _check_property(prop: str, owners: list[str]) -> None:
    valid: set[str] = set()
    for owner in owners:
        if owner in model.LABELS:
            valid.update(_node_properties(owner))
        elif owner in model.REL_TYPES:
            valid.update(_rel_properties(owner))
        else:
            return
    if prop not in valid:
        ordered = [
            p
            for owner in owners
            for p in (_node_properties(owner) if owner in model.LABELS else _rel_properties(owner))
        ]
        raise unknown_property(prop, owners, list(dict.fromkeys(ordered)))


_TABLE = re.compile(r"Table (\w+) does not exist")
_PROPERTY = re.compile(r"Cannot find property (\w+) for (\w+)")


def explain_unknown(message: str) -> str | None:
    """A LadybugDB binder error about a name, as the "did you mean" line; None otherwise."""
    match = _TABLE.search(message)
    if match:
        name = match.group(1)
        if name in model.LABELS or name in model.REL_TYPES:
            return None
        labels, types = sorted(model.LABELS), sorted(model.REL_TYPES)
        closest = difflib.get_close_matches(name, labels + types, n=1, cutoff=0.5)
        if closest and closest[0] in model.REL_TYPES:
            return str(unknown_type(name))
        return str(unknown_label(name))
    match = _PROPERTY.search(message)
    if match:
        prop, variable = match.groups()
        return (
            f"{variable} has no property {prop}; {_did_you_mean(prop, _all_properties())}"
            "see `graphkit schema` for each label's properties"
        )
    return None
