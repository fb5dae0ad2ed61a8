"""Fixtures for the bid simulator tests."""

from __future__ import annotations

import pytest
from sim_testkit import FIVERR_FILE, FREELANCER_FILE, SHIPPED

from tutor.domain.sim.scenario import Scenario
from tutor.i18n import set_language
from tutor.simulator.scenario_files import load_scenario


@pytest.fixture(autouse=True)
def _english():
    """Tests read English messages whatever the developer's language was."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return load_scenario(SHIPPED).scenario


@pytest.fixture(scope="session")
def freelancer() -> Scenario:
    return load_scenario(FREELANCER_FILE).scenario


@pytest.fixture(scope="session")
def fiverr() -> Scenario:
    return load_scenario(FIVERR_FILE).scenario
