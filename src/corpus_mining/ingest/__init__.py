"""Reading documents of every format into normalised text, metadata and passages."""
