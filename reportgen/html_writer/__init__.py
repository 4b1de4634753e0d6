"""The web edition: the memo and its news article as self-contained, accessible HTML pages."""
