"""The facts document: one typed, validated record of what one report says.

It sits between text and graph so that a person can extract, review or correct, and
then load. Its shape follows :mod:`graphkit.model`: nodes by label and key, and
relationships with the sentence (and its offsets in the report text) they were read
from. Validation here is the gate every store relies on.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graphkit import model
from graphkit.errors import FactsError
from graphkit.model import PartialDate

FORMAT = "graphkit-facts/1"

MAX_KEY_LENGTH = 512
"""Keys are short identifiers; Neo4j cannot index property values over a few KiB."""

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
"""Integers are stored as 64-bit in both stores; outside this range is an error here, not there."""


def is_partial_date(value: str) -> bool:
    """Whether ``value`` is a partial ISO date the calendar has
    (:meth:`graphkit.model.PartialDate.is_valid`, the rule for every date a user gives).

    Facts documents are only checked for the shape (:meth:`PartialDate.has_shape`): the
    extractor can still read "31 February" as ``--02-31``, and a report must not fail for
    that."""
    return PartialDate.is_valid(value)


def normalise_text(text: str) -> str:
    """The canonical form of a report's text: NFC, Unix newlines, no trailing blanks.

    Report keys and evidence offsets are computed on this form, so the same report read
    from a Windows file or a Mac file is one report.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    if len(text) <= _LINES_LIMIT:  # each line's trailing blanks: 3-4x faster by lines
        return "\n".join([line.rstrip() for line in text.split("\n")]).strip()
    # without a list of lines (an edge list has millions): the same, by one expression
    return _TRAILING_BLANKS.sub("", text).strip()


_LINES_LIMIT = 1_000_000
"""Texts up to this many characters are stripped line by line (a report); larger ones
(edge lists) without holding a list of their lines."""
_TRAILING_BLANKS = re.compile(r"[^\S\n]+$", re.MULTILINE)
"""Whitespace (as ``str.rstrip`` strips it) at the end of a line."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_SOURCE = {"report": {"source"}}
"""What :meth:`FactsDocument.content_digest` leaves out."""


def report_key(text: str) -> str:
    """A report is identified by its normalised text: the same text is the same report."""
    return "report:" + sha256(normalise_text(text))[:16]


def slug(value: str) -> str:
    """A stable, readable key fragment: ASCII, lower case, hyphens."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = _NOT_SLUG.sub("-", value.lower()).strip("-")
    return value or "x"


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def entity_key(label: str, *parts: str) -> str:
    """A deterministic key such as ``agency:be:federal-police``."""
    return ":".join([label.lower(), *(slug(p) for p in parts)])


class NodeRef(BaseModel):
    """A pointer to a node: its label and the value of its key property."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    label: str
    key: str


class ReportInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    source: str
    title: str | None = None
    published: str | None = None
    text: str
    sha256: str

    @classmethod
    def from_text(
        cls,
        text: str,
        source: str,
        title: str | None = None,
        published: str | None = None,
        *,
        normalised: bool = False,
    ) -> ReportInfo:
        """The report of ``text``; ``normalised=True`` says the caller already ran
        :func:`normalise_text` on it (the extractor does, to find sentences)."""
        if not normalised:
            text = normalise_text(text)
        digest = sha256(text)
        return cls(
            key="report:" + digest[:16],
            source=source,
            title=title,
            published=published,
            text=text,
            sha256=digest,
        )

    @model_validator(mode="after")
    def _check(self) -> ReportInfo:
        if self.sha256 != sha256(self.text):
            raise ValueError("report.sha256 does not match report.text")
        if self.published is not None and not PartialDate.has_shape(self.published):
            raise ValueError(f"report.published {self.published!r} is not an ISO date")
        return self

    @property
    def ref(self) -> NodeRef:
        return NodeRef(label="Report", key=self.key)


class Node(BaseModel):
    """An entity: its label, the value of its key property and its other properties."""

    model_config = ConfigDict(extra="forbid")
    label: str
    key: str
    properties: dict[str, Any] = Field(default_factory=dict)

    @property
    def ref(self) -> NodeRef:
        # validating two strings is cheaper than pydantic's model_construct (2.5 vs 4.6 us)
        return NodeRef(label=self.label, key=self.key)

    @model_validator(mode="after")
    def _check(self) -> Node:
        if self.label not in model.ENTITY_LABELS:
            raise ValueError(f"unknown node label {self.label!r}")
        if not self.key:
            raise ValueError(f"{self.label} node without a key")
        if len(self.key) > MAX_KEY_LENGTH:
            raise ValueError(f"{self.label} key is over {MAX_KEY_LENGTH} characters")
        spec = model.node_type(self.label)
        for name, value in self.properties.items():
            prop = spec.by_name.get(name)
            if prop is None or name == spec.key:
                raise ValueError(f"{self.label} has no property {name!r}")
            self.properties[name] = _coerce(prop, value, self.label)
        if self.label == "Country" and not _ISO2.fullmatch(self.key):
            raise ValueError(f"Country key {self.key!r} is not an ISO 3166-1 alpha-2 code")
        return self


class Relationship(BaseModel):
    """A relationship with its provenance: the evidence sentence and where it sits in the text."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    type: str
    src: NodeRef = Field(alias="from")
    dst: NodeRef = Field(alias="to")
    evidence: str
    evidence_start: int
    evidence_end: int
    certainty: str = "reported"
    properties: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Relationship:
        if self.type not in model.REL_TYPES:
            raise ValueError(f"unknown relationship type {self.type!r}")
        spec = model.relationship_type(self.type)
        if (self.src.label, self.dst.label) not in spec.endpoints:
            raise ValueError(f"{self.type} cannot link {self.src.label} to {self.dst.label}")
        if self.certainty not in _CERTAINTY.vocabulary:
            raise ValueError(f"certainty {self.certainty!r} is not one of {_CERTAINTY.vocabulary}")
        for name, value in self.properties.items():
            prop = spec.by_name.get(name)
            if prop is None:
                raise ValueError(f"{self.type} has no property {name!r}")
            self.properties[name] = _coerce(prop, value, self.type)
        if self.type == "PARTICIPATED_IN" and self.properties.get("role") is None:
            raise ValueError(f"PARTICIPATED_IN role None is not one of {model.ROLES}")
        return self

    @property
    def identity(self) -> tuple[str, NodeRef, NodeRef]:
        """A report stores one relationship per type and ordered pair of nodes."""
        return (self.type, self.src, self.dst)


class FactsDocument(BaseModel):
    """Everything graphkit takes from one report, ready to review and to load."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    format: str = Field(default=FORMAT, alias="graphkit")
    report: ReportInfo
    nodes: list[Node] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> FactsDocument:
        if self.format != FORMAT:
            raise ValueError(f"unsupported facts format {self.format!r} (expected {FORMAT!r})")
        # ends as (label, key) pairs: a tuple hashes in C, a NodeRef through pydantic
        known = {("Report", self.report.key)}
        for node in self.nodes:
            end = (node.label, node.key)
            if end in known:
                raise ValueError(f"node {node.label} {node.key!r} appears twice")
            known.add(end)
        seen: set[tuple[str, str, str, str, str]] = set()
        text = self.report.text
        for rel in self.relationships:
            src, dst = rel.src, rel.dst
            for end in (src, dst):
                if (end.label, end.key) not in known:
                    raise ValueError(f"{rel.type} points at {end.label} {end.key!r}, not in nodes")
            if not 0 <= rel.evidence_start <= rel.evidence_end <= len(text):
                raise ValueError(f"{rel.type} evidence offsets are outside the report text")
            if text[rel.evidence_start : rel.evidence_end] != rel.evidence:
                raise ValueError(
                    f"{rel.type} evidence does not match report text at "
                    f"{rel.evidence_start}:{rel.evidence_end}"
                )
            identity = (rel.type, src.label, src.key, dst.label, dst.key)  # rel.identity's
            if identity in seen:
                raise ValueError(f"{rel.type} from {src.key!r} to {dst.key!r} appears twice")
            seen.add(identity)
        self._derive_display_names()
        for item in (*self.nodes, *self.relationships):  # one order whatever the input's
            item.properties = dict(sorted(item.properties.items()))  # (see digest)
        return self

    def _derive_display_names(self) -> None:
        """Fill the derived ``display_name`` of operations and groups (see
        :func:`graphkit.model.display_name`): unnamed ones by their countries and dates, or
        by the operation that targeted them. A value given in the document is replaced."""

        def end(ref: NodeRef | Node) -> tuple[str, str]:
            return (ref.label, ref.key)

        by_end = {end(node): node for node in self.nodes}
        countries: dict[tuple[str, str], list[str]] = {}
        targeted_by: dict[tuple[str, str], tuple[str, str]] = {}
        for rel in self.relationships:
            if rel.type == "CONDUCTED_IN" and end(rel.dst) in by_end:
                country = by_end[end(rel.dst)]
                names = countries.setdefault(end(rel.src), [])
                label = str(country.properties.get("name") or country.key)
                if label not in names:
                    names.append(label)
            elif rel.type == "TARGETED":
                targeted_by.setdefault(end(rel.dst), end(rel.src))
        captions: dict[tuple[str, str], str] = {}
        for node in self.nodes:
            if node.label == "Operation":
                props = node.properties
                caption = props.get("name") or model.operation_caption(
                    countries.get(end(node), []),
                    props.get("start_date"),
                    props.get("end_date"),
                    self.report.published,
                )
                props["display_name"] = captions[end(node)] = caption
        for node in self.nodes:
            if node.label == "CriminalGroup":
                props = node.properties
                operation = targeted_by.get(end(node))
                props["display_name"] = props.get("name") or model.group_caption(
                    props.get("descriptor"), captions.get(operation) if operation else None
                )

    # -- reading and writing -------------------------------------------------------------

    def digest(self) -> str:
        """The digest stored with the report (:data:`graphkit.model.FACTS_PROPERTY`): the
        same facts from the same source give the same digest (:func:`model.facts_digest`)."""
        return model.facts_digest(self.content_digest(), self.report.source)

    def content_digest(self) -> str:
        """sha256 of the document without its source, in a canonical form.

        The form is pydantic's own JSON of the document, whose properties are kept in one
        order (by name) whatever order they were given in: serialised in Rust, it costs a
        third of a sorted ``json.dumps`` of ``model_dump`` (2,000 documents of ~30 facts:
        0.15 s against 0.45 s), which was nine tenths of re-loading unchanged reports.
        The source is left out: see :func:`graphkit.model.facts_digest`."""
        return sha256(self.model_dump_json(by_alias=True, exclude=_SOURCE))

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_yaml(self) -> str:
        return dump_yaml(self.to_dict())

    @classmethod
    def from_dict(cls, data: Any, origin: str = "facts document") -> FactsDocument:
        if not isinstance(data, dict):
            raise FactsError(f"{origin}: a facts document must be a mapping at the top level")
        bad = _lone_surrogate(data)
        if bad is not None:
            raise FactsError(f"{origin}: {bad}: not valid Unicode text (a lone surrogate)")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "document"
            message = first["msg"].removeprefix("Value error, ")
            raise FactsError(f"{origin}: {where}: {message}") from None

    @classmethod
    def parse(cls, text: str, fmt: str, origin: str = "facts document") -> FactsDocument:
        """Parse JSON (``fmt='json'``) or YAML (``fmt='yaml'``) text."""
        try:
            data = json.loads(text) if fmt == "json" else yaml.load(text, Loader=_FactsLoader)
        except RecursionError:
            raise FactsError(f"{origin}: {fmt.upper()} nested too deeply") from None
        except _AnchorRefused as exc:
            raise FactsError(
                f"{origin}: YAML near line {exc.line}: anchors and aliases (&name, *name) are "
                "not allowed in a facts document; write each value out"
            ) from None
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            where = f" near line {mark.line + 1}" if mark is not None else ""
            hint = " (only plain YAML is read: no tags)" if "tag" in str(exc.problem) else ""
            raise FactsError(f"{origin}: YAML{where}: {exc.problem}{hint}") from None
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            line = getattr(exc, "lineno", None)
            mark = getattr(exc, "problem_mark", None)
            if line is None and mark is not None:
                line = mark.line + 1  # YAML marks count from 0
            where = f" near line {line}" if line is not None else ""
            raise FactsError(f"{origin}: malformed {fmt.upper()}{where}") from None
        except Exception as exc:
            # a YAML scalar its resolver types but cannot build (2024-13-45, !!float 'x', an
            # empty !!float: ValueError, IndexError...); a JSON integer of 4,300+ digits
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise FactsError(f"{origin}: {fmt.upper()} value cannot be read: {reason}") from None
        return cls.from_dict(data, origin)

    @classmethod
    def read(cls, path: Path) -> FactsDocument:
        fmt = "json" if path.suffix.lower() == ".json" else "yaml"
        return cls.parse(path.read_text(encoding="utf-8"), fmt, str(path))


class _AnchorRefused(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        super().__init__(f"anchor or alias near line {line}")
        self.line = line


class _FactsLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors and aliases.

    An alias is a reference, so a few hundred bytes of nested aliases (a "billion laughs"
    document) stand for billions of values: harmless to load, but every walk over the
    document (validation, the lone-surrogate check, the store's rows) would visit them all
    and hang. A facts document never needs them (graphkit writes none), so they are
    refused as they are read, before anything is built.
    """

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _AnchorRefused(event.start_mark.line + 1)
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


class _YamlDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, but a string holding NEL (U+0085) is double-quoted.

    PyYAML writes NEL bare in plain and block styles, and its loader reads a bare NEL as a
    line break: a report with one came back with other text and failed its own checksum.
    In double quotes NEL is written as the escape ``\\N`` and read back as NEL.
    """


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if "\x85" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_YamlDumper.add_representer(str, _represent_str)
# A value used twice is written twice, never as an anchor and an alias (which _FactsLoader,
# and so graphkit itself, would refuse to read back).
_YamlDumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]


def dump_yaml(data: Any) -> str:
    """Plain data as YAML the way facts documents are written (and read back unchanged)."""
    return yaml.dump(data, Dumper=_YamlDumper, allow_unicode=True, sort_keys=False, width=100)


def _lone_surrogate(data: Any) -> str | None:
    """Where a string holds a lone surrogate (JSON ``"\\udc80"``, a ``surrogateescape``
    str from a caller), else None: such text cannot be written as UTF-8 or stored.
    Iterative, so a deeply nested document cannot exhaust the stack here."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return where  # never "": from_dict passes a mapping, keys say "document"
        elif isinstance(value, dict):
            for key, item in value.items():
                name = str(key).encode("utf-8", "backslashreplace").decode("utf-8")
                here = f"{where}.{name}" if where else name
                stack.append((key, where or "document"))
                stack.append((item, here))
        elif isinstance(value, list):
            stack.extend((item, f"{where}.{i}") for i, item in enumerate(value))
    return None


_ISO2 = re.compile(r"[A-Z]{2}")


_CERTAINTY = next(p for p in model.PROVENANCE if p.name == "certainty")


def _coerce(prop: model.Property, value: Any, owner: str) -> Any:
    """Check one property value against its ontology type (ints stay ints, lists of str, ...)."""
    if value is None:
        return None
    kind = prop.type
    if kind is model.PropertyType.STRING and isinstance(value, str):
        if prop.date and not PartialDate.has_shape(value):
            raise ValueError(f"{owner}.{prop.name} {value!r} is not an ISO date")
        if prop.vocabulary and value not in prop.vocabulary:
            raise ValueError(f"{owner} {prop.name} {value!r} is not one of {prop.vocabulary}")
        if (owner, prop.name) in model.COUNTRY_CODE_PROPERTIES and not _ISO2.fullmatch(value):
            raise ValueError(f"{owner}.{prop.name} {value!r:.40} is not an ISO2 country code")
        return value
    if kind is model.PropertyType.INT and isinstance(value, int) and not isinstance(value, bool):
        if not INT64_MIN <= value <= INT64_MAX:
            raise ValueError(f"{owner}.{prop.name} {value} is out of the 64-bit integer range")
        return value
    if (
        kind is model.PropertyType.FLOAT
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise ValueError(f"{owner}.{prop.name} must be a finite number, not {value!r:.40}")
        return number
    if (
        kind is model.PropertyType.STRING_LIST
        and isinstance(value, list)
        and all(isinstance(v, str) for v in value)
    ):
        unknown = sorted(set(value) - set(prop.vocabulary)) if prop.vocabulary else []
        if unknown:  # crimes: "the crime vocabulary"
            vocabulary = prop.name.removesuffix("s")
            raise ValueError(
                f"{owner}.{prop.name}: {unknown[0]!r} is not in the {vocabulary} vocabulary"
            )
        if (owner, prop.name) in model.COUNTRY_CODE_PROPERTIES:
            bad = next((v for v in value if not _ISO2.fullmatch(v)), None)
            if bad is not None:
                raise ValueError(f"{owner}.{prop.name}: {bad!r:.40} is not an ISO2 country code")
        return sorted(set(value))
    raise ValueError(f"{owner}.{prop.name} must be {kind.value}, not {value!r}")
