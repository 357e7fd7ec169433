"""Reusable widgets: plots and coloured-text views. Views never import pages."""
