"""Secrets out of everything graphkit shows: one place that knows what a credential looks like.

Credentials come from the environment (``NEO4J_PASSWORD``) and never belong in a URI; a
URI that holds some anyway (``bolt://user:pw@host``, ``?password=...``) is refused before
it is used (:func:`check_uri`), so no driver message can repeat it. What is shown is
still passed through :func:`redact`, in case a URI or the password reaches a message or a
``--debug`` traceback some other way:

- a URI the caller names (the one given with ``--neo4j`` or ``NEO4J_URI``) is replaced
  wherever it appears, whatever its user-info holds (spaces, quotes, ``/``, ``@``);
- any other ``scheme://user-info@`` loses its user-info, and any URI its query string;
- a plain secret (the password) is replaced where it stands as a whole token, never inside
  an ordinary word: a password ``neo4j`` leaves ``neo4j_code`` and ``Neo4j`` alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl

HIDDEN = "***"
MIN_SECRET = 4
"""A shorter plain secret would hide letters of ordinary text rather than a secret."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
# Within text, a URI ends at whitespace or a quote (a user-info holding those can only be
# found when the caller names the URI).
_USERINFO = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]*://)[^\s'\"]*@")
_QUERY = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]*://[^\s'\"?#]*)\?[^\s'\"]*")
_SECRET_NAMES = ("pass", "pwd", "secret", "token", "auth", "cred")


def uri_scheme(uri: str) -> str | None:
    match = _SCHEME.match(uri.strip())
    return match.group(1).lower() if match else None


def has_credentials(uri: str) -> bool:
    """Whether ``uri`` carries user-info (``user:pw@``) or a query parameter named like a
    secret (``?password=``, ``?auth_token=``)."""
    match = _SCHEME.match(uri.strip())
    rest = uri.strip()[match.end() :] if match else uri
    if "@" in rest:
        return True
    query = rest.partition("?")[2].partition("#")[0]
    names = [name.lower() for name, _ in parse_qsl(query, keep_blank_values=True)]
    return any(fragment in name for name in names for fragment in _SECRET_NAMES)


def shown_uri(uri: str) -> str:
    """``uri`` as it may be shown: without user-info, query string or fragment.

    With an ``@`` anywhere, where the user-info ends cannot be told for sure (a password may
    hold ``/``, ``?`` or ``@``), so only the scheme is kept.
    """
    uri = uri.strip()
    match = _SCHEME.match(uri)
    if match is None:
        return HIDDEN
    rest = uri[match.end() :]
    if "@" in rest:
        return f"{match.group(0)}{HIDDEN}"
    return match.group(0) + re.split(r"[?#]", rest, maxsplit=1)[0]


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` fit to show: ``secrets`` (URIs and passwords, ``None`` ignored) hidden,
    and every URI's user-info and query string removed."""
    uris, plain = [], []
    for secret in secrets:
        if secret and secret.strip():
            (uris if uri_scheme(secret) else plain).append(secret)
    for uri in sorted(uris, key=len, reverse=True):
        text = text.replace(uri, shown_uri(uri))
        text = text.replace(uri.strip(), shown_uri(uri))
    text = _USERINFO.sub(lambda m: f"{m.group(1)}{HIDDEN}@", text)
    text = _QUERY.sub(lambda m: m.group(1), text)
    for secret in sorted(plain, key=len, reverse=True):
        if len(secret) >= MIN_SECRET:
            text = re.sub(_whole(secret), HIDDEN, text)
    return text


def _whole(secret: str) -> str:
    """A pattern for ``secret`` standing alone: not continued by letters or digits on a side
    where the secret itself starts or ends with one (``neo4j`` is not in ``neo4j_code``)."""
    before = r"(?<!\w)" if re.match(r"\w", secret) else ""
    after = r"(?!\w)" if re.search(r"\w$", secret) else ""
    return before + re.escape(secret) + after
