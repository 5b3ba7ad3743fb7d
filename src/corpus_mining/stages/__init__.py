"""One module per ``dvc.yaml`` stage: read inputs, call the library, validate, write."""
