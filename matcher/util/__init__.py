"""Private helpers shared by the stages: atomic writes, safe spreadsheet cells, progress."""
