"""Fuzz the facts parser: bytes -> decoding -> JSON or YAML facts document -> validation."""

from harness import main

if __name__ == "__main__":
    main("facts")
