"""Mail (through an outbox and a job) and in-app notices."""
