"""Quality measurements on gold or synthetic data. Used by the quality-gate tests and runnable as scripts."""
