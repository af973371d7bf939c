"""Qt widgets that show the map and turn gestures into commands."""
