"""One module per command. Each defines `register(subparsers)` and sets `run` as the parser default."""
