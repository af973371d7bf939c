"""Editing: the document with its QUndoStack, and the commands that are the only way to change a map.

This sits below ``widgets`` (widgets turn gestures into these commands) and above ``io``; it uses
QtCore/QtGui for QUndoStack and signals but no widgets.
"""
