"""Command line: python -m core <command> ... (see `python -m core --help`)."""

from core.cli.main import main

raise SystemExit(main())
