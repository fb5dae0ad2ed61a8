"""Every i18n test starts in English with the tutor reordering Urdu itself ("app")."""

from __future__ import annotations

import pytest

from tutor.i18n import set_language
from tutor.i18n.rtl_mode import set_rtl_mode


@pytest.fixture(autouse=True)
def _english_app_mode():
    set_language("en")
    set_rtl_mode("app")
    yield
    set_language("en")
    set_rtl_mode("app")
