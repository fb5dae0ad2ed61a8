"""Lesson trees: loading Markdown lessons into the lesson model, and checking them.

Entry points: :func:`tutor.lessons.loader.load_tree` (the app),
:func:`tutor.lessons.check.check_tree` (``tutor lessons check``). Importing this package
imports nothing heavy; the CLI relies on that.
"""
