"""Dialogs: import preview, poster export, delete confirmations."""
