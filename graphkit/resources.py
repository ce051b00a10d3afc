"""Where graphkit's data files are: a source checkout, or an installed wheel.

The gazetteers (``data/gazetteers``) and the query library (``cypher/queries``) are
the repository's own folders, edited there and read there by a development install.
A wheel cannot ship folders outside the package, so it installs copies under
``<prefix>/share/graphkit/`` (``[tool.setuptools.data-files]`` in pyproject.toml),
and this module finds whichever is present. An environment variable always wins.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
"""The repository root when graphkit runs from a source checkout (editable install)."""


def resource_dir(checkout_path: str, installed_name: str, env: str) -> Path:
    """``$env``, else ``checkout_path`` of the source checkout, else the installed copy.

    When none exists the checkout path is returned, so an error names where the files
    were expected in the common (development) case."""
    given = os.environ.get(env)
    if given:
        return Path(given).expanduser()
    in_checkout = CHECKOUT / checkout_path
    if in_checkout.is_dir():
        return in_checkout
    for prefix in _install_prefixes():
        installed = prefix / "share" / "graphkit" / installed_name
        if installed.is_dir():
            return installed
    return in_checkout


def _install_prefixes() -> list[Path]:
    """Where pip may have put ``share/graphkit``: the environment, then a --user install."""
    prefixes = [Path(sysconfig.get_path("data")), Path(sys.prefix)]
    user_base = sysconfig.get_config_var("userbase")
    if user_base:
        prefixes.append(Path(user_base))
    return list(dict.fromkeys(prefixes))
