"""Direct video upload (the browser PUTs the file straight to the provider URL)."""
