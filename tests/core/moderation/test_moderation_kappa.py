"""Exact agreement and Cohen's kappa, checked against examples worked by hand.

Scale order G < R < I (Good, Requires improvement, Inadequate). Linear disagreement weights on
three points: 0 on the diagonal, 1/2 for neighbours (G-R, R-I), 1 for G-I.
"""

from __future__ import annotations

import pytest

from auditor.moderation.agreement import (
    NO_PAIRS,
    ONE_GRADE,
    agreement,
    agreement_of_matrix,
    confusion_matrix,
    shown,
)

G, R, I = "good", "requires_improvement", "inadequate"  # noqa: E741 (the scale's initials)
SCALE = (G, R, I)


def pairs_from(matrix: list[list[int]]) -> list[tuple[str, str]]:
    """Pairs (first, second) laid out as the matrix says (row = first grader)."""
    return [(SCALE[i], SCALE[j]) for i in range(3) for j in range(3) for _ in range(matrix[i][j])]


def test_first_worked_example_unweighted_and_weighted() -> None:
    # Ten cases. Rows: first grader; columns: second grader.
    #          G  R  I   | row total
    #    G  [  4, 1, 0 ] | 5
    #    R  [  1, 2, 1 ] | 4
    #    I  [  0, 0, 1 ] | 1
    #  col     5  3  2     n = 10
    # Observed agreement p_o = (4 + 2 + 1) / 10 = 0.7.
    # Chance agreement p_e = (5*5 + 4*3 + 1*2) / 100 = 39/100 = 0.39.
    # kappa = (0.7 - 0.39) / (1 - 0.39) = 0.31 / 0.61 = 31/61 ≈ 0.5082.
    # Weighted: observed disagreement = (G,R) 1*1/2 + (R,G) 1*1/2 + (R,I) 1*1/2 = 1.5 → 0.15.
    # Expected disagreement = sum w * row * col / 100:
    #   (G,R) 5*3/2 = 7.5, (G,I) 5*2*1 = 10, (R,G) 4*5/2 = 10, (R,I) 4*2/2 = 4,
    #   (I,G) 1*5*1 = 5, (I,R) 1*3/2 = 1.5 → 38 / 100 = 0.38.
    # weighted kappa = 1 - 0.15 / 0.38 = 23/38 ≈ 0.6053.
    matrix = [[4, 1, 0], [1, 2, 1], [0, 0, 1]]
    pairs = pairs_from(matrix)
    assert confusion_matrix(pairs, SCALE) == matrix
    result = agreement(pairs, SCALE)
    assert (result.n, result.agreed) == (10, 7)
    assert result.percent == pytest.approx(70.0)
    assert result.kappa == pytest.approx(31 / 61)
    assert result.weighted_kappa == pytest.approx(23 / 38)
    assert shown(result.kappa) == "0.51"
    assert shown(result.weighted_kappa) == "0.61"


def test_second_worked_example_far_disagreements_weigh_more() -> None:
    # Eight cases; the two disagreements are Good against Inadequate (weight 1 each).
    #          G  R  I   | row
    #    G  [  2, 0, 1 ] | 3
    #    R  [  0, 2, 0 ] | 2
    #    I  [  1, 0, 2 ] | 3
    #  col     3  2  3     n = 8
    # p_o = 6/8 = 0.75; p_e = (9 + 4 + 9) / 64 = 22/64.
    # kappa = (48/64 - 22/64) / (42/64) = 26/42 = 13/21 ≈ 0.6190.
    # Weighted: observed disagreement = (1 + 1) / 8 = 16/64.
    # Expected = [(G,R) 3*2/2 + (G,I) 3*3 + (R,G) 2*3/2 + (R,I) 2*3/2 + (I,G) 3*3 + (I,R) 3*2/2]
    #          / 64 = (3 + 9 + 3 + 3 + 9 + 3) / 64 = 30/64.
    # weighted kappa = 1 - 16/30 = 14/30 = 7/15 ≈ 0.4667: lower than unweighted, because each
    # disagreement is two steps apart.
    result = agreement(pairs_from([[2, 0, 1], [0, 2, 0], [1, 0, 2]]), SCALE)
    assert (result.n, result.agreed) == (8, 6)
    assert result.kappa == pytest.approx(13 / 21)
    assert result.weighted_kappa == pytest.approx(7 / 15)


def test_perfect_agreement_over_several_grades_is_one() -> None:
    # p_o = 1; p_e = (2*2 + 1*1 + 1*1) / 16 = 6/16 < 1, so kappa = (1 - 6/16) / (1 - 6/16) = 1.
    # No disagreement is observed, so weighted kappa = 1 - 0 / expected = 1.
    result = agreement([(G, G), (R, R), (I, I), (G, G)], SCALE)
    assert result.percent == pytest.approx(100.0)
    assert result.kappa == pytest.approx(1.0)
    assert result.weighted_kappa == pytest.approx(1.0)
    assert result.why_undefined == ""


def test_a_single_grade_used_by_both_leaves_kappa_undefined() -> None:
    # Both graders said Good five times: p_o = 1 and p_e = 1*1 = 1, so kappa = 0/0.
    # Decision: kappa is undefined (None, shown "n/a" with the reason); agreement is 100%.
    result = agreement([(G, G)] * 5, SCALE)
    assert (result.n, result.agreed, result.percent) == (5, 5, 100.0)
    assert result.kappa is None and result.weighted_kappa is None
    assert result.why_undefined == ONE_GRADE
    assert shown(result.kappa) == "n/a"


def test_a_single_grade_used_by_one_grader_gives_zero() -> None:
    # First always Good; second Good, Good, RI. p_o = 2/3; p_e = 1 * 2/3 = 2/3 → kappa = 0.
    # Weighted: observed disagreement (G,R) 1/2 over 3 = 1/6; expected = 1 * 1/3 * 1/2 = 1/6
    # → weighted kappa = 1 - 1 = 0. Agreement no better than chance.
    result = agreement([(G, G), (G, G), (G, R)], SCALE)
    assert result.kappa == pytest.approx(0.0)
    assert result.weighted_kappa == pytest.approx(0.0)


def test_complete_disagreement_between_the_extremes_is_negative() -> None:
    # Two cases: (G, I) and (I, G). p_o = 0; rows G 1/2, I 1/2; cols G 1/2, I 1/2;
    # p_e = 1/4 + 1/4 = 1/2 → kappa = (0 - 1/2) / (1/2) = -1.
    # Weighted: observed = 1 (both weight 1); expected = (G,I) 1/4 + (I,G) 1/4 = 1/2
    # → 1 - 1 / (1/2) = -1.
    result = agreement([(G, I), (I, G)], SCALE)
    assert result.kappa == pytest.approx(-1.0)
    assert result.weighted_kappa == pytest.approx(-1.0)


def test_no_pairs() -> None:
    result = agreement([], SCALE)
    assert (result.n, result.percent, result.kappa) == (0, None, None)
    assert result.why_undefined == NO_PAIRS


def test_a_grade_off_the_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="not_applicable"):
        agreement([(G, "not_applicable")], SCALE)


def test_the_matrix_form_gives_the_same_figures() -> None:
    matrix = [[4, 1, 0], [1, 2, 1], [0, 0, 1]]
    assert agreement_of_matrix(matrix) == agreement(pairs_from(matrix), SCALE)
