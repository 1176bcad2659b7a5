"""What every view may use: the workspace, the one background runner, the task dialog, save
retry, accessibility, theme."""
