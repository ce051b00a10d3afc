"""Fuzz the extractor: bytes -> decoding -> text/Markdown/HTML reader -> facts document."""

from harness import main

if __name__ == "__main__":
    main("extract")
