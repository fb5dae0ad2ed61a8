"""The bid simulator around the pure engine: scenario files, the run service, display texts.

``tutor.domain.sim`` decides; this package loads scenarios from a lesson tree, keeps one
run's state, records ``sim.*`` events through a callback, and words results for screens.
No Textual here (the screens live in ``tutor.ui.screens.sim_*``).
"""
