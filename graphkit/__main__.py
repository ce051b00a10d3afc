"""``python -m graphkit``: the same as the ``graphkit`` command."""

from graphkit.cli import run

if __name__ == "__main__":  # not when a worker process imports it (load --workers)
    run()
