"""A child process for tests/core/merge/test_merge_killed.py: merges one package into a target file,
saying "merging" just before the merge's transaction can begin, "merged" when it returns.

python tests/support/merge_child.py TARGET PACKAGE
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from auditor.merging.merge import merge_packages


def main() -> None:
    target, package = Path(sys.argv[1]), Path(sys.argv[2])

    def say(text: str) -> None:
        if text.startswith("Merging"):
            print("merging", flush=True)

    merge_packages(target, [package], progress=say)
    print("merged", flush=True)


if __name__ == "__main__":
    main()
