"""Stage 1: the data folder → Dataset (typed frames, county classification, every problem)."""
