"""Use cases: each takes a Session, applies the domain rules, and returns plain results."""
