"""The fitted model: building it, saving and trusting it, the default one, where files live."""
