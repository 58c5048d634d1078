"""Dashboard pages: layout and widgets only; every rule lives in core/."""
