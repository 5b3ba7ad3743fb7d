"""The analysts' database: building it from the outputs, and read-only queries."""
