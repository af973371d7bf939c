"""Canvas tools: one object per gesture family, installed on the view one at a time.

Each has ``start``, ``finish`` (another tool replaces it: keep what was done) and ``cancel`` (Esc:
undo live changes). Tools turn gestures into commands; they never change the model directly.
"""
