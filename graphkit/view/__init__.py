"""Interactive network views: one offline, self-contained, safe HTML file per view.

>>> from graphkit.view import ViewOptions, view_store
>>> view = view_store(store, ViewOptions(focus="Europol", hops=2))
>>> view.save("europol.html")          # a file that opens anywhere, no network needed
>>> view                               # in Jupyter: shown inline (an iframe's srcdoc)

The network is built with pyvis (:mod:`graphkit.view.build`); the page is ours
(:mod:`graphkit.view.page`): vis-network inlined from the pyvis package, the graph as
escaped JSON data, a Content-Security-Policy that forbids any network access, and no
report text ever inserted as HTML. Nothing is written anywhere unless :meth:`View.save`
is called.

This module imports pyvis and networkx only when a view is built, so the CLI starts fast.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.errors import GraphkitError, ViewError
from graphkit.view.options import (
    DEFAULT_MAX_NODES,
    Certainty,
    ColorBy,
    Projection,
    SizeBy,
    ViewOptions,
)

if TYPE_CHECKING:
    from graphkit.store.base import GraphData, GraphStore

__all__ = [
    "DEFAULT_MAX_NODES",
    "Certainty",
    "ColorBy",
    "Projection",
    "SizeBy",
    "View",
    "ViewError",
    "ViewOptions",
    "build_view",
    "show",
    "view_store",
]


@dataclass
class View:
    """A rendered view: the page's HTML and what it shows."""

    html: str
    nodes: int
    edges: int
    total_nodes: int
    notice: str | None = None
    height: int = 700

    def save(self, path: str | os.PathLike[str], *, protect: Iterable[Path] = ()) -> Path:
        """Write the page as UTF-8 by :mod:`graphkit.output`'s rules (atomically; only a
        regular file is replaced, keeping its mode; nothing under ``protect``, such as the
        database's folder, is written)."""
        from graphkit.output import write_file

        data = self.html.encode("utf-8")
        target = write_file(
            path,
            lambda h: h.write(data),
            binary=True,
            protect=protect,
            error=ViewError,
            example="view.html",
        )
        return target.resolve()

    def iframe(self, height: int | None = None) -> str:
        """The view as an ``<iframe srcdoc>``: inline in a notebook, no file written.

        ``sandbox="allow-scripts"`` gives the frame an opaque origin: its scripts run but
        cannot reach the notebook page, its cookies or its kernel.
        """
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'sandbox="allow-scripts" referrerpolicy="no-referrer" '
            f'style="width: 100%; height: {int(height or self.height)}px; border: 1px solid #ddd" '
            'title="graphkit network view"></iframe>'
        )

    def _repr_html_(self) -> str:
        return self.iframe()

    def __repr__(self) -> str:
        return f"<graphkit View: {self.nodes} nodes, {self.edges} edges>"


def build_view(
    graph: GraphData,
    options: ViewOptions | None = None,
    *,
    reports: Mapping[str, Mapping[str, Any]] | None = None,
) -> View:
    """The view of ``graph`` (e.g. from ``store.read_graph()``) that ``options`` describe.

    ``reports`` (key -> ``title``, ``published``, as ``store.reports()`` rows keyed by
    ``key``) names the reports quoted as evidence; else the graph's Report nodes do.
    """
    from graphkit.view.build import build_network
    from graphkit.view.page import render_page

    options = options or ViewOptions()
    data = build_network(graph, options, reports)
    return View(
        html=render_page(data.payload()),
        nodes=len(data.nodes),
        edges=len(data.edges),
        total_nodes=data.total_nodes,
        notice=data.notice,
    )


def view_store(store: GraphStore, options: ViewOptions | None = None) -> View:
    """The view of what ``store`` holds."""
    graph = store.read_graph()
    reports = {row["key"]: row for row in store.reports()}
    return build_view(graph, options, reports=reports)


def show(source: Any, **options: Any) -> View:
    """For notebooks: ``show(store_or_graph, focus="Europol", hops=2)`` displays inline.

    ``source`` is a :class:`~graphkit.store.base.GraphStore`, a
    :class:`~graphkit.store.base.GraphData` or a database path; ``options`` are
    :class:`ViewOptions` fields (``type``/``country`` lists are accepted for ``labels``
    / ``countries``).
    """
    from graphkit.store import GraphData, GraphStore, open_store

    if "type" in options:
        options["labels"] = options.pop("type")
    if "country" in options:
        options["countries"] = options.pop("country")
    for name in ("labels", "countries"):
        if options.get(name) is not None and not isinstance(options[name], frozenset):
            value = options[name]
            options[name] = frozenset([value] if isinstance(value, str) else value)
    try:
        view_options = ViewOptions(**options)
    except TypeError as exc:
        raise GraphkitError(f"show(): {exc}") from None
    if isinstance(source, GraphData):
        return build_view(source, view_options)
    if isinstance(source, GraphStore):
        return view_store(source, view_options)
    with open_store(source, read_only=True) as store:
        return view_store(store, view_options)
