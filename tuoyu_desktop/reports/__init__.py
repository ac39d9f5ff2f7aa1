"""PDF: data → story (Flowables, named styles, fonts) → file."""
