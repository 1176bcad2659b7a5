"""A child process for tests/core/test_crash_safety.py: commits notes through the grading core (the
path the window's grading panel uses) and reports each one on stdout once it is committed.

python tests/support/crash_child.py DB RUN COUNT
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from auditor.inspection import Inspection


def main() -> None:
    path, run, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    inspection = Inspection.open(path)
    actor = inspection.assessor("Crash Test Inspector", "inspector")
    pairs = [
        (case_id, criterion.id)
        for case_id, case_type in ((r[0], r[2]) for r in inspection.case_list())
        for criterion in inspection.framework.criteria_for(case_type)
    ]
    print("ready", flush=True)
    for save in range(count):
        case_id, criterion_id = pairs[(run * 7919 + save) % len(pairs)]
        if save % 2:
            inspection.grading.set_note(case_id, actor, criterion_id, f"r{run}-s{save}")
        else:
            grade = ("good", "requires_improvement", "inadequate")[save % 3]
            inspection.grading.set_grade(case_id, actor, criterion_id, grade)
            inspection.grading.set_note(case_id, actor, criterion_id, f"r{run}-s{save}")
        print(f"saved r{run}-s{save}", flush=True)


if __name__ == "__main__":
    main()
