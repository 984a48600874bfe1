"""The maths: vocabulary and features, the match likelihood, ranking, questions, gaps.

NumPy, with SciPy, scikit-learn and rapidfuzz where they help (building a model, sparse
products, name look-ups); no file is read here (the vocabulary's files are read by
:mod:`matcher.io.vocabulary`), and nothing of a later stage is imported. The README's
*Layout* says what each module holds.
"""
