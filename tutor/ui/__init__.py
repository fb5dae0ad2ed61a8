"""Textual screens: thin over the domain and the services."""
