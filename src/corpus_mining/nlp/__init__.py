"""Language-routed spaCy processing: entities, concepts, acronyms, references."""
