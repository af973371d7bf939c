"""Dock panels beside the canvas."""
