"""One module per screen; each screen owns its flow."""
