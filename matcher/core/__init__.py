"""The maths, pure numpy: vocabulary and features, the match likelihood, ranking, gaps."""
