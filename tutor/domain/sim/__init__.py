"""The practice bid simulator: a pure engine (issue 5).

A trainee reads simulated job posts, writes a proposal and sets a price; rival bidders and a
client choice model decide the result, and every decision comes back as explainable reason
codes. Nothing here does I/O or imports Textual: randomness arrives as a ``random.Random``
and the scenario (jobs, fees, exchange rate) arrives as data, so a lost bid costs nothing and
every rule is a plain test case.
"""
