"""The page: one self-contained HTML file, with everything inlined and no way out to a network.

- vis-network's JavaScript and CSS come from the installed pyvis package (it ships them
  under ``pyvis/lib/vis-*/`` and ``pyvis/templates/lib/vis-*/``); our own script, style
  sheet and skeleton live next to this module in ``static/``. Nothing is fetched, nothing
  refers to a CDN.
- The graph travels as data: one ``<script type="application/json">`` block, with ``<``,
  ``>``, ``&`` and U+2028/U+2029 written as ``\\u003c``-style escapes (so no ``</script>``,
  ``<!--`` or HTML can appear in it), read with ``JSON.parse`` and shown through
  ``textContent``. No report text is ever part of the markup.
- A Content-Security-Policy forbids every fetch, connection, frame, form, font and
  non-``data:`` image, and lets run only the two scripts (and style sheets) whose SHA-256
  hashes it lists (vis-network's and ours): an injected ``<script>`` or ``onerror=``
  handler would not run even if text ever reached the markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError

STATIC = "static"
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_VIS_DIR = re.compile(r"^vis-(\d+)\.(\d+)\.(\d+)$")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S*\s*$", re.MULTILINE)
_SOURCE_MAP_CSS = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


class AssetError(GraphkitError):
    """The vis-network files pyvis ships are missing or unfit to inline."""


@cache
def vis_assets() -> tuple[str, str, str]:
    """(version, JavaScript, CSS) of the newest vis-network bundled with pyvis."""
    import pyvis

    root = Path(pyvis.__file__).parent
    found: list[tuple[tuple[int, ...], Path]] = []
    for lib in (root / "lib", root / "templates" / "lib"):
        if not lib.is_dir():
            continue
        for folder in lib.iterdir():
            match = _VIS_DIR.match(folder.name)
            if match and (folder / "vis-network.min.js").is_file():
                found.append((tuple(int(p) for p in match.groups()), folder))
    if not found:
        raise AssetError(f"vis-network is missing from the pyvis package at {root}")
    version, folder = max(found)
    # read_text turns CRLF into LF, as an HTML parser would: the CSP hash must match
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    # a source map comment would have developer tools fetch the map: drop it
    js = _SOURCE_MAP.sub("", js).rstrip() + "\n"
    css = _SOURCE_MAP_CSS.sub("", css).rstrip() + "\n"
    _check_inlinable(js, css, folder)
    return ".".join(map(str, version)), js, css


def _check_inlinable(js: str, css: str, folder: Path) -> None:
    """Refuse assets that would end their element early or reach for the network."""
    if re.search(r"</script|<!--", js, re.IGNORECASE):
        raise AssetError(
            f"{folder}/vis-network.min.js cannot be inlined (contains </script or <!--)"
        )
    if re.search(r"</style|<!--", css, re.IGNORECASE):
        raise AssetError(f"{folder}/vis-network.css cannot be inlined (contains </style or <!--)")
    for url in re.findall(r"url\(\s*['\"]?([^'\")\s]*)", css):
        if not url.startswith("data:"):
            raise AssetError(f"{folder}/vis-network.css refers to an external resource: {url}")
    if re.search(r"@import", css):
        raise AssetError(f"{folder}/vis-network.css imports another style sheet")


@cache
def static(name: str) -> str:
    return resources.files("graphkit.view").joinpath(STATIC, name).read_text(encoding="utf-8")


_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any) -> str:
    """JSON fit for a ``<script type="application/json">`` element (and for ``JSON.parse``).

    The characters replaced only ever occur inside JSON strings, where the escape means
    the same character, so the data is unchanged; the text can then never close the
    element, open a comment or be read as markup.
    """
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False, default=str)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _sha256(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """No network, no frames, no plugins; only the given inline scripts and styles apply.

    Scripts and style sheets are allowed by hash, so an injected ``<script>``, ``on...=``
    handler, ``javascript:`` URL or ``<style>`` would be refused. (Styles set from script
    through the CSSOM, as vis-network does, are not affected by CSP.)
    """
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_sha256(s) for s in scripts),
            "style-src " + " ".join(_sha256(s) for s in styles),
            "img-src data:",
            "connect-src 'none'",
            "font-src 'none'",
            "media-src 'none'",
            "object-src 'none'",
            "frame-src 'none'",
            "worker-src 'none'",
            "manifest-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def render_page(payload: dict[str, Any]) -> str:
    """The complete HTML document for ``payload`` (see :meth:`NetworkData.payload`)."""
    version, vis_js, vis_css = vis_assets()
    view_js, view_css = static("view.js"), static("view.css")
    values = {
        "CSP": content_security_policy([vis_js, view_js], [vis_css, view_css]),
        "VIS_VERSION": version,
        "VIS_CSS": vis_css,
        "VIEW_CSS": view_css,
        "DATA": script_json(payload),
        "VIS_JS": vis_js,
        "VIEW_JS": view_js,
    }
    # one pass: text substituted in is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], static("page.html"))
