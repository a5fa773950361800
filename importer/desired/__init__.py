"""Reading the desired state: any Terraform JSON configuration (``*.tf.json``)."""
