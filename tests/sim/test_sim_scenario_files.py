"""Scenario files: the shipped one loads; broken, garbage and hostile ones are refused clearly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from sim_testkit import SHIPPED

from tutor.domain.sim.scenario_parse import ScenarioError, scenario_from_dict
from tutor.simulator.scenario_files import (
    MAX_FILE_BYTES,
    ScenarioFileError,
    load_scenario,
    load_scenarios,
    scenario_paths,
)


def shipped_data() -> dict:
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def write_tree(tmp_path: Path, name: str, text: str | bytes) -> Path:
    folder = tmp_path / "simulator"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_shipped_scenario_loads_with_dated_fees_and_rate(scenario) -> None:
    assert scenario.platform.style == "upwork"
    assert scenario.fees.platform_pct == Decimal("10")
    assert scenario.fees.withdrawal_usd == Decimal("0.99")
    assert scenario.fees.as_of == "2023-05-03"
    assert scenario.exchange.usd_pkr == Decimal("280.00")
    assert {s.scam_kind for s in scenario.scams} == {
        "off_platform",
        "free_test",
        "overpayment",
        "account_rent",
        "too_good",
    }
    assert scenario.platform.connects_for(30) == 2
    assert scenario.platform.connects_for(500) == 4
    assert scenario.platform.connects_for(5000) == 8


def test_scenario_paths_lists_only_yaml_files(tmp_path: Path) -> None:
    write_tree(tmp_path, "b.yaml", "x: 1")
    write_tree(tmp_path, "a.yml", "x: 1")
    write_tree(tmp_path, "notes.txt", "x")
    assert [p.name for p in scenario_paths(tmp_path)] == ["a.yml", "b.yaml"]
    assert scenario_paths(tmp_path / "missing") == []


def test_missing_key_names_the_key_path_and_line(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("  shortlist: 6", "  shortlist_x: 6")
    path = write_tree(tmp_path, "s.yaml", text)
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    err = info.value
    assert "shortlist" in err.message and "platform" in err.message
    platform_line = text.splitlines().index("platform:") + 1
    assert err.line == platform_line
    assert str(err).startswith(f"{path}:{platform_line}:")


def test_wrong_type_points_at_its_own_line(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("budget: [20, 45]", "budget: [20, lots]")
    path = write_tree(tmp_path, "s.yaml", text)
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    expected = next(i for i, ln in enumerate(text.splitlines(), 1) if "[20, lots]" in ln)
    assert info.value.line == expected
    assert "jobs[0].budget[1]" in info.value.message
    assert "number" in info.value.message


def test_not_yaml_reports_line(tmp_path: Path) -> None:
    path = write_tree(tmp_path, "s.yaml", "format: 1\nid: [unclosed\n  title: x\n")
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    assert "not valid YAML" in info.value.message
    assert info.value.line is not None


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = write_tree(tmp_path, "s.yaml", bytes(range(256)) * 4)
    with pytest.raises(ScenarioFileError, match="UTF-8"):
        load_scenario(path)


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    path = write_tree(tmp_path, "s.yaml", bomb)
    with pytest.raises(ScenarioFileError, match="aliases"):
        load_scenario(path)


@pytest.mark.parametrize(
    "text",
    ["[" * 200_000 + "]" * 200_000, "- " * 100_000 + "x\n", "{a: " * 50_000 + "1" + "}" * 50_000],
)
def test_deep_nesting_is_refused(tmp_path: Path, text: str) -> None:
    path = write_tree(tmp_path, "s.yaml", text)
    with pytest.raises(ScenarioFileError, match="nested too deeply"):
        load_scenario(path)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write_tree(tmp_path, "s.yaml", "# " + "x" * MAX_FILE_BYTES)
    with pytest.raises(ScenarioFileError, match="too large"):
        load_scenario(path)


def test_empty_file_and_plain_list_are_refused(tmp_path: Path) -> None:
    for text in ("", "- 1\n- 2\n"):
        path = write_tree(tmp_path, "s.yaml", text)
        with pytest.raises(ScenarioFileError, match="mapping"):
            load_scenario(path)


def test_bad_files_do_not_stop_good_ones(tmp_path: Path) -> None:
    write_tree(tmp_path, "a-good.yaml", SHIPPED.read_text(encoding="utf-8"))
    write_tree(tmp_path, "b-bad.yaml", "format: 2\n")
    loaded, errors = load_scenarios(tmp_path)
    assert [item.path.name for item in loaded] == ["a-good.yaml"]
    assert [err.path.name for err in errors] == ["b-bad.yaml"]
    assert "format 1" in errors[0].message


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["jobs"][0].update(category="astrology"), "category"),
        (lambda d: d["jobs"][0].update(pay="barter"), "'pay'"),
        (lambda d: d["jobs"][0].update(budget=[50, 10]), "larger"),
        (lambda d: d["jobs"][0].update(budget=[-5, 10]), "between"),
        (lambda d: d["jobs"][0].update(id="Bad Id!"), "id"),
        (lambda d: d["scams"][0].update(kind="phishing"), "scam kind"),
        (lambda d: d["scams"][0].update(red_flags=["nice-client"]), "red flag"),
        (lambda d: d["categories"][0].update(competition="insane"), "Competition"),
        (lambda d: d["fees"].update(platform_pct=float("nan")), "number"),
        (lambda d: d["fees"].update(platform_pct=True), "number"),
        (lambda d: d["exchange"].update(usd_pkr=0), "between"),
        (lambda d: d["jobs"].append(dict(d["jobs"][0])), "twice"),
        (
            lambda d: d["rivals"].__setitem__(slice(None), [dict(r, share=0) for r in d["rivals"]]),
            "share",
        ),
        (lambda d: d["jobs"][0].update(description="x" * 5000), "longer"),
        (lambda d: d["platform"].update(style="myspace"), "upwork"),
    ],
)
def test_bad_values_are_refused_with_a_reason(change, fragment: str) -> None:
    data = shipped_data()
    change(data)
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    assert fragment in info.value.message or fragment in info.value.where()


def test_error_path_renders_like_code() -> None:
    err = ScenarioError(("jobs", 3, "budget", "max"), "x")
    assert err.where() == "jobs[3].budget.max"


def test_earlier_tree_wins_for_the_same_scenario_id(tmp_path: Path) -> None:
    from tutor.simulator.scenario_files import load_scenarios_from

    pack = tmp_path / "pack"
    text = SHIPPED.read_text(encoding="utf-8").replace("usd_pkr: 280.00", "usd_pkr: 300.00")
    write_tree(pack, "market.yaml", text)
    write_tree(pack, "broken.yaml", "format: [")
    loaded, errors = load_scenarios_from([pack, SHIPPED.parents[1]])
    ids = [item.scenario.id for item in loaded]
    assert ids.count("upwork-style-market") == 1 and len(ids) == len(set(ids))
    assert loaded[0].scenario.exchange.usd_pkr == Decimal("300.00")
    assert [e.path.name for e in errors] == ["broken.yaml"]
