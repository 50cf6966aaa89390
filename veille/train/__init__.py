"""Reproducible training of veille's learned components from the annotated corpus (`gold/`): trained on
gold/train, chosen on gold/dev, never looking at gold/test. `python -m veille.train events` or `veille train
events` rebuilds the shipped weights."""
