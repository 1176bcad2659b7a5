"""``auditor.analysis``: an inspection as DataFrames (labels, datetimes, the report's rules),
several together, the consultation and disclosure they log, encrypted files, and agreement
with the exported workbook's tables 1 to 3."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from auditor.analysis import (
    TABLES,
    AnalysisError,
    cases_assessed,
    criteria,
    read_inspection,
    read_inspections,
    referrals,
    write_table,
)
from auditor.analysis.opening import CONSULTED
from auditor.exporting.export import export_workbook
from auditor.inspection import Inspection
from db.errors import WrongPassphrase
from tests.core.analysis.conftest import EARLIER, EARLIEST, NAMES, NOW, PASSPHRASE, Files
from tests.core.analysis.inspections import LABELS, RENAMED, bundled_case_type_codes
from tests.support.start_up import loaded_at_start_up


def kinds_logged(path: Path, kind: str, passphrase: str | None = None) -> list[str]:
    with Inspection.open(path, passphrase=passphrase, read_only=True) as insp:
        return [e.detail for e in insp.log.entries(kind=kind)]


def test_one_inspection_as_tidy_tables(files: Files) -> None:
    frames = read_inspection(files.now)
    cases = frames.cases
    assert len(cases) == len(NOW) and set(cases["inspection"]) == {NAMES[0]}
    for table in TABLES:
        assert getattr(frames, table).columns[0] == "inspection"
    # labels from the framework, in its order; codes beside them
    order = [LABELS[c] for c in bundled_case_type_codes()]
    assert list(cases["case_type"].cat.categories) == order
    assert cases["case_type"].cat.ordered
    assert list(cases["overall_grade"].cat.categories) == [
        "Good",
        "Requires improvement",
        "Inadequate",
    ]
    assert (cases["case_type"] == cases["case_type_code"].map(LABELS)).all()
    graded = [s for s in NOW if s.grade]
    assert int(cases["graded"].sum()) == len(graded)
    assert int(cases["referred"].sum()) == sum(s.referred for s in NOW)
    # one reported assessment per graded case, with real UTC datetimes
    assessments = frames.assessments
    assert len(assessments) == len(graded)
    assert isinstance(assessments["updated_at"].dtype, pd.DatetimeTZDtype)
    assert set(assessments["assessor"]) == {"Invented Inspector"}
    # criteria: every applying criterion of every graded case; voice of the child as graded
    voice = frames.criteria[frames.criteria["criterion_id"] == "voice_of_child"]
    assert len(voice) == len(graded)
    assert sorted(voice["grade_code"]) == sorted(s.grade for s in graded)
    # chronology at its own times; timeliness hours as the test wrote them
    events = frames.events
    assert pd.api.types.is_datetime64_any_dtype(events["occurred_at"])
    assert len(events) == 2 * sum(1 for s in NOW if s.merlin_hours is not None)
    merlin = frames.timeliness[frames.timeliness["measure_id"] == "merlin_within_24h"]
    measured = merlin.dropna(subset=["hours"])
    assert sorted(measured["hours"]) == sorted(s.merlin_hours for s in NOW if s.merlin_hours)
    assert int(measured["within_target"].sum()) == sum(
        1 for s in NOW if s.merlin_hours is not None and s.merlin_hours <= 24
    )
    referred = frames.referrals
    assert len(referred) == sum(s.referred for s in NOW)
    assert set(referred["reason"]) == {"Child left at risk of harm"}
    assert referred["referred_back"].all() and frames.reviews.empty


def test_opening_for_analysis_is_a_consultation(files: Files) -> None:
    before = kinds_logged(files.now, "consultation")
    read_inspection(files.now)
    after = kinds_logged(files.now, "consultation")
    assert len(after) == len(before) + 1 and after[-1].startswith(CONSULTED)


def test_figure_1_and_referral_rates_as_the_guide_shows(files: Files) -> None:
    frames = read_inspection(files.now)
    graded = frames.graded
    table = pd.crosstab(graded["case_type"], graded["overall_grade"])
    by_hand = {}
    for s in NOW:
        if s.grade:
            key = (LABELS[s.case_type], s.grade)
            by_hand[key] = by_hand.get(key, 0) + 1
    codes = {
        "Good": "good",
        "Requires improvement": "requires_improvement",
        "Inadequate": "inadequate",
    }
    for label in table.index:
        for grade in table.columns:
            assert table.at[label, grade] == by_hand.get((label, codes[grade]), 0)
    rates = graded.groupby("borough")["referred"].mean()
    for borough in ("Ashvale", "Brookfield"):
        mine = [s for s in NOW if s.grade and s.borough == borough]
        assert rates[borough] == pytest.approx(sum(s.referred for s in mine) / len(mine))


def test_several_inspections_together(files: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    frames = read_inspections([files.now, files.earlier, files.earliest], passphrase=PASSPHRASE)
    assert frames.names == NAMES
    counts = frames.cases["inspection"].value_counts()
    assert dict(counts) == {NAMES[0]: len(NOW), NAMES[1]: len(EARLIER), NAMES[2]: len(EARLIEST)}
    categories = list(frames.cases["case_type"].cat.categories)
    assert categories[-1] == RENAMED and categories[:-1] == [
        LABELS[c] for c in bundled_case_type_codes()
    ]
    inadequate = (
        frames.graded.assign(bad=frames.graded["overall_grade"] == "Inadequate")
        .groupby("inspection")["bad"]
        .mean()
    )
    for name, specs in zip(NAMES, (NOW, EARLIER, EARLIEST), strict=True):
        graded = [s for s in specs if s.grade]
        share = sum(1 for s in graded if s.grade == "inadequate") / len(graded)
        assert inadequate[name] == pytest.approx(share)
    assert len(frames.only(NAMES[2]).cases) == len(EARLIEST)


def test_an_encrypted_file_needs_its_passphrase(files: Files) -> None:
    with pytest.raises(WrongPassphrase):
        read_inspection(files.earliest, passphrase="not the passphrase at all")
    frames = read_inspection(files.earliest, passphrase=PASSPHRASE)
    assert len(frames.cases) == len(EARLIEST)
    assert kinds_logged(files.earliest, "consultation", PASSPHRASE)[-1].startswith(CONSULTED)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_writing_a_table_out_is_a_disclosure(files: Files, tmp_path: Path, suffix: str) -> None:
    frames = read_inspections([files.now, files.earlier])
    table = pd.crosstab(frames.graded["inspection"], frames.graded["overall_grade"])
    out = write_table(table, tmp_path / f"table{suffix}", frames, recipient="Invented analyst")
    assert out.exists()
    if suffix == ".csv":
        back = pd.read_csv(out, index_col=0)
    else:
        back = pd.read_excel(out, index_col=0, engine="openpyxl")
    assert int(back.loc[NAMES[0]].sum()) == sum(1 for s in NOW if s.grade)
    for path in (files.now, files.earlier):
        assert any(out.name in d for d in kinds_logged(path, "disclosure"))
    # a table of times (UTC) goes to a workbook too, and a Series (a rate per borough)
    write_table(frames.assessments, tmp_path / f"times{suffix}", frames)
    rates = frames.graded.groupby("borough")["referred"].mean()
    back = write_table(rates, tmp_path / f"rates{suffix}", frames)
    read = (
        pd.read_csv
        if suffix == ".csv"
        else lambda p, **kw: pd.read_excel(p, engine="openpyxl", **kw)
    )
    assert list(read(back, index_col=0).index) == ["Ashvale", "Brookfield"]


def test_a_table_of_the_wrong_kind_is_refused_and_nothing_logged(
    files: Files, tmp_path: Path
) -> None:
    frames = read_inspection(files.now)
    before = kinds_logged(files.now, "disclosure")
    with pytest.raises(AnalysisError, match=r"\.csv or \.xlsx"):
        write_table(frames.cases, tmp_path / "cases.txt", frames)
    assert not list(tmp_path.glob("cases*")) and kinds_logged(files.now, "disclosure") == before


def _summary_tables(book_path: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Tables 1, 2 and 3 of an exported workbook, read back as rows."""
    summary = list(load_workbook(book_path)["Summary"].iter_rows(values_only=True))
    t1_end = next(i for i, r in enumerate(summary) if r[0] == "Total")
    t1 = summary[1 : t1_end + 1]
    t2_start = next(i for i, r in enumerate(summary) if r[1] == "Cases graded")
    t2 = summary[t2_start + 1 : t2_start + 1 + len(t1)]
    crit = list(load_workbook(book_path)["Criteria"].iter_rows(values_only=True))
    end = next(i for i, r in enumerate(crit) if i and r[0] is None)
    return t1, t2, crit[1:end]


@pytest.mark.parametrize("which", ["now", "demo"])
def test_the_frames_agree_with_the_exported_tables_1_to_3(
    which: str, files: Files, demo_path: Path, tmp_path: Path
) -> None:
    path = files.now if which == "now" else demo_path
    out = tmp_path / "export.xlsx"
    with Inspection.open(path) as insp:
        export_workbook(insp, out)
    t1, t2, t3 = _summary_tables(out)
    frames = read_inspection(path)
    graded = frames.graded
    # table 1 straight from the frames with pandas, then through auditor.analysis's tables
    crosstab = pd.crosstab(graded["case_type"], graded["overall_grade"]).reindex(
        index=frames.cases["case_type"].cat.categories,
        columns=frames.cases["overall_grade"].cat.categories,
        fill_value=0,
    )
    for label, *counts, total in t1[:-1]:
        assert list(crosstab.loc[label]) == counts and sum(counts) == total
    assert [r[1:] for r in t1] == [
        (*r.counts, r.total)
        for r in (*cases_assessed(frames).rows, cases_assessed(frames).total_row)
    ]
    # table 2: graded and referred back per case type
    per_type = graded.groupby("case_type", observed=False)["referred"].agg(["size", "sum"])
    for label, n, referred, *_ in t2[:-1]:
        assert (per_type.at[label, "size"], per_type.at[label, "sum"]) == (n, referred)
    assert [r[1:3] for r in t2] == [
        (r.graded, r.referred) for r in (*referrals(frames).rows, referrals(frames).total_row)
    ]
    # table 3: applicable cases and those graded below the best grade
    grades = frames.criteria.dropna(subset=["grade_code"])
    grades = grades[grades["grade_code"] != "not_applicable"]
    for title, applicable, below, *_ in t3:
        of = grades[grades["criterion"] == title]
        assert (len(of), int((of["grade_code"] != "good").sum())) == (applicable, below), title
    assert [(r[0], r[1], r[2]) for r in t3] == [
        (r.title, r.applicable, r.below_best) for r in criteria(frames).rows
    ]


def test_start_up_does_not_import_pandas() -> None:
    assert loaded_at_start_up("pandas") == []


def test_pandas_is_imported_only_by_the_analysis() -> None:
    root = Path(__file__).parents[3]
    importing = sorted(
        str(path.relative_to(root))
        for folder in ("auditor", "db", "ui")
        for path in (root / folder).rglob("*.py")
        if any(
            line.strip().startswith(("import pandas", "from pandas"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    )
    assert importing and all(p.startswith("auditor/analysis/") for p in importing), importing
