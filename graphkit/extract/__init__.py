"""Extraction: a press release in, a validated facts document out.

The pipeline is a chain of small steps, each in its own module and tested on its own:
``reader`` (front-matter, Markdown, HTML) -> ``sentences`` (with offsets) -> ``analysis``
(tokens, gazetteer matches, numbers per sentence) -> ``countries``, ``agencies``,
``operations``, ``arrests``, ``groups``, ``crimes``, ``seizures``, ``dates`` -> ``build``
(nodes and relationships with evidence). It is deterministic, offline and linear in the
size of its input.
"""

from __future__ import annotations

import re

from graphkit.errors import InputError
from graphkit.extract.analysis import Analysis
from graphkit.extract.build import build
from graphkit.extract.dates import find_published
from graphkit.extract.reader import read
from graphkit.facts import FactsDocument, ReportInfo, normalise_text

__all__ = ["extract_text"]

_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?")


def _clean_date(value: str | None) -> str | None:
    """Accept ISO dates, possibly partial, and datetimes (cut to the date); else None."""
    if not value:
        return None
    value = value.strip()
    if len(value) > 10 and value[4:5] == "-":
        value = value[:10]  # "2023-04-07T10:00:00Z"
    return value if _ISO_DATE.fullmatch(value) else None


def _publication_date(
    front_matter: str | None, in_text: str | None, given: str | None
) -> str | None:
    """Front-matter first, then a dated line of the text; the caller's date supplies the
    year a dateline lacks ("LISBON, June 14" + 2023 -> 2023-06-14) and stands in when the
    text has no date at all."""
    if front_matter:
        return front_matter
    if in_text and not in_text.startswith("--"):
        return in_text
    if in_text and given and not given.startswith("--"):
        return f"{given[:4]}{in_text[1:]}"
    return given or in_text


def extract_text(
    text: str, *, source: str, published: str | None = None, fmt: str = "text"
) -> FactsDocument:
    """Extract the facts of one report.

    ``fmt`` is ``text``, ``markdown`` or ``html`` (html: main text extracted, boilerplate
    dropped). Text and Markdown may start with YAML front-matter (title, published,
    source, language). The publication date comes from the front-matter, else from the
    text (a date line, "Published ...", a dateline); ``published`` supplies the year a
    dateline lacks, or the whole date when the text has none. The front-matter ``source`` is not
    used: ``Report.source`` stays the path or identifier the caller gives, so a report
    can always be found by its file. Raises :class:`InputError` when there is nothing to
    read or ``published`` is not an ISO date.
    """
    if not isinstance(text, str):
        raise InputError(f"{source}: expected text, got {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # a lone surrogate (``surrogateescape``, ``os.fsdecode``): no store can hold it
        raise InputError(
            f"{source}: not valid Unicode text (lone surrogate at character {exc.start})"
        ) from None
    if published is not None and _clean_date(published) is None:
        raise InputError(f"{source}: published date {published!r} is not an ISO date")
    result = read(text, fmt)
    body = normalise_text(result.text)
    if not body:
        raise InputError(f"{source}: the report is empty")
    if not any(ch.isalpha() for ch in body):
        raise InputError(f"{source}: no readable text in the report")
    published = _publication_date(
        _clean_date(result.meta.get("published")), find_published(body), _clean_date(published)
    )
    analysis = Analysis.of(body)
    title = result.meta.get("title")
    if title is None and analysis.sentences and analysis.sentences[0].headline:
        title = analysis.sentences[0].text
    report = ReportInfo.from_text(
        body, source=source, title=title, published=published, normalised=True
    )
    return build(analysis, report)
