"""``python -m sphinx_msp_glossary``: the command line (see cli.py)."""

from .cli import main

raise SystemExit(main())
