"""What the project knows, read from the files in data/: settings, word lists, actors and places.

The lowest layer: every other package reads knowledge through these modules, never from data/ directly.
"""
