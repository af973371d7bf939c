"""The swimlane canvas: scene, view, items and tools."""
