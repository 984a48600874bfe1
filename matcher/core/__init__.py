"""The maths: vocabulary and features, the match likelihood, ranking, questions, gaps.

NumPy, with SciPy, scikit-learn and rapidfuzz where they help (building a model, sparse
products, name look-ups); no file is read here but the built-in vocabulary's
(:meth:`~matcher.core.vocabulary.Vocabulary.from_dir`). The README's *Layout* says what
each module holds.
"""
