"""Lambda function sources and their reproducible packaging."""
