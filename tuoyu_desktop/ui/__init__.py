"""Tk only: the window, one view per area, widgets. Views call services and show results."""
