"""What a view shows: the choices behind ``graphkit view`` (cheap to import: no pyvis here)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphkit.filters import Filters

DEFAULT_MAX_NODES = 1500
"""Above this many nodes a view keeps the most important ones (a browser stays responsive)."""


class Projection(StrEnum):
    full = "full"
    agencies = "agencies"
    countries = "countries"
    groups = "groups"
    persons = "persons"


class ColorBy(StrEnum):
    type = "type"
    community = "community"


class SizeBy(StrEnum):
    degree = "degree"
    pagerank = "pagerank"
    betweenness = "betweenness"


class Certainty(StrEnum):
    reported = "reported"
    all = "all"


@dataclass(frozen=True)
class ViewOptions:
    """Filters, projection and styling of one view; the defaults show the whole graph.

    ``labels`` keeps nodes of those types (after projecting); ``focus`` (a name or key)
    keeps the nodes within ``hops`` of it; ``max_nodes`` caps the page, keeping the nodes
    nearest the focus or, without one, those ranked highest by ``size_by``.
    """

    focus: str | None = None
    hops: int = 1
    labels: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None
    certainty: Certainty = Certainty.all
    projection: Projection = Projection.full
    color_by: ColorBy = ColorBy.type
    size_by: SizeBy = SizeBy.degree
    max_nodes: int = DEFAULT_MAX_NODES
    title: str | None = None
    seed: int = 42

    def filters(self) -> Filters:
        """The graph filters (:mod:`graphkit.filters`) this view applies before projecting;
        ``labels`` are kept after projecting, by the view itself."""
        from graphkit.filters import Filters

        return Filters(
            countries=set(self.countries) if self.countries else None,
            since=self.since,
            until=self.until,
            certainty=str(self.certainty),
        )
