"""Readers and writers of map files (.cjm, spreadsheets, posters). No Qt, no widgets."""
