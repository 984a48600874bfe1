"""Many people: score every respondent of a survey, streamed, on threads or a Dask cluster.

:mod:`.run` is the entry (``score_survey``, ``write_batch``); :mod:`.pipeline`
what a worker does with one chunk, using :mod:`.scorer`; :mod:`.engines` run
the pipeline over many chunks; :mod:`.ids` and :mod:`.output` put the results
back together in input order, duplicates removed.
"""
