"""The people tests' fixtures: the team's signed inspection and its keys."""

from tests.support.people import team, team_template

__all__ = ["team", "team_template"]
