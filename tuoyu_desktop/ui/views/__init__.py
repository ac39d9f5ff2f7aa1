"""One view per area of the navigation."""
