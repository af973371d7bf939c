"""The desktop program: start-up, main window, the document with its undo stack, the CLI.

Importing this package must not import Qt: the command line's non-drawing commands run without it.
"""
