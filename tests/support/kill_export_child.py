"""A child process for tests/core/test_kill_mid_export.py: writes the workbook or the package of an
inspection to OUT again and again (each one replacing the last), until it is killed.

python tests/support/kill_export_child.py DB OUT export|package
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from auditor.exporting.export import export_workbook
from auditor.inspection import Inspection
from auditor.merging.package import write_package


def main() -> None:
    path, out, kind = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    inspection = Inspection.open(path)
    print("ready", flush=True)
    written = 0
    while True:
        if kind == "export":
            export_workbook(inspection, out)
        else:
            write_package(inspection, out)
        written += 1
        print(f"wrote {written}", flush=True)


if __name__ == "__main__":
    main()
