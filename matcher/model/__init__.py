"""The fitted model: building it (with the moves its catalog documents), saving and trusting it,
the default one, where files live."""
