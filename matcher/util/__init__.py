"""Private helpers shared by the stages.

:mod:`.atomic` writes files atomically, :mod:`.lock` keeps two runs from writing one output,
:mod:`.cells` makes CSV cells safe in a spreadsheet, :mod:`.labels` shows a name from the
input as one bounded line (and words counts), :mod:`.encoding` guesses what a file that is
not UTF-8 is, :mod:`.invisible` removes characters that show as nothing from names,
:mod:`.progress` is the one progress bar and default worker count, :mod:`.memory` the
memory settings of a batch process, :mod:`.warn` says a warning at the caller's line however
deep in matcher it arises.
"""
