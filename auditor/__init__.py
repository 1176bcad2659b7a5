"""Case File Auditor's application core: domain, framework, grading, timeliness, commands.

Never imports Qt, so it runs in a test or on a server with no display.
"""

__version__ = "0.1.0"

import db  # noqa: F401  (first: imports sqlite-utils without pandas)
