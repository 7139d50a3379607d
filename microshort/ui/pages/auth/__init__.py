"""Sign up, log in, password reset, email confirmation."""
