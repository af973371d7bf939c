"""Data shipped with the app (templates, icons, styles), read with importlib.resources."""
