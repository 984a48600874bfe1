"""Answers for one person: recommendations and their reasons, career routes, gaps."""
