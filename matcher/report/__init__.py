"""Gap reports a person can read and a counsellor can print and hand out.

A report puts together, for one person, what :func:`~matcher.recommend`
and :func:`~matcher.gaps` find:

- who it is for, the target, when it was made;
- the best-matching occupations, a chart of their scores split by block, and
  the reasons (key items met, to work on, not rated);
- the path to the target, step by step, with the gaps of each step;
- a chart of the person's aptitudes and traits against what the target needs;
- the learning plan, in order.

It is written as self-contained HTML (no script, no network: styles and SVG
charts inline, a Content-Security-Policy that forbids loading anything) with
an A4 print stylesheet, and as Markdown with the same sections (tables instead
of charts). Every piece of text that comes from the input or a catalog is
escaped: by Jinja2's autoescape in HTML, by
:func:`~matcher.report.render.markdown_escape` in Markdown.

Batches. :func:`~matcher.write_reports` makes one report per respondent in parallel
processes (progress bar on a terminal) plus an ``index.html`` listing every
report and every rejected row with its reason; rejected rows also go to
``rejects.csv``. File names come from respondent ids through
:func:`~matcher.report.stems.report_stem`: safe characters only, plus a hash
of the id, so two ids never share a file. Every file is written atomically. Apart from the
timestamp, the same input gives byte-identical files, however many processes.

The modules: :mod:`.build` computes a :class:`~.build.Report`, :mod:`.context`
formats it once for the templates, :mod:`.render` renders it (Jinja2 templates
in ``templates/``, charts from :mod:`.charts`), :mod:`.files` writes reports,
batches of them and their index, named by :mod:`.stems`; :mod:`.rejects` lists the
rows that got no report.
"""
