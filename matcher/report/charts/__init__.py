"""The charts of a report, drawn by matplotlib and returned as SVG text to inline in HTML.

- :func:`score_chart` (:mod:`.score`): the best-matching occupations, one bar
  each, split into the parts the skill, aptitude and trait blocks contribute
  to the score (0-1).
- :func:`needs_chart` (:mod:`.needs`): a person's ratings against the
  levels a target occupation needs (0-5), one row per item; unrated items show
  the estimate used for the gaps, hatched.

:mod:`.canvas` holds what makes them fast and deterministic.
"""

from .canvas import BLOCK_COLOURS, RATING_TICKS
from .needs import needs_chart
from .score import score_chart

__all__ = ["BLOCK_COLOURS", "RATING_TICKS", "needs_chart", "score_chart"]
