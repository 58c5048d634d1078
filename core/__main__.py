"""Command line: python -m core <command> ... (see `python -m core --help`)."""

from core.cli import main

raise SystemExit(main())
