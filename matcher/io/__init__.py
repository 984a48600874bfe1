"""Documents and surveys in: job profiles, catalogs, self-assessments, O*NET, survey files."""
