"""Many people: score every respondent of a survey, streamed, on threads or a Dask cluster.

:mod:`.run` is the entry (``score_survey``, ``write_batch``); :mod:`.pipeline` what
a worker does with one chunk, using :mod:`.scorer`; :mod:`.engines` run the pipeline over
many chunks; :mod:`.ids` and :mod:`.output` put the results back together in input order,
duplicates removed; :mod:`.pair` writes the output and the rejects file as one unit,
and :mod:`.rejects_file` the rejects file's lines.
"""
