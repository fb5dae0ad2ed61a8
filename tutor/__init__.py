"""tutor: an offline-first terminal tutor for new freelancers in Pakistan."""

__version__ = "0.1.0"
