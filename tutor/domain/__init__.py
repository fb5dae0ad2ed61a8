"""Pure domain logic: no Textual, no I/O. Clock, randomness and storage come in as arguments."""
