"""The programme's progress collector: API, storage, imports. Never imports Textual."""
