import sys
from pathlib import Path

# tests/analytics has no __init__.py; make its helper module importable by name.
sys.path.insert(0, str(Path(__file__).resolve().parent))
