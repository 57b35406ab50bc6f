"""Explicit conversion between the domain's attrs classes and the mapped rows."""
