"""One construct per concern; each receives its configuration and collaborators explicitly."""
